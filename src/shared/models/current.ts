// Current source: a time-varying current I(t), the same for each of its `size` channels, injected through a
// projection with synapse kind "current" (R·I enters the target's membrane equation).
import type { ModelSpec } from './types';

export const current: ModelSpec = {
  id: 'current',
  kind: 'input',
  label: 'Current input',
  description:
    'Injects a current into the neurons it is connected to: constant, a step between start and stop, a ramp, ' +
    'or a sine. Connect it with a "current" synapse.',
  spiking: false,
  glyph: 'M2 15 H10 V5 H26 V15 H34',
  defaultSize: 1,
  params: [
    { name: 'shape', label: 'shape', unit: '', type: 'enum', default: 'step', options: ['constant', 'step', 'ramp', 'sine'], description: 'Waveform of the current.' },
    { name: 'amplitude', label: 'amplitude', unit: 'µA/cm² or a.u.', type: 'number', default: 1, min: -1e6, max: 1e6, description: 'Height of the step, slope end of the ramp, or sine amplitude.' },
    { name: 'offset', label: 'offset', unit: 'µA/cm² or a.u.', type: 'number', default: 0, min: -1e6, max: 1e6, description: 'Added to the waveform at all times.' },
    { name: 'start_ms', label: 'start', unit: 'ms', type: 'number', default: 10, min: 0, max: 1e9, description: 'Step/ramp/sine start.' },
    { name: 'stop_ms', label: 'stop', unit: 'ms', type: 'number', default: 1e9, min: 0, max: 1e9, description: 'Step/ramp/sine end (the ramp reaches amplitude here).' },
    { name: 'freq_hz', label: 'frequency', unit: 'Hz', type: 'number', default: 10, min: 0, max: 1e5, description: 'Sine only.' },
  ],
  state: [],
};
