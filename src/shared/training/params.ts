// The trainable tensors of a plan, in one fixed order (population by population in the plan's order: its
// incoming projections in document order, then its recurrent one — for a chain, today's order), and
// their seeded initial values. Takes a plan and a seed; gives Float64Arrays row-major [pre][post].
import { STREAM, uniform01, normal01 } from '../rng';
import type { TrainingPlan, WeightPlan } from './plan';
import { getModel } from '../models';

/** Every weight matrix of the plan in the order trainers, optimisers and weights files use. */
export function weightList(plan: TrainingPlan): WeightPlan[] {
  return plan.layers.flatMap((l) => (l.recurrent ? [...l.inputs, l.recurrent] : l.inputs));
}

/** A trained time constant vector (plan.trainTau): one per population, after the weights, in plan order. */
export interface TauPlan {
  population: string;
  /** The model's `roles.tau` parameter (e.g. tau_ms). */
  param: string;
  size: number;
  /** The population's value, where training starts (its mean when the document gives τ per neuron). */
  init: number;
  /** The document's per-neuron τ, where training starts instead of `init` when present. */
  initValues?: Float64Array;
  /** The catalogue's valid range; an exclusive minimum becomes TAU_MARGIN above it. */
  lo: number;
  hi: number;
}

/** How far above an exclusive minimum (0 ms) a trained τ is kept. */
export const TAU_MARGIN = 1e-3;

export function tauList(plan: TrainingPlan): TauPlan[] {
  if (!plan.trainTau) return [];
  return plan.layers.map((l) => {
    const spec = getModel(l.model)!, param = spec.roles!.tau!, p = spec.params.find((q) => q.name === param)!;
    const min = p.min ?? -Infinity;
    return { population: l.id, param, size: l.size, init: l.params[param], ...(l.tauValues ? { initValues: l.tauValues } : {}), lo: p.minExclusive ? min + TAU_MARGIN : min, hi: p.max ?? Infinity };
  });
}

/** Keep every trained τ in its range (a NaN goes to the minimum); gives how many values were moved. */
export function clampTaus(plan: TrainingPlan, params: Float64Array[]): number {
  const nW = weightList(plan).length;
  let moved = 0;
  tauList(plan).forEach((t, j) => {
    const a = params[nW + j];
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (!(v >= t.lo)) { a[i] = t.lo; moved++; } else if (v > t.hi) { a[i] = t.hi; moved++; }
    }
  });
  return moved;
}

/** Whether each parameter array (weights, then trained τ) is updated by the optimiser. */
export function trainableList(plan: TrainingPlan): boolean[] {
  return [...weightList(plan).map((w) => w.trainable), ...tauList(plan).map(() => true)];
}

/**
 * Initial weights (then, with plan.trainTau, each population's τ vector at its document value). Trainable matrices: uniform(±1/√fan_in) with fan_in = the presynaptic size (docs/training.md, "Init note";
 * PyTorch's `_calculate_fan_in_and_fan_out`, which the tutorial calls on an [in][out] tensor, would take the
 * post size instead — see docs/training.md). Fixed matrices follow the document's weight rule.
 * Keyed by (seed, STREAM.trainInit, matrix index, element) so CPU and GPU start from the same numbers.
 */
export function initWeights(plan: TrainingPlan, seed: number): Float64Array[] {
  return [...initMatrices(plan, seed), ...tauList(plan).map((t) => (t.initValues ? Float64Array.from(t.initValues) : new Float64Array(t.size).fill(t.init)))];
}

function initMatrices(plan: TrainingPlan, seed: number): Float64Array[] {
  return weightList(plan).map((w, k) => {
    const n = w.pre * w.post;
    const out = new Float64Array(n);
    const u = (i: number) => uniform01(seed, STREAM.trainInit, k, i);
    if (w.trainable) {
      const bound = 1 / Math.sqrt(w.pre);
      for (let i = 0; i < n; i++) out[i] = (2 * u(i) - 1) * bound;
      if (!w.self) for (let i = 0; i < w.pre; i++) out[i * w.post + i] = 0;
      return out;
    }
    const r = w.rule;
    // A recurrent projection without self-connections lists its explicit weights without the diagonal.
    let e = 0;
    for (let i = 0; i < n; i++) {
      if (!w.self && Math.floor(i / w.post) === i % w.post) { out[i] = 0; continue; }
      switch (r.dist) {
        case 'constant': out[i] = r.value; break;
        case 'uniform': out[i] = r.low + (r.high - r.low) * u(i); break;
        case 'normal': out[i] = r.mean + r.std * normal01(seed, STREAM.trainInit, k, i); break;
        case 'explicit': out[i] = r.values[w.self ? i : e] ?? 0; break;
      }
      e++;
    }
    return out;
  });
}

/** Counter-RNG permutation of 0..n−1 for an epoch's batch order (Fisher–Yates). */
export function epochPermutation(n: number, seed: number, epoch: number): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(uniform01(seed, STREAM.trainInit, 0x10000 + epoch, i) * (i + 1)));
    const t = p[i]; p[i] = p[j]; p[j] = t;
  }
  return p;
}
