// Hodgkin-Huxley squid axon model (standard parameters, mV / ms / µA/cm²). A spike is an upward crossing
// of spike_threshold_mV (0 mV by default).
import type { ModelSpec } from './types';

export const hodgkinHuxley: ModelSpec = {
  id: 'hodgkin_huxley',
  kind: 'neuron',
  label: 'Hodgkin-Huxley population',
  description:
    'The classic squid giant axon model: sodium (m, h) and potassium (n) gates open and close with ' +
    'voltage-dependent rates, producing action potentials. It integrates itself in sub-steps of at most 0.025 ms, so ' +
    'any dt is stable, but spikes are detected and inputs arrive once per step: keep dt ≤ 0.1 ms (larger is warned about).',
  spiking: true,
  glyph: 'M2 14 L9 14 L11 12 L13 2 L15 16 L18 15 L22 14 L26 14 L28 12 L30 2 L32 16 L34 15',
  defaultSize: 1,
  params: [
    { name: 'c_m', label: 'C_m', unit: 'µF/cm²', type: 'number', default: 1, min: 0, minExclusive: true, max: 1e3, description: 'Membrane capacitance.' },
    { name: 'g_na', label: 'g_Na', unit: 'mS/cm²', type: 'number', default: 120, min: 0, max: 1e4, description: 'Maximal sodium conductance.' },
    { name: 'g_k', label: 'g_K', unit: 'mS/cm²', type: 'number', default: 36, min: 0, max: 1e4, description: 'Maximal potassium conductance.' },
    { name: 'g_l', label: 'g_L', unit: 'mS/cm²', type: 'number', default: 0.3, min: 0, max: 1e4, description: 'Leak conductance.' },
    { name: 'e_na', label: 'E_Na', unit: 'mV', type: 'number', default: 50, min: -1e3, max: 1e3, description: 'Sodium reversal potential.' },
    { name: 'e_k', label: 'E_K', unit: 'mV', type: 'number', default: -77, min: -1e3, max: 1e3, description: 'Potassium reversal potential.' },
    { name: 'e_l', label: 'E_L', unit: 'mV', type: 'number', default: -54.4, min: -1e3, max: 1e3, description: 'Leak reversal potential.' },
    { name: 'spike_threshold_mv', label: 'spike detection', unit: 'mV', type: 'number', default: 0, min: -1e3, max: 1e3, description: 'A spike is counted when v crosses this upwards.' },
    { name: 'v_init', label: 'v at t=0', unit: 'mV', type: 'number', default: -65, min: -1e3, max: 1e3, description: 'Membrane potential at the start (gates start at their steady state).' },
  ],
  state: [
    { name: 'v', unit: 'mV', description: 'Membrane potential.' },
    { name: 'm', unit: '', description: 'Sodium activation gate.' },
    { name: 'h', unit: '', description: 'Sodium inactivation gate.' },
    { name: 'n', unit: '', description: 'Potassium activation gate.' },
  ],
  roles: { membrane: 'v', rest: 'e_l', threshold: 'spike_threshold_mv' },
  // The sub-steps keep the integration stable at any dt, but a spike is an upward crossing between the start and
  // end of a step: v stays above 0 mV for about 1 ms, so a step near that length can step over a whole spike.
  maxDt: { ms: 0.1, why: 'spikes are detected once per step and last about 1 ms, so a longer step can miss them' },
  // Exponential Euler on sub-steps of at most 0.025 ms (any dt works): each gate relaxes exactly towards x∞ with
  // rate α+β, v towards the conductance-weighted reversal potential. A spike is an upward crossing of
  // spike_threshold_mv within the step. Matches Brian2's rk4 within 0.006 ms in spike time (docs/results.md).
  dynamics: {
    derived: ['n_sub = max(1, ceil(dt / 0.025 - 1e-9))', 'h_sub = dt / n_sub'],
    init: [...rates('v_init'), 'v = v_init', 'm = am / (am + bm)', 'h = ah / (ah + bh)', 'n = an / (an + bn)'],
    update: [
      'let v_start = v',
      {
        repeat: 'n_sub',
        body: [
          'let vv = v',
          ...rates('vv'),
          'let m_inf = am / (am + bm)',
          'm = m_inf + (m - m_inf) * exp(-h_sub * (am + bm))',
          'let h_inf = ah / (ah + bh)',
          'h = h_inf + (h - h_inf) * exp(-h_sub * (ah + bh))',
          'let n_inf = an / (an + bn)',
          'n = n_inf + (n - n_inf) * exp(-h_sub * (an + bn))',
          'let gna = g_na * m * m * m * h',
          'let gk = g_k * n * n * n * n',
          'let gt = gna + gk + g_l',
          'let vinf = (gna * e_na + gk * e_k + g_l * e_l + I) / gt',
          'v = vinf + (vv - vinf) * exp(-h_sub * gt / c_m)',
        ],
      },
      'v = v + delta',
      'spike = v_start <= spike_threshold_mv && v > spike_threshold_mv',
    ],
  },
};

/** The rate functions α, β of the three gates at membrane potential `v` (mV), as `let` statements. */
function rates(v: string): string[] {
  return [
    `let xm = -(${v} + 40) / 10`,
    `let xn = -(${v} + 55) / 10`,
    `let am = abs(xm) < 0.0001 ? 1 : 0.1 * (${v} + 40) / (1 - exp(xm))`,
    `let bm = 4 * exp(-(${v} + 65) / 18)`,
    `let ah = 0.07 * exp(-(${v} + 65) / 20)`,
    `let bh = 1 / (1 + exp(-(${v} + 35) / 10))`,
    `let an = abs(xn) < 0.0001 ? 0.1 : 0.01 * (${v} + 55) / (1 - exp(xn))`,
    `let bn = 0.125 * exp(-(${v} + 65) / 80)`,
  ];
}
