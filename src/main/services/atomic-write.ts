// Write a file whole or not at all: temp file in the same folder → write → fsync → (copy the old file to
// NAME.bak) → rename over the target → fsync the folder. On any failure the old file is untouched. A
// symbolic link stays a link: the file it points to is the one replaced (docs/electron.md). Stale temp files
// of killed writes to the same target are removed first (src/shared/io/temp-files.ts says which).
import { lstatSync, readdirSync, rmSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { isStaleTemp, parseTempName, tempNameFor } from '../../shared/io/temp-files';

/** The file-system calls the writer makes, replaceable in tests to fail at a chosen step. */
export interface AtomicFsOps {
  open: (path: string, flags: string, mode?: number) => Promise<{
    writeFile(data: string | Uint8Array, encoding?: 'utf8'): Promise<void>;
    sync(): Promise<void>;
    close(): Promise<void>;
  }>;
  rename: (from: string, to: string) => Promise<void>;
  copyFile: (from: string, to: string) => Promise<void>;
  rm: (path: string, opts: { force: true }) => Promise<void>;
  stat: (path: string) => Promise<{ mode: number; isFile(): boolean }>;
}

export const realFsOps: AtomicFsOps = {
  open: (p, flags, mode) => fsp.open(p, flags, mode),
  rename: fsp.rename,
  copyFile: fsp.copyFile,
  rm: fsp.rm,
  stat: fsp.stat,
};

export interface AtomicWriteOptions {
  /** Keep the file being replaced as `NAME.bak` beside it (documents: yes; app state: no). */
  backup?: boolean;
  ops?: AtomicFsOps;
}

export const backupPathFor = (path: string): string => `${path}.bak`;

/** The file `path` names after following symbolic links (it may not exist yet). */
export async function linkTarget(path: string): Promise<string> {
  let p = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    const st = await fsp.lstat(p).catch(() => null);
    if (!st?.isSymbolicLink()) return p;
    p = resolve(dirname(p), await fsp.readlink(p));
  }
  throw new Error(`${path}: too many levels of symbolic links`);
}

/** Whether a process with this pid runs on this machine (EPERM: it runs as another user). */
function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** Remove our stale temp files for `base` in `dir`; returns their names. Failures are not the write's. */
export async function cleanStaleTemps(dir: string, base: string, now = Date.now()): Promise<string[]> {
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const t = parseTempName(base, name);
    if (!t) continue;
    const st = await fsp.lstat(join(dir, name)).catch(() => null);
    if (!st?.isFile() || !isStaleTemp(t, now - st.mtimeMs, pidAlive)) continue;
    await fsp.rm(join(dir, name), { force: true }).then(() => removed.push(name), () => undefined);
  }
  return removed;
}

/** The same, synchronously, for writers that must finish before the app quits (window-state.ts). */
export function cleanStaleTempsSync(dir: string, base: string, now = Date.now()): string[] {
  let names: string[];
  try { names = readdirSync(dir); } catch { return []; }
  const removed: string[] = [];
  for (const name of names) {
    const t = parseTempName(base, name);
    if (!t) continue;
    let st;
    try { st = lstatSync(join(dir, name)); } catch { continue; }
    if (!st.isFile() || !isStaleTemp(t, now - st.mtimeMs, pidAlive)) continue;
    try { rmSync(join(dir, name), { force: true }); removed.push(name); } catch { /* not the write's failure */ }
  }
  return removed;
}

export async function writeFileAtomic(linkOrPath: string, text: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  const ops = opts.ops ?? realFsOps;
  const path = await linkTarget(linkOrPath);
  const dir = dirname(path);
  await cleanStaleTemps(dir, basename(path));
  const tmp = join(dir, tempNameFor(basename(path), process.pid, randomBytes(6).toString('hex')));
  const existing = await ops.stat(path).catch(() => null);
  if (existing && !existing.isFile()) throw new Error(`${path} is not a regular file`);
  let bakTmp: string | null = null;
  try {
    // 'wx': never follow a planted file or link at the temp name. Keep the old file's permissions.
    const fh = await ops.open(tmp, 'wx', existing ? existing.mode & 0o777 : 0o666);
    try {
      await (typeof text === 'string' ? fh.writeFile(text, 'utf8') : fh.writeFile(text));
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (existing && opts.backup) {
      // Copy (not rename) so the target exists at every instant; the .bak itself is replaced atomically.
      bakTmp = `${tmp}.bak`;
      await ops.copyFile(path, bakTmp);
      await ops.rename(bakTmp, backupPathFor(path));
      bakTmp = null;
    }
    await ops.rename(tmp, path);
  } catch (e) {
    await ops.rm(tmp, { force: true }).catch(() => undefined);
    if (bakTmp) await ops.rm(bakTmp, { force: true }).catch(() => undefined);
    throw e;
  }
  await syncDir(dir);
}

/** Make the rename itself durable. Folders cannot be opened for fsync on Windows: that is not an error. */
async function syncDir(dir: string): Promise<void> {
  let fh: fsp.FileHandle | null = null;
  try {
    fh = await fsp.open(dir, 'r');
    await fh.sync();
  } catch {
    // EISDIR/EPERM/EINVAL on some platforms and file systems; the data itself was already fsynced.
  } finally {
    await fh?.close().catch(() => undefined);
  }
}
