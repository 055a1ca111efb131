import { describe, expect, it } from 'vitest';
import {
  TUTORIAL_SOUND, classMidpoint, generateDataset, ipdClass, sampleMeta, spikeProbability, soundParamsFrom,
} from './sound-localisation';

const small = { ...TUTORIAL_SOUND, nPerEar: 10, steps: 50 };

describe('sound-localisation stimulus', () => {
  it('reproduces a data set exactly from its seed, and differs for another seed or split', () => {
    const a = generateDataset(small, 7, 'train', 20);
    const b = generateDataset(small, 7, 'train', 20);
    expect(a.spikes).toEqual(b.spikes);
    expect(a.ipd).toEqual(b.ipd);
    expect(generateDataset(small, 8, 'train', 20).spikes).not.toEqual(a.spikes);
    expect(generateDataset(small, 7, 'test', 20).spikes).not.toEqual(a.spikes);
  });

  it('labels 12 classes of 15° and decodes to class midpoints', () => {
    expect(ipdClass(-Math.PI / 2, 12)).toBe(0);
    expect(ipdClass(0.001, 12)).toBe(6);
    expect(ipdClass(Math.PI / 2 - 1e-9, 12)).toBe(11);
    expect(classMidpoint(0, 12) * 180 / Math.PI).toBeCloseTo(-82.5, 10);
    const d = generateDataset(small, 1, 'train', 500);
    for (let i = 0; i < d.count; i++) {
      expect(d.ipd[i]).toBeGreaterThanOrEqual(-Math.PI / 2);
      expect(d.ipd[i]).toBeLessThan(Math.PI / 2);
      expect(Math.abs(classMidpoint(d.labels[i], 12) - d.ipd[i])).toBeLessThanOrEqual(Math.PI / 24 + 1e-12);
    }
    expect(new Set(d.labels).size).toBe(12);
  });

  it('spike probability follows the tutorial formula: peak rate_max·dt, phase lag per input and ear', () => {
    // theta = 2π(f t + φ0) + j·(π/2)/(N−1) + e·ipd: at t = 0, φ0 = 0.25, j = 0, e = 0 → sin θ = 1.
    expect(spikeProbability(TUTORIAL_SOUND, 0, 0.25, 0, 0)).toBeCloseTo(0.6, 12);
    // Last input of ear 0 lags by π/2: sin(π/2 + π/2) = 0 → (0.5)^2 · 0.6.
    expect(spikeProbability(TUTORIAL_SOUND, 0, 0.25, 0, 99)).toBeCloseTo(0.15, 12);
    // Ear 1 with ipd = −π/2 at j = 0 equals ear 0 at the same step shifted by −π/2.
    expect(spikeProbability(TUTORIAL_SOUND, -Math.PI / 2, 0.25, 0, 100)).toBeCloseTo(0.15, 12);
  });

  it('draws spikes at the rate the formula gives (mean over many samples)', () => {
    const d = generateDataset(small, 3, 'train', 400);
    let expected = 0, got = 0;
    for (let s = 0; s < d.count; s++) {
      const { ipd, phi0 } = sampleMeta(small, 3, 'train', s);
      for (let t = 0; t < small.steps; t++) for (let i = 0; i < d.inputs; i++) {
        expected += spikeProbability(small, ipd, phi0, t, i);
        got += d.spikes[(s * small.steps + t) * d.inputs + i];
      }
    }
    // Binomial: the sum of ~n Bernoulli draws has std ≤ sqrt(expected).
    expect(Math.abs(got - expected)).toBeLessThan(5 * Math.sqrt(expected));
  });

  it('per-dataset phase shares φ0 within a split; per-sample does not', () => {
    const pd = { ...small, phase: 'per-dataset' as const };
    expect(sampleMeta(pd, 1, 'train', 0).phi0).toBe(sampleMeta(pd, 1, 'train', 9).phi0);
    expect(sampleMeta(pd, 1, 'train', 0).phi0).not.toBe(sampleMeta(pd, 1, 'test', 0).phi0);
    expect(sampleMeta(small, 1, 'train', 0).phi0).not.toBe(sampleMeta(small, 1, 'train', 9).phi0);
  });

  it('reads params from a dataset node and the simulation block', () => {
    const p = soundParamsFrom(200, { rate_max_hz: 600, phase: 'per-dataset' }, 1, 100);
    expect(p).toEqual({ ...TUTORIAL_SOUND, phase: 'per-dataset' });
  });
});

describe('sound-localisation spikes', () => {
  it('are exactly u < p with u = spikeUniform (the fast path agrees with the documented keys)', async () => {
    const { spikeUniform } = await import('./sound-localisation');
    const d = generateDataset(small, 11, 'test', 3);
    for (let s = 0; s < 3; s++) {
      const { ipd, phi0 } = sampleMeta(small, 11, 'test', s);
      for (let t = 0; t < small.steps; t++) for (let i = 0; i < d.inputs; i++) {
        const want = spikeUniform(small, 11, 'test', s, t, i) < spikeProbability(small, ipd, phi0, t, i) ? 1 : 0;
        expect(d.spikes[(s * small.steps + t) * d.inputs + i]).toBe(want);
      }
    }
  });
});
