// `snn export --format nir` and `snn import` (docs/cli.md): the trained sound-localisation network leaves as
// Input → Affine → LIF → Affine → LI → Output and comes back spiking the same; bad input exits 3 naming what and
// where, and nothing is written.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../../shared/compiler';
import { runAndCollect } from '../../shared/engine/collect';
import { createCpuEngine } from '../../shared/engine/cpu-engine';
import { parseDocumentText, type NetworkDocument } from '../../shared/graph';
import { readNir, writeNir } from '../../shared/interop/nir';
import { vector } from '../../shared/interop/nir/graph';
import { main } from '../main';
import { recordingIo } from '../../../test/cli/test-io';

const ex = (f: string) => join(__dirname, '../../../resources/examples', f);
const dir = mkdtempSync(join(tmpdir(), 'snn-nir-cli-'));
const run = async (...args: string[]) => { const io = recordingIo(dir); const code = await main(args, io); return { code, io }; };
const doc = (file: string): NetworkDocument => {
  const r = parseDocumentText(readFileSync(join(dir, file), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
};
const spikes = async (d: NetworkDocument) => (await runAndCollect(createCpuEngine(compileNetwork(d)), d.simulation.duration_ms / d.simulation.dt_ms)).spikes;

describe('snn export --format nir / snn import', () => {
  it('exports the trained sound-localisation network and imports it back to the same spikes', async () => {
    const t = await run('train', ex('sound-localisation.snn.json'), '--backend', 'cpu', '--epochs', '1', '--train-samples', '16', '--test-samples', '8',
      '--batch-size', '8', '--out', 'w.json', '--apply', 'trained.snn.json');
    expect(t.code, t.io.err).toBe(0);
    const e = await run('export', 'trained.snn.json', '--format', 'nir', '--out', 'trained.nir');
    expect(e.code, e.io.err).toBe(0);
    expect(e.io.err).toContain('warning: hidden: reset_timing "tutorial"');
    // The same network from the weights file instead of the applied document: the same weights.
    const w = await run('export', ex('sound-localisation.snn.json'), '--weights', 'w.json', '--format', 'nir', '--out', 'weights.nir');
    expect(w.code, w.io.err).toBe(0);
    const [a, b] = [await readNir(readFileSync(join(dir, 'trained.nir'))), await readNir(readFileSync(join(dir, 'weights.nir')))];
    expect(b.nodes.get('in_hidden')!.params.weight.data).toEqual(a.nodes.get('in_hidden')!.params.weight.data);
    const types = (g: typeof a) => ['inputs', 'in_hidden', 'hidden', 'hidden_out', 'output', 'output_2'].map((k) => g.nodes.get(k)!.type);
    expect(types(a)).toEqual(['Input', 'Affine', 'LIF', 'Affine', 'LI', 'Output']);
    expect(a.edges).toEqual([['inputs', 'in_hidden'], ['in_hidden', 'hidden'], ['hidden', 'hidden_out'], ['hidden_out', 'output'], ['output', 'output_2']]);

    const i = await run('import', 'trained.nir', '--out', 'back.snn.json');
    expect(i.code, i.io.err).toBe(0);
    expect(i.io.err).toContain('wrote back.snn.json (3 nodes, 2 projections)');
    const [s1, s2] = [await spikes(doc('trained.snn.json')), await spikes(doc('back.snn.json'))];
    expect(s1.hidden.step.length).toBeGreaterThan(10);
    expect(s2).toEqual(s1);
  });

  it('refuses what NIR cannot hold (exit 3, node named, nothing written) and a binary file on stdout (exit 2)', async () => {
    const h = await run('export', ex('hodgkin-huxley.snn.json'), '--format', 'nir', '--out', 'hh.nir');
    expect(h.code).toBe(3);
    expect(h.io.err).toMatch(/cannot export node "\w+": model "hodgkin_huxley" has no NIR node/);
    expect(existsSync(join(dir, 'hh.nir'))).toBe(false);
    const s = await run('export', ex('lif-neuron.snn.json'), '--format', 'nir', '--out', '-');
    expect(s.code).toBe(2);
  });

  it('import: a file that is not HDF5, damaged, or holds unsupported nodes exits 3 naming it; nothing written', async () => {
    writeFileSync(join(dir, 'text.nir'), 'not hdf5');
    const t = await run('import', 'text.nir', '--out', 'x.snn.json');
    expect([t.code, t.io.err]).toEqual([3, 'snn import: text.nir: /: not an HDF5 file (no HDF5 signature); nothing written\n']);
    const good = await writeNir((await readNir(readFileSync(join(dir, 'trained.nir')))));
    writeFileSync(join(dir, 'cut.nir'), good.slice(0, 4000));
    const c = await run('import', 'cut.nir', '--out', 'x.snn.json');
    expect(c.code).toBe(3);
    expect(c.io.err).toMatch(/^snn import: cut\.nir: \//);
    const g = await readNir(good);
    g.nodes.set('conv', { type: 'Conv2d', params: {}, metadata: {} });
    g.nodes.set('pool', { type: 'AvgPool2d', params: { kernel_size: vector([2, 2]) }, metadata: {} });
    writeFileSync(join(dir, 'conv.nir'), await writeNir(g));
    const u = await run('import', 'conv.nir', '--out', 'x.snn.json');
    expect(u.code).toBe(3);
    expect(u.io.err).toContain('unsupported NIR nodes: "conv" (Conv2d), "pool" (AvgPool2d)');
    expect(existsSync(join(dir, 'x.snn.json'))).toBe(false);
    const before = readFileSync(join(dir, 'trained.nir'));
    const same = await run('import', 'trained.nir', '--out', 'trained.nir');
    expect(same.code).toBe(2);
    expect(same.io.err).toContain('trained.nir');
    expect(readFileSync(join(dir, 'trained.nir')).equals(before)).toBe(true); // the input is intact
  });
});
