// Read a file with a size cap that holds while reading: open, fstat the open file, read at most cap + 1
// bytes. (Checking the size with stat and then reading separately lets a file that grows in between through.)
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** The file's text; throws for a non-file ("not a file") or one over `maxBytes` ("… the limit is N"). */
export async function readTextCapped(path: string, maxBytes: number): Promise<string> {
  return (await readBytesCapped(path, maxBytes)).toString('utf8');
}

/** readTextCapped for a binary file (a `.nir` import): the bytes. */
export async function readBytesCapped(path: string, maxBytes: number): Promise<Buffer> {
  // O_NONBLOCK: opening a FIFO must not wait for a writer (the fstat below then refuses it). Not on Windows.
  const fh = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new Error('it is not a file');
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(maxBytes + 1 - total, 1 << 24);
      if (want <= 0) break;
      const buf = Buffer.allocUnsafe(want);
      const { bytesRead } = await fh.read(buf, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
    }
    if (total > maxBytes) throw new Error(`it is more than ${maxBytes} bytes; the limit is ${maxBytes}`);
    return Buffer.concat(chunks, total);
  } finally {
    await fh.close();
  }
}
