// Builds `propagate_<proj>` for the dense strategy (../propagation.ts): post-span matrix–vector. Bindings:
// 0 ctrl, 1 spk of the source (this step's compacted spike list), 2 w (f32 [pre][post], all-to-all, plastic or
// not) or wq (i32 [pre][post], the densified fixed-point weights of a small sparse projection), 3 delay
// (u32 [pre][post], absent when constant), 4 ring of the target (atomic i32).
// One thread per postsynaptic neuron j (grid-stride beyond the launch) loops over this step's spikes and sums
// the fixed-point terms q = floor(w·2^F + 0.5) of (spike, j) privately; neighbouring threads read neighbouring
// cells of a row (coalesced). Constant delay: one atomicAdd per post neuron per step (skipped when the sum is 0);
// per-synapse delays: each term into its own slot (one thread per j, so the atomics are uncontended). Integer
// sums are order-independent and wrap like the CPU's, so the result equals the CSR kernel's and the CPU engine's.
import type { ProjectionIR } from '../ir';
import { ctrlBase, CTRL_CUR, ENTRY, LOAD_STEP_WGSL, THREAD_INDEX, WG } from './common.wgsl';
import { spikeIndexWgsl } from './spike-buffer.wgsl';
import { propagatePrelude } from './propagate.wgsl';

export function propagateDenseKernel(pj: ProjectionIR, srcId: string, tgtId: string, ringSlots: number, fixedBits: number, reason: string): { code: string; bindings: string[] } {
  const bindings = ['ctrl', `spk_${srcId}`];
  const decl: string[] = [];
  const bind = (name: string, wgsl: string) => { decl.push(`@group(0) @binding(${bindings.length}) ${wgsl}`); bindings.push(name); };
  const quantized = !pj.dense;
  if (quantized) bind(`wq_${pj.id}`, 'var<storage, read> wq: array<i32>;');
  else bind(`w_${pj.id}`, 'var<storage, read> w: array<f32>;');
  const perSynapse = pj.delayConst === null;
  if (perSynapse) bind(quantized ? `dly_${pj.id}` : `delay_${pj.id}`, 'var<storage, read> delay: array<u32>;');
  bind(`ring_${tgtId}`, 'var<storage, read_write> ring: array<atomic<i32>>;');
  const term = quantized ? 'wq[at]' : 'i32(floor(w[at] * SCALE + 0.5))';
  const body = perSynapse
    ? `      let q = ${term};
      if (q != 0) { atomicAdd(&ring[BASE + ((n + delay[at]) % R) * NPOST + j], q); }`
    : `      acc = acc + ${term};`;
  const code = /* wgsl */ `// propagate_${pj.id}: ${srcId} → ${tgtId}, dense post-span (matrix–vector over this step's spikes), ${quantized ? 'densified i32 weights' : 'f32 weights [pre][post]'}, ${perSynapse ? 'per-synapse delays' : `delay ${pj.delayConst}`}; ${reason}. Uses: ${bindings.join(', ')}.
${propagatePrelude(pj, ringSlots, fixedBits, decl)}

${ENTRY} {
  ${THREAD_INDEX}
  let count = atomicLoad(&ctrl[${ctrlBase(pj.source) + CTRL_CUR}u]);
  if (count == 0u) { return; }
  ${LOAD_STEP_WGSL}
  let stride = nwg.x * nwg.y * ${WG}u;
  for (var j = i; j < NPOST; j = j + stride) {
${perSynapse ? '' : '    var acc: i32 = 0;\n'}    for (var k = 0u; k < count; k = k + 1u) {
      let at = spk[${spikeIndexWgsl('list', `${pj.nPre}u`, 'k')}] * NPOST + j;
${body}
    }
${perSynapse ? '' : `    if (acc != 0) { atomicAdd(&ring[BASE + ((n + ${pj.delayConst}u) % R) * NPOST + j], acc); }\n`}  }
}
`;
  return { code, bindings };
}
