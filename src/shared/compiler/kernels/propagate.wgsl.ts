// Builds `propagate_<proj>` for the csr strategy (../propagation.ts): event-driven spike propagation. Bindings: 0 ctrl, 1 spk of the
// source (this step's compacted spike list), 2 rowptr (CSR, absent when dense), 3 post (absent when dense),
// 4 w (f32), 5 delay (u32 steps, absent when constant), 6 ring of the target (atomic i32).
// L threads share one spike's row; the (spike, lane) items are covered grid-stride, so the kernel is exact for any
// launch: a fixed one (propagateThreads, the default) or indirect with ceil(count·L/64) workgroups (control.wgsl.ts).
// WGSL has no float atomics: each weight is added as the fixed-point i32 floor(w·2^F + 0.5), so the sum is
// exact and order-independent (the CPU engine does the same integer arithmetic).
import type { ProjectionIR } from '../ir';
import { ctrlBase, CTRL_CUR, ENTRY, LOAD_STEP_WGSL, THREAD_INDEX, WG, wgslFloat } from './common.wgsl';
import { spikeIndexWgsl } from './spike-buffer.wgsl';

export function lanesFor(pj: ProjectionIR): number {
  const avg = pj.nPre ? pj.post.length / pj.nPre : 0;
  let l = 1;
  while (l < 64 && l * 4 < avg) l *= 2;
  return l;
}

/**
 * Threads of a fixed (direct) propagate launch: every (spike, lane) item of a step in which 1/16 of the source
 * fires, at least 64 and at most 2048 workgroups (beyond, each thread loops over several items).
 */
export function propagateThreads(pj: ProjectionIR): number {
  const all = pj.nPre * lanesFor(pj);
  return Math.max(1, Math.min(all, Math.max(64 * WG, Math.min(2048 * WG, Math.ceil(all / 16)))));
}

/**
 * WGSL both propagate kernels start with (this one and the dense kernel in propagate-dense.wgsl.ts): the target
 * ring's constants, bindings 0 (ctrl) and 1 (the source's spike list), then the kernel's own bindings `decl`.
 */
export function propagatePrelude(pj: ProjectionIR, ringSlots: number, fixedBits: number, decl: string[]): string {
  return `const R: u32 = ${ringSlots}u;
const NPOST: u32 = ${pj.nPost}u;
const BASE: u32 = ${pj.channel * ringSlots * pj.nPost}u;
const SCALE: f32 = ${wgslFloat(2 ** fixedBits)};
@group(0) @binding(0) var<storage, read_write> ctrl: array<atomic<u32>>;
@group(0) @binding(1) var<storage, read> spk: array<u32>;
${decl.join('\n')}`;
}

export function propagateKernel(pj: ProjectionIR, srcId: string, tgtId: string, ringSlots: number, fixedBits: number, reason = 'csr'): { code: string; bindings: string[] } {
  const L = lanesFor(pj);
  const bindings = ['ctrl', `spk_${srcId}`];
  const decl: string[] = [];
  const bind = (name: string, wgsl: string) => { decl.push(`@group(0) @binding(${bindings.length}) ${wgsl}`); bindings.push(name); };
  if (!pj.dense) { bind(`rowptr_${pj.id}`, 'var<storage, read> rowptr: array<u32>;'); bind(`post_${pj.id}`, 'var<storage, read> post: array<u32>;'); }
  bind(`w_${pj.id}`, 'var<storage, read> w: array<f32>;');
  if (pj.delayConst === null) bind(`delay_${pj.id}`, 'var<storage, read> delay: array<u32>;');
  bind(`ring_${tgtId}`, 'var<storage, read_write> ring: array<atomic<i32>>;');
  const code = /* wgsl */ `// propagate_${pj.id}: ${srcId} → ${tgtId}, event-driven pre-span, ${pj.dense ? 'all-to-all rows' : 'CSR'}, ${L} lanes per spike; ${reason}. Uses: ${bindings.join(', ')}.
const L: u32 = ${L}u;
${propagatePrelude(pj, ringSlots, fixedBits, decl)}

${ENTRY} {
  ${THREAD_INDEX}
  let items = atomicLoad(&ctrl[${ctrlBase(pj.source) + CTRL_CUR}u]) * L;
  ${LOAD_STEP_WGSL}
  let stride = nwg.x * nwg.y * ${WG}u;
  // Grid-stride over (spike, lane) items: one pass when launched indirectly, a few with a fixed launch.
  for (var t = i; t < items; t = t + stride) {
  let k = t / L;
  let lane = t % L;
  let pre = spk[${spikeIndexWgsl('list', `${pj.nPre}u`, 'k')}];
${pj.dense ? '  let a = pre * NPOST;\n  let b = a + NPOST;' : '  let a = rowptr[pre];\n  let b = rowptr[pre + 1u];'}
  for (var s = a + lane; s < b; s = s + L) {
    let j = ${pj.dense ? 's - a' : 'post[s]'};
    let d = ${pj.delayConst === null ? 'delay[s]' : `${pj.delayConst}u`};
    let q = i32(floor(w[s] * SCALE + 0.5));
    atomicAdd(&ring[BASE + ((n + d) % R) * NPOST + j], q);
  }
  }
}
`;
  return { code, bindings };
}
