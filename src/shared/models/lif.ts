// Leaky integrate-and-fire neuron (tutorial part 1): tau dv/dt = -(v - v_rest) + R I(t).
import { RESET_TIMING, type ModelSpec } from './types';

export const lif: ModelSpec = {
  id: 'lif',
  kind: 'neuron',
  label: 'LIF population',
  description:
    'Leaky integrate-and-fire: the membrane potential v decays towards v_rest with time constant tau, ' +
    'each incoming spike adds its weight to v, and when v exceeds v_th the neuron spikes and v is reset.',
  spiking: true,
  glyph: 'M2 16 L8 12 L13 9 L17 7 L19 6 L19 2 L19 16 L25 12 L30 9 L34 7',
  defaultSize: 10,
  params: [
    { name: 'tau_ms', label: 'tau', unit: 'ms', type: 'number', default: 10, min: 0, minExclusive: true, max: 1e6, description: 'Membrane time constant: how fast v decays back to rest.' },
    { name: 'v_rest', label: 'v_rest', unit: '', type: 'number', default: 0, min: -1e6, max: 1e6, description: 'Resting potential v decays towards.' },
    { name: 'v_th', label: 'v_th', unit: '', type: 'number', default: 1, min: -1e6, max: 1e6, description: 'Threshold: the neuron spikes when v is strictly above it.' },
    { name: 'v_reset', label: 'v_reset', unit: '', type: 'number', default: 0, min: -1e6, max: 1e6, description: 'Value v is set to right after a spike.' },
    { name: 'r', label: 'R', unit: '', type: 'number', default: 1, min: -1e6, max: 1e6, description: 'Membrane resistance: scales injected current (R·I).' },
    { name: 'refractory_ms', label: 'refractory', unit: 'ms', type: 'number', default: 0, min: 0, max: 1e6, description: 'After a spike, v is held at v_reset for this long.' },
    { name: 'v_init', label: 'v at t=0', unit: '', type: 'number', default: 0, min: -1e6, max: 1e6, description: 'Membrane potential at the start of a run.' },
    RESET_TIMING,
  ],
  state: [
    { name: 'v', unit: '', description: 'Membrane potential.' },
  ],
  roles: { membrane: 'v', rest: 'v_rest', threshold: 'v_th', tau: 'tau_ms' },
  // Exact exponential decay for I held over the step: v ← v∞ + (v − v∞)·exp(−dt/τ), v∞ = v_rest + R·I, then the
  // delta input; threshold strictly v > v_th; reset and refractoriness (v held at v_reset, input discarded).
  // reset_timing 1 ('tutorial', docs/engine.md "Reset timing"): spike from the previous v, reset a step later.
  // The same update in Brian2 (docs/formats.md, "Brian2"): 'exact' integrates v with I held, as we do; the
  // exporter refuses reset_timing 'tutorial' (Brian2 resets in the crossing step).
  brian2: {
    equations: 'dv/dt = (v_rest - v + r * I) / (tau_ms * ms) : 1 (unless refractory)',
    method: 'exact',
    threshold: 'v > v_th',
    reset: 'v = v_reset',
    refractory: 'refractory_ms',
    init: ['v = v_init'],
  },
  dynamics: {
    internal: ['refrac', 'spk_prev'],
    derived: ['decay = exp(-dt / tau_ms)', 'ref_steps = floor(refractory_ms / dt + 0.5)'],
    init: ['v = v_init', 'refrac = 0', 'spk_prev = 0'],
    update: [
      'let held = refrac > 0',
      'let tutorial = reset_timing == 1',
      'let vinf = v_rest + r * I',
      'let v_int = (vinf + (v - vinf) * decay) + delta',
      // The spike as a number (H: the trainer's surrogate stands in for its derivative); `reset` is the spike
      // that resets v in this step: this one (immediate) or the previous step's (tutorial).
      'let s_new = held ? 0 : H((tutorial ? v : v_int) - v_th)',
      'let reset = held ? 0 : tutorial ? spk_prev : s_new',
      'spike = s_new > 0',
      'v = held ? v_reset : v_int * (1 - reset) + v_reset * reset',
      'refrac = held ? refrac - 1 : reset > 0 ? ref_steps : refrac',
      'spk_prev = s_new',
    ],
  },
};
