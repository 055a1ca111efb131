import { describe, expect, it } from 'vitest';
import { lossAndGradients } from './cpu-backend';
import { initWeights } from './params';
import { testBatch, testPlan, type TestNet } from './testing';
import type { TrainConfig, TrainingPlan } from './plan';
import type { ModelOptions } from './cpu-model';
import type { BatchData } from './backend';

/** Central finite differences on a few entries of every matrix vs the analytic gradient (f64). */
function checkFd(plan: TrainingPlan, batch: BatchData, opts: ModelOptions, scale = 1, tol = 1e-6) {
  const weights = initWeights(plan, 3).map((w) => w.map((x) => x * scale));
  const { grads } = lossAndGradients(plan, weights, batch, opts);
  const eps = 1e-5;
  let checked = 0;
  weights.forEach((w, k) => {
    for (let j = 0; j < 6; j++) {
      const i = (j * 7919 + k * 31) % w.length;
      const keep = w[i];
      w[i] = keep + eps; const lp = lossAndGradients(plan, weights, batch, { ...opts, noGrad: true }).loss;
      w[i] = keep - eps; const lm = lossAndGradients(plan, weights, batch, { ...opts, noGrad: true }).loss;
      w[i] = keep;
      const fd = (lp - lm) / (2 * eps);
      // Relative to the matrix's largest gradient: tiny entries are compared on the same absolute scale.
      const ref = Math.max(...grads[k].map(Math.abs));
      expect(Math.abs(fd - grads[k][i]) / ref, `matrix ${k} entry ${i}: fd ${fd} vs ${grads[k][i]}`).toBeLessThan(tol);
      checked++;
    }
  });
  return checked;
}

const net = (extra: Partial<TestNet> = {}): TestNet => ({ inputs: 20, hidden: [8], out: 4, steps: 25, ...extra });

describe('CPU reference gradients vs finite differences', () => {
  it('membrane-only network (exactly differentiable), NLL of the time-mean', () => {
    const plan = testPlan(net({ hidden: [] }));
    expect(checkFd(plan, testBatch(plan, 6), {})).toBeGreaterThan(0);
  });

  for (const loss of ['nll_mean', 'nll_max'] as const) {
    it(`smooth (sigmoid-forward) hidden layer with recurrence, ${loss}, spike regulariser on`, () => {
      const plan = testPlan(net({ recurrent: true }), { loss, spikeRegularizer: 0.01 } as Partial<TrainConfig>);
      checkFd(plan, testBatch(plan, 4), { smooth: true }, 6);
    });
  }

  it('smooth adaptive-threshold LIF layer with recurrence', () => {
    const plan = testPlan(net({ recurrent: true, hiddenModel: 'adaptive_lif' }));
    expect(plan.layers[0].adapt?.delta).toBe(0.5);
    checkFd(plan, testBatch(plan, 4), { smooth: true }, 6);
  });

  it('smooth two hidden layers, regression with mse and circular loss', () => {
    for (const loss of ['mse', 'circular'] as const) {
      const plan = testPlan(net({ hidden: [8, 6], out: 1, training: { mode: 'regression', loss } }));
      checkFd(plan, testBatch(plan, 4), { smooth: true }, 6);
    }
  });

  it('smooth spiking readout with the spike-count loss', () => {
    const plan = testPlan(net({ readout: 'lif', training: { loss: 'spike_count' } }));
    checkFd(plan, testBatch(plan, 4), { smooth: true }, 6);
  });

  it('real (Heaviside) network: the readout weights get exact gradients', () => {
    const plan = testPlan(net());
    const batch = testBatch(plan, 6);
    const weights = initWeights(plan, 3).map((w, k) => w.map((x) => x * (k === 0 ? 8 : 1)));
    const r = lossAndGradients(plan, weights, batch);
    expect(r.spikes[0]).toBeGreaterThan(0);
    const W2 = weights[1], eps = 1e-5;
    for (const i of [0, 5, 17, 30]) {
      const keep = W2[i];
      W2[i] = keep + eps; const lp = lossAndGradients(plan, weights, batch, { noGrad: true }).loss;
      W2[i] = keep - eps; const lm = lossAndGradients(plan, weights, batch, { noGrad: true }).loss;
      W2[i] = keep;
      expect(Math.abs((lp - lm) / (2 * eps) - r.grads[1][i])).toBeLessThan(1e-7);
    }
    // The surrogate gives the hidden weights a non-zero gradient although the true one is 0 almost everywhere.
    expect(Math.max(...r.grads[0].map(Math.abs))).toBeGreaterThan(0);
  });
});
