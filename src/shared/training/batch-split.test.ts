import { describe, expect, it } from 'vitest';
import { lossAndGradients } from './cpu-backend';
import { combineParts, sliceBatch, splitRanges } from './batch-split';
import { initWeights } from './params';
import { graphPlan, testBatch } from '../../../test/training/testing';

describe('splitting a batch across threads', () => {
  it('covers every sample once, in order, in near-equal parts', () => {
    for (const [B, parts] of [[64, 2], [7, 3], [3, 8], [1, 2], [65, 4]]) {
      const r = splitRanges(B, parts);
      expect(r.length).toBe(Math.min(B, parts));
      expect(r[0][0]).toBe(0);
      expect(r[r.length - 1][1]).toBe(B);
      r.forEach(([a, b], i) => { expect(b).toBeGreaterThan(a); if (i) expect(a).toBe(r[i - 1][1]); });
      const sizes = r.map(([a, b]) => b - a);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  // The loss is a mean over samples plus λ·spikes/B, so combining parts weighted by their sizes is exact up to
  // the order of floating-point sums: agreement to ~1e-12 relative (f64 sums of ~10⁴ terms of similar size).
  it('combines parts into the whole batch\'s loss, readout, spikes and gradients (a DAG with a skip, trainable τ, regulariser)', () => {
    const plan = graphPlan({
      inputs: 12, steps: 30,
      pops: [{ id: 'a', model: 'adaptive_lif', size: 6 }, { id: 'b', model: 'lif', size: 5 }, { id: 'out', model: 'leaky_integrator', size: 4 }],
      projections: [{ source: 'inputs', target: 'a' }, { source: 'a', target: 'b', synapse: { kind: 'exponential', tau_ms: 5 } },
        { source: 'b', target: 'out' }, { source: 'inputs', target: 'out' }],
      training: { trainable_tau: true, spike_regularizer: 0.01 },
    });
    const weights = initWeights(plan, 2).map((w) => w.map((x) => x * 4));
    const batch = testBatch(plan, 11);
    const whole = lossAndGradients(plan, weights, batch);
    expect(whole.spikes[0]).toBeGreaterThan(0); // spikes flow, so the parts do differ from each other
    const per = batch.x.length / batch.B;
    for (const parts of [2, 3]) {
      const ranges = splitRanges(batch.B, parts);
      const got = combineParts(ranges.map(([a, b]) => lossAndGradients(plan, weights, sliceBatch(batch, a, b, per))), ranges.map(([a, b]) => b - a));
      expect(Math.abs(got.loss - whole.loss) / Math.abs(whole.loss)).toBeLessThan(1e-12);
      expect(Array.from(got.m)).toEqual(Array.from(whole.m)); // per sample: the same operations, bit for bit
      expect(got.spikes).toEqual(whole.spikes);
      got.grads.forEach((g, k) => {
        const scale = Math.max(...whole.grads[k].map(Math.abs));
        expect(scale).toBeGreaterThan(0);
        for (let i = 0; i < g.length; i++) expect(Math.abs(g[i] - whole.grads[k][i]) / scale, `grad ${k}[${i}]`).toBeLessThan(1e-12);
      });
    }
  });
});
