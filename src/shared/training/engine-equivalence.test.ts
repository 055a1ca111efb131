// What is trained is what is simulated: the trainer's forward pass (f64, cpu-model.ts) and the CPU engine
// (f32, fixed-point synaptic input) on the same network — LIF / adaptive LIF layers with reset_timing
// 'tutorial', a leaky-integrator readout, the same weights and the same input spikes (played by a spike
// generator) — give the same hidden spikes at the same steps and the same readout trace.
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../graph/validate';
import { compileNetwork } from '../compiler';
import { createCpuEngine } from '../engine/cpu-engine';
import { runAndCollect } from '../engine/collect';
import { forwardBatch } from './cpu-model';
import { initWeights, weightList } from './params';
import { applyWeights, documentWeights } from './apply';
import { graphDocument, graphPlan, testBatch, testDocument, testPlan, type TestGraph, type TestNet } from '../../../test/training/testing';
import type { NetworkDocument } from '../graph/schema';
import { planTraining, type TrainingPlan } from './plan';

async function compare(net: TestNet, weightScale: number, B = 3) {
  return compareDoc(testDocument(net), testPlan(net), weightScale, B);
}

async function compareDoc(document: NetworkDocument, plan: TrainingPlan, weightScale: number, B = 3, taus?: (size: number, j: number) => Float64Array) {
  const T = plan.steps, nIn = plan.inputs;
  // f32 weights in both: the engine stores f32, so the trainer gets the same numbers.
  const nW = weightList(plan).length;
  const weights = initWeights(plan, 11).map((w, k) => (k < nW ? w.map((x) => Math.fround(x * weightScale)) : taus ? taus(w.length, k - nW).map(Math.fround) : w));
  // As `snn train --apply` writes them: explicit weights (the list skips a masked diagonal), trained τ per neuron.
  const applied = applyWeights(document, plan, weights);
  const batch = testBatch(plan, B, 7);
  const traces = forwardBatch(plan, weights, batch.x, B);
  const base = document as unknown as Record<string, unknown> & { nodes: Record<string, unknown>[]; projections: Record<string, unknown>[] };
  let hiddenSpikes = 0, maxU = 0, maxErr = 0;
  for (let b = 0; b < B; b++) {
    const index: number[] = [], time: number[] = [];
    for (let t = 0; t < T; t++) for (let i = 0; i < nIn; i++) if (batch.x[(b * T + t) * nIn + i]) { index.push(i); time.push(t * plan.dtMs); }
    const doc = {
      ...base,
      nodes: applied.nodes.map((n) => (n.id === plan.inputNode ? { ...n, model: 'spike_generator', params: {}, data: { spikes: { index, time_ms: time } } } : n)),
      projections: applied.projections,
      monitors: [
        ...plan.layers.slice(0, -1).map((l) => ({ id: `${l.id}_spikes`, kind: 'spikes', target: l.id })),
        { id: 'out_v', kind: 'state', target: plan.layers[plan.layers.length - 1].id, variable: 'v' },
      ],
      training: undefined,
    };
    const r = loadDocument(doc);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const got = await runAndCollect(createCpuEngine(compileNetwork(r.doc)), T);
    plan.layers.slice(0, -1).forEach((l, li) => {
      const N = l.size, want: string[] = [], have: string[] = [];
      for (let t = 0; t < T; t++) for (let n = 0; n < N; n++) if (traces[li].out[(b * T + t) * N + n]) want.push(`${t}:${n}`);
      const s = got.spikes[l.id];
      for (let k = 0; k < s.step.length; k++) have.push(`${s.step[k]}:${s.index[k]}`);
      expect(have.sort(), `sample ${b}, layer ${l.id}`).toEqual(want.sort());
      hiddenSpikes += want.length;
    });
    const out = traces[traces.length - 1], K = plan.layers[plan.layers.length - 1].size;
    for (let n = 0; n < K; n++) for (let t = 0; t < T; t++) {
      const u = out.out[(b * T + t) * K + n];
      maxU = Math.max(maxU, Math.abs(u));
      maxErr = Math.max(maxErr, Math.abs(got.traces.out_v[n][t] - u));
    }
  }
  return { hiddenSpikes, maxU, maxErr };
}

describe('trainer forward pass = CPU engine (reset_timing "tutorial")', () => {
  // Readout bound: the engine rounds every operation to f32 (2^-24 relative) and quantises each step's
  // synaptic input to 2^-fixedBits; over ≤ 80 steps of a contracting recursion (α < 1) that stays far below
  // 1e-4 of the trace's range, which is what the bound asserts.
  it('LIF hidden layer, leaky-integrator readout', async () => {
    const r = await compare({ inputs: 40, hidden: [16], out: 6, steps: 80 }, 3);
    expect(r.hiddenSpikes).toBeGreaterThan(50);
    expect(r.maxErr).toBeLessThan(1e-4 * r.maxU);
  });

  it('adaptive LIF, two hidden layers with recurrence', async () => {
    const r = await compare({ inputs: 40, hidden: [16, 10], recurrent: true, hiddenModel: 'adaptive_lif', out: 4, steps: 80 }, 3);
    expect(r.hiddenSpikes).toBeGreaterThan(50);
    expect(r.maxErr).toBeLessThan(1e-4 * r.maxU);
  });
});

