// The GPU trainer learns as the CPU reference does: same seed, same reduced budget (the tutorial's
// settings, 512 samples × 3 epochs, small for SwiftShader): the first epoch matches the CPU reference's
// (f32 vs f64 may flip a rare spike, so later epochs drift like another seed), test accuracy ends well
// above chance and above the membrane-only baseline.
import { beforeAll, describe, expect, it } from 'vitest';
import { getTestDevice } from '../../../../test/gpu';
import { CpuBackend, initWeights, makeData, train } from '..';
import { examplePlan } from '../../../../test/training-examples';
import { GpuBackend } from './gpu-backend';

let device: GPUDevice;
beforeAll(async () => { device = await getTestDevice('training-learning'); });

const BUDGET = { trainSamples: 512, testSamples: 256, epochs: 3, seed: 1 };

describe('GPU training of the sound-localisation example (reduced budget)', () => {
  it('learns on the GPU like the CPU reference with the same seed, and beats membrane-only', { timeout: 600_000 }, async () => {
    const plan = examplePlan('sound-localisation.snn.json', BUDGET);
    const data = makeData(plan);
    const gpu = await train(plan, await GpuBackend.create(device, plan, initWeights(plan, 1), undefined, 'test', 'simple'), data);
    // The CPU reference for the first epoch only (the full CPU run is the unit test learning.test.ts).
    const one = { ...plan, config: { ...plan.config, epochs: 1 } };
    const cpu = await train(one, new CpuBackend(one, initWeights(one, 1)), data);
    expect(gpu.test.accuracy).toBeGreaterThan(2 * (1 / 12));
    expect(gpu.history[2].loss).toBeLessThan(gpu.history[0].loss - 0.2);
    expect(Math.abs(gpu.history[0].loss - cpu.history[0].loss)).toBeLessThan(1e-3);
    expect(Math.abs(gpu.history[0].test.accuracy - cpu.history[0].test.accuracy)).toBeLessThan(0.02);
    const mo = examplePlan('membrane-only.snn.json', BUDGET);
    const moRes = await train(mo, await GpuBackend.create(device, mo, initWeights(mo, 1), undefined, 'test', 'simple'), makeData(mo));
    expect(gpu.test.accuracy - moRes.test.accuracy).toBeGreaterThan(0.08);
  });
});
