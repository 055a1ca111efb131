// The WebGPU trainer against the CPU reference (f64) on small random networks, including sizes that are no
// multiple of the tile (16) or workgroup size, recurrence, two hidden layers and every loss.
import { beforeAll, describe, expect, it } from 'vitest';
import { getTestDevice } from '../../../../test/gpu';
import { CpuBackend, lossAndGradients } from '../cpu-backend';
import { initWeights, weightList } from '../params';
import { newOptimizerState, optimizerStep } from '../optimizer';
import { graphPlan, testBatch, testPlan, type TestGraph, type TestNet } from '../../../../test/training/testing';
import type { TrainConfig, TrainingPlan } from '../plan';
import { GpuBackend, GpuPlanError, type KernelChoice } from './gpu-backend';
import { checkMemory } from './memory';

let device: GPUDevice;
beforeAll(async () => { device = await getTestDevice('training'); });

// Tolerance: f32 (ε = 6e-8) against f64. The forward sums ≤ 40 inputs per step and contracts through α < 1;
// the reverse scan does the same; a weight gradient sums B·T ≤ 400 products. Rounding then stays below
// ~1e-5 of the matrix's largest gradient; we allow 2e-4 (20× margin) and first require identical spike
// counts, because a spike flipped by rounding near the threshold would change the gradient by O(1).
const TOL = 2e-4;

async function compare(net: TestNet, over: Partial<TrainConfig> = {}, B = 6, kernels: KernelChoice[] = ['tiled', 'simple']) {
  for (const k of kernels) await compareWith(k, testPlan(net, { batchSize: B, trainSamples: B, ...over }), B);
}

/** A drawn graph (./support.ts must accept it), on the simple kernels (the scans are the same in both sets). */
async function compareGraph(g: TestGraph, over: Partial<TrainConfig> = {}, B = 4) {
  await compareWith('simple', graphPlan(g, { batchSize: B, trainSamples: B, ...over }), B);
}

const TAU_NET: TestGraph = {
  inputs: 24, steps: 30,
  pops: [{ id: 'a', model: 'adaptive_lif', size: 9, params: { delta_th: 0.3, reset_timing: 'tutorial' } },
    { id: 'h', model: 'lif', size: 7, params: { refractory_ms: 1 } },
    { id: 'out', model: 'leaky_integrator', size: 4 }],
  projections: [
    { source: 'inputs', target: 'a', weight: { dist: 'uniform', low: -0.2, high: 0.6 } },
    { source: 'a', target: 'a' },
    { source: 'a', target: 'h', synapse: { kind: 'exponential', tau_ms: 5 }, weight: { dist: 'uniform', low: -0.1, high: 0.5 } },
    { source: 'inputs', target: 'h' },
    { source: 'h', target: 'out' },
    { source: 'inputs', target: 'out' },
  ],
  training: { trainable_tau: true },
};

