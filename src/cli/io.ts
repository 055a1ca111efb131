// What commands read and write: streams (replaceable in tests), and files written whole or not at all.
import { mkdirSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync, rmSync, fstatSync, readSync, constants } from 'node:fs';
import { dirname, resolve, basename, join } from 'node:path';
import { CliError, invalidInput } from './exit';
import { DOCUMENT_MAX_CHARS } from '../shared/graph';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal (progress bars) rather than a file or pipe (plain lines). */
  isTTY: boolean;
  cwd: string;
}

export const processIo = (): CliIo => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY),
  cwd: process.cwd(),
});

/** Write `text` to `path` atomically: a temp file beside it, fsync, rename. Never leaves half a file. */
export function writeFileAtomic(path: string, text: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, text);
    const fd = openSync(tmp, 'r');
    try { fsyncSync(fd); } finally { closeSync(fd); }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * The most the command reads of one input file (docs/cli.md, "Input files"): the document limit
 * (DOCUMENT_MAX_CHARS, 256 MiB), so no file the app would refuse is read whole first.
 */
export const MAX_INPUT_BYTES = DOCUMENT_MAX_CHARS;

/**
 * Read an input file as UTF-8, refusing (exit 3, one line) what is not a regular file — a folder, a device
 * such as /dev/zero, a FIFO, a socket — and files over `maxBytes`, before reading them. The file is opened
 * non-blocking so a FIFO with no writer cannot hang the command, and read with a cap so a file that grows
 * while being read is refused too.
 */
export function readTextFile(io: CliIo, path: string, what: string, maxBytes = MAX_INPUT_BYTES): { text: string; absPath: string } {
  const absPath = resolve(io.cwd, path);
  const refuse = (why: string) => invalidInput(`${path}: cannot read the ${what}: ${why}`);
  let fd: number;
  try {
    fd = openSync(absPath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw refuse(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw refuse('it is a folder');
    if (!st.isFile()) {
      const kind = st.isFIFO() ? 'a FIFO (named pipe)' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : 'a special file';
      throw refuse(`it is ${kind}, not a regular file`);
    }
    const tooLarge = () => refuse(`it is larger than the limit of ${maxBytes} bytes${maxBytes >= 2 ** 20 ? ` (${Math.round(maxBytes / 2 ** 20)} MiB)` : ''}`);
    if (st.size > maxBytes) throw tooLarge();
    // One byte more than the limit tells a file that grew past it from one that ends at it.
    let buf = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1), n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > maxBytes) throw tooLarge();
        const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, 2 * n));
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    return { text: buf.toString('utf8', 0, n), absPath };
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw refuse((e as Error).message);
  } finally {
    closeSync(fd);
  }
}
