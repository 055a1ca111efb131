import { describe, expect, it } from 'vitest';
import { lossAndGradients } from './cpu-backend';
import { initWeights } from './params';
import { graphPlan, testBatch, testPlan, type TestNet } from '../../../test/training/testing';
import { referenceLossAndGradients } from '../../../test/training/reference-tutorial';
import type { TrainConfig, TrainingPlan } from './plan';
import { inputEvents, outputEvents, type ModelOptions } from './cpu-model';
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

describe('the trainer derived from the dynamics = the hand-written tutorial trainer it replaced', () => {
  // reference-tutorial.test-helper.ts is the old hand-written forward + BPTT (tutorial reset timing only).
  const cases: [string, TestNet, Partial<TrainConfig>][] = [
    ['LIF, recurrent, nll_mean, regulariser', net({ recurrent: true }), { spikeRegularizer: 0.01 }],
    ['adaptive LIF, recurrent, nll_max, fast_sigmoid', net({ recurrent: true, hiddenModel: 'adaptive_lif' }), { loss: 'nll_max', surrogate: { kind: 'fast_sigmoid', beta: 10 } }],
    ['two hidden layers, mse, arctan', net({ hidden: [8, 6], out: 1, training: { mode: 'regression', loss: 'mse' } }), { surrogate: { kind: 'arctan', beta: 3 } }],
    ['spiking readout, spike_count', net({ readout: 'lif', training: { loss: 'spike_count' } }), {}],
  ];
  for (const [name, n, o] of cases) {
    // The real (Heaviside) trainers only: their smooth test forms differ at step 0, where the derived one — the
    // engine's step order — evaluates σ(β(v(0) − θ)) ≠ 0 while the old one started from s_0 = 0 (H gives 0 there).
    {
      const smooth = false;
      it(`${name}: same loss and gradients within 1e-12`, () => {
        const plan = testPlan(n, o);
        const batch = testBatch(plan, 4);
        const weights = initWeights(plan, 3).map((w) => w.map((x) => x * 6));
        const want = referenceLossAndGradients(plan, weights, batch, { smooth });
        const got = lossAndGradients(plan, weights, batch, { smooth });
        expect(Math.abs(got.loss - want.loss) / Math.abs(want.loss)).toBeLessThan(1e-12);
        want.grads.forEach((g, k) => {
          const ref = Math.max(...g.map(Math.abs));
          expect(ref).toBeGreaterThan(0);
          const err = Math.max(...g.map((v, i) => Math.abs(v - got.grads[k][i])));
          expect(err / ref, `matrix ${k}`).toBeLessThan(1e-12);
        });
        expect(got.spikes[0]).toBeGreaterThan(0);
      });
    }
  }
});

describe('networks only the derived trainer takes: gradients vs finite differences (smooth forward)', () => {
  const lifImmediate = { tau_ms: 15, v_rest: 0.1, r: 2, refractory_ms: 2, v_reset: -0.2, v_init: 0.3, v_th: 0.8 };
  it('immediate-reset LIF (v_rest ≠ 0, R ≠ 1, refractory, v_reset ≠ 0) with exponential synapses and recurrence without self', () => {
    const plan = graphPlan({
      inputs: 20, steps: 25,
      pops: [{ id: 'h', model: 'lif', size: 8, params: lifImmediate }, { id: 'out', model: 'leaky_integrator', size: 4, params: { v_rest: 0.05, r: 0.5 } }],
      projections: [
        { source: 'inputs', target: 'h', synapse: { kind: 'exponential', tau_ms: 5 } },
        // Exponential: with refractoriness the smooth forward holds v every other step, discarding delta input.
        { source: 'h', target: 'h', allow_self: false, synapse: { kind: 'exponential', tau_ms: 3 } },
        { source: 'h', target: 'out', synapse: { kind: 'exponential', tau_ms: 8 } },
      ],
    });
    expect(plan.layers[0].params).toMatchObject({ reset_timing: 0, refractory_ms: 2 });
    checkFd(plan, testBatch(plan, 4), { smooth: true }, 6);
  });

  it('DAG: adaptive LIF (immediate) → LIF → readout with skip projections, a fixed projection and mixed synapses', () => {
    for (const loss of ['nll_mean', 'nll_max'] as const) {
      const plan = graphPlan({
        inputs: 20, steps: 25,
        pops: [
          { id: 'a', model: 'adaptive_lif', size: 7, params: { tau_ms: 20, tau_t_ms: 30, delta_th: 0.3, v_rest: -0.1 } },
          { id: 'l', model: 'lif', size: 6, params: { tau_ms: 10, reset_timing: 'tutorial' } },
          { id: 'out', model: 'leaky_integrator', size: 4 },
        ],
        projections: [
          { source: 'inputs', target: 'a' },
          { source: 'a', target: 'l', synapse: { kind: 'exponential', tau_ms: 4 } },
          { source: 'inputs', target: 'l', trainable: false, weight: { dist: 'constant', value: 0.05 } },
          { source: 'l', target: 'out' },
          { source: 'a', target: 'out', synapse: { kind: 'exponential', tau_ms: 6 } },
          { source: 'l', target: 'l' },
        ],
        training: { loss, spike_regularizer: 0.01 },
      });
      expect(plan.layers.map((l) => l.id)).toEqual(['a', 'l', 'out']);
      checkFd(plan, testBatch(plan, 4), { smooth: true }, 3);
    }
  });

  it('trainable τ: per-neuron membrane time constants get the gradient through the derived constants', () => {
    for (const timing of ['immediate', 'tutorial']) {
      const plan = graphPlan({
        inputs: 20, steps: 25,
        pops: [
          { id: 'a', model: 'adaptive_lif', size: 6, params: { tau_ms: 12, reset_timing: timing } },
          { id: 'l', model: 'lif', size: 5, params: { tau_ms: 8, v_rest: 0.1, r: 1.5, reset_timing: timing } },
          { id: 'out', model: 'leaky_integrator', size: 4, params: { tau_ms: 15 } },
        ],
        projections: [
          { source: 'inputs', target: 'a' }, { source: 'a', target: 'l', synapse: { kind: 'exponential', tau_ms: 4 } },
          { source: 'l', target: 'out' }, { source: 'a', target: 'out' },
        ],
        training: { trainable_tau: true },
      });
      const w = initWeights(plan, 3);
      expect(w.slice(-3).map((t) => [t.length, t[0]])).toEqual([[6, 12], [5, 8], [4, 15]]);
      checkFd(plan, testBatch(plan, 4), { smooth: true }, 3);
    }
  });
});

