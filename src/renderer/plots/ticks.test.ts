import { describe, expect, it } from 'vitest';
import { niceTicks, tickCountFor } from './ticks';

describe('niceTicks', () => {
  it('gives 1-2-2.5-5 steps that cover the range', () => {
    expect(niceTicks(0, 100, 5)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(0, 100, 3)).toEqual([0, 50, 100]);
    expect(niceTicks(0, 1000, 6)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(niceTicks(0, 300, 4)).toEqual([0, 100, 200, 300]);
    expect(niceTicks(0, 0.3, 4)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(5, 5, 4)).toEqual([5]);
  });

  it('never gives more than asked', () => {
    for (const max of [1, 7, 10, 99, 100, 250, 1000, 3000, 12345]) {
      for (let n = 2; n <= 12; n++) expect(niceTicks(0, max, n).length).toBeLessThanOrEqual(n);
    }
  });
});

describe('tickCountFor', () => {
  it('labels of a given width placed at the ticks never touch ("75 ms100 ms")', () => {
    for (const length of [120, 200, 250, 400, 640, 1000]) {
      const label = 40;
      const n = tickCountFor(length, label);
      const ticks = niceTicks(0, 100, n);
      const px = length / 100 * (ticks[1] - ticks[0]);
      expect(px, `axis ${length} px`).toBeGreaterThanOrEqual(label);
    }
  });
});
