// Builds `propagate_<proj>`: event-driven spike propagation of one projection. Bindings: 0 ctrl, 1 spk of the
// source (this step's compacted spike list), 2 rowptr (CSR, absent when dense), 3 post (absent when dense),
// 4 w (f32), 5 delay (u32 steps, absent when constant), 6 ring of the target (atomic i32).
// L threads share one spike's row; launched indirectly with ceil(count·L/64) workgroups (see control.wgsl.ts).
// WGSL has no float atomics: each weight is added as the fixed-point i32 floor(w·2^F + 0.5), so the sum is
// exact and order-independent (the CPU engine does the same integer arithmetic).
import type { ProjectionIR } from '../ir';
import { ctrlBase, CTRL_CUR, ENTRY, THREAD_INDEX, wgslFloat } from './common.wgsl';

export function lanesFor(pj: ProjectionIR): number {
  const avg = pj.nPre ? pj.post.length / pj.nPre : 0;
  let l = 1;
  while (l < 64 && l * 4 < avg) l *= 2;
  return l;
}

export function propagateKernel(pj: ProjectionIR, srcId: string, tgtId: string, ringSlots: number, fixedBits: number): { code: string; bindings: string[] } {
  const L = lanesFor(pj);
  const bindings = ['ctrl', `spk_${srcId}`];
  const decl: string[] = [];
  const bind = (name: string, wgsl: string) => { decl.push(`@group(0) @binding(${bindings.length}) ${wgsl}`); bindings.push(name); };
  if (!pj.dense) { bind(`rowptr_${pj.id}`, 'var<storage, read> rowptr: array<u32>;'); bind(`post_${pj.id}`, 'var<storage, read> post: array<u32>;'); }
  bind(`w_${pj.id}`, 'var<storage, read> w: array<f32>;');
  if (pj.delayConst === null) bind(`delay_${pj.id}`, 'var<storage, read> delay: array<u32>;');
  bind(`ring_${tgtId}`, 'var<storage, read_write> ring: array<atomic<i32>>;');
  const code = /* wgsl */ `// propagate_${pj.id}: ${srcId} → ${tgtId}, ${pj.dense ? 'dense (all-to-all)' : 'CSR'}, ${L} lanes per spike. Uses: ${bindings.join(', ')}.
const L: u32 = ${L}u;
const R: u32 = ${ringSlots}u;
const NPOST: u32 = ${pj.nPost}u;
const BASE: u32 = ${pj.channel * ringSlots * pj.nPost}u;
const SCALE: f32 = ${wgslFloat(2 ** fixedBits)};
@group(0) @binding(0) var<storage, read_write> ctrl: array<atomic<u32>>;
@group(0) @binding(1) var<storage, read> spk: array<u32>;
${decl.join('\n')}

${ENTRY} {
  ${THREAD_INDEX}
  let k = i / L;
  let lane = i % L;
  if (k >= atomicLoad(&ctrl[${ctrlBase(pj.source) + CTRL_CUR}u])) { return; }
  let n = atomicLoad(&ctrl[0]);
  let pre = spk[k];
${pj.dense ? '  let a = pre * NPOST;\n  let b = a + NPOST;' : '  let a = rowptr[pre];\n  let b = rowptr[pre + 1u];'}
  for (var s = a + lane; s < b; s = s + L) {
    let j = ${pj.dense ? 's - a' : 'post[s]'};
    let d = ${pj.delayConst === null ? 'delay[s]' : `${pj.delayConst}u`};
    let q = i32(floor(w[s] * SCALE + 0.5));
    atomicAdd(&ring[BASE + ((n + d) % R) * NPOST + j], q);
  }
}
`;
  return { code, bindings };
}