describe('the per-batch arrays, reused by every batch of a plan and size (./cpu-model.ts `Work`)', () => {
  it('carry nothing over: a batch after others gives exactly what it gives on a fresh plan', () => {
    // Exponential and delta synapses, recurrence with and without self, a skip, a fixed projection, trained τ:
    // every reused array (trace, channels, gradients, the WebAssembly module's state) is written by a batch.
    const graph = (): TrainingPlan => graphPlan({
      inputs: 20, steps: 25,
      pops: [
        { id: 'a', model: 'adaptive_lif', size: 7, params: { tau_ms: 20, tau_t_ms: 30, delta_th: 0.3 } },
        { id: 'l', model: 'lif', size: 6, params: { tau_ms: 10, reset_timing: 'tutorial' } },
        { id: 'out', model: 'leaky_integrator', size: 4 },
      ],
      projections: [
        { source: 'inputs', target: 'a', synapse: { kind: 'exponential', tau_ms: 5 } },
        { source: 'a', target: 'a', allow_self: false, synapse: { kind: 'exponential', tau_ms: 3 } },
        { source: 'a', target: 'l', synapse: { kind: 'exponential', tau_ms: 4 } },
        { source: 'inputs', target: 'l', trainable: false, weight: { dist: 'constant', value: 0.05 } },
        { source: 'l', target: 'out' },
        { source: 'a', target: 'out', synapse: { kind: 'exponential', tau_ms: 6 } },
        { source: 'l', target: 'l' },
      ],
      training: { spike_regularizer: 0.01, trainable_tau: true },
    });
    for (const plan0 of [graph(), testPlan(net({ recurrent: true }), { spikeRegularizer: 0.01 })]) {
      const weights = initWeights(plan0, 3).map((w) => w.map((x) => x * 3));
      const A = testBatch(plan0, 4, 5), C = testBatch(plan0, 4, 9), D = testBatch(plan0, 3, 11);
      const fresh = (batch: BatchData) => lossAndGradients(structuredClone(plan0), weights, batch);
      const wantA = fresh(A), wantC = fresh(C);
      expect(wantA.spikes.slice(0, -1).every((s) => s > 0), 'the hidden layers spike').toBe(true);
      // Same plan: A, then C, a smaller batch and an evaluation in between, then A again.
      const seq = [A, C, D, A, C].map((b, k) => lossAndGradients(plan0, weights, b, { noGrad: k === 2 }));
      for (const [got, want] of [[seq[0], wantA], [seq[1], wantC], [seq[3], wantA], [seq[4], wantC]]) {
        expect(got.loss).toBe(want.loss);
        expect(got.m).toEqual(want.m);
        expect(got.spikes).toEqual(want.spikes);
        expect(got.grads).toEqual(want.grads);
      }
    }
  });
});

describe("a population's outputs as events (the later populations' WebAssembly kernels read them)", () => {
  it('= inputEvents of the same values as one sample of T·B steps, binary and valued, into reused buffers', () => {
    const rows = 40, n = 13, buf = { ptr: new Int32Array(rows + 1), idx: new Int32Array(rows * n), val: new Float64Array(rows * n) };
    let seed = 1;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    // Sparse spikes, then smooth values (a test-only smooth model's σ, or a membrane), then sparser spikes.
    for (const [density, valued] of [[0.2, false], [0.5, true], [0.05, false]] as const) {
      const a = new Float64Array(rows * n).map(() => (rand() < density ? (valued ? rand() - 0.5 : 1) : 0));
      const got = outputEvents(a, rows, n, buf), want = inputEvents(a, 1, rows, n);
      expect(got.rows).toBe(want.rows);
      expect(Array.from(got.ptr)).toEqual(Array.from(want.ptr));
      expect(Array.from(got.idx)).toEqual(Array.from(want.idx));
      expect(got.val && Array.from(got.val)).toEqual(want.val && Array.from(want.val));
      expect(got.idx.length).toBeGreaterThan(0);
    }
  });
});
