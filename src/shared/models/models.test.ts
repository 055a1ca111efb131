import { describe, expect, it } from 'vitest';
import { MODELS, checkParam, defaultParams, getModel } from './index';

describe('model catalogue', () => {
  it('has the models the tutorial and users need, each with unique id and label', () => {
    for (const id of ['lif', 'adaptive_lif', 'hodgkin_huxley', 'izhikevich', 'leaky_integrator',
      'poisson', 'spike_generator', 'current', 'sound_source', 'dataset']) {
      expect(getModel(id), id).toBeDefined();
    }
    expect(new Set(MODELS.map((m) => m.id)).size).toBe(MODELS.length);
    expect(new Set(MODELS.map((m) => m.label)).size).toBe(MODELS.length);
  });

  it('gives every parameter a unit field, a description and a default inside its own range', () => {
    for (const m of MODELS) {
      for (const p of m.params) {
        expect(p.description.length, `${m.id}.${p.name}`).toBeGreaterThan(5);
        expect(checkParam(p, p.default), `${m.id}.${p.name} default`).toBeNull();
      }
      expect(Object.keys(defaultParams(m))).toEqual(m.params.map((p) => p.name));
    }
  });

  it('uses the tutorial defaults for LIF, adaptive LIF and Hodgkin-Huxley', () => {
    expect(defaultParams(getModel('lif')!)).toMatchObject({ v_th: 1, v_reset: 0, v_rest: 0 });
    expect(defaultParams(getModel('adaptive_lif')!)).toMatchObject({ tau_ms: 50, tau_t_ms: 100, v_th0: 1, delta_th: 0.5, v_reset: 0 });
    expect(defaultParams(getModel('hodgkin_huxley')!)).toMatchObject({ c_m: 1, g_na: 120, g_k: 36, g_l: 0.3, e_na: 50, e_k: -77, e_l: -54.4 });
  });

  it('explains why a value is refused', () => {
    const tau = getModel('lif')!.params.find((p) => p.name === 'tau_ms')!;
    expect(checkParam(tau, 0)).toBe('0 ms is not above the minimum 0 ms');
    expect(checkParam(tau, Number.NaN)).toBe('must be a finite number, got NaN');
    expect(checkParam(tau, '5')).toBe('must be a finite number, got "5"');
    expect(checkParam(tau, 2e6)).toBe('2000000 ms is above the maximum 1000000 ms');
    const size = { name: 'n', label: 'n', unit: '', type: 'integer' as const, default: 1, min: 1, description: 'x' };
    expect(checkParam(size, 1.5)).toBe('must be a whole number, got 1.5');
  });
});
