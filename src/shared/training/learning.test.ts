// Learning, not just running: the sound-localisation example (tutorial settings: Adam lr 0.01, batch 64,
// 100 steps, 200 → 30 LIF → 12) on a reduced budget ends far above chance (1/12) and far above the
// membrane-only baseline, whose linear readout of time-averaged input cannot see the interaural phase.
// The CPU reference is deterministic (f64, counter RNG), so the numbers below are exact for this seed.
import { describe, expect, it } from 'vitest';
import { examplePlan } from '../../../test/training-examples';
import { CpuBackend, initWeights, makeData, train } from '.';

const BUDGET = { trainSamples: 768, testSamples: 256, epochs: 4, seed: 1 };

describe('training the sound-localisation example (CPU, reduced budget: 768 samples × 4 epochs)', () => {
  it('reaches test accuracy far above chance and above the membrane-only baseline', { timeout: 300_000 }, async () => {
    const snnPlan = examplePlan('sound-localisation.snn.json', BUDGET);
    const snn = await train(snnPlan, new CpuBackend(snnPlan, initWeights(snnPlan, 1)), makeData(snnPlan));
    const moPlan = examplePlan('membrane-only.snn.json', BUDGET);
    const mo = await train(moPlan, new CpuBackend(moPlan, initWeights(moPlan, 1)), makeData(moPlan));
    // Measured: SNN test 0.406 (mean |error| 12.9°), membrane-only about chance.
    expect(snn.test.accuracy).toBeGreaterThan(0.3);
    expect(snn.test.mean_abs_error_deg).toBeLessThan(20);
    expect(mo.test.accuracy).toBeLessThan(0.15);
    expect(snn.test.accuracy - mo.test.accuracy).toBeGreaterThan(0.2);
    expect(snn.history[3].loss).toBeLessThan(snn.history[0].loss - 0.4);
    expect(snn.test.spike_counts.hidden).toBeGreaterThan(0);
  });
});
