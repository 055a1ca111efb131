// Two-ear sound source (tutorial part 1): half the neurons are ear 0, half ear 1, each a Poisson train whose
// rate follows a sine; ear 1 hears it shifted by the interaural phase difference ipd.
import type { ModelSpec } from './types';

export const soundSource: ModelSpec = {
  id: 'sound_source',
  kind: 'input',
  label: 'Sound source (two ears)',
  description:
    'A tone heard by two ears. Each ear\'s neurons fire as Poisson trains with rate ' +
    'rate_max·(0.5(1 + sin(2π f t + i·ipd)))^k; the interaural phase difference (ipd) is what the network must ' +
    'detect. Neurons [0, size/2) are ear 0, [size/2, size) ear 1; within an ear neuron j adds phase ' +
    'j·phase_spread_rad/(n_ear−1).',
  spiking: true,
  glyph: 'M2 10 C 6 2, 10 2, 14 10 S 22 18, 26 10 S 32 4, 34 6',
  defaultSize: 2,
  params: [
    { name: 'ipd_deg', label: 'IPD', unit: '°', type: 'number', default: 0, min: -360, max: 360, description: 'Interaural phase difference: ear 1 lags ear 0 by this phase.' },
    { name: 'rate_max_hz', label: 'max rate', unit: 'Hz', type: 'number', default: 400, min: 0, max: 1e5, description: 'Peak firing rate of the ear neurons.' },
    { name: 'freq_hz', label: 'frequency', unit: 'Hz', type: 'number', default: 50, min: 0, minExclusive: true, max: 1e5, description: 'Frequency of the tone.' },
    { name: 'envelope_power', label: 'envelope power k', unit: '', type: 'number', default: 1, min: 0, max: 100, description: 'Sharpens the rate envelope: (0.5(1+sin θ))^k.' },
    { name: 'phase_spread_rad', label: 'phase spread', unit: 'rad', type: 'number', default: 0, min: -100, max: 100, description: 'Phase range across the neurons of one ear (π/2 in tutorial part 2).' },
    { name: 'onset_delay', label: 'onset delay', unit: '', type: 'boolean', default: true, description: 'Before the tone reaches the lagging ear (t < itd) it fires at rate_max·0.5, as in the tutorial.' },
  ],
  state: [],
};
