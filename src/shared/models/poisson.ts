// Poisson group: neuron i spikes in a step with probability rate_i(t)·dt (counter-based RNG, so CPU and GPU
// draw the same spikes for a seed).
import type { ModelSpec } from './types';

export const poisson: ModelSpec = {
  id: 'poisson',
  kind: 'input',
  label: 'Poisson input',
  description:
    'Independent Poisson spike trains. The rate can be constant, a sine wave (with a phase shift per neuron), ' +
    'a step in time, or one rate per neuron from data.',
  spiking: true,
  glyph: 'M4 4 V16 M9 4 V16 M11 4 V16 M19 4 V16 M27 4 V16 M30 4 V16',
  defaultSize: 10,
  dataFields: ['rates_hz'],
  params: [
    { name: 'shape', label: 'rate shape', unit: '', type: 'enum', default: 'constant', options: ['constant', 'sine', 'step', 'data'], description: 'How the rate varies in time: constant, sine, a step, or per-neuron rates from data.rates_hz.' },
    { name: 'rate_hz', label: 'rate', unit: 'Hz', type: 'number', default: 10, min: 0, max: 1e5, description: 'Mean rate (sine), on-rate (step) or the constant rate.' },
    { name: 'depth', label: 'modulation depth', unit: '', type: 'number', default: 1, min: 0, max: 1, description: 'Sine only: rate = rate_hz·(1 + depth·sin(2π f t + phase + i·phase_step)).' },
    { name: 'freq_hz', label: 'frequency', unit: 'Hz', type: 'number', default: 10, min: 0, max: 1e5, description: 'Sine only: modulation frequency.' },
    { name: 'phase_rad', label: 'phase', unit: 'rad', type: 'number', default: 0, min: -1e3, max: 1e3, description: 'Sine only: phase of neuron 0.' },
    { name: 'phase_step_rad', label: 'phase per neuron', unit: 'rad', type: 'number', default: 0, min: -1e3, max: 1e3, description: 'Sine only: phase added for each next neuron index.' },
    { name: 'start_ms', label: 'start', unit: 'ms', type: 'number', default: 0, min: 0, max: 1e9, description: 'Step only: when the rate switches on.' },
    { name: 'stop_ms', label: 'stop', unit: 'ms', type: 'number', default: 1e9, min: 0, max: 1e9, description: 'Step only: when the rate switches off.' },
  ],
  state: [],
};
