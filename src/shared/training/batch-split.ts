// Splitting a training batch across threads and combining what each part computed. The loss is a mean over
// samples (./loss.ts) plus the spike regulariser λ·spikes/B, so the whole batch's loss and gradients are the
// parts' values weighted by B_part / B; readout values are per sample (concatenated) and spike counts add.
// Only the summation order differs from one thread, so results agree to rounding (docs/training.md,
// "Threads"), and a fixed thread count always gives the same split — training stays reproducible.
import type { BatchData } from './backend';
import type { BatchGradients } from './cpu-backend';

/** Contiguous sample ranges [from, to) of at most `parts` non-empty parts, sizes differing by at most one. */
export function splitRanges(B: number, parts: number): [number, number][] {
  const n = Math.max(1, Math.min(parts, B));
  const out: [number, number][] = [];
  for (let p = 0, from = 0; p < n; p++) {
    const size = Math.floor(B / n) + (p < B % n ? 1 : 0);
    out.push([from, from + size]);
    from += size;
  }
  return out;
}

/** Samples [from, to) of a batch; `x` is [b][t][i] with `perSample` = T·inputs values per sample (views, no copy). */
export function sliceBatch(batch: BatchData, from: number, to: number, perSample: number): BatchData {
  return {
    B: to - from,
    x: batch.x.subarray(from * perSample, to * perSample),
    labels: batch.labels.subarray(from, to),
    ipd: batch.ipd.subarray(from, to),
  };
}

/** The whole batch's result from its parts (in sample order), each computed as if it were a batch of its own. */
export function combineParts(parts: readonly BatchGradients[], sizes: readonly number[]): BatchGradients {
  const B = sizes.reduce((a, s) => a + s, 0);
  const mLen = parts.reduce((a, p) => a + p.m.length, 0);
  const m = new Float64Array(mLen);
  let loss = 0, at = 0;
  const spikes = parts[0].spikes.map(() => 0);
  const grads = parts[0].grads.map((g) => new Float64Array(g.length));
  parts.forEach((p, k) => {
    const wgt = sizes[k] / B;
    loss += p.loss * wgt;
    m.set(p.m as ArrayLike<number>, at);
    at += p.m.length;
    p.spikes.forEach((s, i) => { spikes[i] += s; });
    p.grads.forEach((g, i) => { const d = grads[i]; for (let j = 0; j < g.length; j++) d[j] += g[j] * wgt; });
  });
  return { loss, m, spikes, grads };
}