async function compareWith(kernels: KernelChoice, plan: TrainingPlan, B: number) {
  const w32 = initWeights(plan, 9).map((w, k) => Float64Array.from(new Float32Array(w.map((x) => x * (k === 0 ? 4 : 1.5)))));
  const batch = testBatch(plan, B, 13);
  const cpu = lossAndGradients(plan, w32, batch);
  const be = await GpuBackend.create(device, plan, w32, undefined, 'test', kernels);
  try {
    const ev = await be.evaluate(batch);
    expect(ev.spikes).toEqual(cpu.spikes);
    expect(cpu.spikes.slice(0, -1).every((s) => s > 0), `hidden layers spike: ${cpu.spikes}`).toBe(true);
    const gpu = await be.gradients(batch);
    expect(Math.abs(gpu.loss - cpu.loss) / Math.max(1, Math.abs(cpu.loss))).toBeLessThan(1e-5);
    for (let i = 0; i < cpu.m.length; i++) expect(Math.abs(ev.m[i] - cpu.m[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(cpu.m[i])));
    cpu.grads.forEach((g, k) => {
      const ref = Math.max(...g.map(Math.abs));
      expect(ref, `matrix ${k} has a gradient`).toBeGreaterThan(0);
      let worst = 0;
      for (let i = 0; i < g.length; i++) worst = Math.max(worst, Math.abs(gpu.grads[k][i] - g[i]) / ref);
      expect(worst, `${kernels} kernels, matrix ${k}`).toBeLessThan(TOL);
    });
  } finally {
    be.dispose();
  }
}

describe('GPU trainer gradients equal the CPU reference (tiled and simple kernels)', () => {
  it('one hidden layer with recurrence, sizes off the tile grid (38 → 19 → 5), sigmoid surrogate', () =>
    compare({ inputs: 38, hidden: [19], recurrent: true, out: 5, steps: 23 }, { spikeRegularizer: 0.01 }));
  it('two hidden layers, nll of the max over time, fast-sigmoid surrogate', () =>
    compare({ inputs: 40, hidden: [17, 9], out: 4, steps: 30 }, { loss: 'nll_max', surrogate: { kind: 'fast_sigmoid', beta: 5 } }, 6, ['tiled']));
  it('adaptive-threshold LIF layer with recurrence (both kernel sets)', () =>
    compare({ inputs: 30, hidden: [13], recurrent: true, hiddenModel: 'adaptive_lif', out: 4, steps: 25 }));
  it('LIF with rest, reset and v(0) off zero and R 2 (tutorial timing, recurrent)', () =>
    compare({ inputs: 30, hidden: [13], recurrent: true, out: 4, steps: 25, hiddenParams: { v_rest: -0.2, v_reset: -0.4, v_init: 0.3, r: 2 } }, {}, 6, ['simple']));
  it('adaptive LIF with rest and reset off zero, v(0) above the threshold (a spike at step 0)', () =>
    compare({ inputs: 30, hidden: [13], hiddenModel: 'adaptive_lif', out: 4, steps: 25, hiddenParams: { v_rest: 0.1, v_reset: -0.3, v_init: 1.2 } }, {}, 6, ['tiled']));
  it('membrane-only network (no hidden layer)', () => compare({ inputs: 34, hidden: [], out: 12, steps: 20 }));
  it('regression with mse, arctan surrogate', () =>
    compare({ inputs: 20, hidden: [12], out: 1, steps: 25, training: { mode: 'regression', loss: 'mse' } }, { surrogate: { kind: 'arctan', beta: 2 } }, 6, ['simple']));
  it('spiking readout with the spike-count loss', () =>
    compare({ inputs: 20, hidden: [12], out: 3, readout: 'lif', steps: 25, training: { loss: 'spike_count' } }, {}, 6, ['tiled']));
  it('64×64 register-blocked matmuls (all three transposes: 66 → 65 recurrent → 3, 66 rows)', () =>
    compare({ inputs: 66, hidden: [65], recurrent: true, out: 3, steps: 11 }, {}, 6, ['tiled']));
  it('a hidden layer wider than a workgroup (300 neurons, recurrent)', () =>
    compare({ inputs: 24, hidden: [300], recurrent: true, out: 3, steps: 10 }, {}, 2, ['simple']));

  it('LIF with immediate reset, rest/reset/v(0) off zero, refractoriness and recurrence; readout with rest, R and v(0)', () =>
    compareGraph({
      inputs: 24, steps: 30,
      pops: [{ id: 'h', model: 'lif', size: 11, params: { v_rest: -0.1, v_reset: -0.3, v_init: 0.2, refractory_ms: 2 } },
        { id: 'out', model: 'leaky_integrator', size: 4, params: { v_rest: 0.2, r: 2, v_init: -0.1 } }],
      projections: [{ source: 'inputs', target: 'h', weight: { dist: 'uniform', low: -0.2, high: 0.5 } }, { source: 'h', target: 'h' }, { source: 'h', target: 'out' }],
    }));
  it('adaptive LIF with immediate reset and refractoriness, then a LIF layer (tutorial reset)', () =>
    compareGraph({
      inputs: 24, steps: 30,
      pops: [{ id: 'a', model: 'adaptive_lif', size: 9, params: { refractory_ms: 3, delta_th: 0.3 } },
        { id: 'h', model: 'lif', size: 7, params: { reset_timing: 'tutorial' } },
        { id: 'out', model: 'leaky_integrator', size: 4 }],
      projections: [{ source: 'inputs', target: 'a', weight: { dist: 'uniform', low: -0.2, high: 0.6 } }, { source: 'a', target: 'h', weight: { dist: 'uniform', low: -0.2, high: 0.8 } }, { source: 'h', target: 'out' }],
    }, { spikeRegularizer: 0.01 }));

  it('DAG: adaptive LIF with recurrence without self and only an exponential input → LIF → readout, skips, a fixed projection, exponential synapses (three τ)', () =>
    compareGraph({
      inputs: 24, steps: 30,
      pops: [{ id: 'a', model: 'adaptive_lif', size: 9, params: { delta_th: 0.3 } },
        { id: 'h', model: 'lif', size: 7, params: { v_rest: 0.1 } },
        { id: 'out', model: 'leaky_integrator', size: 4 }],
      projections: [
        { source: 'inputs', target: 'a', synapse: { kind: 'exponential', tau_ms: 8 } },
        { source: 'a', target: 'a', allow_self: false },
        { source: 'a', target: 'h', synapse: { kind: 'exponential', tau_ms: 5 }, weight: { dist: 'uniform', low: -0.1, high: 0.5 } },
        { source: 'inputs', target: 'h', synapse: { kind: 'exponential', tau_ms: 10 }, trainable: false, weight: { dist: 'uniform', low: -0.05, high: 0.2 } },
        { source: 'h', target: 'out' },
        { source: 'a', target: 'out', synapse: { kind: 'exponential', tau_ms: 5 } },
      ],
    }));

  it('trainable τ: per-neuron τ gradients of adaptive LIF (recurrent) → LIF (immediate reset, refractoriness, exponential and skip inputs) → readout with a skip', () =>
    compareGraph(TAU_NET, {}, 4));
  it('trainable τ: two training steps move τ and the weights as on the CPU (host update of τ, clamp)', async () => {
    const B = 4, plan = graphPlan(TAU_NET, { batchSize: B, trainSamples: B });
    const w0 = initWeights(plan, 9).map((w) => Float64Array.from(new Float32Array(w)));
    const cpu = new CpuBackend(plan, w0.map((w) => w.slice()));
    const gpu = await GpuBackend.create(device, plan, w0, undefined, 'test', 'simple');
    try {
      for (const seed of [13, 14]) { const b = testBatch(plan, B, seed); await cpu.trainStep(b); await gpu.trainStep(b); }
      const [wc, wg] = [await cpu.getWeights(), await gpu.getWeights()];
      expect(wg.length).toBe(wc.length);
      const nW = wc.length - plan.layers.length;
      // τ: moved from the document's value, and equal to the CPU's up to f32 gradients through Adam (an Adam
      // step is ≈ lr·sign(g) while |g| ≫ ε, so a relative gradient error of 2e-4 barely moves it): 1e-6 ms.
      for (let j = nW; j < wc.length; j++) {
        expect(wc[j].some((v, i) => v !== w0[j][i]), `τ of population ${j - nW} moved`).toBe(true);
        for (let i = 0; i < wc[j].length; i++) expect(Math.abs(wg[j][i] - wc[j][i]), `τ ${j - nW}/${i}`).toBeLessThan(1e-6);
      }
      expect(gpu.tauClamped).toBe(cpu.tauClamped);
    } finally {
      gpu.dispose();
    }
  });

  it('refuses a plan beyond the device limits, saying what to shrink', async () => {
    const plan = testPlan({ inputs: 200, hidden: [30], out: 12, steps: 100 }, { batchSize: 1_000_000, trainSamples: 1_000_000 });
    expect(checkMemory(plan, device.limits).join(' ')).toMatch(/lower the batch size/);
    await expect(GpuBackend.create(device, plan, initWeights(testPlan({ inputs: 200, hidden: [30], out: 12, steps: 100 }), 1))).rejects.toBeInstanceOf(GpuPlanError);
  });
});

describe('GPU evaluation of a partial batch (padded to the configured size)', () => {
  it('gives the CPU readout and spike counts for the real samples only', async () => {
    const plan = testPlan({ inputs: 30, hidden: [11], out: 6, steps: 20 }, { batchSize: 5, trainSamples: 5 });
    const w = initWeights(plan, 4).map((x, k) => Float64Array.from(new Float32Array(x.map((v) => v * (k === 0 ? 4 : 1)))));
    const full = testBatch(plan, 5, 21);
    const part = { B: 3, x: full.x.slice(0, 3 * 20 * 30), labels: full.labels.slice(0, 3), ipd: full.ipd.slice(0, 3) };
    const cpu = lossAndGradients(plan, w, part, { noGrad: true });
    const be = await GpuBackend.create(device, plan, w, undefined, 'test', 'simple');
    try {
      const r = await be.evaluate(part);
      expect(r.m.length).toBe(3 * 6);
      expect(cpu.spikes[0]).toBeGreaterThan(0);
      expect(r.spikes).toEqual(cpu.spikes);
      expect(Math.abs(r.loss - cpu.loss)).toBeLessThan(1e-5 * Math.max(1, cpu.loss));
    } finally {
      be.dispose();
    }
  });
});

// The optimiser kernels and their uniforms (./wgsl/uniforms.ts Adam, Sgd: n, lr, bias corrections, momentum)
// against the host optimiser (../optimizer.ts, f64) applied to the GPU's own gradients of the same batch, so
// only the update is compared. Tolerance: the kernel's f32 update is within a few ε (6e-8) of the step
// (≤ 3·lr for Adam at t ≤ 2, ≤ 2·lr·|g| for SGD) and each f32 weight within ε·|w| ≤ 6e-8 per step: 1e-6 absolute
// is ≥ 5× that and ≥ 1000× below lr, so a field read from the wrong place (lr, c1, c2, momentum, n) fails it.
describe('the optimiser kernels update as the host optimiser does, from the same gradients', () => {
  const NET: TestGraph = {
    inputs: 20, steps: 15,
    pops: [{ id: 'h', model: 'lif', size: 10 }, { id: 'out', model: 'leaky_integrator', size: 4 }],
    projections: [
      { source: 'inputs', target: 'h', weight: { dist: 'uniform', low: -0.2, high: 0.6 } },
      { source: 'h', target: 'out', weight: { dist: 'uniform', low: -0.5, high: 0.5 } },
      { source: 'inputs', target: 'out', trainable: false },
    ],
  };
  it.each(['adam', 'sgd'] as const)('%s: two steps (momentum and bias correction at step 2), a frozen matrix untouched', async (optimizer) => {
    const B = 4, lr = 0.01, plan = graphPlan(NET, { batchSize: B, trainSamples: B, optimizer, lr, momentum: 0.9 });
    const w0 = initWeights(plan, 3).map((w) => Float64Array.from(new Float32Array(w)));
    const ref = w0.map((w) => w.slice()), st = newOptimizerState(optimizer, ref.map((w) => w.length));
    const trainable = weightList(plan).map((w) => w.trainable);
    expect(trainable).toEqual([true, true, false]);
    const gpu = await GpuBackend.create(device, plan, w0, undefined, 'test', 'simple');
    try {
      for (const seed of [13, 14]) {
        const batch = testBatch(plan, B, seed);
        const { grads } = await gpu.gradients(batch);
        await gpu.trainStep(batch);
        optimizerStep(st, ref, grads.map((g) => Float64Array.from(g)), trainable, lr, plan.config.momentum);
        const w = await gpu.getWeights();
        ref.forEach((r, k) => {
          let worst = 0, moved = 0;
          for (let i = 0; i < r.length; i++) { worst = Math.max(worst, Math.abs(w[k][i] - r[i])); moved = Math.max(moved, Math.abs(w[k][i] - w0[k][i])); }
          expect(worst, `${optimizer} step ${st.step}, matrix ${k}`).toBeLessThan(1e-6);
          if (trainable[k]) expect(moved, `matrix ${k} moved`).toBeGreaterThan(lr / 10);
          else expect(moved, `frozen matrix ${k}`).toBe(0);
        });
      }
      const opt = await gpu.getOptimizerState();
      for (let k = 0; k < 2; k++) for (let i = 0; i < st.m[k].length; i++) expect(Math.abs(opt.m[k][i] - st.m[k][i])).toBeLessThan(1e-6 * Math.max(1, Math.abs(st.m[k][i])));
    } finally {
      gpu.dispose();
    }
  });
});
