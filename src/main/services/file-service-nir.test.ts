// File › Export NIR… / Import NIR… in Electron: main builds and reads the .nir file (files.exportNir/importNir),
// refuses before any dialog what NIR cannot hold, writes atomically, never over a read-only file, and reads a
// .nir file into a document the renderer can load (docs/editor.md "Files", docs/formats.md "NIR").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadDocument } from '../../shared/graph';
import { readNir } from '../../shared/interop/nir';
import { FileService } from './file-service';
import { PathAllowList } from './path-access';
import { RecentFiles } from './recent-files';
import { makeTempDir } from './test-helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

function setup(answers: Array<string | null> = []) {
  const queue = [...answers];
  const asked: string[] = [];
  const dialogs = {
    showOpen: async (kind?: string) => { asked.push(`open:${kind}`); return queue.shift() ?? null; },
    showSave: async (name: string, kind?: string) => { asked.push(`save:${name}:${kind}`); return queue.shift() ?? null; },
  };
  const recent = new RecentFiles(join(dir, 'state', 'recent.json'), 10, false);
  return { svc: new FileService(new PathAllowList(false), recent, dialogs), recent, asked };
}

const example = (name: string) => readFile(join(__dirname, '../../../resources/examples', `${name}.snn.json`), 'utf8');

describe('FileService NIR export/import', () => {
  it('exportNir writes the HDF5 graph where the user chose (nir filter), not granted nor remembered; importNir reads it back', async () => {
    const target = join(dir, 'out.nir');
    const { svc, asked, recent } = setup([target, target]);
    const r = await svc.exportNir(await example('sound-localisation'), 'sound-localisation.nir');
    expect(r).toMatchObject({ ok: true, path: target, name: 'out.nir', warnings: [expect.stringMatching(/^hidden: reset_timing "tutorial"/)] });
    expect(asked).toEqual(['save:sound-localisation.nir:nir']);
    const g = await readNir(await readFile(target));
    expect(['inputs', 'in_hidden', 'hidden', 'hidden_out', 'output'].map((k) => g.nodes.get(k)!.type)).toEqual(['Input', 'Affine', 'LIF', 'Affine', 'LI']);
    expect(svc.allow.isGranted(target)).toBe(false);
    expect(await recent.list()).toEqual([]);

    const back = await svc.importNir();
    expect(asked[1]).toBe('open:nir');
    expect(back).toMatchObject({ ok: true, path: target, name: 'out.nir' });
    const doc = back.ok ? loadDocument(JSON.parse(back.text)) : null;
    expect(doc?.ok && doc.doc.nodes.map((n) => [n.id, n.model, n.size])).toEqual([['inputs', 'dataset', 200], ['hidden', 'lif', 30], ['output', 'leaky_integrator', 12]]);
  });

  it('exportNir refuses a network NIR cannot hold, naming the node, before asking anything; nothing is written', async () => {
    const { svc, asked } = setup([join(dir, 'hh.nir')]);
    const r = await svc.exportNir(await example('hodgkin-huxley'));
    expect(r).toMatchObject({ ok: false, code: 'invalid-payload', error: expect.stringMatching(/cannot export node "\w+": model "hodgkin_huxley" has no NIR node/) });
    expect(asked).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
    expect(await svc.exportNir('{"not": "a network"}')).toMatchObject({ ok: false, code: 'invalid-payload' });
  });

  it('importNir: cancel is "cancelled"; a file that is not NIR is "invalid-payload" naming the file and the HDF5 path', async () => {
    const bad = join(dir, 'notes.nir');
    await writeFile(bad, 'plain text');
    const { svc } = setup([null, bad]);
    expect(await svc.importNir()).toMatchObject({ ok: false, code: 'cancelled' });
    expect(await svc.importNir()).toEqual({ ok: false, code: 'invalid-payload', error: 'notes.nir: /: not an HDF5 file (no HDF5 signature)' });
  });
});
