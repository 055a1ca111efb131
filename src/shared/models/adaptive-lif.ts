// Adaptive-threshold LIF ("2D LIF", tutorial part 1): LIF plus a threshold that jumps by delta_th at each
// spike and relaxes back to v_th0 with tau_t.
import { RESET_TIMING, type ModelSpec } from './types';

export const adaptiveLif: ModelSpec = {
  id: 'adaptive_lif',
  kind: 'neuron',
  label: 'Adaptive LIF population',
  description:
    'LIF with an adaptive threshold: each spike raises the threshold by delta_th, which then decays back to ' +
    'v_th0 with time constant tau_t. Two identical inputs can fire the neuron on the first but not the second.',
  spiking: true,
  glyph: 'M2 16 L7 11 L10 7 L10 2 L10 16 L17 11 L22 8 L25 6 L25 2 L25 16 L34 11',
  defaultSize: 10,
  params: [
    { name: 'tau_ms', label: 'tau', unit: 'ms', type: 'number', default: 50, min: 0, minExclusive: true, max: 1e6, description: 'Membrane time constant.' },
    { name: 'tau_t_ms', label: 'tau_t', unit: 'ms', type: 'number', default: 100, min: 0, minExclusive: true, max: 1e6, description: 'Time constant of the threshold returning to v_th0.' },
    { name: 'v_rest', label: 'v_rest', unit: '', type: 'number', default: 0, min: -1e6, max: 1e6, description: 'Resting potential.' },
    { name: 'v_th0', label: 'v_th0', unit: '', type: 'number', default: 1, min: -1e6, max: 1e6, description: 'Baseline threshold.' },
    { name: 'delta_th', label: 'delta_th', unit: '', type: 'number', default: 0.5, min: 0, max: 1e6, description: 'Threshold increase at each spike.' },
    { name: 'v_reset', label: 'v_reset', unit: '', type: 'number', default: 0, min: -1e6, max: 1e6, description: 'Value v is set to after a spike.' },
    { name: 'r', label: 'R', unit: '', type: 'number', default: 1, min: -1e6, max: 1e6, description: 'Membrane resistance: scales injected current.' },
    { name: 'refractory_ms', label: 'refractory', unit: 'ms', type: 'number', default: 0, min: 0, max: 1e6, description: 'After a spike, v is held at v_reset for this long.' },
    { name: 'v_init', label: 'v at t=0', unit: '', type: 'number', default: 0, min: -1e6, max: 1e6, description: 'Membrane potential at the start of a run.' },
    RESET_TIMING,
  ],
  state: [
    { name: 'v', unit: '', description: 'Membrane potential.' },
    { name: 'v_th', unit: '', description: 'Current (adapted) threshold.' },
  ],
  roles: { membrane: 'v', rest: 'v_rest', threshold: 'v_th0', tau: 'tau_ms' },
  // LIF (./lif.ts) plus tau_t dv_th/dt = −(v_th − v_th0), exact exponential; a spike raises v_th by delta_th.
  // Under reset_timing 'tutorial' the previous v is compared with the previous threshold, and the threshold
  // rises in the step the spike is emitted (the trainer's b_{t+1} = v_th0 + ρ(b_t − v_th0) + δ·s_{t+1}).
  // Brian2 (docs/formats.md, "Brian2"): v and the threshold both decay exactly; the crossing compares the
  // integrated v with the decayed threshold, as our update does.
  brian2: {
    equations: 'dv/dt = (v_rest - v + r * I) / (tau_ms * ms) : 1 (unless refractory)\ndv_th/dt = (v_th0 - v_th) / (tau_t_ms * ms) : 1',
    method: 'exact',
    threshold: 'v > v_th',
    reset: 'v = v_reset; v_th += delta_th',
    refractory: 'refractory_ms',
    init: ['v = v_init', 'v_th = v_th0'],
  },
  dynamics: {
    internal: ['refrac', 'spk_prev'],
    derived: ['decay = exp(-dt / tau_ms)', 'decay_t = exp(-dt / tau_t_ms)', 'ref_steps = floor(refractory_ms / dt + 0.5)'],
    init: ['v = v_init', 'v_th = v_th0', 'refrac = 0', 'spk_prev = 0'],
    update: [
      'let held = refrac > 0',
      'let tutorial = reset_timing == 1',
      'let th_dec = v_th0 + (v_th - v_th0) * decay_t',
      'let vinf = v_rest + r * I',
      'let v_int = (vinf + (v - vinf) * decay) + delta',
      // As in ./lif.ts; the threshold rises by delta_th with the emitted spike.
      'let s_new = held ? 0 : H(tutorial ? v - v_th : v_int - th_dec)',
      'let reset = held ? 0 : tutorial ? spk_prev : s_new',
      'spike = s_new > 0',
      'v_th = th_dec + delta_th * s_new',
      'v = held ? v_reset : v_int * (1 - reset) + v_reset * reset',
      'refrac = held ? refrac - 1 : reset > 0 ? ref_steps : refrac',
      'spk_prev = s_new',
    ],
  },
};
