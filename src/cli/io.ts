// What commands read and write: streams (replaceable in tests), and files written whole or not at all.
import { mkdirSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync, rmSync, readFileSync } from 'node:fs';
import { dirname, resolve, basename, join } from 'node:path';
import { invalidInput } from './exit';

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

export function readTextFile(io: CliIo, path: string, what: string): { text: string; absPath: string } {
  const absPath = resolve(io.cwd, path);
  try {
    return { text: readFileSync(absPath, 'utf8'), absPath };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message;
    throw invalidInput(`${path}: cannot read the ${what}: ${why}`);
  }
}
