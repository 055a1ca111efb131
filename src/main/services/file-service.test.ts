import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DOCUMENT_VERSION } from '../../shared/graph';
import { realFsOps, type AtomicFsOps } from './atomic-write';
import { FileService } from './file-service';
import { PathAllowList } from './path-access';
import { RecentFiles } from './recent-files';
import { docWith, makeTempDir, VALID_DOC, weightsText } from './test-helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

/** Dialogs that answer from a queue: a path, or null for Cancel. */
function setup(answers: Array<string | null> = [], ops?: AtomicFsOps, writable?: (path: string) => Promise<boolean>) {
  const queue = [...answers];
  const asked: string[] = [];
  const dialogs = {
    showOpen: async (kind?: string) => { asked.push(kind ? `open:${kind}` : 'open'); return queue.shift() ?? null; },
    showSave: async (name: string, kind?: string) => { asked.push(kind ? `save:${name}:${kind}` : `save:${name}`); return queue.shift() ?? null; },
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
    // Read by the bounded reader: deep nesting and duplicate keys are refused with their place, never a stack overflow.
    expect(await svc.saveAs('['.repeat(100_000))).toMatchObject({ ok: false, code: 'invalid-payload', error: expect.stringMatching(/not JSON .*nested deeper than 64 levels/) });
    expect(await svc.saveAs('{"format": "snn-network", "format": "snn-network"}')).toMatchObject({ ok: false, error: expect.stringMatching(/format: the key "format" appears twice/) });
    expect(await svc.saveAs('[]')).toMatchObject({ ok: false, error: expect.stringMatching(/format must be "snn-network"/) });
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

describe('FileService weights export/import (the Training tab)', () => {
  it('exportWeights checks the format, asks where (weights filter, the suggested name) and writes exactly the text atomically', async () => {
    const text = weightsText();
    const target = join(dir, 'w.json');
    await writeFile(target, 'old');
    const { svc, asked, recent } = setup([target]);
    const r = await svc.exportWeights(text, 'sound-localisation.weights.json');
    expect(r).toMatchObject({ ok: true, path: target, name: 'w.json' });
    expect(r.ok && Number.isNaN(Date.parse(r.savedAt))).toBe(false);
    expect(asked).toEqual(['save:sound-localisation.weights.json:weights']);
    expect(await readFile(target, 'utf8')).toBe(text);
    expect((await readdir(dir)).sort()).toEqual(['w.json']); // no temp file left, no .bak
    // Not granted for document saving, not in the recent list.
    expect(svc.allow.isGranted(target)).toBe(false);
    expect(await svc.save(VALID_DOC, target)).toMatchObject({ ok: false, code: 'not-allowed' });
    expect(await recent.list()).toEqual([]);
  });

  it('exportWeights suggests weights.json without a name, and a cancelled dialog is code "cancelled" with nothing written', async () => {
    const { svc, asked } = setup([null]);
    expect(await svc.exportWeights(weightsText())).toMatchObject({ ok: false, code: 'cancelled' });
    expect(asked).toEqual(['save:weights.json:weights']);
    expect(await readdir(dir)).toEqual([]);
  });

  it('exportWeights refuses text that is not a weights file with a sentence, without asking or writing', async () => {
    const { svc, asked } = setup([join(dir, 'x.json'), join(dir, 'y.json'), join(dir, 'z.json')]);
    const notJson = await svc.exportWeights('{"format": "snn-weights"');
    expect(notJson).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(!notJson.ok && notJson.error).toMatch(/^refusing to export: not a weights file \(.*JSON/);
    const doc = await svc.exportWeights(VALID_DOC);
    expect(doc).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(!doc.ok && doc.error).toMatch(/^refusing to export: not a weights file \(.+\)$/);
    const broken = JSON.parse(weightsText()) as { projections: unknown[] };
    broken.projections = [{ nonsense: true }];
    expect(await svc.exportWeights(JSON.stringify(broken))).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(asked).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('exportWeights never overwrites a file open read-only (a corrupt document): "read-only", the file unchanged', async () => {
    const bad = '{"format": "snn-network", "version": 1, "nodes": [';
    const p = await file('bad.snn.json', bad);
    const { svc } = setup([p, p]);
    expect(await svc.open()).toMatchObject({ ok: true, readOnly: true });
    const r = await svc.exportWeights(weightsText());
    expect(r).toMatchObject({ ok: false, code: 'read-only' });
    expect(!r.ok && r.error).toMatch(/bad\.snn\.json is open read-only/);
    expect(await readFile(p, 'utf8')).toBe(bad);
  });

  it('exportWeights reports a failed write as "io" with the sentence and leaves the old file intact', async () => {
    const p = await file('w.json', 'old');
    const ops: AtomicFsOps = { ...realFsOps, rename: async () => { throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }); } };
    const { svc } = setup([p], ops);
    expect(await svc.exportWeights(weightsText())).toEqual({ ok: false, code: 'io', error: 'cannot save w.json: the disk is full (the file on disk is unchanged)' });
    expect(await readFile(p, 'utf8')).toBe('old');
  });

  it('importWeights reads the chosen file as it is (main does not judge it), without granting it', async () => {
    const p = await file('any.json', '{"not": "weights"}');
    const { svc, asked, recent } = setup([p]);
    expect(await svc.importWeights()).toEqual({ ok: true, path: p, name: 'any.json', text: '{"not": "weights"}' });
    expect(asked).toEqual(['open:weights']);
    expect(svc.allow.isGranted(p)).toBe(false);
    expect(await recent.list()).toEqual([]);
  });

  it('importWeights: cancel is "cancelled"; a missing file, a folder or a too-large file is "io" with the sentence', async () => {
    const big = await file('big.json', 'x'.repeat(100));
    const { svc } = setup([null, join(dir, 'gone.json'), dir, big]);
    expect(await svc.importWeights()).toMatchObject({ ok: false, code: 'cancelled' });
    expect(await svc.importWeights()).toEqual({ ok: false, code: 'io', error: 'cannot open gone.json: no such file or folder' });
    expect(await svc.importWeights()).toMatchObject({ ok: false, code: 'io', error: expect.stringMatching(/not a file/) });
    expect(await svc.importWeights(10)).toEqual({ ok: false, code: 'io', error: 'cannot open big.json: it is more than 10 bytes; the limit is 10' });
  });
});
