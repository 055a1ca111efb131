// Readout and loss: the readout layer's output over time (B×T×K) → one value per output (mean, max or sum
// over time) → loss averaged over the batch, and its gradient back to every time step. Also decoding.
import { classMidpoint } from '../tasks/sound-localisation';
import type { LossKind, TrainConfig } from './plan';

export type Reduction = 'mean' | 'max' | 'sum';

export function reductionOf(loss: LossKind): Reduction {
  return loss === 'nll_max' ? 'max' : loss === 'spike_count' ? 'sum' : 'mean';
}

/**
 * m[b][k] from out[b][t][k] (or, `timeMajor`, out[t][b][k]: the CPU trainer's traces, read in memory order),
 * and for 'max' the time step chosen (gradient goes there only). Each (b, k) over t = 0, 1, … in order.
 */
export function reduceOverTime(out: ArrayLike<number>, B: number, T: number, K: number, r: Reduction, timeMajor = false): { m: Float64Array; argT: Int32Array } {
  const m = new Float64Array(B * K).fill(r === 'max' ? -Infinity : 0), argT = new Int32Array(B * K);
  const sb = timeMajor ? K : T * K, st = timeMajor ? B * K : K;
  for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) {
    const o = b * sb + t * st, mo = b * K;
    if (r === 'max') { for (let k = 0; k < K; k++) { const x = out[o + k]; if (x > m[mo + k]) { m[mo + k] = x; argT[mo + k] = t; } } }
    else for (let k = 0; k < K; k++) m[mo + k] += out[o + k];
  }
  if (r === 'mean') for (let i = 0; i < B * K; i++) m[i] /= T;
  return { m, argT };
}

/**
 * Loss of the batch (mean over samples) and dL/dm. Classification: NLL of log-softmax(m) against the class.
 * Regression: m[b][0] is the IPD in radians; mse (pred − ipd)² or circular 1 − cos(pred − ipd).
 */
export function lossOfReadout(loss: LossKind, m: Float64Array, B: number, K: number, labels: ArrayLike<number>, ipd: ArrayLike<number>): { loss: number; gm: Float64Array } {
  const gm = new Float64Array(B * K);
  let total = 0;
  for (let b = 0; b < B; b++) {
    if (loss === 'mse' || loss === 'circular') {
      const d = m[b * K] - ipd[b];
      total += loss === 'mse' ? d * d : 1 - Math.cos(d);
      gm[b * K] = (loss === 'mse' ? 2 * d : Math.sin(d)) / B;
      continue;
    }
    let mx = -Infinity;
    for (let k = 0; k < K; k++) mx = Math.max(mx, m[b * K + k]);
    let z = 0;
    for (let k = 0; k < K; k++) z += Math.exp(m[b * K + k] - mx);
    const lse = mx + Math.log(z);
    total += lse - m[b * K + labels[b]];
    for (let k = 0; k < K; k++) gm[b * K + k] = (Math.exp(m[b * K + k] - lse) - (k === labels[b] ? 1 : 0)) / B;
  }
  return { loss: total / B, gm };
}

/**
 * dL/dout[b][t][k] (or, `timeMajor`, dL/dout[t][b][k]) from dL/dm through the reduction, into `into` when given
 * (B·T·K values, overwritten: a fresh array per batch cost more than filling it).
 */
export function gradThroughReduction(gm: Float64Array, argT: Int32Array, B: number, T: number, K: number, r: Reduction, timeMajor = false, into?: Float64Array): Float64Array {
  const g = into ? into.fill(0) : new Float64Array(B * T * K);
  const sb = timeMajor ? K : T * K, st = timeMajor ? B * K : K;
  if (r === 'max') {
    for (let b = 0; b < B; b++) for (let k = 0; k < K; k++) g[b * sb + argT[b * K + k] * st + k] = gm[b * K + k];
    return g;
  }
  // The same value at every step: computed once, written in memory order.
  const v = r === 'mean' ? gm.map((x) => x / T) : gm;
  for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) {
    const o = b * sb + t * st, vo = b * K;
    for (let k = 0; k < K; k++) g[o + k] = v[vo + k];
  }
  return g;
}

/** Decoded IPD (radians) and class of each sample: argmax class and its midpoint, or the regression output. */
export function decode(cfg: Pick<TrainConfig, 'mode' | 'classes'>, m: ArrayLike<number>, B: number, K: number): { cls: Int32Array; ipd: Float64Array } {
  const cls = new Int32Array(B), ipd = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    if (cfg.mode === 'regression') {
      ipd[b] = m[b * K];
      cls[b] = Math.min(cfg.classes - 1, Math.max(0, Math.floor(((ipd[b] + Math.PI / 2) * cfg.classes) / Math.PI)));
      continue;
    }
    let best = 0;
    for (let k = 1; k < K; k++) if (m[b * K + k] > m[b * K + best]) best = k;
    cls[b] = best;
    ipd[b] = classMidpoint(best, cfg.classes);
  }
  return { cls, ipd };
}
