// Axon bundles: takes the document's projections and the placed clusters, gives for each projection the drawn
// synapses (all, or a seeded sample of dense ones) with their delays, curve control points and dendrite stubs.
import type { NetworkDocument, Projection } from '../../shared/graph/schema';
import { compileExpression, SYNAPSE_VARS } from '../../shared/graph/expression';
import { randomU32 } from '../../shared/rng/counter-rng';
import type { ClusterLayout } from './layout';

/** Synapses of one projection from the compiled network (IR): parallel arrays in the IR's synapse order. */
export interface SynapseOverride {
  pre: ArrayLike<number>;
  post: ArrayLike<number>;
  delayMs?: ArrayLike<number>;
  /** When the arrays hold only a sample of the projection (the worker's, see ./ir.ts sampleSynapsesFromIR): each
   *  entry's index in the IR's synapse order, ascending, and the projection's synapse count. */
  index?: ArrayLike<number>;
  total?: number;
}

export interface AxonBundle {
  projection: string;
  source: string;
  target: string;
  /** Synapses of the projection: exact from the rule or the IR, else the expected count (fixed_probability). */
  total: number;
  exact: boolean;
  /** Drawn synapses: the synapse's index in the projection's enumeration (pre-major), pre and post neurons. */
  synapse: Float64Array;
  pre: Uint32Array;
  post: Uint32Array;
  delayMs: Float32Array;
  /** Cubic Bézier per axon, 12 floats: start (pre soma), two control points, end (tip of the dendrite stub). */
  curves: Float32Array;
  /** Dendrite stub per axon, 6 floats: the target soma, then the stub tip where the axon ends. */
  dendrites: Float32Array;
  plastic: boolean;
  /** A static projection with an explicit weight list (e.g. trained weights applied to the document): each drawn
   *  axon's weight, from `weight.values` in the rule's synapse order; null otherwise (and for plastic projections,
   *  whose weights come from the run). */
  explicit: Float32Array | null;
  /** The largest |w| of the whole explicit list (the width scale), 0 without one. */
  explicitMaxAbs: number;
  /** Where each drawn axon's weight is in the `weights` arrays: the entry of a sampled override, else `synapse`. */
  weightIndex: Float64Array;
  /** What is shown, for the screen: e.g. "showing 200 of 10,000 synapses (seeded sample)". */
  caption: string;
}

/** Stream id of the view's sampling, apart from the engine's streams (shared/rng STREAM). */
const VIEW_STREAM = 0x7e30;
const STUB = 0.7;

export function sampleBundles(
  doc: NetworkDocument,
  clusters: ReadonlyMap<string, ClusterLayout>,
  opts: { maxAxons: number; synapses: Record<string, SynapseOverride> },
): AxonBundle[] {
  const out: AxonBundle[] = [];
  for (const p of doc.projections) {
    const src = clusters.get(p.source);
    const tgt = clusters.get(p.target);
    if (!src || !tgt) continue;
    const picked = pickSynapses(doc.simulation.seed, p, src.size, tgt.size, opts.maxAxons, opts.synapses[p.id]);
    // Neurons past the drawn ones of a huge population have no position: their axons are left out.
    const keep = picked.k.map((_, j) => picked.pre[j] < src.drawn && picked.post[j] < tgt.drawn);
    const idx = keep.flatMap((ok, j) => (ok ? [j] : []));
    const n = idx.length;
    const b: AxonBundle = {
      projection: p.id, source: p.source, target: p.target, total: picked.total, exact: picked.exact,
      synapse: Float64Array.from(idx, (j) => picked.k[j]),
      pre: Uint32Array.from(idx, (j) => picked.pre[j]),
      post: Uint32Array.from(idx, (j) => picked.post[j]),
      delayMs: new Float32Array(n), curves: new Float32Array(12 * n), dendrites: new Float32Array(6 * n),
      plastic: !!p.plasticity,
      explicit: null, explicitMaxAbs: 0,
      weightIndex: Float64Array.from(idx, (j) => picked.slot?.[j] ?? picked.k[j]),
      caption: '',
    };
    const w = p.weight;
    if (!p.plasticity && w.dist === 'explicit' && w.values.length > 0) {
      // One value a synapse in the rule's order (the validator checks the count); the IR keeps that order, so a
      // worker sample's index applies too.
      b.explicit = Float32Array.from(idx, (j) => w.values[picked.k[j]] ?? 0);
      b.explicitMaxAbs = w.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    }
    const delayOf = delayFunction(p, src.size, tgt.size, opts.synapses[p.id]);
    idx.forEach((j, a) => { b.delayMs[a] = delayOf(picked.slot?.[j] ?? picked.k[j], picked.pre[j], picked.post[j], j); });
    shapeCurves(b, src, tgt);
    b.caption = caption(p.id, n, b.total, b.exact, picked.sampled);
    out.push(b);
  }
  return out;
}

