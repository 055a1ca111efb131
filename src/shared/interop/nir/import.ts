// A NIR graph → a network document laid out for the editor (docs/formats.md, "NIR"). The inverse of ./export.ts:
// weights are scaled back (w = W·R/τ, or W·w_in/τ_syn into a CubaLIF), our own facts are read back from
// metadata, an Affine bias becomes a constant current input. Node types we cannot represent are all named in one
// NirFormatError, never dropped.
import { formatDiagnostic, hasErrors } from '../../graph/diagnostics';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type NetworkDocument, type NetworkDocumentInput } from '../../graph/schema';

type ProjectionInput = NonNullable<NetworkDocumentInput['projections']>[number];
import { loadDocument } from '../../graph/validate';
import { f32Shortest } from '../../training/apply';
import { count, NirFormatError, type NirArray, type NirGraph, type NirNode } from './graph';
import { META } from './export';
import { sToMs, weightsFromNir } from './scaling';

const NEURONS = new Set(['LIF', 'CubaLIF', 'LI']);
const WEIGHTS = new Set(['Linear', 'Affine']);
const WHY: Record<string, string> = {
  // A LIF with a long τ only approaches it, and its input would scale differently (Δv = R·W, not R·W/τ).
  IF: 'SNN Studio has no non-leaky integrate-and-fire model (a LIF with a long tau would only approximate it)',
  NIRGraph: 'nested subgraphs are not mapped',
};

/** Where a node lives in the file, for messages. */
const at = (name: string) => `/node/nodes/${name}`;

export interface NirImportOptions {
  /** Document name when the file's metadata has none (e.g. the file name without extension). */
  name: string;
}

