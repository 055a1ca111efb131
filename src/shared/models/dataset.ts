// Dataset input: samples of a task generated from the seeded counter-based RNG (src/shared/tasks), used for
// training; in a plain run it plays one sample.
import type { ModelSpec } from './types';

export const dataset: ModelSpec = {
  id: 'dataset',
  kind: 'input',
  label: 'Dataset input',
  description:
    'Spike trains from a task\'s data set. "sound_localisation" is tutorial part 2: 100 neurons per ear, each ' +
    'a Poisson train following a tone with a random interaural phase difference to classify.',
  spiking: true,
  defaultSize: 200,
  params: [
    { name: 'task', label: 'task', unit: '', type: 'enum', default: 'sound_localisation', options: ['sound_localisation'], description: 'Which task generates the samples.' },
    { name: 'rate_max_hz', label: 'max rate', unit: 'Hz', type: 'number', default: 600, min: 0, max: 1e5, description: 'Peak firing rate.' },
    { name: 'freq_hz', label: 'frequency', unit: 'Hz', type: 'number', default: 20, min: 0, minExclusive: true, max: 1e5, description: 'Tone frequency.' },
    { name: 'envelope_power', label: 'envelope power k', unit: '', type: 'number', default: 2, min: 0, max: 100, description: 'Sharpens the rate envelope.' },
    { name: 'phase', label: 'phase offset', unit: '', type: 'enum', default: 'per-sample', options: ['per-sample', 'per-dataset'], description: 'Random phase φ0 drawn per sample (default) or once per data set (the tutorial\'s behaviour).' },
    { name: 'ipd_deg', label: 'IPD (run mode)', unit: '°', type: 'number', default: 0, min: -90, max: 90, description: 'In a plain run (not training): the IPD of the one sample played.' },
  ],
  state: [],
};
