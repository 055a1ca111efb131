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
import { testBatch, testDocument, testPlan, type TestNet } from './testing';

async function compare(net: TestNet, weightScale: number, B = 3) {
  const plan = testPlan(net);
  const T = plan.steps, nIn = plan.inputs;
  // f32 weights in both: the engine stores f32, so the trainer gets the same numbers.
  const weights = initWeights(plan, 11).map((w) => w.map((x) => Math.fround(x * weightScale)));
  const batch = testBatch(plan, B, 7);
  const traces = forwardBatch(plan, weights, batch.x, B);
  const base = testDocument(net) as unknown as Record<string, unknown> & { nodes: Record<string, unknown>[]; projections: Record<string, unknown>[] };
  const wl = weightList(plan);
  let hiddenSpikes = 0, maxU = 0, maxErr = 0;
  for (let b = 0; b < B; b++) {
    const index: number[] = [], time: number[] = [];
    for (let t = 0; t < T; t++) for (let i = 0; i < nIn; i++) if (batch.x[(b * T + t) * nIn + i]) { index.push(i); time.push(t * plan.dtMs); }
    const doc = {
      ...base,
      nodes: base.nodes.map((n) => (n.id === plan.inputNode ? { ...n, model: 'spike_generator', params: {}, data: { spikes: { index, time_ms: time } } } : n)),
      projections: base.projections.map((p) => {
        const k = wl.findIndex((w) => w.projection === p.id);
        return { ...p, weight: { dist: 'explicit', values: Array.from(weights[k]) } };
      }),
      monitors: [
        ...plan.layers.slice(0, -1).map((l) => ({ id: `${l.id}_spikes`, kind: 'spikes', target: l.id })),
        { id: 'out_v', kind: 'state', target: 'output', variable: 'v' },
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
      const u = out.v[(b * T + t) * K + n];
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
