// Non-spiking leaky integrator: the readout of the surrogate-gradient networks (tutorial part 2).
import type { ModelSpec } from './types';

export const leakyIntegrator: ModelSpec = {
  id: 'leaky_integrator',
  kind: 'neuron',
  label: 'Leaky integrator readout',
  description:
    'A membrane that integrates its input and decays with time constant tau but never spikes: used as the ' +
    'readout layer of trained networks, whose membrane potential over time encodes the answer.',
  spiking: false,
  glyph: 'M2 16 C 8 16, 10 6, 16 6 S 26 12, 34 8',
  defaultSize: 12,
  params: [
    { name: 'tau_ms', label: 'tau', unit: 'ms', type: 'number', default: 20, min: 0, minExclusive: true, max: 1e6, description: 'Membrane time constant.' },
    { name: 'v_rest', label: 'v_rest', unit: '', type: 'number', default: 0, min: -1e6, max: 1e6, description: 'Resting potential.' },
    { name: 'r', label: 'R', unit: '', type: 'number', default: 1, min: -1e6, max: 1e6, description: 'Scales injected current.' },
    { name: 'v_init', label: 'v at t=0', unit: '', type: 'number', default: 0, min: -1e6, max: 1e6, description: 'Membrane potential at the start.' },
  ],
  state: [
    { name: 'v', unit: '', description: 'Membrane potential.' },
  ],
  roles: { membrane: 'v', rest: 'v_rest', tau: 'tau_ms' },
  // The LIF membrane without a threshold (never spikes): exact exponential decay towards v_rest + R·I.
  brian2: {
    equations: 'dv/dt = (v_rest - v + r * I) / (tau_ms * ms) : 1',
    method: 'exact',
    init: ['v = v_init'],
  },
  dynamics: {
    derived: ['decay = exp(-dt / tau_ms)'],
    init: ['v = v_init'],
    update: [
      'let vinf = v_rest + r * I',
      'v = (vinf + (v - vinf) * decay) + delta',
    ],
  },
};
