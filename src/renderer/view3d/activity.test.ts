// The view reads a model's membrane, rest, threshold and time constant from the catalogue's roles
// (src/shared/models/types.ts ModelRoles), never from guessed parameter names (docs/view3d.md).
import { describe, expect, it } from 'vitest';
import type { NetworkNode } from '../../shared/graph/schema';
import { membraneTauMs, membraneVariable, potentialRange } from './activity';

const node = (model: string, params: Record<string, number | string> = {}): NetworkNode =>
  ({ id: model, kind: model === 'poisson' || model === 'dataset' ? 'input' : 'population', model, size: 1, params, position: { x: 0, y: 0 } }) as NetworkNode;

describe('view parameters from the model roles', () => {
  it('LIF: v, v_rest to v_th, tau_ms (the document value over the default)', () => {
    const n = node('lif', { v_rest: -70, v_th: -50, tau_ms: 7 });
    expect(membraneVariable(n)).toBe('v');
    expect(potentialRange(n)).toEqual([-70, -50]);
    expect(membraneTauMs(n)).toBe(7);
  });

  it('adaptive LIF: the threshold role is the baseline v_th0 (v_th is its state, not a parameter)', () => {
    const n = node('adaptive_lif', { v_th0: 3, tau_ms: 12 });
    expect(potentialRange(n)).toEqual([0, 3]);
    expect(membraneTauMs(n)).toBe(12);
  });

  it('Izhikevich: rest is the reset c, threshold the peak; no tau role, so the 2 ms default', () => {
    const n = node('izhikevich', { c: -60, v_peak: 25 });
    expect(potentialRange(n)).toEqual([-60, 25]);
    expect(membraneTauMs(n)).toBe(2);
  });

  it('Hodgkin-Huxley: E_L to the spike-detection level, defaults from the catalogue', () => {
    const n = node('hodgkin_huxley');
    expect(membraneVariable(n)).toBe('v');
    const [lo, hi] = potentialRange(n);
    expect(lo).toBe(-54.4);
    expect(hi).toBeGreaterThan(lo);
  });

  it('leaky-integrator readout: no threshold, so rest to rest + 1', () => {
    expect(potentialRange(node('leaky_integrator', { v_rest: 0.5 }))).toEqual([0.5, 1.5]);
  });

  it('inputs have no membrane', () => {
    expect(membraneVariable(node('poisson'))).toBeNull();
    expect(membraneTauMs(node('poisson'))).toBe(2);
  });
});
