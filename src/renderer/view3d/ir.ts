// Bridge from the compiler: takes a NetworkIR and gives the 3D view's per-projection synapse lists (pre, post,
// delay in ms) in the IR's synapse order, so drawn axons and their pulse timing are exactly the engine's.
import type { NetworkIR } from '../../shared/compiler/ir';
import type { SynapseOverride } from './axons';

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
