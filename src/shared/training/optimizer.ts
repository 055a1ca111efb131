// Optimisers on the CPU (the GPU twins are kernels in ./gpu/): Adam (β1 0.9, β2 0.999, ε 1e-8, bias-corrected,
// as torch.optim.Adam) and SGD with momentum (buf ← μ·buf + g; w ← w − lr·buf, as torch.optim.SGD).
// Takes weights, gradients and a state; updates weights and state in place.
import type { OptimizerKind } from './plan';

export const ADAM = { beta1: 0.9, beta2: 0.999, eps: 1e-8 } as const;

export interface OptimizerState {
  kind: OptimizerKind;
  /** Updates done so far (Adam's bias correction needs it). */
  step: number;
  /** Adam's first moment, or SGD's momentum buffer, per matrix. */
  m: Float64Array[];
  /** Adam's second moment (empty arrays for SGD). */
  v: Float64Array[];
}

export function newOptimizerState(kind: OptimizerKind, sizes: number[]): OptimizerState {
  return { kind, step: 0, m: sizes.map((n) => new Float64Array(n)), v: sizes.map((n) => new Float64Array(kind === 'adam' ? n : 0)) };
}

/** One update of every trainable matrix (`trainable[k]` false leaves matrix k as it is). */
export function optimizerStep(st: OptimizerState, weights: Float64Array[], grads: Float64Array[], trainable: boolean[], lr: number, momentum: number): void {
  st.step++;
  const c1 = 1 - Math.pow(ADAM.beta1, st.step), c2 = 1 - Math.pow(ADAM.beta2, st.step);
  weights.forEach((w, k) => {
    if (!trainable[k]) return;
    const g = grads[k], m = st.m[k], v = st.v[k];
    for (let i = 0; i < w.length; i++) {
      if (st.kind === 'adam') {
        m[i] = ADAM.beta1 * m[i] + (1 - ADAM.beta1) * g[i];
        v[i] = ADAM.beta2 * v[i] + (1 - ADAM.beta2) * g[i] * g[i];
        w[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + ADAM.eps);
      } else {
        m[i] = momentum * m[i] + g[i];
        w[i] -= lr * m[i];
      }
    }
  });
}
