import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile, chmod, stat, mkdir, symlink, lstat, readlink, utimes } from 'node:fs/promises';
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { backupPathFor, cleanStaleTemps, realFsOps, writeFileAtomic, type AtomicFsOps } from './atomic-write';
import { tempNameFor } from '../../shared/io/temp-files';
import { makeTempDir } from './test-helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });

describe('writeFileAtomic', () => {
  it('creates a new file with the text and leaves no temp file or backup', async () => {
    const p = join(dir, 'a.snn.json');
    await writeFileAtomic(p, 'hello', { backup: true });
    expect(await readFile(p, 'utf8')).toBe('hello');
    expect(await readdir(dir)).toEqual(['a.snn.json']);
  });

  it('replaces an existing file and keeps the previous version as NAME.bak', async () => {
    const p = join(dir, 'a.snn.json');
    await writeFile(p, 'v1');
    await writeFileAtomic(p, 'v2', { backup: true });
    expect(await readFile(p, 'utf8')).toBe('v2');
    expect(await readFile(backupPathFor(p), 'utf8')).toBe('v1');
    await writeFileAtomic(p, 'v3', { backup: true });
    expect(await readFile(backupPathFor(p), 'utf8')).toBe('v2');
    expect((await readdir(dir)).sort()).toEqual(['a.snn.json', 'a.snn.json.bak']);
  });

  it('makes no backup when not asked to', async () => {
    const p = join(dir, 'state.json');
    await writeFile(p, 'old');
    await writeFileAtomic(p, 'new');
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('keeps the permissions of the file it replaces', async () => {
    if (process.platform === 'win32') return;
    const p = join(dir, 'a.json');
    await writeFile(p, 'old');
    await chmod(p, 0o600);
    await writeFileAtomic(p, 'new');
    expect((await stat(p)).mode & 0o777).toBe(0o600);
  });

  it('leaves the old file intact and no temp file when the disk fills midway through the write', async () => {
    const p = join(dir, 'a.snn.json');
    await writeFile(p, 'the precious old version');
    const ops: AtomicFsOps = {
      ...realFsOps,
      open: async (path, flags, mode) => {
        const fh = await fsp.open(path, flags, mode);
        return {
          // Write half of the text for real, then fail like a full disk.
          writeFile: async (data) => { await fh.writeFile(data.slice(0, data.length / 2)); throw enospc(); },
          sync: () => fh.sync(),
          close: () => fh.close(),
        };
      },
    };
    await expect(writeFileAtomic(p, 'x'.repeat(10_000), { backup: true, ops })).rejects.toThrow(/ENOSPC/);
    expect(await readFile(p, 'utf8')).toBe('the precious old version');
    expect(await readdir(dir)).toEqual(['a.snn.json']);
  });

  it('leaves the old file intact when fsync fails', async () => {
    const p = join(dir, 'a.snn.json');
    await writeFile(p, 'old');
    const ops: AtomicFsOps = {
      ...realFsOps,
      open: async (path, flags, mode) => {
        const fh = await fsp.open(path, flags, mode);
        return { writeFile: (d) => fh.writeFile(d, 'utf8'), sync: async () => { throw Object.assign(new Error('EIO'), { code: 'EIO' }); }, close: () => fh.close() };
      },
    };
    await expect(writeFileAtomic(p, 'new', { ops })).rejects.toThrow('EIO');
    expect(await readFile(p, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['a.snn.json']);
  });

  it('leaves the old file and its old backup intact when the final rename fails', async () => {
    const p = join(dir, 'a.snn.json');
    await writeFile(p, 'v2');
    await writeFile(backupPathFor(p), 'v1');
    const ops: AtomicFsOps = {
      ...realFsOps,
      rename: async (from, to) => {
        if (to === p) throw Object.assign(new Error('EXDEV: rename failed'), { code: 'EXDEV' });
        return realFsOps.rename(from, to);
      },
    };
    await expect(writeFileAtomic(p, 'v3', { backup: true, ops })).rejects.toThrow('EXDEV');
    expect(await readFile(p, 'utf8')).toBe('v2');
    // The backup step ran before the failure and holds the current version: nothing was lost.
    expect(await readFile(backupPathFor(p), 'utf8')).toBe('v2');
    expect((await readdir(dir)).sort()).toEqual(['a.snn.json', 'a.snn.json.bak']);
  });

  it('refuses to replace a folder', async () => {
    await expect(writeFileAtomic(dir, 'x')).rejects.toThrow(/not a regular file/);
  });

  it('fails (and writes nothing) when the folder does not exist', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'a.json'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps a symbolic link to a document a link: the file it points to is replaced, its .bak beside it', async () => {
    await mkdir(join(dir, 'real'));
    const target = join(dir, 'real', 'net.snn.json');
    await writeFile(target, 'v1');
    await symlink(join('real', 'net.snn.json'), join(dir, 'link.snn.json'));
    await writeFileAtomic(join(dir, 'link.snn.json'), 'v2', { backup: true });
    expect((await lstat(join(dir, 'link.snn.json'))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(dir, 'link.snn.json'))).toBe(join('real', 'net.snn.json'));
    expect(await readFile(target, 'utf8')).toBe('v2');
    expect((await readdir(join(dir, 'real'))).sort()).toEqual(['net.snn.json', 'net.snn.json.bak']);
    expect((await readdir(dir)).sort()).toEqual(['link.snn.json', 'real']);
  });

  it('removes stale temp files of killed writes to the same target: dead writer or older than 10 minutes', async () => {
    const p = join(dir, 'a.snn.json');
    const deadPid = 2 ** 31 - 2; // above Linux's pid_max: no such process
    const dead = tempNameFor('a.snn.json', deadPid, 'aaaaaaaaaaaa');
    const live = tempNameFor('a.snn.json', process.pid, 'bbbbbbbbbbbb');
    const old = '.a.snn.json.cccccccccccc.tmp'; // the earlier writer's name (no pid): only its age counts
    const young = '.a.snn.json.dddddddddddd.tmp';
    const otherTarget = tempNameFor('b.snn.json', deadPid, 'eeeeeeeeeeee');
    for (const n of [dead, live, old, young, otherTarget]) await writeFile(join(dir, n), 'x');
    const past = new Date(Date.now() - 11 * 60_000);
    await utimes(join(dir, old), past, past);
    await writeFileAtomic(p, 'v1');
    expect((await readdir(dir)).sort()).toEqual(['a.snn.json', live, young, otherTarget].sort());
    expect(await cleanStaleTemps(dir, 'a.snn.json')).toEqual([]);
  });
});
