import { describe, expect, it } from 'vitest';
import { decayFactor, msToS, weightsFromNir, weightsToNir } from './scaling';

describe('NIR weight scaling (docs/formats.md)', () => {
  it('reproduces the worked example: w = 0.5, τ = 20 ms, R = 1 → W = 0.01', () => {
    const W = weightsToNir(new Float64Array([0.5]), 1, 1, [msToS(20)], [1]);
    expect(W[0]).toBeCloseTo(0.01, 15); // float rounding only
    expect(decayFactor(msToS(1), msToS(20))).toBeCloseTo(0.951229425, 9);
  });

  it('the jump of a Dirac current, integrated independently, equals our delta weight', () => {
    // Euler-integrate τ dv/dt = R·I with I a box of area W and width ε ≪ τ: Δv → R·W/τ (leak negligible).
    const tau = 0.02, r = 2, w = 0.3;
    const [W] = weightsToNir(new Float64Array([w]), 1, 1, [tau], [r]);
    const eps = 1e-7, n = 1000, h = eps / n;
    let v = 0;
    for (let k = 0; k < n; k++) v += (h / tau) * (-v + r * (W / eps));
    expect(v).toBeCloseTo(w, 5); // leak over ε = 1e-7 s shrinks the jump by ~ε/τ = 5e-6
  });

  it('round-trips per target row and names bad shapes', () => {
    const w = new Float64Array([1, -2, 3, 0.5, 0, 7]);
    const tau = [0.01, 0.05], r = [1, 3];
    const W = weightsToNir(w, 2, 3, tau, r);
    expect(W[3]).toBeCloseTo((0.5 * 0.05) / 3, 15);
    const back = weightsFromNir(W, 2, 3, tau, r);
    back.forEach((x, i) => expect(x).toBeCloseTo(w[i], 12));
    expect(() => weightsToNir(w, 3, 3, [1, 1, 1], [1, 1, 1])).toThrow('weight has 6 entries, expected 3×3');
    expect(() => weightsToNir(w, 2, 3, [0.01, 0], r)).toThrow('tau[1] must be positive');
  });
});