export function caption(id: string, shown: number, total: number, exact: boolean, sampled: boolean): string {
  const fmt = (v: number) => Math.round(v).toLocaleString('en-US');
  const of = exact ? fmt(total) : `≈${fmt(total)}`;
  if (!sampled && shown === total) return `${id}: all ${fmt(total)} synapse${total === 1 ? '' : 's'} shown`;
  return `${id}: showing ${fmt(shown)} of ${of} synapses${sampled ? ' (seeded sample)' : ''}`;
}

interface Picked {
  k: number[]; pre: number[]; post: number[]; total: number; exact: boolean; sampled: boolean;
  /** With a sampled override: each picked synapse's entry in it. */
  slot?: number[];
}

/** The view's sampling stream of a projection (also used by the worker to send the same sample). */
export const viewStream = (projection: string) => (VIEW_STREAM ^ hashId(projection)) >>> 0;

/** The synapses to draw: every one when there are at most maxAxons, else a sample seeded by (seed, projection). */
export function pickSynapses(
  seed: number, p: Projection, nPre: number, nPost: number, maxAxons: number, ir?: SynapseOverride,
): Picked {
  const stream = viewStream(p.id);
  if (ir?.index) {
    // A sample sent by the worker, drawn with this same function: keep the picks it holds.
    const total = ir.total ?? ir.pre.length;
    const at = new Map<number, number>();
    for (let e = 0; e < ir.index.length; e++) at.set(ir.index[e], e);
    const slot = chooseIndices(seed, stream, total, maxAxons).map((i) => at.get(i) ?? -1).filter((e) => e >= 0);
    return { k: slot.map((e) => ir.index![e]), pre: slot.map((e) => ir.pre[e]), post: slot.map((e) => ir.post[e]),
      total, exact: true, sampled: total > maxAxons, slot };
  }
  if (ir) {
    const total = ir.pre.length;
    const k = chooseIndices(seed, stream, total, maxAxons);
    return { k, pre: k.map((i) => ir.pre[i]), post: k.map((i) => ir.post[i]), total, exact: true, sampled: total > maxAxons };
  }
  const c = p.connectivity;
  const same = p.source === p.target;
  const noSelf = same && 'allow_self' in c && !c.allow_self;
  // All-to-all index space (pre-major), without the diagonal when self-synapses are not allowed.
  const fullTotal = nPre * nPost - (noSelf ? Math.min(nPre, nPost) : 0);
  const fromFull = (i: number): [number, number] => {
    if (!noSelf) return [Math.floor(i / nPost), i % nPost];
    const row = Math.floor(i / (nPost - 1));
    const col = i % (nPost - 1);
    return [row, col >= row ? col + 1 : col];
  };
  const build = (k: number[], pair: (i: number) => [number, number], total: number, exact: boolean) => {
    const pairs = k.map(pair);
    return { k, pre: pairs.map((q) => q[0]), post: pairs.map((q) => q[1]), total, exact, sampled: total > maxAxons };
  };
  switch (c.rule) {
    case 'all_to_all':
      return build(chooseIndices(seed, stream, fullTotal, maxAxons), fromFull, fullTotal, true);
    case 'one_to_one': {
      const total = Math.min(nPre, nPost);
      return build(chooseIndices(seed, stream, total, maxAxons), (i) => [i, i], total, true);
    }
    case 'explicit':
      return build(chooseIndices(seed, stream, c.pre.length, maxAxons), (i) => [c.pre[i], c.post[i]], c.pre.length, true);
    case 'fixed_indegree': {
      // k sources per target; which ones the engine draws is its business: the view draws random sources.
      const total = c.k * nPost;
      return build(chooseIndices(seed, stream, total, maxAxons),
        (i) => [randomU32(seed, stream, i, 1) % nPre, Math.floor(i / Math.max(1, c.k))], total, false);
    }
    case 'fixed_probability': {
      // Each pair exists with probability p, so a uniformly drawn pair stands for a random synapse.
      const expected = c.p * fullTotal;
      const show = Math.min(maxAxons, Math.round(expected));
      const k = chooseIndices(seed, stream, fullTotal, show);
      const r = build(k, fromFull, expected, false);
      return { ...r, sampled: true };
    }
  }
}

/** `count` distinct indices in [0, total), ascending; all of them when total ≤ count. Seeded, 48-bit draws. */
export function chooseIndices(seed: number, stream: number, total: number, count: number): number[] {
  if (total <= count) return Array.from({ length: Math.max(0, total) }, (_, i) => i);
  const chosen = new Set<number>();
  for (let c = 0; chosen.size < count && c < count * 64; c++) {
    const hi = randomU32(seed, stream, 0, 2 * c) >>> 8;
    const lo = randomU32(seed, stream, 0, 2 * c + 1) >>> 8;
    chosen.add(Math.floor(((hi * 2 ** 24 + lo) / 2 ** 48) * total));
  }
  return [...chosen].sort((a, b) => a - b);
}

type DelayFn = (k: number, pre: number, post: number, j: number) => number;

/** Delay in ms of a drawn synapse, from the IR when given (k is then the entry of a sampled override), else from
 *  the document's delay rule. */