describe('trainer forward pass = CPU engine (reset_timing "immediate", any shape the planner takes)', () => {
  const graph = (expo: boolean): TestGraph => ({
    inputs: 40, steps: 80,
    pops: [
      { id: 'a', model: 'adaptive_lif', size: 16, params: { tau_ms: 20, tau_t_ms: 30, delta_th: 0.3, v_rest: 0.1, v_reset: -0.1, refractory_ms: 2, v_init: 0.2 } },
      { id: 'l', model: 'lif', size: 10, params: { tau_ms: 10, r: 2, v_th: 0.8, refractory_ms: 1 } },
      { id: 'output', model: 'leaky_integrator', size: 4, params: { v_rest: 0.05, tau_ms: 15 } },
    ],
    projections: [
      { source: 'inputs', target: 'a' },
      { source: 'a', target: 'l', ...(expo ? { synapse: { kind: 'exponential', tau_ms: 4 } } : {}) },
      { source: 'inputs', target: 'l' },
      { source: 'l', target: 'l', allow_self: false },
      { source: 'l', target: 'output' },
      { source: 'a', target: 'output', ...(expo ? { synapse: { kind: 'exponential', tau_ms: 6 } } : {}) },
    ],
  });
  for (const expo of [false, true]) {
    it(`adaptive LIF → LIF (recurrent without self) → readout with skip projections${expo ? ', exponential synapses' : ''}`, async () => {
      const g = graph(expo);
      const r = await compareDoc(graphDocument(g), graphPlan(g), 3);
      expect(r.hiddenSpikes).toBeGreaterThan(50);
      expect(r.maxErr).toBeLessThan(1e-4 * r.maxU);
    });
  }
});

describe('trainer forward pass with trained τ = CPU engine after Apply (per-neuron τ in the document)', () => {
  // Trained τ as training leaves them: different per neuron (here spread over 2…60 ms by a fixed pattern). Apply
  // writes them as per-neuron values; the engine derives exp(−dt/τ) per neuron from the f32 value, the trainer
  // from the same f32 value in f64: the same bounds as above hold.
  const g: TestGraph = {
    inputs: 40, steps: 80, training: { trainable_tau: true },
    pops: [
      { id: 'a', model: 'adaptive_lif', size: 16, params: { tau_ms: 20, tau_t_ms: 30, delta_th: 0.3 } },
      { id: 'l', model: 'lif', size: 10, params: { tau_ms: 10, v_th: 0.8 } },
      { id: 'output', model: 'leaky_integrator', size: 4, params: { tau_ms: 15 } },
    ],
    projections: [
      { source: 'inputs', target: 'a' }, { source: 'a', target: 'l' }, { source: 'inputs', target: 'l' },
      { source: 'l', target: 'output' }, { source: 'a', target: 'output' },
    ],
  };
  it('adaptive LIF → LIF → readout with a skip, every population\'s τ per neuron', async () => {
    const plan = graphPlan(g);
    expect(plan.trainTau).toBe(true);
    const spread = (n: number, j: number) => Float64Array.from({ length: n }, (_, i) => 2 + ((i * 7 + j * 3) % n) * (58 / n));
    const r = await compareDoc(graphDocument(g), plan, 3, 3, spread);
    expect(r.hiddenSpikes).toBeGreaterThan(50);
    expect(r.maxErr).toBeLessThan(1e-4 * r.maxU);
    // The document really holds them per neuron, and reading it back gives the same vectors (documentWeights).
    const weights = initWeights(plan, 11);
    const nW = weightList(plan).length;
    plan.layers.forEach((_, j) => { weights[nW + j] = spread(weights[nW + j].length, j).map(Math.fround); });
    const applied = applyWeights(graphDocument(g), plan, weights);
    // Written as the shortest decimal of each f32 (f32Shortest): it reads back as the same f32.
    const written = applied.nodes.find((n) => n.id === 'l')!.params.tau_ms as { per_neuron: number[] };
    expect(written.per_neuron.map(Math.fround)).toEqual(Array.from(weights[nW + 1]));
    const plan2 = planTraining(applied);
    if (!plan2.ok) throw new Error(JSON.stringify(plan2.diagnostics));
    const back = documentWeights(applied, plan2.plan);
    plan.layers.forEach((_, j) => expect(Array.from(back[nW + j], Math.fround), `τ of layer ${j}`).toEqual(Array.from(weights[nW + j])));
  });
});
