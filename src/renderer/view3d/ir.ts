// Bridge from the compiler: takes a NetworkIR and gives the 3D view's per-projection synapse lists (pre, post,
// delay in ms) in the IR's synapse order, so drawn axons and their pulse timing are exactly the engine's;
// or, for the engine worker, only the sample the view draws (≤ maxAxons a projection) and those synapses' weights.
import type { NetworkIR } from '../../shared/compiler/ir';
import { chooseIndices, viewStream, type SynapseOverride } from './axons';

export function synapsesFromIR(ir: NetworkIR): Record<string, SynapseOverride> {
  const out: Record<string, SynapseOverride> = {};
  for (const p of ir.projections) {
    const n = p.post.length;
    const pre = new Uint32Array(n);
    for (let i = 0; i < p.nPre; i++) pre.fill(i, p.rowPtr[i], p.rowPtr[i + 1]);
    // The engine delivers a spike of step s at step s + delay: that is the arrival the view must show.
    const delayMs = new Float32Array(n);
    for (let k = 0; k < n; k++) delayMs[k] = p.delay[k] * ir.dtMs;
    out[p.id] = { pre, post: p.post, delayMs };
  }
  return out;
}

/** The view's draw limit per projection (layout.ts maxAxonsPerProjection's default). */
export const VIEW_MAX_AXONS = 200;

/** What the worker sends at 'ready': per projection, the synapses the view will draw — the same seeded choice as
 *  axons.ts pickSynapses (seed, the projection's view stream, ≤ maxAxons) — with their IR index, pre, post and
 *  whole-step delay × dt. Bounded: ≤ maxAxons entries a projection, whatever the network's size. */
export function sampleSynapsesFromIR(ir: NetworkIR, maxAxons = VIEW_MAX_AXONS): Record<string, SynapseOverride> {
  const out: Record<string, SynapseOverride> = {};
  for (const p of ir.projections) {
    const total = p.post.length;
    const index = Uint32Array.from(chooseIndices(ir.seed, viewStream(p.id), total, maxAxons));
    const pre = new Uint32Array(index.length);
    let row = 0;
    index.forEach((k, e) => { // ascending: the row only moves forward
      while (p.rowPtr[row + 1] <= k) row++;
      pre[e] = row;
    });
    const post = Uint32Array.from(index, (k) => p.post[k]);
    const delayMs = Float32Array.from(index, (k) => p.delay[k] * ir.dtMs);
    out[p.id] = { pre, post, delayMs, index, total };
  }
  return out;
}

/** The sampled synapses' entries of a projection's weights (engine.readWeights, IR order). */
export function sampleWeights(weights: ArrayLike<number>, index: ArrayLike<number>): Float32Array {
  return Float32Array.from(index, (k) => weights[k] ?? 0);
}
