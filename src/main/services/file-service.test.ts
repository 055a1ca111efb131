import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DOCUMENT_VERSION } from '../../shared/graph';
import { realFsOps, type AtomicFsOps } from './atomic-write';
import { FileService } from './file-service';
import { PathAllowList } from './path-access';
import { RecentFiles } from './recent-files';
import { docWith, makeTempDir, VALID_DOC } from './test-helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

/** Dialogs that answer from a queue: a path, or null for Cancel. */
function setup(answers: Array<string | null> = [], ops?: AtomicFsOps, writable?: (path: string) => Promise<boolean>) {
  const queue = [...answers];
  const asked: string[] = [];
  const dialogs = {
    showOpen: async () => { asked.push('open'); return queue.shift() ?? null; },
    showSave: async (name: string) => { asked.push(`save:${name}`); return queue.shift() ?? null; },
  };
  const recent = new RecentFiles(join(dir, 'state', 'recent.json'), 10, false);
  return { svc: new FileService(new PathAllowList(false), recent, dialogs, ops, writable), recent, asked };
}

const file = async (name: string, text: string) => { const p = join(dir, name); await writeFile(p, text); return p; };

describe('FileService', () => {
  it('opens the file chosen in the dialog, grants it and adds it to the recent list', async () => {
    const p = await file('net.snn.json', VALID_DOC);
    const { svc } = setup([p]);
    expect(await svc.open()).toMatchObject({ ok: true, path: p, name: 'net.snn.json', text: VALID_DOC, readOnly: false });
    expect((await svc.listRecent()).ok && (await svc.listRecent())).toMatchObject({ files: [{ path: p }] });
    expect(await svc.save(VALID_DOC.replace('}', ' }'), p)).toMatchObject({ ok: true, path: p });
  });

  it('answers a cancelled dialog with code "cancelled"', async () => {
    const { svc } = setup([null, null]);
    expect(await svc.open()).toMatchObject({ ok: false, code: 'cancelled' });
    expect(await svc.saveAs(VALID_DOC)).toMatchObject({ ok: false, code: 'cancelled' });
  });

  it('refuses to read or write a path the user never chose', async () => {
    const p = await file('secret.snn.json', VALID_DOC);
    const { svc } = setup();
    expect(await svc.openRecent(p)).toMatchObject({ ok: false, code: 'not-allowed' });
    expect(await svc.save(VALID_DOC, join(dir, 'planted.snn.json'))).toMatchObject({ ok: false, code: 'not-allowed' });
    expect(await readdir(dir)).toEqual(['secret.snn.json']);
  });

  it('never overwrites a corrupt file: it opens read-only and save to it is refused', async () => {
    const bad = '{"format": "snn-network", "version": 1, "nodes": [';
    const p = await file('bad.snn.json', bad);
    const { svc } = setup([p, p]);
    const r = await svc.open();
    expect(r).toMatchObject({ ok: true, readOnly: true, problem: 'corrupt' });
    expect(r.ok && r.diagnostics.length).toBeGreaterThan(0);
    expect(await svc.save(VALID_DOC, p)).toMatchObject({ ok: false, code: 'read-only' });
    // Save As onto the same file is refused as well.
    expect(await svc.saveAs(VALID_DOC)).toMatchObject({ ok: false, code: 'read-only' });
    expect(await readFile(p, 'utf8')).toBe(bad);
    expect(await readdir(dir)).not.toContain('bad.snn.json.bak');
  });

  it('opens a valid file it cannot write in place read-only; save to it is refused and Save As elsewhere works', async () => {
    const p = await file('locked.snn.json', VALID_DOC);
    const copy = join(dir, 'copy.snn.json');
    const { svc } = setup([p, copy], undefined, async (path) => path !== p);
    const r = await svc.open();
    expect(r).toMatchObject({ ok: true, readOnly: true, problem: 'not-writable', text: VALID_DOC });
    const refused = await svc.save(VALID_DOC.replace('}', ' }'), p);
    expect(refused).toMatchObject({ ok: false, code: 'read-only' });
    expect(!refused.ok && refused.error).toMatch(/cannot be written where it is/);
    expect(await svc.saveAs(VALID_DOC, 'locked.snn.json')).toMatchObject({ ok: true, path: copy });
    expect(await readFile(p, 'utf8')).toBe(VALID_DOC);
  });

  it('opens a newer-version file read-only with the message, never overwrites it, and Save As elsewhere works', async () => {
    const newer = docWith({ version: DOCUMENT_VERSION + 1 });
    const p = await file('future.snn.json', newer);
    const copy = join(dir, 'copy.snn.json');
    const { svc } = setup([p, copy]);
    const r = await svc.open();
    expect(r).toMatchObject({ ok: true, readOnly: true, problem: 'newer-version' });
    expect(r.ok && r.message).toMatch(/newer SNN Studio/);
    expect(await svc.save(VALID_DOC, p)).toMatchObject({ ok: false, code: 'read-only' });
    expect(await svc.saveAs(VALID_DOC, 'future.snn.json')).toMatchObject({ ok: true, path: copy });
    expect(await readFile(p, 'utf8')).toBe(newer);
    expect(await readFile(copy, 'utf8')).toBe(VALID_DOC);
  });

  it('save keeps the previous version as NAME.bak', async () => {
    const p = await file('net.snn.json', VALID_DOC);
    const { svc } = setup([p]);
    await svc.open();
    const v2 = docWith({ meta: { name: 'v2' } });
    expect(await svc.save(v2, p)).toMatchObject({ ok: true });
    expect(await readFile(p, 'utf8')).toBe(v2);
    expect(await readFile(`${p}.bak`, 'utf8')).toBe(VALID_DOC);
  });

  it('save without a path asks where (save as), suggesting the default name', async () => {
    const p = join(dir, 'new.snn.json');
    const { svc, asked } = setup([p]);
    expect(await svc.save(VALID_DOC)).toMatchObject({ ok: true, path: p, name: 'new.snn.json' });
    expect(asked).toEqual(['save:network.snn.json']);
    expect(await svc.openRecent(p)).toMatchObject({ ok: true, readOnly: false });
  });

  it('refuses to write text that is not a network document, without asking', async () => {
    const { svc, asked } = setup([join(dir, 'x.json')]);
    expect(await svc.saveAs('not json')).toMatchObject({ ok: false, code: 'invalid-payload', error: expect.stringMatching(/not JSON/) });
    expect(await svc.saveAs('{"a": 1}')).toMatchObject({ ok: false, error: expect.stringMatching(/format must be "snn-network"/) });
    expect(asked).toEqual([]);
  });

  it('reports a failed write as an I/O failure and leaves the old file intact', async () => {
    const p = await file('net.snn.json', VALID_DOC);
    const ops: AtomicFsOps = { ...realFsOps, rename: async () => { throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }); } };
    const { svc } = setup([p], ops);
    await svc.open();
    const r = await svc.save(docWith({ meta: { name: 'v2' } }), p);
    expect(r).toEqual({ ok: false, code: 'io', error: 'cannot save net.snn.json: the disk is full (the file on disk is unchanged)' });
    expect(await readFile(p, 'utf8')).toBe(VALID_DOC);
  });

  it('drops a recent file that vanished and reports it', async () => {
    const p = await file('gone.snn.json', VALID_DOC);
    const { svc } = setup([p]);
    await svc.open();
    await rm(p);
    expect(await svc.openRecent(p)).toMatchObject({ ok: false, code: 'io', error: expect.stringMatching(/no such file/) });
    expect(await svc.listRecent()).toEqual({ ok: true, files: [] });
  });

  it('grants the recent list of an earlier session at init, and OS-given paths', async () => {
    const p = await file('a.snn.json', VALID_DOC);
    const q = await file('b.snn.json', VALID_DOC);
    await new RecentFiles(join(dir, 'state', 'recent.json'), 10, false).add(p);
    const { svc } = setup();
    expect(await svc.openRecent(p)).toMatchObject({ ok: false, code: 'not-allowed' });
    await svc.init();
    expect(await svc.openRecent(p)).toMatchObject({ ok: true });
    svc.grantFromOs(q);
    expect(await svc.openRecent(q)).toMatchObject({ ok: true });
  });
});
