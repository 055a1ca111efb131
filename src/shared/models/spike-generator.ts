// Spike generator: explicit (index, time) lists in the node's data.spikes.
import type { ModelSpec } from './types';

export const spikeGenerator: ModelSpec = {
  id: 'spike_generator',
  kind: 'input',
  label: 'Spike generator',
  description: 'Emits spikes at exactly the times you list, neuron by neuron (data.spikes: index and time_ms).',
  spiking: true,
  glyph: 'M6 4 V16 M16 4 V16 M26 4 V16 M2 16 H34',
  defaultSize: 1,
  dataFields: ['spikes'],
  params: [],
  state: [],
};
