// The .nir layout checked against an independent HDF5 implementation: h5py reads what we write (types, dataset
// names, shapes, dtypes as the NIR reference serialization writes them), and we read what h5py writes the way the
// reference does (gzip-compressed float32 parameters, an (n, 2) edge array). Bad files are refused with the path.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocumentText } from '../../graph';
import { documentToNir, nirToDocument, NirFormatError, readNir, writeNir } from '.';

const PY = '/usr/bin/python3';
const h5py = spawnSync(PY, ['-c', 'import h5py, numpy'], { encoding: 'utf8' });
const hasH5py = h5py.status === 0;
const dir = mkdtempSync(join(tmpdir(), 'snn-nir-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function py(code: string): string {
  const r = spawnSync(PY, ['-c', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

/**
 * A Python script that writes `file` with h5py as NIR's reference serialization (nir/serialization.py `write`)
 * does: the version, the graph group, its nodes — `nodes` are calls of node(name, type, **params), each param a
 * numpy array written gzip-compressed with its dtype (f32(...) makes a float32 one) — and its (n, 2) edges.
 */
const h5pyWriteNir = (file: string, nodes: string[], edges: [string, string][]) => `
import h5py, numpy as np
f32 = lambda *v: np.array(v, dtype=np.float32)
with h5py.File(${JSON.stringify(file)}, 'w') as f:
    f.create_dataset('version', data='1.0.7', dtype=h5py.string_dtype())
    g = f.create_group('node')
    g.create_dataset('type', data='NIRGraph', dtype=h5py.string_dtype())
    n = g.create_group('nodes')
    def node(name, typ, **params):
        h = n.create_group(name)
        h.create_dataset('type', data=typ, dtype=h5py.string_dtype())
        for k, v in params.items():
            h.create_dataset(k, data=v, dtype=v.dtype, compression='gzip')
${nodes.map((c) => `    ${c}`).join('\n')}
    g.create_dataset('edges', data=[${edges.map(([a, b]) => `('${a}', '${b}')`).join(', ')}])
`;

const soundLocalisation = () => {
  const r = parseDocumentText(readFileSync('resources/examples/sound-localisation.snn.json', 'utf8'));
  if (!r.ok) throw new Error('invalid example');
  return r.doc;
};

describe.skipIf(!hasH5py)(`.nir read and written by h5py (${PY})${hasH5py ? '' : ` — skipped: h5py/numpy not importable by ${PY}`}`, () => {
  it('h5py reads our file with the reference layout, dtypes and the parameter values of docs/formats.md', async () => {
    const doc = soundLocalisation();
    const { graph } = documentToNir(doc, { seed: 3, appVersion: '1.2.3' });
    const file = join(dir, 'sl.nir');
    writeFileSync(file, await writeNir(graph));
    const out = JSON.parse(py(`
import h5py, json
f = h5py.File(${JSON.stringify(file)}, 'r')
items = {}
def visit(name, o):
    if isinstance(o, h5py.Dataset):
        s = h5py.check_string_dtype(o.dtype)
        items[name] = [('str' if s else o.dtype.str), list(o.shape)]
f.visititems(visit)
dec = lambda b: b.decode('utf8')
print(json.dumps({
  'items': items, 'version': dec(f['version'][()]),
  'types': {k: dec(g['type'][()]) for k, g in f['node/nodes'].items()},
  'edges': [[dec(a), dec(b)] for a, b in f['node/edges'][()]],
  'w': float(f['node/nodes/in_hidden/weight'][5, 17]), 'tau': float(f['node/nodes/hidden/tau'][0]),
  'dt': float(f['node/metadata/dt'][()]), 'app': dec(f['node/metadata/app_version'][()]),
}))`));
    expect(out.version).toBe('1.0.7');
    expect(out.items).toMatchObject({
      version: ['str', []], 'node/type': ['str', []], 'node/edges': ['str', [5, 2]],
      'node/nodes/inputs/type': ['str', []], 'node/nodes/inputs/shape': ['<i8', [1]],
      'node/nodes/in_hidden/weight': ['<f8', [30, 200]], 'node/nodes/in_hidden/bias': ['<f8', [30]],
      'node/nodes/hidden/tau': ['<f8', [30]], 'node/nodes/hidden/r': ['<f8', [30]], 'node/nodes/hidden/v_leak': ['<f8', [30]],
      'node/nodes/hidden/v_threshold': ['<f8', [30]], 'node/nodes/hidden/v_reset': ['<f8', [30]],
      'node/nodes/output/tau': ['<f8', [12]], 'node/nodes/output_2/shape': ['<i8', [1]],
      'node/metadata/dt': ['<f8', []], 'node/metadata/source': ['str', []],
    });
    expect(out.types).toEqual({ inputs: 'Input', in_hidden: 'Affine', hidden: 'LIF', hidden_out: 'Affine', output: 'LI', output_2: 'Output' });
    expect(out.edges).toEqual([['inputs', 'in_hidden'], ['in_hidden', 'hidden'], ['hidden', 'hidden_out'], ['hidden_out', 'output'], ['output', 'output_2']]);
    // Hand computation (docs/formats.md): W[post][pre] = w·τ/R, τ = 20 ms = 0.02 s, R = 1, w the seeded f32 weight.
    const { compileNetwork } = await import('../../compiler');
    const p = compileNetwork(doc, { seed: 3 }).projections[0]; // all-to-all: synapse of (pre 17, post 5) = 17·30 + 5
    expect(out.w).toBeCloseTo(p.weight[17 * 30 + 5] * 0.02, 15);
    expect([out.tau, out.dt, out.app]).toEqual([0.02, 0.001, '1.2.3']);
  });

  it('we read a file h5py writes as the reference does (gzip, float32, no v_reset) and import it', async () => {
    const file = join(dir, 'ref.nir');
    py(h5pyWriteNir(file, [
      "node('input', 'Input', shape=np.array([3]))",
      "node('fc', 'Linear', weight=np.array([[0.001, 0.002, -0.001], [0.0, 0.004, 0.003]], dtype=np.float32))",
      "node('lif', 'LIF', tau=np.full(2, 0.02, dtype=np.float32), r=np.ones(2, dtype=np.float32), v_leak=np.zeros(2, dtype=np.float32), v_threshold=np.full(2, 0.5, dtype=np.float32))",
      "node('output', 'Output', shape=np.array([2]))",
    ], [['input', 'fc'], ['fc', 'lif'], ['lif', 'output']]));
    const g = await readNir(new Uint8Array(readFileSync(file)));
    expect(g.nodes.get('fc')!.params.weight.shape).toEqual([2, 3]);
    const doc = nirToDocument(g, { name: 'ref' });
    expect(doc.nodes.map((n) => [n.id, n.model, n.size])).toEqual([['input', 'spike_generator', 3], ['lif', 'lif', 2]]);
    expect(doc.nodes[1].params).toMatchObject({ tau_ms: 20, v_reset: 0, v_th: 0.5 }); // float32 0.02 read as 0.02
    // w = W·R/τ with the file's float32 values as their shortest decimals ([pre][post] order in our document).
    const w = (doc.projections[0].weight as { values: number[] }).values;
    expect(w).toEqual([0.05, 0, 0.1, 0.2, -0.05, 0.15]);
  });
});

describe.skipIf(!hasH5py)(`Affine bias and IF in files h5py writes as the reference does${hasH5py ? '' : ` — skipped: h5py/numpy not importable by ${PY}`}`, () => {
  /** Input(2) → <weight node> → <neuron node> → Output(2), written like nir/serialization.py's `write`. */
  const refFile = (weight: string, neuron: string) => {
    const file = join(dir, `ref-${Math.random().toString(36).slice(2)}.nir`);
    py(h5pyWriteNir(file, [
      "node('input', 'Input', shape=np.array([2]))", `node('fc', ${weight})`, `node('cell', ${neuron})`, "node('output', 'Output', shape=np.array([2]))",
    ], [['input', 'fc'], ['fc', 'cell'], ['cell', 'output']]));
    return new Uint8Array(readFileSync(file));
  };

  it('an Affine bias into a LIF becomes a constant current input of weight b per neuron', async () => {
    const g = await readNir(refFile(
      "'Affine', weight=np.array([[0.001, 0.0], [0.0, 0.002]], dtype=np.float32), bias=f32(0.25, -0.5)",
      "'LIF', tau=f32(0.02, 0.02), r=f32(2, 2), v_leak=f32(0, 0), v_threshold=f32(1, 1), v_reset=f32(0, 0)"));
    const doc = nirToDocument(g, { name: 'ref' });
    // h5py lists a group's members by name; the bias input comes after the file's nodes.
    expect(doc.nodes.map((n) => [n.id, n.model, n.size])).toEqual([['cell', 'lif', 2], ['input', 'spike_generator', 2], ['fc_bias', 'current', 1]]);
    const bias = doc.projections.find((p) => p.source === 'fc_bias')!;
    expect([bias.target, bias.synapse.kind, (bias.weight as { values: number[] }).values]).toEqual(['cell', 'current', [0.25, -0.5]]);
    expect((doc.projections[0].weight as { values: number[] }).values).toEqual([0.1, 0, 0, 0.2]); // w = W·R/τ, [pre][post]
  });

  it('an IF node is refused by name with the reason (nothing is imported)', async () => {
    const g = await readNir(refFile("'Linear', weight=np.eye(2, dtype=np.float32)", "'IF', r=f32(1, 1), v_threshold=f32(1, 1), v_reset=f32(0, 0)"));
    expect(g.nodes.get('cell')!.params.v_threshold.data).toEqual(Float64Array.from([1, 1]));
    expect(() => nirToDocument(g, { name: 'ref' })).toThrow(new NirFormatError('/node/nodes',
      'unsupported NIR node: "cell" (IF: SNN Studio has no non-leaky integrate-and-fire model (a LIF with a long tau would only approximate it)) — SNN Studio maps Input, Output, Linear, Affine, LIF, CubaLIF, LI and Delay'));
  });
});

describe('bad .nir files are refused with the HDF5 path at fault', () => {
  const fileWith = (code: string) => {
    const file = join(dir, `bad-${Math.random().toString(36).slice(2)}.nir`);
    py(`
import h5py, numpy as np
with h5py.File(${JSON.stringify(file)}, 'w') as f:
    f.create_dataset('version', data='1.0.7', dtype=h5py.string_dtype())
    g = f.create_group('node')
    g.create_dataset('type', data='NIRGraph', dtype=h5py.string_dtype())
    n = g.create_group('nodes')
    i = n.create_group('input'); i.create_dataset('type', data='Input', dtype=h5py.string_dtype()); i.create_dataset('shape', data=np.array([2]))
    l = n.create_group('fc'); l.create_dataset('type', data='Linear', dtype=h5py.string_dtype()); l.create_dataset('weight', data=np.ones((1, 2)))
    g.create_dataset('edges', data=[('input', 'fc')])
${code.split('\n').map((s) => `    ${s}`).join('\n')}
`);
    return new Uint8Array(readFileSync(file));
  };

  it('not HDF5 at all, and a truncated file', async () => {
    await expect(readNir(new TextEncoder().encode('{"format": "snn-network"}'))).rejects.toThrow(new NirFormatError('/', 'not an HDF5 file (no HDF5 signature)'));
    const good = await writeNir(documentToNir(soundLocalisation()).graph);
    await expect(readNir(good.slice(0, 2000))).rejects.toThrow(NirFormatError);
  });

  it.skipIf(!hasH5py).each([
    ['no graph type', "del g['type']", '/node/type: missing (a string dataset is required)'],
    ['another root type', "del g['type']; g.create_dataset('type', data='LIF', dtype=h5py.string_dtype())", '/node/type: is "LIF", expected "NIRGraph"'],
    ['a missing parameter', "del n['fc']['weight']", '/node/nodes/fc/weight: missing (a Linear node needs weight)'],
    ['a string weight', "del n['fc']['weight']; n['fc'].create_dataset('weight', data='x', dtype=h5py.string_dtype())", '/node/nodes/fc/weight: must be numeric (found strings)'],
    ['a NaN', "n['fc']['weight'][0, 1] = np.nan", '/node/nodes/fc/weight: value 1 is NaN (must be finite)'],
    ['a 1-D weight', "del n['fc']['weight']; n['fc'].create_dataset('weight', data=np.ones(2))", '/node/nodes/fc/weight: must be 2-D (out, in), found shape (2)'],
    ['an edge to nowhere', "del g['edges']; g.create_dataset('edges', data=[('input', 'nope')])", '/node/edges: edge 0 (input → nope) names "nope", which is not a node'],
    ['no edges', "del g['edges']", '/node/edges: missing (the graph needs its edges)'],
  ])('%s', async (_what, code, message) => {
    await expect(readNir(fileWith(code))).rejects.toThrow(new NirFormatError(message.slice(0, message.indexOf(': ')), message.slice(message.indexOf(': ') + 2)));
  });
});
