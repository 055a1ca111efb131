// Izhikevich (2003) simple model: dv/dt = 0.04v² + 5v + 140 - u + I, du/dt = a(bv - u); v ≥ v_peak → spike.
import type { ModelSpec } from './types';

export const izhikevich: ModelSpec = {
  id: 'izhikevich',
  kind: 'neuron',
  label: 'Izhikevich population',
  description:
    'Izhikevich\'s two-variable model reproduces many firing patterns (regular spiking, bursting, chattering) ' +
    'with four parameters a, b, c, d. v in mV, time in ms. It is integrated by forward Euler with the run\'s dt: ' +
    'keep dt ≤ 0.1 ms (larger is warned about), where the firing patterns keep their spike counts.',
  spiking: true,
  glyph: 'M2 14 L5 11 L6 2 L7 15 L9 10 L10 2 L11 15 L18 13 L25 11 L27 2 L28 15 L34 12',
  defaultSize: 10,
  params: [
    { name: 'a', label: 'a', unit: '1/ms', type: 'number', default: 0.02, min: 0, max: 10, description: 'Recovery rate of u.' },
    { name: 'b', label: 'b', unit: '', type: 'number', default: 0.2, min: -10, max: 10, description: 'Sensitivity of u to v.' },
    { name: 'c', label: 'c', unit: 'mV', type: 'number', default: -65, min: -1e3, max: 1e3, description: 'Reset value of v after a spike.' },
    { name: 'd', label: 'd', unit: '', type: 'number', default: 8, min: -1e3, max: 1e3, description: 'Increase of u after a spike.' },
    { name: 'v_peak', label: 'v_peak', unit: 'mV', type: 'number', default: 30, min: -1e3, max: 1e3, description: 'Spike cut-off: v at or above it is a spike.' },
    { name: 'v_init', label: 'v at t=0', unit: 'mV', type: 'number', default: -65, min: -1e3, max: 1e3, description: 'Membrane potential at the start (u starts at b·v).' },
  ],
  state: [
    { name: 'v', unit: 'mV', description: 'Membrane potential.' },
    { name: 'u', unit: '', description: 'Recovery variable.' },
  ],
  roles: { membrane: 'v', rest: 'c', threshold: 'v_peak' },
  // One forward Euler step per dt on the quadratic v equation (no sub-steps): the error grows with dt and is worst
  // for the fast patterns. Against a 0.001 ms integration, 200 ms of a current of 10 keeps every pattern's spike
  // count within one up to 0.1 ms; at 0.5 ms (the step Izhikevich's own code takes) chattering and fast spiking
  // lose about a fifth of their spikes (./izhikevich.test.ts, docs/models.md "Time-step limits").
  maxDt: { ms: 0.1, why: 'it is integrated by forward Euler without sub-steps, and above 0.1 ms the fast firing patterns (chattering, fast spiking) lose spikes — a fifth of them at 0.5 ms' },
  // Izhikevich (2003), forward Euler with the run's dt: v' = 0.04v² + 5v + 140 − u + I, u' = a(bv − u);
  // spike strictly v > v_peak, then v ← c, u ← u + d. The delta input adds to v.
  // Brian2's forward Euler is our update term for term (both use v and u from the start of the step).
  brian2: {
    equations: 'dv/dt = (0.04 * v**2 + 5 * v + 140 - u + I) / ms : 1\ndu/dt = a * (b * v - u) / ms : 1',
    method: 'euler',
    threshold: 'v > v_peak',
    reset: 'v = c; u += d',
    init: ['v = v_init', 'u = b * v_init'],
  },
  dynamics: {
    derived: ['dt_ms = dt'],
    init: ['v = v_init', 'u = b * v_init'],
    update: [
      'let v0 = v',
      'let u0 = u',
      'let dv = ((((0.04 * v0) * v0 + 5 * v0) + 140) - u0) + I',
      'let du = a * (b * v0 - u0)',
      'let vn = (v0 + dt_ms * dv) + delta',
      'let u1 = u0 + dt_ms * du',
      'let fire = vn > v_peak',
      'spike = fire',
      'v = fire ? c : vn',
      'u = fire ? u1 + d : u1',
    ],
  },
};