export function nirToDocument(graph: NirGraph, opts: NirImportOptions): NetworkDocument {
  const unsupported = [...graph.nodes].filter(([, n]) => !NEURONS.has(n.type) && !WEIGHTS.has(n.type) && !['Input', 'Output', 'Delay'].includes(n.type));
  if (unsupported.length > 0) {
    throw new NirFormatError('/node/nodes', `unsupported NIR node${unsupported.length === 1 ? '' : 's'}: ` +
      unsupported.map(([k, n]) => `"${k}" (${n.type}${WHY[n.type] ? `: ${WHY[n.type]}` : ''})`).join(', ') +
      ' — SNN Studio maps Input, Output, Linear, Affine, LIF, CubaLIF, LI and Delay');
  }
  const dtS = typeof graph.metadata[META.dt] === 'number' && (graph.metadata[META.dt] as number) > 0 ? graph.metadata[META.dt] as number : 1e-3;
  const dtMs = sToMs(dtS);
  const ids = idsFor(graph);
  const into = new Map<string, string[]>(), from = new Map<string, string[]>();
  for (const [a, b] of graph.edges) {
    (from.get(a) ?? from.set(a, []).get(a)!).push(b);
    (into.get(b) ?? into.set(b, []).get(b)!).push(a);
  }
  const node = (k: string) => graph.nodes.get(k)!;
  const size = (k: string): number => {
    const n = node(k);
    if (n.type === 'Input' || n.type === 'Output') return n.params.shape.data.reduce((p, x) => p * x, 1);
    const first = Object.values(n.params)[0];
    return count(first);
  };

  const nodes: NetworkDocumentInput['nodes'] = [];
  for (const [k, n] of graph.nodes) {
    if (n.type === 'Input') {
      if (n.params.shape.data.length !== 1) throw new NirFormatError(`${at(k)}/shape`, `is (${[...n.params.shape.data].join(', ')}); only 1-D inputs map to a population`);
      nodes.push(inputNode(k, ids.get(k)!, n, size(k)));
    } else if (NEURONS.has(n.type)) nodes.push(neuronNode(k, ids.get(k)!, n));
  }

  const projections: ProjectionInput[] = [];
  const spiking = (k: string) => node(k).type === 'Input' || node(k).type === 'LIF' || node(k).type === 'CubaLIF';
  for (const [a, b] of graph.edges) {
    const ta = node(a).type, tb = node(b).type;
    if ((ta === 'Input' || NEURONS.has(ta)) && NEURONS.has(tb)) {
      throw new NirFormatError('/node/edges', `edge ${a} → ${b} has no weight node between the two (an identity connection is not mapped)`);
    }
    if (ta === 'Delay' && !WEIGHTS.has(tb)) throw new NirFormatError('/node/edges', `delay "${a}" feeds "${b}" (${tb}); a Delay must feed a weight node (Linear or Affine)`);
  }
  for (const [k, n] of graph.nodes) {
    if (!WEIGHTS.has(n.type)) continue;
    const sources = into.get(k) ?? [];
    if (sources.length !== 1) throw new NirFormatError('/node/edges', `"${k}" has ${sources.length} incoming edges; a weight node needs exactly one source`);
    let src = sources[0], delays: NirArray | null = null;
    if (node(src).type === 'Delay') {
      const before = into.get(src) ?? [];
      if (before.length !== 1) throw new NirFormatError('/node/edges', `delay "${src}" has ${before.length} incoming edges; it needs exactly one source`);
      delays = node(src).params.delay;
      src = before[0];
    }
    if (node(src).type !== 'Input' && !NEURONS.has(node(src).type)) throw new NirFormatError('/node/edges', `"${k}" is fed by "${src}" (${node(src).type}); a weight node must be fed by an Input or a neuron node`);
    if (!spiking(src)) throw new NirFormatError('/node/edges', `"${k}" is fed by "${src}" (LI), which does not spike`);
    const [out, inn] = n.params.weight.shape;
    if (inn !== size(src)) throw new NirFormatError(`${at(k)}/weight`, `has ${inn} columns but its source "${src}" has ${size(src)} neurons`);
    if (delays && count(delays) !== inn) throw new NirFormatError(`${at(src === sources[0] ? k : sources[0])}/delay`, `has ${count(delays)} values for ${inn} presynaptic neurons`);
    if (delays && delays.data.some((d) => d < 0)) throw new NirFormatError(`${at(sources[0])}/delay`, 'must not be negative');
    const bias = n.type === 'Affine' && n.params.bias.data.some((x) => x !== 0) ? n.params.bias.data : null;
    const targets = from.get(k) ?? [];
    if (targets.length === 0) throw new NirFormatError('/node/edges', `"${k}" has no outgoing edge`);
    for (const t of targets) {
      const tt = node(t).type;
      if (!NEURONS.has(tt)) throw new NirFormatError('/node/edges', `"${k}" feeds "${t}" (${tt}); a weight node must feed a neuron node (LIF, CubaLIF or LI)`);
      if (out !== size(t)) throw new NirFormatError(`${at(k)}/weight`, `has ${out} rows but its target "${t}" has ${size(t)} neurons`);
      const pid = targets.length === 1 ? ids.get(k)! : uniqueId(`${ids.get(k)!}_${ids.get(t)!}`, ids);
      projections.push(projection(n.metadata[META.trainable] !== 0, pid, ids.get(src)!, ids.get(t)!, n.params.weight.data, out, inn, node(t), t, delays, dtMs));
      if (bias) {
        const b = biasInput(k, bias, t, tt, pid, ids);
        nodes.push(b.node);
        projections.push(b.projection);
      }
    }
  }

  const order = orderFrom(graph, ids);
  nodes.sort((a, b) => order(a.id) - order(b.id));
  projections.sort((a, b) => order(a.id) - order(b.id));
  const monitors = monitorsFor(graph, ids);
  const doc = {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    meta: {
      name: typeof graph.metadata[META.source] === 'string' && graph.metadata[META.source] !== '' ? graph.metadata[META.source] as string : opts.name,
      description: `Imported from NIR ${graph.version}.`,
    },
    simulation: {
      dt_ms: dtMs,
      duration_ms: typeof graph.metadata[META.durationMs] === 'number' ? graph.metadata[META.durationMs] as number : 100,
      seed: typeof graph.metadata[META.seed] === 'number' ? graph.metadata[META.seed] as number : 1,
    },
    nodes, projections, monitors,
    layout: { nodes: layout(nodes.map((n) => n.id), projections.map((p) => [p.source, p.target])) },
  };
  const r = loadDocument(doc);
  if (!r.ok || hasErrors(r.diagnostics)) {
    throw new NirFormatError('/node', `does not make a valid network: ${r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic).join('; ')}`);
  }
  return r.doc;
}

/** Rank by the document order kept in metadata (our own files); others keep file order (a stable sort). */
function orderFrom(graph: NirGraph, ids: Map<string, string>): (id: string) => number {
  const ours = graph.metadata[META.order];
  let list: unknown = null;
  if (typeof ours === 'string') { try { list = JSON.parse(ours); } catch { list = null; } }
  if (!Array.isArray(list)) return () => 0;
  const names = new Map([...ids].map(([k, id]) => [id, k]));
  const rank = new Map((list as unknown[]).map((k, i) => [String(k), i]));
  return (id) => rank.get(names.get(id) ?? id) ?? list.length;
}

/** NIR names may hold dots or start with a digit; our ids may not (docs/file-format.md). */
function idsFor(graph: NirGraph): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const k of graph.nodes.keys()) {
    let base = k.replace(/[^A-Za-z0-9_-]/g, '_');
    if (!/^[A-Za-z_]/.test(base)) base = `n${base}`;
    if (['__proto__', 'constructor', 'prototype'].includes(base)) base = `${base}_`;
    let id = base;
    for (let i = 2; taken.has(id); i++) id = `${base}_${i}`;
    taken.add(id);
    ids.set(k, id);
  }
  return ids;
}

