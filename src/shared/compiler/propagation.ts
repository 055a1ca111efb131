// Per-projection choice of spike propagation, and the densified weight matrix of small sparse projections.
// Takes a ProjectionIR and the ProgramOptions' `propagation` ('auto' | 'csr' | 'dense'); gives the strategy
// ('dense': post-span matrix–vector, kernels/propagate-dense.wgsl.ts; 'csr': event-driven pre-span,
// kernels/propagate.wgsl.ts) with a one-line reason for program.json and the kernel's header comment.
import type { ProjectionIR } from './ir';
import { quantize } from './params';

export type PropagationChoice = 'auto' | 'csr' | 'dense';
export type Propagation = 'dense' | 'csr';

/**
 * Forced 'dense' densifies a sparse projection only up to this many (pre, post) cells (64 MiB of i32, plus as
 * much again for per-synapse delays); beyond it the projection stays CSR.
 */
export const DENSE_MAX_CELLS = 1 << 24;
/**
 * 'auto' densifies a sparse projection only when its matrix is small: ≤ this many cells (4 MiB of i32, the
 * largest measured: dense won there from p = 0.1 up)…
 */
export const AUTO_DENSIFY_MAX_CELLS = 1 << 20;
/**
 * …and at least this fraction of its cells hold a synapse (dense won at every measured density from 0.05 at 60 k
 * cells and from 0.1 at 1 M cells; below it dense reads > 10× the cells CSR does). docs/benchmarks.md,
 * "Propagation: dense vs event-driven".
 */
export const AUTO_DENSIFY_MIN_DENSITY = 0.1;
/**
 * 'auto' keeps an all-to-all projection event-driven when the dense kernel would have too few threads to
 * spread the spikes over: fewer than this many postsynaptic neurons and more than this many presynaptic ones
 * per postsynaptic neuron (one thread would then loop over up to nPre spikes alone). A GPU argument (thousands
 * of threads idle while a few loop serially): SwiftShader, with two cores, cannot show it and prefers dense
 * even there (2,000 → 1 and → 16 in the benchmark); not measured on a hardware GPU yet.
 */
export const AUTO_DENSE_MIN_POST = 32;

/** True when two synapses of one row share a postsynaptic neuron (explicit or random connectivity). */
export function hasDuplicates(pj: ProjectionIR): boolean {
  const seen = new Int32Array(pj.nPost).fill(-1);
  for (let i = 0; i < pj.nPre; i++) {
    for (let s = pj.rowPtr[i]; s < pj.rowPtr[i + 1]; s++) {
      const j = pj.post[s];
      if (seen[j] === i) return true;
      seen[j] = i;
    }
  }
  return false;
}

/**
 * Whether the dense kernel can propagate this projection exactly: all-to-all always (w_ is already the
 * [pre][post] matrix, plastic or not); a sparse one when it is not plastic (the STDP kernels update w_ in CSR
 * order, which the densified copy would not see), its matrix has ≤ DENSE_MAX_CELLS cells, and either its
 * delay is constant or no (pre, post) pair repeats (a repeated pair with two delays needs two matrix cells).
 */
export function denseLegal(pj: ProjectionIR): boolean {
  if (pj.synapse === 'current') return false;
  if (pj.dense) return true;
  if (pj.plasticity || pj.nPre * pj.nPost > DENSE_MAX_CELLS) return false;
  return pj.delayConst !== null || !hasDuplicates(pj);
}

