import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile, chmod, stat } from 'node:fs/promises';
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { backupPathFor, realFsOps, writeFileAtomic, type AtomicFsOps } from './atomic-write';
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
});
