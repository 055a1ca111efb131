import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RecentFiles } from './recent-files';
import { makeTempDir } from './test-helpers';

let dir: string;
let cleanup: () => Promise<void>;
let store: string;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  store = join(dir, 'state', 'recent.json');
});
afterEach(() => cleanup());

async function files(...names: string[]): Promise<string[]> {
  const paths = names.map((n) => join(dir, n));
  for (const p of paths) await writeFile(p, '{}');
  return paths;
}

describe('RecentFiles', () => {
  it('lists newest first and persists across instances', async () => {
    const [a, b] = await files('a.snn.json', 'b.snn.json');
    const r = new RecentFiles(store, 10, false);
    await r.add(a);
    await r.add(b);
    const again = new RecentFiles(store, 10, false);
    expect((await again.list()).map((f) => f.name)).toEqual(['b.snn.json', 'a.snn.json']);
  });

  it('keeps one entry per file, moving a re-opened file to the front', async () => {
    const [a, b] = await files('a.snn.json', 'b.snn.json');
    const r = new RecentFiles(store, 10, false);
    await r.add(a);
    await r.add(b);
    await r.add(join(dir, 'x', '..', 'a.snn.json'));
    expect((await r.list()).map((f) => f.path)).toEqual([a, b]);
  });

  it('deduplicates regardless of case on case-insensitive systems', async () => {
    const [a] = await files('a.snn.json');
    const r = new RecentFiles(store, 10, true);
    await r.add(a.toUpperCase());
    await r.add(a);
    const raw = JSON.parse(await readFile(store, 'utf8')) as { files: unknown[] };
    expect(raw.files).toHaveLength(1);
  });

  it('caps the list, dropping the oldest', async () => {
    const paths = await files('1.json', '2.json', '3.json', '4.json');
    const r = new RecentFiles(store, 3, false);
    for (const p of paths) await r.add(p);
    expect((await r.list()).map((f) => f.name)).toEqual(['4.json', '3.json', '2.json']);
  });

  it('prunes files that no longer exist and rewrites the store', async () => {
    const [a, b] = await files('a.json', 'b.json');
    const r = new RecentFiles(store, 10, false);
    await r.add(a);
    await r.add(b);
    await rm(a);
    expect((await r.list()).map((f) => f.name)).toEqual(['b.json']);
    const raw = JSON.parse(await readFile(store, 'utf8')) as { files: Array<{ name: string }> };
    expect(raw.files.map((f) => f.name)).toEqual(['b.json']);
  });

  it('starts empty when the store is damaged, and repairs it on the next add', async () => {
    await files('a.json');
    await writeFile(join(dir, 'bad.json'), '{not json');
    const r = new RecentFiles(join(dir, 'bad.json'), 10, false);
    expect(await r.list()).toEqual([]);
    await r.add(join(dir, 'a.json'));
    expect((await r.list()).map((f) => f.name)).toEqual(['a.json']);
  });

  it('removes one entry and clears all', async () => {
    const [a, b] = await files('a.json', 'b.json');
    const r = new RecentFiles(store, 10, false);
    await r.add(a);
    await r.add(b);
    await r.remove(a);
    expect((await r.list()).map((f) => f.name)).toEqual(['b.json']);
    await r.clear();
    expect(await r.list()).toEqual([]);
  });
});
