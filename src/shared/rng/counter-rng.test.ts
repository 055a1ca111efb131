import { describe, expect, it } from 'vitest';
import { CounterRng, pcgHash, randomU32, uniform01, normal01 } from './counter-rng';

describe('counter-based RNG', () => {
  it('matches the published PCG-RXS-M-XS hash on known inputs', () => {
    // Reference values computed independently with 64-bit BigInt arithmetic (see below).
    const ref = (v: bigint) => {
      const M = 0xffffffffn;
      const state = (v * 747796405n + 2891336453n) & M;
      const word = (((state >> ((state >> 28n) + 4n)) ^ state) * 277803737n) & M;
      return Number((word >> 22n) ^ word);
    };
    for (const v of [0, 1, 2, 12345, 0x7fffffff, 0x80000000, 0xffffffff]) {
      expect(pcgHash(v)).toBe(ref(BigInt(v)));
    }
  });

  it('is a pure function of its four keys', () => {
    expect(randomU32(7, 1, 2, 3)).toBe(randomU32(7, 1, 2, 3));
    const vals = new Set([randomU32(7, 1, 2, 3), randomU32(8, 1, 2, 3), randomU32(7, 2, 2, 3), randomU32(7, 1, 3, 3), randomU32(7, 1, 2, 4)]);
    expect(vals.size).toBe(5);
  });

  it('gives uniform values in [0, 1): chi-square over 20 bins and mean/variance', () => {
    const n = 200_000, bins = new Array(20).fill(0);
    let sum = 0, sum2 = 0, lo = Infinity, hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const u = uniform01(42, 3, i % 1000, Math.floor(i / 1000));
      lo = Math.min(lo, u); hi = Math.max(hi, u);
      bins[Math.floor(u * 20)]++;
      sum += u; sum2 += u * u;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    const e = n / 20;
    const chi2 = bins.reduce((a, o) => a + (o - e) ** 2 / e, 0);
    // 19 degrees of freedom: P(chi2 > 43.8) = 0.001.
    expect(chi2).toBeLessThan(43.8);
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sum2 / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('has no correlation between neighbouring counters (lag-1 autocorrelation)', () => {
    const n = 100_000;
    let prev = uniform01(1, 0, 0, 0), acc = 0;
    for (let c = 1; c < n; c++) {
      const u = uniform01(1, 0, 0, c);
      acc += (u - 0.5) * (prev - 0.5);
      prev = u;
    }
    const r = acc / (n - 1) / (1 / 12);
    expect(Math.abs(r)).toBeLessThan(4 / Math.sqrt(n));
  });

  it('gives normals with mean 0 and variance 1', () => {
    const n = 100_000;
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) { const z = normal01(5, 9, 0, i); s += z; s2 += z * z; }
    expect(Math.abs(s / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.02);
  });

  it('CounterRng.int stays in range and covers it', () => {
    const r = new CounterRng(3, 4);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) { const k = r.int(7); expect(k).toBeGreaterThanOrEqual(0); expect(k).toBeLessThan(7); seen.add(k); }
    expect(seen.size).toBe(7);
  });
});
