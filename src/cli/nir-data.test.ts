// `snn run --nir-data`: the run's spikes and traces as NIR graph data, read back independently by h5py with the
// NIR reference implementation's `read_data` logic (reproduced below from its nir/serialization.py when the `nir`
// package is not installed; the package itself is used when it is), must equal the run's JSON: the same spike
// indices, times in seconds, n_neurons, t_max, and every trace value. Both record paths (in memory for stdout,
// spooled beside --out) are checked. Outputs are checked like every other: never over an input, never stdout.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main';
import { recordingIo } from '../../test/cli/test-io';

const PY = '/usr/bin/python3';
const hasH5py = spawnSync(PY, ['-c', 'import h5py, numpy'], { encoding: 'utf8' }).status === 0;
const hasNir = hasH5py && spawnSync(PY, ['-c', 'import nir'], { encoding: 'utf8' }).status === 0;
const root = join(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'snn-nirdata-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = async (...args: string[]) => { const io = recordingIo(dir); const code = await main(['run', ...args], io); return { code, io }; };

interface Read {
  nodes: Record<string, Record<string, { type: string; idx?: number[][]; time?: number[][]; n_neurons?: number; t_max?: number; data?: number[][][]; dt?: number; index?: number[] }>>;
}

/** The file as the reference's read_data sees it: every check it makes (root and group `__type__`), as JSON. */
function readData(file: string): Read {
  const code = hasNir ? `
import nir, json, h5py
g = nir.read_data(${JSON.stringify(file)})
f = h5py.File(${JSON.stringify(file)}, 'r')
out = {}
for name, node in g.nodes.items():
    out[name] = {}
    for o, d in node.observables.items():
        if isinstance(d, nir.TimeGriddedData):
            out[name][o] = {'type': 'TimeGriddedData', 'data': d.data.tolist(), 'dt': d.dt, 'index': f['nodes'][name]['observables'][o].attrs['snn_index'].tolist()}
        else:
            out[name][o] = {'type': 'EventData', 'idx': d.idx.tolist(), 'time': d.time.tolist(), 'n_neurons': d.n_neurons, 't_max': d.t_max}
print(json.dumps({'nodes': out}))
` : `
import h5py, json
# nir/serialization.py read_data, step by step (the nir package is not installed here).
with h5py.File(${JSON.stringify(file)}, 'r') as f:
    if f.attrs.get('__type__') != 'NIRGraphData':
        raise ValueError('Root object is not NIRGraphData')
    out = {}
    for name, g in f['nodes'].items():
        if g.attrs['__type__'] != 'NIRNodeData':
            raise ValueError('Unknown node type: %s' % g.attrs['__type__'])
        out[name] = {}
        for o, h in g['observables'].items():
            typ = h.attrs['__type__']
            if typ == 'TimeGriddedData':
                data = h['data'][()]
                assert data.ndim == 3, 'TimeGriddedData needs (n_samples, n_time_steps, n_neurons)'
                out[name][o] = {'type': typ, 'data': data.tolist(), 'dt': float(h.attrs['dt']), 'index': h.attrs['snn_index'].tolist()}
            elif typ == 'EventData':
                idx, time = h['idx'][()], h['time'][()]
                assert idx.shape == time.shape, 'idx and time must have the same shape'
                assert idx.dtype.kind == 'i' and time.dtype.kind == 'f'
                out[name][o] = {'type': typ, 'idx': idx.tolist(), 'time': time.tolist(), 'n_neurons': int(h.attrs['n_neurons']), 't_max': float(h.attrs['t_max'])}
            else:
                raise ValueError('Unknown observable type: %s' % typ)
print(json.dumps({'nodes': out}))
`;
  const r = spawnSync(PY, ['-c', code], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Read;
}

interface RunJson {
  dt_ms: number; duration_ms: number; steps: number;
  populations: Record<string, { size: number; spikes: { index: number[]; time_ms: number[] }; traces?: Record<string, { index: number[]; time_ms: number[]; values: number[][] }> }>;
}

/** Every population's records in the JSON equal the file's observables. */
function expectSame(json: RunJson, read: Read, spiking: string[]) {
  for (const [id, p] of Object.entries(json.populations)) {
    const obs = read.nodes[id] ?? {};
    const names = [...(spiking.includes(id) ? ['spikes'] : []), ...Object.keys(p.traces ?? {})].sort();
    expect(Object.keys(obs).sort(), id).toEqual(names);
    if (spiking.includes(id)) {
      const s = obs.spikes;
      expect(s.type).toBe('EventData');
      expect(s.idx, `${id} indices`).toEqual([p.spikes.index]);
      // Seconds to the nanosecond (docs/formats.md): the JSON's ms are multiples of dt written to 1e-6 ms.
      expect(s.time![0].length).toBe(p.spikes.time_ms.length);
      s.time![0].forEach((t, i) => expect(Math.abs(t * 1e3 - p.spikes.time_ms[i]), `${id} spike ${i}`).toBeLessThan(1e-9));
      expect([s.n_neurons, s.t_max]).toEqual([p.size, json.steps * json.dt_ms / 1e3]);
    }
    for (const [v, t] of Object.entries(p.traces ?? {})) {
      const g = obs[v];
      expect([g.type, g.dt, g.index]).toEqual(['TimeGriddedData', json.dt_ms / 1e3, t.index]);
      expect(g.data!.length).toBe(1);
      expect(g.data![0].length).toBe(t.time_ms.length);
      // Exact: float32 in the file, the same float32 as a double in the JSON.
      t.index.forEach((_, j) => expect(g.data![0].map((row) => row[j]), `${id}.${v}[${t.index[j]}]`).toEqual(t.values[j]));
    }
  }
}

describe.skipIf(!hasH5py)(`snn run --nir-data, read by h5py (${PY})${hasH5py ? (hasNir ? ' with nir.read_data' : ' with read_data\'s logic') : ` — skipped: h5py/numpy not importable by ${PY}`}`, () => {
  it('coba: spikes of every spiking population and the traces equal the run JSON (in-memory and spooled records)', async () => {
    const coba = join(root, 'resources/examples/coba.snn.json');
    const args = [coba, '--backend', 'cpu', '--duration', '30', '--record', 'inh.v:5,7', '--record', 'exc.v:9'];
    const a = await run(...args, '--nir-data', 'mem.nir');
    expect(a.code, a.io.err).toBe(0);
    expect(a.io.err).toContain('wrote the spikes and traces as NIR graph data to mem.nir');
    const json = JSON.parse(a.io.out) as RunJson;
    expect(json.populations.exc.spikes.index.length, 'the run spikes').toBeGreaterThan(10);
    // The first monitor of a population and variable is kept, as in the JSON (exc_v's neurons 0, 1, 2).
    expect(json.populations.exc.traces!.v.index).toEqual([0, 1, 2]);
    expectSame(json, readData(join(dir, 'mem.nir')), ['kick', 'exc', 'inh']);

    const b = await run(...args, '--out', 'r.json', '--nir-data', 'spooled.nir');
    expect(b.code, b.io.err).toBe(0);
    expect(readData(join(dir, 'spooled.nir'))).toEqual(readData(join(dir, 'mem.nir')));
  });

  it('membrane-only: a leaky integrator has its v trace and no spikes; the data set input has its spikes', async () => {
    const r = await run(join(root, 'resources/examples/membrane-only.snn.json'), '--backend', 'cpu', '--duration', '40', '--nir-data', 'm.nir');
    expect(r.code, r.io.err).toBe(0);
    const json = JSON.parse(r.io.out) as RunJson;
    const read = readData(join(dir, 'm.nir'));
    expect(Object.keys(read.nodes.output)).toEqual(['v']);
    expectSame(json, read, ['inputs']);
  });
});

describe('snn run --nir-data refuses before any work', () => {
  it('an output over the network, stdout, or the same file as --out; nothing written', async () => {
    const net = join(root, 'resources/examples/lif-neuron.snn.json');
    const before = readFileSync(net, 'utf8');
    const same = await run(net, '--backend', 'cpu', '--nir-data', net);
    expect(same.code).toBe(2);
    expect(same.io.err).toContain('--nir-data');
    expect(readFileSync(net, 'utf8')).toBe(before);
    expect((await run(net, '--nir-data', '-')).code).toBe(2);
    const both = await run(net, '--backend', 'cpu', '--out', 'x.nir', '--nir-data', 'x.nir');
    expect(both.code).toBe(2);
    expect(existsSync(join(dir, 'x.nir'))).toBe(false);
  });
});
