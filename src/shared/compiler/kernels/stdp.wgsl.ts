// Builds the three STDP kernels of a plastic projection (pair-based, traces): stdp_pre_<proj> (depression on
// presynaptic spikes: w −= a_minus·y_post·decay_minus), stdp_post_<proj> (potentiation on postsynaptic spikes
// over the transposed index: w += a_plus·x_pre·decay_plus), stdp_trace_<proj> (x ← x·decay + spike).
// Bindings: spk of source/target (their flag sections), rowptr/post or colptr/colsyn/colpre, w, xtr, ytr,
// stdp (f32, the constants of ../stdp-constants.ts, read into their names). Spike buffer layout: ./spike-buffer.wgsl.ts.
import type { ProjectionIR } from '../ir';
import { stdpLetsWgsl } from '../stdp-constants';
import { ENTRY, THREAD_INDEX } from './common.wgsl';
import { spikeIndexWgsl } from './spike-buffer.wgsl';

const flag = (spk: string, size: string) => `${spk}[${spikeIndexWgsl('flag', size, 'i')}]`;

const C = (i: number) => `@group(0) @binding(${i})`;

export function stdpKernels(pj: ProjectionIR, srcId: string, tgtId: string) {
  const id = pj.id;
  const pre = {
    name: `stdp_pre_${id}`,
    bindings: [`spk_${srcId}`, `rowptr_${id}`, `post_${id}`, `w_${id}`, `ytr_${id}`, `stdp_${id}`],
    code: /* wgsl */ `// stdp_pre_${id}: depression at presynaptic spikes of ${srcId}. Uses: spk, rowptr, post, w, ytr, stdp.
const NPRE: u32 = ${pj.nPre}u;
${C(0)} var<storage, read> spk: array<u32>;
${C(1)} var<storage, read> rowptr: array<u32>;
${C(2)} var<storage, read> post: array<u32>;
${C(3)} var<storage, read_write> w: array<f32>;
${C(4)} var<storage, read> ytr: array<f32>;
${C(5)} var<storage, read> c: array<f32>;
${ENTRY} {
  ${THREAD_INDEX}
  if (i >= NPRE || ${flag('spk', 'NPRE')} == 0u) { return; }
${stdpLetsWgsl('c', ['a_minus', 'decay_minus', 'w_min', 'w_max'])}
  for (var s = rowptr[i]; s < rowptr[i + 1u]; s = s + 1u) {
    w[s] = clamp(w[s] - a_minus * (ytr[post[s]] * decay_minus), w_min, w_max);
  }
}
`,
  };
  const post = {
    name: `stdp_post_${id}`,
    bindings: [`spk_${tgtId}`, `colptr_${id}`, `colsyn_${id}`, `colpre_${id}`, `w_${id}`, `xtr_${id}`, `stdp_${id}`],
    code: /* wgsl */ `// stdp_post_${id}: potentiation at postsynaptic spikes of ${tgtId}. Uses: spk, colptr, colsyn, colpre, w, xtr, stdp.
const NPOST: u32 = ${pj.nPost}u;
${C(0)} var<storage, read> spk: array<u32>;
${C(1)} var<storage, read> colptr: array<u32>;
${C(2)} var<storage, read> colsyn: array<u32>;
${C(3)} var<storage, read> colpre: array<u32>;
${C(4)} var<storage, read_write> w: array<f32>;
${C(5)} var<storage, read> xtr: array<f32>;
${C(6)} var<storage, read> c: array<f32>;
${ENTRY} {
  ${THREAD_INDEX}
  if (i >= NPOST || ${flag('spk', 'NPOST')} == 0u) { return; }
${stdpLetsWgsl('c', ['a_plus', 'decay_plus', 'w_min', 'w_max'])}
  for (var k = colptr[i]; k < colptr[i + 1u]; k = k + 1u) {
    let s = colsyn[k];
    w[s] = clamp(w[s] + a_plus * (xtr[colpre[k]] * decay_plus), w_min, w_max);
  }
}
`,
  };
  const trace = {
    name: `stdp_trace_${id}`,
    bindings: [`spk_${srcId}`, `spk_${tgtId}`, `xtr_${id}`, `ytr_${id}`, `stdp_${id}`],
    code: /* wgsl */ `// stdp_trace_${id}: trace decay and increment. Uses: spk (source), spk (target), xtr, ytr, stdp.
const NPRE: u32 = ${pj.nPre}u;
const NPOST: u32 = ${pj.nPost}u;
${C(0)} var<storage, read> spk_pre: array<u32>;
${C(1)} var<storage, read> spk_post: array<u32>;
${C(2)} var<storage, read_write> xtr: array<f32>;
${C(3)} var<storage, read_write> ytr: array<f32>;
${C(4)} var<storage, read> c: array<f32>;
${ENTRY} {
  ${THREAD_INDEX}
${stdpLetsWgsl('c', ['decay_plus', 'decay_minus'])}
  if (i < NPRE) { xtr[i] = xtr[i] * decay_plus + f32(${flag('spk_pre', 'NPRE')}); }
  if (i < NPOST) { ytr[i] = ytr[i] * decay_minus + f32(${flag('spk_post', 'NPOST')}); }
}
`,
  };
  return { pre, post, trace };
}
