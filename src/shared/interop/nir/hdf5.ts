// NIR graphs ↔ HDF5 bytes with h5wasm, entirely in memory (h5wasm's own in-memory file system), so the same
// code runs in Node (`snn`) and in the browser (the app). The layout is the NIR reference implementation's
// (docs/formats.md, "NIR"): `/version`, `/node/type` = "NIRGraph", `/node/nodes/<name>/type` and one dataset per
// parameter, `/node/edges` an (n, 2) string array of (source, target) names, `metadata` groups.
import type H5wasm from 'h5wasm';
import { f32Shortest } from '../../training/apply';
import { NIR_TYPES, NirFormatError, count, type NirArray, type NirGraph, type NirMeta, type NirNode } from './graph';

type H5 = typeof H5wasm;
type H5Group = InstanceType<H5['Group']>;
type H5Dataset = InstanceType<H5['Dataset']>;

/**
 * h5wasm, loaded on first use with a real dynamic import: its package is ESM-only (no `require` export), and
 * Electron's main is bundled as CommonJS with dependencies external, where a static import would become require().
 */
let h5wasm: H5;
export async function loadH5wasm(): Promise<H5> {
  h5wasm ??= (await import('h5wasm')).default;
  return h5wasm;
}

let fileCounter = 0;
/** A fresh name in h5wasm's in-memory file system (never a path on disk). */
export const memName = () => `/snn-nir-${++fileCounter}.h5`;

export async function memoryFs() {
  const module = await (await loadH5wasm()).ready;
  return module.FS as unknown as { writeFile(p: string, d: Uint8Array): void; readFile(p: string): Uint8Array; unlink(p: string): void };
}

/** The bytes of a `.nir` file holding `graph`. */
export async function writeNir(graph: NirGraph): Promise<Uint8Array> {
  const FS = await memoryFs();
  const name = memName();
  const f = new h5wasm.File(name, 'w');
  try {
    f.create_dataset({ name: 'version', data: graph.version });
    const root = f.create_group('node');
    root.create_dataset({ name: 'type', data: 'NIRGraph' });
    const nodes = root.create_group('nodes');
    for (const [key, node] of graph.nodes) {
      const g = nodes.create_group(key);
      g.create_dataset({ name: 'type', data: node.type });
      for (const [param, arr] of Object.entries(node.params)) {
        // Input/Output shapes are integers (int64, as numpy writes them); every other parameter is float64.
        if (param === 'shape') g.create_dataset({ name: param, data: BigInt64Array.from(arr.data, (x) => BigInt(x)), shape: arr.shape });
        else g.create_dataset({ name: param, data: arr.data, shape: arr.shape });
      }
      writeMeta(g, node.metadata);
    }
    const flat = graph.edges.flatMap(([a, b]) => [a, b]);
    root.create_dataset({ name: 'edges', data: flat, shape: [graph.edges.length, 2] });
    writeMeta(root, graph.metadata);
  } finally {
    f.close();
  }
  try { return FS.readFile(name).slice(); } finally { FS.unlink(name); }
}

function writeMeta(g: H5Group, meta: NirMeta): void {
  const entries = Object.entries(meta);
  if (entries.length === 0) return; // the reference skips an empty metadata group
  const m = g.create_group('metadata');
  for (const [k, v] of entries) {
    if (typeof v === 'string') m.create_dataset({ name: k, data: v });
    else m.create_dataset({ name: k, data: new Float64Array([v]), shape: [] });
  }
}

/** HDF5's superblock signature sits at byte 0, 512, 1024, 2048, … (after an optional user block). */
export function hasHdf5Signature(bytes: Uint8Array): boolean {
  const sig = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
  for (let at = 0; at + 8 <= bytes.length; at = at === 0 ? 512 : at * 2) {
    if (sig.every((b, i) => bytes[at + i] === b)) return true;
  }
  return false;
}

/**
 * Reads a `.nir` file. Every problem is a NirFormatError naming the HDF5 path at fault. Node types we do not
 * know are kept (type and metadata only) so that the importer can name them; the known ones are checked for
 * their parameters, shapes and finite values here.
 */
