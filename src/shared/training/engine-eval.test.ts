// Engine evaluation (./engine-eval.ts): a trained network applied to its document and run sample by sample on
// the CPU engine, the dataset input playing the trainer's exact spikes; accuracy and agreement with the
// trainer's own predictions.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileNetwork } from '../compiler';
import { createCpuEngine } from '../engine/cpu-engine';
import { runAndCollect } from '../engine/collect';
import { loadDocument, type NetworkDocument } from '../graph';
import { generateSample } from '../tasks/sound-localisation';
import { applyWeights } from './apply';
import { CpuBackend } from './cpu-backend';
import { agreement, evaluateOnEngine, trainerPredictions } from './engine-eval';
import { initWeights } from './params';
import { planTraining, type TrainingPlan } from './plan';
import { makeData, train } from './trainer';

function example(name: string): NetworkDocument {
  const r = loadDocument(JSON.parse(readFileSync(new URL(`../../../resources/examples/${name}.snn.json`, import.meta.url), 'utf8')));
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}

const doc = example('sound-localisation');
let plan: TrainingPlan, weights: Float64Array[];
beforeAll(async () => {
  const r = planTraining(doc, { trainSamples: 128, testSamples: 64, batchSize: 32, epochs: 1, seed: 3 });
  if (!r.ok) throw new Error('plan');
  plan = r.plan;
  const res = await train(plan, new CpuBackend(plan, initWeights(plan, plan.config.seed)), makeData(plan));
  weights = res.weights;
});

describe('the dataset input plays a chosen sample exactly', () => {
  it('CPU engine: the input node spikes exactly as generateSample for samples of the test and training sets', async () => {
    for (const [split, k, seed] of [['test', 0, 1], ['test', 5, 1], ['train', 17, 9]] as const) {
      const d = structuredClone(doc);
      d.nodes[0].params = { ...d.nodes[0].params, sample: k, split, data_seed: seed };
      const run = await runAndCollect(createCpuEngine(compileNetwork(d)), 120, 50);
      const want = new Uint8Array(100 * 200);
      generateSample(plan.sound, seed, split, k, want);
      const got = new Uint8Array(120 * 200);
      run.spikes.inputs.step.forEach((s, i) => { got[s * 200 + run.spikes.inputs.index[i]] = 1; });
      expect(got.subarray(0, 100 * 200)).toEqual(want);
      expect(got.subarray(100 * 200).every((x) => x === 0)).toBe(true); // nothing after the sample ends
      expect(run.spikes.inputs.step.length).toBeGreaterThan(100);
    }
  });
});

describe('evaluateOnEngine (CPU engine)', () => {
  it('runs the test set through the applied document and reports accuracy and agreement with the trainer', async () => {
    const applied = applyWeights(doc, plan, weights);
    const data = makeData(plan);
    const e = await evaluateOnEngine(applied, plan, createCpuEngine);
    expect(e).toMatchObject({ backend: 'cpu', count: 64 });
    expect(Array.from(e.labels)).toEqual(Array.from(data.test.labels));
    expect(e.confusion.flat().reduce((a, b) => a + b, 0)).toBe(64);
    expect(e.accuracy).toBe(Array.from(e.predictions).filter((c, i) => c === e.labels[i]).length / 64);
    const trainer = await trainerPredictions(plan, new CpuBackend(plan, weights), data.test);
    expect(trainer).toHaveLength(64);
    const agree = agreement(e.predictions, trainer);
    expect(agree).toBeGreaterThan(0);
    expect(agree).toBeLessThanOrEqual(1);
  });

  it('the readout\'s timing is the trainer\'s: without a hidden layer (membrane-only) engine and trainer predict the same classes', async () => {
    // u_{t+1} = α u_t + W x_t in both: the engine's delay-0 synapse delivers step t's input spikes at t+1, and
    // the readout's v recorded at step t is the trainer's u_t (docs/training.md, "Running what you trained").
    const base = example('membrane-only');
    const r = planTraining(base, { trainSamples: 64, testSamples: 64, batchSize: 32, epochs: 1, seed: 2 });
    if (!r.ok) throw new Error('plan');
    const res = await train(r.plan, new CpuBackend(r.plan, initWeights(r.plan, 2)), makeData(r.plan));
    const e = await evaluateOnEngine(applyWeights(base, r.plan, res.weights), r.plan, createCpuEngine);
    const trainer = await trainerPredictions(r.plan, new CpuBackend(r.plan, res.weights), makeData(r.plan).test);
    expect(agreement(e.predictions, trainer)).toBeGreaterThanOrEqual(0.99);
  });

  // The hidden LIF layer has reset_timing "tutorial" in the example: the engine simulates the trainer's update.
  it('agrees with the trainer on ≥ 99 % of 64 test samples with a hidden LIF layer', async () => {
    const data = makeData(plan);
    const e = await evaluateOnEngine(applyWeights(doc, plan, weights), plan, createCpuEngine);
    const trainer = await trainerPredictions(plan, new CpuBackend(plan, weights), data.test);
    expect(agreement(e.predictions, trainer)).toBeGreaterThanOrEqual(0.99);
  });
});
