import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RecoveryStore } from './recovery';
import { makeTempDir, VALID_DOC } from './test-helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

describe('RecoveryStore', () => {
  it('has nothing to offer after a clean start', async () => {
    expect(await new RecoveryStore(join(dir, 'recovery', 'r.json')).check()).toBeNull();
  });

  it('offers the last autosave to the next session (as after a crash), then nothing once cleared', async () => {
    const file = join(dir, 'recovery', 'r.json');
    const first = new RecoveryStore(file, () => new Date('2026-01-02T03:04:05Z'));
    await first.write('draft 1', null, 'Untitled');
    await first.write(VALID_DOC, '/home/u/net.snn.json', 'net.snn.json');
    expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(2); // one line of JSON, not pretty-printed
    // A new store on the same file stands for the app started again after the crash.
    const next = new RecoveryStore(file);
    expect(await next.check()).toEqual({ text: VALID_DOC, path: '/home/u/net.snn.json', name: 'net.snn.json', savedAt: '2026-01-02T03:04:05.000Z' });
    await next.clear();
    expect(await next.check()).toBeNull();
    await next.clear(); // clearing twice is fine
  });

  it('clears synchronously too (used while the window closes)', async () => {
    const store = new RecoveryStore(join(dir, 'r.json'));
    await store.write('x', null, 'Untitled');
    store.clearSync();
    expect(await store.check()).toBeNull();
  });

  it('reads a damaged recovery file as nothing to offer', async () => {
    await mkdir(join(dir, 'recovery'));
    await writeFile(join(dir, 'recovery', 'r.json'), '{"text": 3}');
    expect(await new RecoveryStore(join(dir, 'recovery', 'r.json')).check()).toBeNull();
  });
});