export async function readNir(bytes: Uint8Array): Promise<NirGraph> {
  if (!hasHdf5Signature(bytes)) throw new NirFormatError('/', 'not an HDF5 file (no HDF5 signature)');
  const FS = await memoryFs();
  const name = memName();
  FS.writeFile(name, bytes);
  let f: InstanceType<H5['File']>;
  try {
    f = new h5wasm.File(name, 'r');
  } catch (e) {
    FS.unlink(name);
    throw new NirFormatError('/', `not a readable HDF5 file (${(e as Error).message})`);
  }
  try {
    return readGraph(f);
  } catch (e) {
    if (e instanceof NirFormatError) throw e;
    throw new NirFormatError('/', `damaged HDF5 file (${(e as Error).message})`);
  } finally {
    f.close();
    FS.unlink(name);
  }
}

const isGroup = (x: unknown): x is H5Group => x instanceof h5wasm.Group;
const isDataset = (x: unknown): x is H5Dataset => x instanceof h5wasm.Dataset;

function get(g: H5Group, key: string, path: string): unknown {
  try { return g.get(key); } catch (e) { throw new NirFormatError(path, `cannot be read (${(e as Error).message})`); }
}

function readString(g: H5Group, key: string, path: string): string {
  const d = get(g, key, path);
  if (!isDataset(d)) throw new NirFormatError(path, 'missing (a string dataset is required)');
  const v = value(d, path);
  if (typeof v !== 'string') throw new NirFormatError(path, 'must be a string');
  return v;
}

function value(d: H5Dataset, path: string): unknown {
  try { return d.value; } catch (e) { throw new NirFormatError(path, `cannot be read (${(e as Error).message})`); }
}

function readArray(d: H5Dataset, path: string): NirArray {
  const v = value(d, path);
  const shape = d.shape ?? [];
  let data: Float64Array;
  if (typeof v === 'number') data = new Float64Array([v]);
  else if (typeof v === 'bigint') data = new Float64Array([Number(v)]);
  else if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const arr = v as unknown as ArrayLike<number | bigint>;
    // float32 (what PyTorch exporters write) as the shortest decimal of each value: the writer's 0.02, not
    // 0.019999999552965164, so imported parameters read as they were set.
    data = v instanceof Float32Array ? Float64Array.from(v, f32Shortest) : Float64Array.from({ length: arr.length }, (_, i) => Number(arr[i]));
  } else throw new NirFormatError(path, `must be numeric (found ${typeof v === 'string' || Array.isArray(v) ? 'strings' : 'an unsupported type'})`);
  if (data.length !== shape.reduce((p, x) => p * x, 1)) throw new NirFormatError(path, `holds ${data.length} values for shape (${shape.join(', ')})`);
  const bad = data.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) throw new NirFormatError(path, `value ${bad} is ${data[bad]} (must be finite)`);
  return { shape, data };
}

function readMeta(g: H5Group, path: string): NirMeta {
  const m = get(g, 'metadata', `${path}/metadata`);
  if (m === null || m === undefined) return {};
  if (!isGroup(m)) throw new NirFormatError(`${path}/metadata`, 'must be a group');
  const out: NirMeta = {};
  for (const k of m.keys()) {
    const d = get(m, k, `${path}/metadata/${k}`);
    if (!isDataset(d)) continue; // nested metadata is not ours: left alone
    const v = value(d, `${path}/metadata/${k}`);
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number') out[k] = v;
    else if (typeof v === 'bigint') out[k] = Number(v);
    else if (ArrayBuffer.isView(v) && (v as unknown as ArrayLike<number>).length === 1) out[k] = Number((v as unknown as ArrayLike<number>)[0]);
  }
  return out;
}

function readGraph(f: H5Group): NirGraph {
  const version = readString(f, 'version', '/version');
  const root = get(f, 'node', '/node');
  if (!isGroup(root)) throw new NirFormatError('/node', 'missing (the graph group is required)');
  const type = readString(root, 'type', '/node/type');
  if (type !== 'NIRGraph') throw new NirFormatError('/node/type', `is "${type}", expected "NIRGraph"`);
  const nodesGroup = get(root, 'nodes', '/node/nodes');
  if (!isGroup(nodesGroup)) throw new NirFormatError('/node/nodes', 'missing (a group of nodes is required)');
  const nodes = new Map<string, NirNode>();
  for (const key of nodesGroup.keys()) {
    const path = `/node/nodes/${key}`;
    const g = get(nodesGroup, key, path);
    if (!isGroup(g)) throw new NirFormatError(path, 'must be a group');
    nodes.set(key, readNode(g, path));
  }
  const edges = readEdges(root, nodes);
  return { version, nodes, edges, metadata: readMeta(root, '/node') };
}

