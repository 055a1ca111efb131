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
};