function uniqueId(base: string, ids: Map<string, string>): string {
  const taken = new Set(ids.values());
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}_${i}`;
  ids.set(`\0${id}`, id);
  return id;
}

/** One value for the whole population: our parameters are per population, NIR's per neuron. */
function uniform(name: string, n: NirNode, param: string): number {
  const a = n.params[param];
  const v = a.data[0];
  const i = a.data.findIndex((x) => x !== v);
  if (i >= 0) throw new NirFormatError(`${at(name)}/${param}`, `differs across neurons (${v} at 0, ${a.data[i]} at ${i}); a SNN Studio population shares one value`);
  return v;
}

function inputNode(k: string, id: string, n: NirNode, size: number): NetworkDocumentInput['nodes'][number] {
  const own = n.metadata[META.node];
  if (typeof own === 'string') {
    try {
      const o = JSON.parse(own) as { model?: unknown; params?: unknown; label?: unknown; data?: unknown };
      if (typeof o.model === 'string') {
        return { id, kind: 'input', model: o.model, size, params: (o.params ?? {}) as Record<string, number>, ...(typeof o.label === 'string' ? { label: o.label } : {}), ...(o.data ? { data: o.data as never } : {}) };
      }
    } catch { /* not ours: fall through to a plain spike generator */ }
  }
  // A NIR Input is fed from outside: an empty spike generator of its size, for the user to fill.
  return { id, kind: 'input', model: 'spike_generator', size, label: k, params: {}, data: { spikes: { index: [], time_ms: [] } } };
}

function neuronNode(k: string, id: string, n: NirNode): NetworkDocumentInput['nodes'][number] {
  const u = (p: string) => uniform(k, n, p);
  const size = count(Object.values(n.params)[0]);
  const label = typeof n.metadata.label === 'string' ? { label: n.metadata.label } : {};
  const extra: Record<string, number | string> = {};
  if (typeof n.metadata[META.vInit] === 'number') extra.v_init = n.metadata[META.vInit];
  if (n.type === 'LI') {
    return { id, kind: 'population', model: 'leaky_integrator', size, ...label, params: { tau_ms: sToMs(positive(k, n, 'tau')), r: u('r'), v_rest: u('v_leak'), ...extra } };
  }
  if (typeof n.metadata[META.resetTiming] === 'string') extra.reset_timing = n.metadata[META.resetTiming];
  if (typeof n.metadata[META.refractoryMs] === 'number') extra.refractory_ms = n.metadata[META.refractoryMs];
  const tau = n.type === 'LIF' ? positive(k, n, 'tau') : positive(k, n, 'tau_mem');
  const vReset = n.params.v_reset ? u('v_reset') : 0; // the reference's default when absent
  return { id, kind: 'population', model: 'lif', size, ...label, params: { tau_ms: sToMs(tau), r: u('r'), v_rest: u('v_leak'), v_th: u('v_threshold'), v_reset: vReset, ...extra } };
}

function positive(k: string, n: NirNode, param: string): number {
  const v = uniform(k, n, param);
  if (!(v > 0)) throw new NirFormatError(`${at(k)}/${param}`, `must be positive, got ${v}`);
  return v;
}

function projection(trainable: boolean, id: string, source: string, target: string, W: Float64Array, out: number, inn: number,
  t: NirNode, tName: string, delays: NirArray | null, dtMs: number): ProjectionInput {
  let w: Float64Array, synapse: ProjectionInput['synapse'];
  if (t.type === 'CubaLIF') {
    const tauSyn = positive(tName, t, 'tau_syn');
    const wIn = t.params.w_in ? uniform(tName, t, 'w_in') : 1;
    // The synaptic current jumps by w_in·W/τ_syn per spike: that jump is our exponential-synapse weight.
    w = weightsFromNir(W, out, inn, new Array(out).fill(tauSyn), new Array(out).fill(wIn));
    synapse = { kind: 'exponential', tau_ms: sToMs(tauSyn) };
  } else {
    const tau = positive(tName, t, 'tau');
    const r = uniform(tName, t, 'r');
    if (r === 0) throw new NirFormatError(`${at(tName)}/r`, 'is 0: no input current reaches the membrane, so weights cannot be scaled');
    w = weightsFromNir(W, out, inn, new Array(out).fill(tau), new Array(out).fill(r));
    synapse = { kind: 'delta' };
  }
  // Our explicit weights are pre-major ([pre][post]); NIR's matrix is (out, in).
  const values = new Array<number>(out * inn);
  for (let i = 0; i < inn; i++) for (let j = 0; j < out; j++) values[i * out + j] = f32Shortest(w[j * inn + i]);
  let delay: ProjectionInput['delay'] = { kind: 'constant', ms: 0 };
  if (delays) {
    const ms = [...delays.data].map((d) => roundMs(sToMs(d), dtMs));
    delay = ms.every((x) => x === ms[0]) ? { kind: 'constant', ms: ms[0] } : { kind: 'explicit', ms: ms.flatMap((x) => new Array<number>(out).fill(x)) };
  }
  return { id, source, target, connectivity: { rule: 'all_to_all' }, weight: { dist: 'explicit', values }, synapse, delay, trainable };
}

/**
 * An Affine's non-zero bias b: a constant current I = b into each target neuron. Into a LIF or LI that is the
 * current of `τ dv/dt = (v_leak − v) + R·I`, which our `current` input adds exactly (docs/formats.md): a constant
 * source of 1 through a `current` synapse of weight b_j into neuron j. Into a CubaLIF the bias feeds the
 * synaptic current (`τ_syn dI/dt = −I + w_in·(W·s + b)`), rising with τ_syn from 0 — a current input would
 * be there from the first step, so that is refused.
 */
function biasInput(k: string, bias: Float64Array, t: string, tt: string, pid: string, ids: Map<string, string>): { node: NetworkDocumentInput['nodes'][number]; projection: ProjectionInput } {
  if (tt === 'CubaLIF') throw new NirFormatError(`${at(k)}/bias`, `is not zero and feeds "${t}" (CubaLIF), whose synaptic current filters it through tau_syn; SNN Studio's constant current input would act from the first step (only biases into LIF and LI nodes are mapped)`);
  const id = uniqueId(`${pid}_bias`, ids);
  return {
    node: { id, kind: 'input', model: 'current', size: 1, label: `bias of ${k}`, params: { shape: 'constant', amplitude: 1, offset: 0 } },
    projection: {
      id: uniqueId(`${id}_${ids.get(t)!}`, ids), source: id, target: ids.get(t)!, connectivity: { rule: 'all_to_all' },
      weight: { dist: 'explicit', values: [...bias].map(f32Shortest) }, synapse: { kind: 'current' }, trainable: false,
    },
  };
}