function readNode(g: H5Group, path: string): NirNode {
  const type = readString(g, 'type', `${path}/type`);
  const spec = NIR_TYPES[type];
  const node: NirNode = { type, params: {}, metadata: readMeta(g, path) };
  if (!spec) return node; // unknown or unsupported type: the importer names it
  for (const p of [...spec.required, ...spec.optional]) {
    const d = get(g, p, `${path}/${p}`);
    if (d === null || d === undefined) {
      if (spec.required.includes(p)) throw new NirFormatError(`${path}/${p}`, `missing (a ${type} node needs ${spec.required.join(', ')})`);
      continue;
    }
    if (!isDataset(d)) throw new NirFormatError(`${path}/${p}`, 'must be a dataset');
    node.params[p] = readArray(d, `${path}/${p}`);
  }
  checkShapes(node, path);
  return node;
}

/** Shapes the importer relies on, checked once here so that its errors can name the dataset. */
function checkShapes(node: NirNode, path: string): void {
  const p = node.params;
  if (node.type === 'Linear' || node.type === 'Affine') {
    if (p.weight.shape.length !== 2) throw new NirFormatError(`${path}/weight`, `must be 2-D (out, in), found shape (${p.weight.shape.join(', ')})`);
    if (p.bias && count(p.bias) !== p.weight.shape[0]) throw new NirFormatError(`${path}/bias`, `has ${count(p.bias)} values for ${p.weight.shape[0]} outputs`);
    return;
  }
  if (node.type === 'Input' || node.type === 'Output') {
    if (p.shape.shape.length !== 1 || p.shape.data.some((x) => !Number.isInteger(x) || x < 1)) throw new NirFormatError(`${path}/shape`, 'must be a 1-D array of positive whole numbers');
    return;
  }
  // Neuron and delay nodes: every parameter is one value per neuron (a scalar counts as one neuron).
  const names = Object.keys(p);
  const n = count(p[names[0]]);
  for (const k of names) {
    if (p[k].shape.length > 1) throw new NirFormatError(`${path}/${k}`, `must be 1-D (one value per neuron), found shape (${p[k].shape.join(', ')})`);
    if (count(p[k]) !== n) throw new NirFormatError(`${path}/${k}`, `has ${count(p[k])} values where ${names[0]} has ${n}`);
  }
}

function readEdges(root: H5Group, nodes: Map<string, NirNode>): [string, string][] {
  const e = get(root, 'edges', '/node/edges');
  let src: string[], dst: string[];
  if (isDataset(e)) {
    const v = value(e, '/node/edges');
    const shape = e.shape ?? [];
    const flat = Array.isArray(v) ? v : typeof v === 'string' ? [v] : ArrayBuffer.isView(v) && (v as unknown as ArrayLike<number>).length === 0 ? [] : null;
    if (flat === null || flat.some((x) => typeof x !== 'string')) throw new NirFormatError('/node/edges', 'must be an (n, 2) array of node names');
    if (flat.length > 0 && (shape.length !== 2 || shape[1] !== 2)) throw new NirFormatError('/node/edges', `must have shape (n, 2), found (${shape.join(', ')})`);
    src = flat.filter((_, i) => i % 2 === 0) as string[];
    dst = flat.filter((_, i) => i % 2 === 1) as string[];
  } else if (isGroup(e)) {
    // An older form: parallel `src` and `dst` string arrays.
    const read = (k: string) => {
      const d = get(e, k, `/node/edges/${k}`);
      if (!isDataset(d)) throw new NirFormatError(`/node/edges/${k}`, 'missing');
      const v = value(d, `/node/edges/${k}`);
      const arr = Array.isArray(v) ? v : typeof v === 'string' ? [v] : null;
      if (arr === null || arr.some((x) => typeof x !== 'string')) throw new NirFormatError(`/node/edges/${k}`, 'must be an array of node names');
      return arr as string[];
    };
    src = read('src'); dst = read('dst');
    if (src.length !== dst.length) throw new NirFormatError('/node/edges', `src has ${src.length} names, dst ${dst.length}`);
  } else throw new NirFormatError('/node/edges', 'missing (the graph needs its edges)');
  return src.map((a, i) => {
    for (const name of [a, dst[i]]) if (!nodes.has(name)) throw new NirFormatError('/node/edges', `edge ${i} (${a} → ${dst[i]}) names "${name}", which is not a node`);
    return [a, dst[i]];
  });
}
