import { describe, expect, it } from 'vitest';
import { sortSpikes } from './gpu-engine';

// The GPU writes spike records in whatever order its threads win the atomic; the chunk must come out sorted by
// step, then index, exactly as the CPU engine emits them.
describe('sortSpikes (counting sort of GPU spike records)', () => {
  it('orders random (index, step) pairs like a comparison sort, keeping duplicates', () => {
    let seed = 12345;
    const rnd = (m: number) => { seed = (seed * 1103515245 + 12345) >>> 0; return (seed >>> 8) % m; };
    const size = 97, start = 5000, steps = 37, n = 3000;
    const pairs = new Uint32Array(2 * n);
    for (let k = 0; k < n; k++) { pairs[2 * k] = rnd(size); pairs[2 * k + 1] = start + rnd(steps); }
    const got = sortSpikes(pairs, size, start, steps);
    const want = Array.from({ length: n }, (_, k) => [pairs[2 * k], pairs[2 * k + 1]])
      .sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    expect(Array.from(got.step)).toEqual(want.map((p) => p[1]));
    expect(Array.from(got.index)).toEqual(want.map((p) => p[0]));
  });

  it('handles an empty chunk and the last neuron and step', () => {
    expect(sortSpikes(new Uint32Array(0), 10, 0, 5).index.length).toBe(0);
    const got = sortSpikes(Uint32Array.from([9, 4, 0, 4, 9, 0]), 10, 0, 5);
    expect(Array.from(got.index)).toEqual([9, 0, 9]);
    expect(Array.from(got.step)).toEqual([0, 4, 4]);
  });
});