/** A delay that is a whole number of steps up to float noise is written as that (0.30000000000000004 → 0.3). */
function roundMs(ms: number, dtMs: number): number {
  const steps = ms / dtMs;
  return Math.abs(steps - Math.round(steps)) < 1e-9 ? Number((Math.round(steps) * dtMs).toPrecision(12)) : ms;
}

function monitorsFor(graph: NirGraph, ids: Map<string, string>): NetworkDocumentInput['monitors'] {
  const ours = graph.metadata[META.monitors];
  const present = new Set(ids.values());
  if (typeof ours === 'string') {
    try {
      const list = JSON.parse(ours) as { target?: unknown }[];
      if (Array.isArray(list)) return list.filter((m) => typeof m.target === 'string' && present.has(m.target)) as NetworkDocumentInput['monitors'];
    } catch { /* not ours: monitors from the Output nodes below */ }
  }
  const monitors: NonNullable<NetworkDocumentInput['monitors']> = [];
  for (const [a, b] of graph.edges) {
    if (graph.nodes.get(b)!.type !== 'Output') continue;
    const src = graph.nodes.get(a)!;
    const id = ids.get(a)!;
    if (src.type === 'LI') monitors.push({ id: `${id}_v`, kind: 'state', target: id, variable: 'v' });
    else if (src.type === 'LIF' || src.type === 'CubaLIF' || src.type === 'Input') monitors.push({ id: `${id}_spikes`, kind: 'spikes', target: id });
    else throw new NirFormatError('/node/edges', `output "${b}" is fed by "${a}" (${src.type}); only neuron and input nodes map to recordings`);
  }
  return monitors;
}

/** Columns by depth from the inputs (longest path, cycles cut), rows in file order: the editor's layered view. */
function layout(ids: string[], links: [string, string][]): Record<string, { x: number; y: number }> {
  const depth = new Map(ids.map((id) => [id, 0]));
  for (let pass = 0; pass < ids.length; pass++) {
    let changed = false;
    for (const [a, b] of links) {
      if (a === b) continue;
      const d = depth.get(a)! + 1;
      if (d > depth.get(b)! && d < ids.length) { depth.set(b, d); changed = true; }
    }
    if (!changed) break;
  }
  const rows = new Map<number, number>();
  const out: Record<string, { x: number; y: number }> = {};
  for (const id of ids) {
    const d = depth.get(id)!;
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    out[id] = { x: 320 * d, y: 160 * row };
  }
  return out;
}
