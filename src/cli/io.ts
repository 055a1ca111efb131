// What commands read and write: streams (replaceable in tests), and files written whole or not at all.
import {
  closeSync, constants, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readlinkSync, readSync,
  realpathSync, renameSync, rmSync, statSync, writeSync, type Stats,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, resolve, basename, join } from 'node:path';
import { isStaleTemp, parseTempName, tempNameFor } from '../shared/io/temp-files';
import { DOCUMENT_MAX_CHARS } from '../shared/graph';
import { CliError, invalidInput, usageError } from './exit';

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

/** `--out -` (or no --out) means stdout. */
export const STDOUT = '-';

/** A file a command reads or writes, and the option (or argument) that named it, for messages. */
export interface NamedPath { option: string; path: string }

/** Follow symbolic links from `abs` to the path they finally name (which may not exist yet). */
function finalTarget(abs: string): string {
  let p = abs;
  for (let hops = 0; hops < 40; hops++) {
    let st;
    try { st = lstatSync(p); } catch { return p; }
    if (!st.isSymbolicLink()) return p;
    p = resolve(dirname(p), readlinkSync(p));
  }
  throw usageError(`${abs}: too many levels of symbolic links`);
}

/** Same file ⇔ same device + inode; a file that does not exist yet is its folder's real path + its name. */
function fileKey(abs: string): string {
  try {
    const s = statSync(abs);
    return `ino:${s.dev}:${s.ino}`;
  } catch {
    const target = finalTarget(abs);
    try { return `path:${join(realpathSync(dirname(target)), basename(target))}`; } catch { return `path:${target}`; }
  }
}

function kindOf(st: Stats): string {
  return st.isDirectory() ? 'a folder' : st.isFIFO() ? 'a FIFO' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : 'not a regular file';
}

/**
 * The file an output option will actually replace: `abs` itself, or with `followLinks` the file its link
 * points to. Refused (exit 2): a symbolic link without `followLinks`, and anything that is not a regular
 * file (folder, device, FIFO, socket) — the rule of docs/cli.md "Output files".
 */
export function outputTarget(option: string, abs: string, followLinks: boolean): string {
  let st;
  try { st = lstatSync(abs); } catch { return abs; }
  let target = abs;
  if (st.isSymbolicLink()) {
    if (!followLinks) throw usageError(`${option} ${abs}: is a symbolic link; refusing to replace it (pass --follow-links to write the file it points to)`);
    target = finalTarget(abs);
    try { st = lstatSync(target); } catch { return target; }
  }
  if (!st.isFile()) throw usageError(`${option} ${abs}: is ${kindOf(st)}, not a regular file; refusing to replace it${option === '--out' ? ' (--out - writes to stdout)' : ''}`);
  return target;
}

/**
 * Before any work: every output must be writable under the rule (outputTarget), differ from every input
 * (same device + inode, or for a new file the same real folder and name) and from every other output.
 * `-` (stdout) is skipped. `sameOk` lists [output option, input option] pairs that may name one file
 * (train's --checkpoint continuing the --resume checkpoint).
 */
export function checkOutputs(io: CliIo, inputs: NamedPath[], outputs: NamedPath[], followLinks: boolean, sameOk: [string, string][] = []): void {
  const inKeys = inputs.map((i) => ({ ...i, key: fileKey(resolve(io.cwd, i.path)) }));
  const seen: (NamedPath & { key: string })[] = [];
  for (const o of outputs) {
    if (o.path === STDOUT) continue;
    const abs = resolve(io.cwd, o.path);
    outputTarget(o.option, abs, followLinks);
    const key = fileKey(abs);
    for (const i of inKeys) {
      if (i.key !== key || sameOk.some(([a, b]) => a === o.option && b === i.option)) continue;
      throw usageError(`${o.option} ${o.path} is the same file as the ${i.option} ${i.path}; refusing to overwrite an input (choose another output file)`);
    }
    const twin = seen.find((s) => s.key === key);
    if (twin) throw usageError(`${o.option} ${o.path} is the same file as ${twin.option} ${twin.path}; give each output its own file`);
    seen.push({ ...o, key });
  }
}

/** Remove our stale temp files for `base` in `dir` (src/shared/io/temp-files.ts says which and when). */
export function cleanStaleTemps(dir: string, base: string, now = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[];
  try { names = readdirSync(dir); } catch { return removed; }
  for (const name of names) {
    const t = parseTempName(base, name);
    if (!t) continue;
    const p = join(dir, name);
    try {
      const st = lstatSync(p);
      if (!st.isFile() || !isStaleTemp(t, now - st.mtimeMs, pidAlive)) continue;
      rmSync(p, { force: true });
      removed.push(name);
    } catch {
      // Gone meanwhile, or not ours to remove: the write itself goes on.
    }
  }
  return removed;
}

/** Whether a process with this pid runs on this machine (EPERM: it runs as another user). */
export function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/**
 * Write `text` to `path` atomically: a temp file in the target's folder, fsync, rename. Never leaves half a
 * file. A symbolic link is refused, or with `followLinks` its target is replaced and the link stays; anything
 * but a regular file is refused (outputTarget). Stale temp files of killed writes to the same target go first.
 */
export function writeFileAtomic(path: string, text: string, opts: { followLinks?: boolean; option?: string } = {}): void {
  writeFileAtomicWith(path, (fd) => { writeSync(fd, text); }, opts);
}

/** writeFileAtomic for output written in pieces: `write` gets the temp file's descriptor (docs/cli.md, "Limits"). */
export function writeFileAtomicWith(path: string, write: (fd: number) => void, opts: { followLinks?: boolean; option?: string } = {}): void {
  const target = outputTarget(opts.option ?? 'output', resolve(path), opts.followLinks ?? false);
  const dir = dirname(target);
  mkdirSync(dir, { recursive: true });
  cleanStaleTemps(dir, basename(target));
  const tmp = join(dir, tempNameFor(basename(target), process.pid, randomBytes(6).toString('hex')));
  let mode = 0o666;
  try { mode = statSync(target).mode & 0o777; } catch { /* a new file */ }
  try {
    // 'wx': never follow a file or link planted at the temp name.
    const fd = openSync(tmp, 'wx', mode);
    try { write(fd); fsyncSync(fd); } finally { closeSync(fd); }
    renameSync(tmp, target);
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
  const { bytes, absPath } = readInputFile(io, path, what, maxBytes);
  return { text: bytes.toString('utf8'), absPath };
}

/** readTextFile's checks and bounded read, for binary input (a `.nir` file): the bytes as read. */
export function readInputFile(io: CliIo, path: string, what: string, maxBytes = MAX_INPUT_BYTES): { bytes: Buffer; absPath: string } {
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
    return { bytes: buf.subarray(0, n), absPath };
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw refuse((e as Error).message);
  } finally {
    closeSync(fd);
  }
}

/** The option every verb with an output file takes (docs/cli.md "Output files"). */
export const FOLLOW_LINKS_OPTION = {
  'follow-links': { type: 'boolean', description: 'an output that is a symbolic link: replace the file it points to (atomically) and keep the link' },
} as const;