export function delayFunction(p: Projection, nPre: number, nPost: number, ir?: SynapseOverride): DelayFn {
  if (ir?.delayMs) { const d = ir.delayMs; return (k) => d[k] ?? 0; }
  const rule = p.delay;
  switch (rule.kind) {
    case 'constant': return () => rule.ms;
    case 'explicit': return (k) => rule.ms[k] ?? 0;
    case 'expression': {
      try {
        const fn = compileExpression(rule.expr, SYNAPSE_VARS);
        return (_k, pre, post) => Math.max(0, fn({ pre, post, n_pre: nPre, n_post: nPost }));
      } catch {
        return () => 0; // a broken rule is reported by the validator; the view draws no delay
      }
    }
  }
}

/** Curves leave the soma, gather on the line between the two clusters (a bundle) and end on a dendrite stub. */
function shapeCurves(b: AxonBundle, src: ClusterLayout, tgt: ClusterLayout): void {
  const a = src.center;
  const z = tgt.center;
  const self = src.id === tgt.id;
  // Somas of tiny clusters are drawn larger (layout.ts somaRadius): their stubs must reach out past them.
  const stub = Math.max(STUB, 2.2 * tgt.somaRadius);
  for (let j = 0; j < b.pre.length; j++) {
    const p0 = src.positions.subarray(3 * b.pre[j], 3 * b.pre[j] + 3);
    const s = tgt.positions.subarray(3 * b.post[j], 3 * b.post[j] + 3);
    // Stub points from the target soma toward the source cluster (or outward, for recurrent projections).
    const dir = self ? [s[0] - z[0], s[1] - z[1], s[2] - z[2] + 1e-3] : [a[0] - s[0], a[1] - s[1], a[2] - s[2]];
    const len = Math.hypot(dir[0], dir[1], dir[2]) || 1;
    const tip = [s[0] + (dir[0] / len) * stub, s[1] + (dir[1] / len) * stub, s[2] + (dir[2] / len) * stub];
    b.dendrites.set([s[0], s[1], s[2], tip[0], tip[1], tip[2]], 6 * j);
    let c1: number[];
    let c2: number[];
    if (self) {
      const lift = src.radius * 1.2;
      c1 = [p0[0], p0[1], p0[2] + lift];
      c2 = [tip[0], tip[1], tip[2] + lift];
    } else {
      const m1 = lerp(a, z, 0.35);
      const m2 = lerp(a, z, 0.65);
      c1 = lerp(p0, m1, 0.8);
      c2 = lerp(tip, m2, 0.8);
    }
    b.curves.set([p0[0], p0[1], p0[2], ...c1, ...c2, ...tip], 12 * j);
  }
}

/** Point at s ∈ [0, 1] on axon j of a bundle's curves, written into out[o..o+3). */
export function curvePoint(curves: Float32Array, j: number, s: number, out: Float32Array | number[], o = 0): void {
  const c = 12 * j;
  const u = 1 - s;
  const w0 = u * u * u, w1 = 3 * u * u * s, w2 = 3 * u * s * s, w3 = s * s * s;
  for (let k = 0; k < 3; k++) {
    out[o + k] = w0 * curves[c + k] + w1 * curves[c + 3 + k] + w2 * curves[c + 6 + k] + w3 * curves[c + 9 + k];
  }
}

function lerp(a: ArrayLike<number>, b: ArrayLike<number>, t: number): number[] {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** FNV-1a of an id: a stable stream per projection. */
function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The legend's line for a projection's explicit (e.g. trained, applied) weights: range and mean over the whole
 *  list, how many are negative. */
export function explicitSummary(id: string, values: readonly number[]): string {
  let lo = Infinity, hi = -Infinity, sum = 0, neg = 0;
  for (const v of values) { lo = Math.min(lo, v); hi = Math.max(hi, v); sum += v; if (v < 0) neg++; }
  const f = (v: number) => v.toPrecision(3);
  return `${id} explicit weights: ${f(lo)} to ${f(hi)}, mean ${f(sum / values.length)}; ${neg} of ${values.length} negative`;
}

/** The legend's line for a plastic projection's drawn weights: range, mean, and how many sit at a bound
 *  (STDP drives weights toward w_min and w_max). `w` holds the drawn axons' current weights. */
export function weightSummary(id: string, w: ArrayLike<number>, wMin: number, wMax: number): string {
  if (w.length === 0) return `${id}: no drawn synapses`;
  let lo = Infinity, hi = -Infinity, sum = 0, atBound = 0;
  const tol = 1e-6 * Math.max(Math.abs(wMax - wMin), 1e-12);
  for (let j = 0; j < w.length; j++) {
    const v = w[j];
    lo = Math.min(lo, v); hi = Math.max(hi, v); sum += v;
    if (v <= wMin + tol || v >= wMax - tol) atBound++;
  }
  const f = (v: number) => v.toPrecision(3);
  return `${id} weights: ${f(lo)} to ${f(hi)}, mean ${f(sum / w.length)}; ${atBound} of ${w.length} at w_min or w_max`;
}
