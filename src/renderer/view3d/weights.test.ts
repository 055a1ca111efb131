// WeightHistory: the view's weights at a step are the last reading at or before it; memory stays bounded by
// thinning old readings (first and newest kept, the rest spread over the run).
import { describe, expect, it } from 'vitest';
import { WeightHistory } from './weights';

const snap = (v: number) => ({ p: Float32Array.of(v) });

describe('WeightHistory', () => {
  it('gives the last reading at or before a step (scrubbing back shows earlier weights)', () => {
    const h = new WeightHistory();
    expect(h.at(5)).toBeNull();
    h.add(0, snap(0));
    h.add(100, snap(1));
    h.add(250, snap(2));
    expect(h.at(0)!.step).toBe(0);
    expect(h.at(99)!.weights.p[0]).toBe(0);
    expect(h.at(100)!.weights.p[0]).toBe(1);
    expect(h.at(249)!.weights.p[0]).toBe(1);
    expect(h.at(1e9)!.weights.p[0]).toBe(2);
    // A reading at a step already held replaces it; one out of order lands in place.
    h.add(100, snap(5));
    h.add(50, snap(7));
    expect(h.steps()).toEqual([0, 50, 100, 250]);
    expect(h.at(120)!.weights.p[0]).toBe(5);
    expect(h.at(60)!.weights.p[0]).toBe(7);
    expect(h.latest!.step).toBe(250);
  });

  it('keeps at most max readings, spread over the whole run, with the first and the newest', () => {
    const h = new WeightHistory(64);
    for (let s = 0; s <= 10_000; s += 10) {
      h.add(s, snap(s));
      expect(h.size).toBeLessThanOrEqual(64);
    }
    const steps = h.steps();
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(10_000);
    expect(steps.length).toBeGreaterThanOrEqual(32);
    // No gap wider than a few times the even spacing: old times keep readings too.
    const gaps = steps.slice(1).map((s, i) => s - steps[i]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(4 * (10_000 / 32));
    // Any step still resolves to a reading at or before it.
    expect(h.at(5_005)!.step).toBeLessThanOrEqual(5_005);
  });
});
