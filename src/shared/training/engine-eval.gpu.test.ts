// The dataset input's chosen sample and the engine evaluation on the WebGPU engine (Dawn; SwiftShader on CI):
// the input spikes are exactly generateSample's, and a few test samples give the CPU engine's predictions.
// Sizes are small for SwiftShader (docs/testing.md).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { getTestDevice } from '../../../test/gpu';
import { compileNetwork } from '../compiler';
import { runAndCollect } from '../engine/collect';
import { createCpuEngine } from '../engine/cpu-engine';
import { createGpuEngine } from '../engine/gpu-engine';
import { loadDocument, type NetworkDocument } from '../graph';
import { generateSample } from '../tasks/sound-localisation';
import { applyWeights } from './apply';
import { evaluateOnEngine } from './engine-eval';
import { initWeights } from './params';
import { planTraining } from './plan';

let device: GPUDevice;
beforeAll(async () => { device = await getTestDevice('engine-eval'); });

function example(name: string): NetworkDocument {
  const r = loadDocument(JSON.parse(readFileSync(new URL(`../../../resources/examples/${name}.snn.json`, import.meta.url), 'utf8')));
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}

describe('dataset sample on the GPU engine', () => {
  it('plays test sample k with exactly generateSample\'s spikes', async () => {
    const doc = example('sound-localisation');
    doc.nodes[0].params = { ...doc.nodes[0].params, sample: 3, data_seed: 4 };
    const ir = compileNetwork(doc);
    const g = await createGpuEngine(device, ir);
    const run = await runAndCollect(g, 100);
    g.dispose();
    const r = planTraining(doc);
    if (!r.ok) throw new Error('plan');
    const want = new Uint8Array(100 * 200);
    generateSample(r.plan.sound, 4, 'test', 3, want);
    const got = new Uint8Array(100 * 200);
    run.spikes.inputs.step.forEach((s, i) => { got[s * 200 + run.spikes.inputs.index[i]] = 1; });
    expect(got).toEqual(want);
  });

  it('evaluateOnEngine: the GPU engine predicts what the CPU engine predicts, sample by sample (setParam between runs)', async () => {
    const doc = example('sound-localisation');
    const r = planTraining(doc, { testSamples: 4 });
    if (!r.ok) throw new Error('plan');
    const applied = applyWeights(doc, r.plan, initWeights(r.plan, 5).map((w) => w.map((x) => 3 * x)));
    const cpu = await evaluateOnEngine(applied, r.plan, createCpuEngine);
    const gpu = await evaluateOnEngine(applied, r.plan, (ir) => createGpuEngine(device, ir));
    expect(gpu.backend).toBe('gpu');
    expect(Array.from(gpu.predictions)).toEqual(Array.from(cpu.predictions));
    expect(gpu.labels).toEqual(cpu.labels);
  });
});
