// Adaptive exponential integrate-and-fire (AdEx; Brette & Gerstner 2005): the worked example of
// docs/models.md, "Adding a model" — this file and one line in ./index.ts are all it took.
//   C dv/dt = −g_L (v − E_L) + g_L Δ_T exp((v − V_T)/Δ_T) − w + I
//   τ_w dw/dt = a (v − E_L) − w;   v > v_peak → v ← v_reset, w ← w + b
// Units: mV, ms, pF, nS, pA (nS·mV = pA, pA/pF = mV/ms). Forward Euler on sub-steps of at most 0.1 ms.
import type { ModelSpec } from './types';

export const adex: ModelSpec = {
  id: 'adex',
  kind: 'neuron',
  label: 'AdEx population',
  description:
    'Adaptive exponential integrate-and-fire: a leaky membrane with an exponential spike-initiation current ' +
    'near V_T and an adaptation current w that each spike increases by b. With different a, b, τ_w it fires ' +
    'tonically, adapts, bursts or delays its first spike (Naud et al. 2008). v in mV, I in pA.',
  spiking: true,
  glyph: 'M2 14 L8 12 L11 10 L12 2 L12 15 L18 13 L23 11 L25 9 L26 2 L26 15 L34 13',
  defaultSize: 10,
  params: [
    { name: 'c_pf', label: 'C', unit: 'pF', type: 'number', default: 281, min: 0, minExclusive: true, max: 1e6, description: 'Membrane capacitance.' },
    { name: 'g_l_ns', label: 'g_L', unit: 'nS', type: 'number', default: 30, min: 0, minExclusive: true, max: 1e6, description: 'Leak conductance.' },
    { name: 'e_l', label: 'E_L', unit: 'mV', type: 'number', default: -70.6, min: -1e3, max: 1e3, description: 'Leak reversal (resting) potential.' },
    { name: 'v_t', label: 'V_T', unit: 'mV', type: 'number', default: -50.4, min: -1e3, max: 1e3, description: 'Threshold of the exponential spike initiation.' },
    { name: 'delta_t', label: 'Δ_T', unit: 'mV', type: 'number', default: 2, min: 0, minExclusive: true, max: 100, description: 'Slope factor: how sharp spike initiation is.' },
    { name: 'tau_w_ms', label: 'τ_w', unit: 'ms', type: 'number', default: 144, min: 0, minExclusive: true, max: 1e6, description: 'Time constant of the adaptation current.' },
    { name: 'a_ns', label: 'a', unit: 'nS', type: 'number', default: 4, min: -1e4, max: 1e4, description: 'Subthreshold adaptation: how much w follows v.' },
    { name: 'b_pa', label: 'b', unit: 'pA', type: 'number', default: 80.5, min: -1e6, max: 1e6, description: 'Spike-triggered adaptation: w increases by b at each spike.' },
    { name: 'v_reset', label: 'v_reset', unit: 'mV', type: 'number', default: -70.6, min: -1e3, max: 1e3, description: 'Value v is set to after a spike.' },
    { name: 'v_peak', label: 'v_peak', unit: 'mV', type: 'number', default: 20, min: -1e3, max: 1e3, description: 'A spike is counted when v is above it.' },
    { name: 'v_init', label: 'v at t=0', unit: 'mV', type: 'number', default: -70.6, min: -1e3, max: 1e3, description: 'Membrane potential at the start (w starts at 0).' },
  ],
  state: [
    { name: 'v', unit: 'mV', description: 'Membrane potential.' },
    { name: 'w', unit: 'pA', description: 'Adaptation current.' },
  ],
  roles: { membrane: 'v', rest: 'e_l', threshold: 'v_t' },
  // Brian2 (the equation of scripts/brian2/adex.py, dimensionless: pF, nS, mV, pA make mV/ms): one forward Euler
  // step, as our update is for dt ≤ 0.1 ms; beyond that we sub-step and the exporter refuses.
  brian2: {
    equations: 'dv/dt = (-g_l_ns * (v - e_l) + g_l_ns * delta_t * exp((clip(v, -1e9, v_peak) - v_t) / delta_t) - w + I) / c_pf / ms : 1\n' +
      'dw/dt = (a_ns * (v - e_l) - w) / tau_w_ms / ms : 1',
    method: 'euler',
    threshold: 'v > v_peak',
    reset: 'v = v_reset; w += b_pa',
    init: ['v = v_init', 'w = 0'],
    maxDtMs: 0.1,
  },
  dynamics: {
    // Sub-steps keep forward Euler stable on the exponential upstroke; the delta input and the threshold act
    // once per step, as in every model (docs/engine.md, "Step order"). Past v_peak a sub-step stops moving v
    // (the spike has happened), so the exponential never overflows.
    derived: ['n_sub = max(1, ceil(dt / 0.1 - 1e-9))', 'h_sub = dt / n_sub'],
    init: ['v = v_init', 'w = 0'],
    update: [
      {
        repeat: 'n_sub',
        body: [
          'let vv = v',
          'let up = vv > v_peak',
          'let i_exp = g_l_ns * delta_t * exp((min(vv, v_peak) - v_t) / delta_t)',
          'let dv = (-g_l_ns * (vv - e_l) + i_exp - w + I) / c_pf',
          'let dw = (a_ns * (vv - e_l) - w) / tau_w_ms',
          'v = up ? vv : vv + h_sub * dv',
          'w = w + h_sub * dw',
        ],
      },
      'let vn = v + delta',
      'let fire = vn > v_peak',
      'spike = fire',
      'v = fire ? v_reset : vn',
      'w = fire ? w + b_pa : w',
    ],
  },
};