/**
 * The strategy for one projection, with the reason.
 *
 * Heuristic ('auto'), from the cost of one step with k presynaptic spikes:
 * - CSR (pre-span) does k·fanout atomicAdds into the target's ring buffer, and reads k·fanout weights and post
 *   indices. Atomics to the same ring slot serialize, and in an all-to-all projection every spike hits every
 *   post neuron, so each slot takes k colliding atomics per step.
 * - Dense (post-span) runs nPost threads that each read k weights (coalesced: neighbouring threads read
 *   neighbouring cells of one row) and do one atomicAdd per post neuron per step (per-synapse delays: one per
 *   term, never contended across threads). It reads k·nPost cells, so on a sparse projection it reads
 *   1/density times the cells CSR reads.
 * So: all-to-all → dense (same reads, k× fewer atomics), unless nPost < AUTO_DENSE_MIN_POST and nPre >
 * AUTO_DENSE_MIN_POST·nPost, where a handful of threads would each loop over many spikes while CSR spreads
 * them over k·lanes threads. Sparse → dense only when the matrix is small (≤ AUTO_DENSIFY_MAX_CELLS: the
 * densified copy and the extra reads stay cheap) and dense enough (≥ AUTO_DENSIFY_MIN_DENSITY: the extra reads
 * are at most 10× those of CSR while atomics drop to one per post neuron). The thresholds come from the
 * SwiftShader measurements in docs/benchmarks.md ("Propagation: dense vs event-driven"). Everything else, e.g. COBA's 2 % random
 * connectivity, stays CSR. 'dense' forces the dense kernel wherever denseLegal; 'csr' forces event-driven.
 */
export function choosePropagation(pj: ProjectionIR, choice: PropagationChoice = 'auto'): { strategy: Propagation; reason: string } {
  if (choice === 'csr') return { strategy: 'csr', reason: 'forced csr' };
  const legal = denseLegal(pj);
  if (choice === 'dense') {
    return legal ? { strategy: 'dense', reason: pj.dense ? 'forced dense (all-to-all)' : 'forced dense (densified)' }
      : { strategy: 'csr', reason: `forced dense but ${pj.plasticity ? 'plastic sparse' : pj.nPre * pj.nPost > DENSE_MAX_CELLS ? 'matrix too large' : 'repeated pairs with per-synapse delays'}: csr` };
  }
  if (!legal) return { strategy: 'csr', reason: pj.plasticity ? 'auto: plastic sparse' : 'auto: sparse, not densifiable' };
  if (pj.dense) {
    if (pj.nPost < AUTO_DENSE_MIN_POST && pj.nPre > AUTO_DENSE_MIN_POST * pj.nPost) return { strategy: 'csr', reason: `auto: all-to-all onto ${pj.nPost} neuron(s) from ${pj.nPre}, too few threads` };
    return { strategy: 'dense', reason: 'auto: all-to-all' };
  }
  const cells = pj.nPre * pj.nPost, density = cells ? pj.post.length / cells : 0;
  if (cells <= AUTO_DENSIFY_MAX_CELLS && density >= AUTO_DENSIFY_MIN_DENSITY) return { strategy: 'dense', reason: `auto: small (${cells} cells) and dense (${(100 * density).toFixed(0)} %), densified` };
  return { strategy: 'csr', reason: `auto: sparse (${(100 * density).toFixed(1)} % of ${cells} cells)` };
}

/**
 * The densified matrix of a non-plastic sparse projection, [pre][post] row-major: q = Σ floor(w·2^F + 0.5)
 * over the synapses of each (pre, post) pair (wrapping i32, the same integers the CPU engine adds one by one),
 * and, when the delay is per synapse (no repeated pairs, see denseLegal), the delay of each cell (0 where
 * there is no synapse; such cells hold q = 0 and are skipped).
 */
export function densify(pj: ProjectionIR, fixedBits: number): { q: Int32Array; delay: Uint32Array | null } {
  const scale = 2 ** fixedBits, n = pj.nPost;
  const q = new Int32Array(pj.nPre * n);
  const delay = pj.delayConst === null ? new Uint32Array(pj.nPre * n) : null;
  for (let i = 0; i < pj.nPre; i++) {
    for (let s = pj.rowPtr[i]; s < pj.rowPtr[i + 1]; s++) {
      const at = i * n + pj.post[s];
      q[at] = (q[at] + quantize(pj.weight[s], scale)) | 0;
      if (delay) delay[at] = pj.delay[s];
    }
  }
  return { q, delay };
}
