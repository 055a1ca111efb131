// Dataset input: samples of a task generated from the seeded counter-based RNG (src/shared/tasks), used for
// training; in a plain run it plays one sample: a Poisson draw for the IPD ipd_deg, or (sample ≥ 0) sample k of
// the training or test set exactly as the trainer sees it (docs/training.md, "Running what you trained").
import type { ModelSpec } from './types';

export const dataset: ModelSpec = {
  id: 'dataset',
  kind: 'input',
  label: 'Dataset input',
  description:
    'Spike trains from a task\'s data set. "sound_localisation" is tutorial part 2: 100 neurons per ear, each ' +
    'a Poisson train following a tone with a random interaural phase difference to classify.',
  spiking: true,
  /** data.file: a spike data file trained on instead of the task (docs/training.md, "Your own data"). */
  dataFields: ['file'],
  glyph: 'M3 4 H33 M3 8 H33 M3 12 H33 M3 16 H33 M12 2 V18 M24 2 V18',
  defaultSize: 200,
  params: [
    { name: 'task', label: 'task', unit: '', type: 'enum', default: 'sound_localisation', options: ['sound_localisation'], description: 'Which task generates the samples.' },
    { name: 'rate_max_hz', label: 'max rate', unit: 'Hz', type: 'number', default: 600, min: 0, max: 1e5, description: 'Peak firing rate.' },
    { name: 'freq_hz', label: 'frequency', unit: 'Hz', type: 'number', default: 20, min: 0, minExclusive: true, max: 1e5, description: 'Tone frequency.' },
    { name: 'envelope_power', label: 'envelope power k', unit: '', type: 'number', default: 2, min: 0, max: 100, description: 'Sharpens the rate envelope.' },
    { name: 'phase', label: 'phase offset', unit: '', type: 'enum', default: 'per-sample', options: ['per-sample', 'per-dataset'], description: 'Random phase φ0 drawn per sample (default) or once per data set (the tutorial\'s behaviour).' },
    { name: 'ipd_deg', label: 'IPD (run mode)', unit: '°', type: 'number', default: 0, min: -90, max: 90, description: 'In a plain run (not training), when sample is -1: the IPD of the one sample played (drawn afresh by the run\'s Poisson generator).' },
    { name: 'sample', label: 'sample (run mode)', unit: '', type: 'integer', default: -1, min: -1, max: 1e9, description: 'In a plain run: play sample k of the data set with exactly the trainer\'s spikes; -1 plays the IPD ipd_deg instead.' },
    { name: 'split', label: 'split (run mode)', unit: '', type: 'enum', default: 'test', options: ['test', 'train'], description: 'The data set sample k comes from: the test set (default) or the training set.' },
    { name: 'data_seed', label: 'data seed (run mode)', unit: '', type: 'integer', default: -1, min: -1, max: 4294967295, description: 'Seed of the data set sample k comes from; -1 uses the run\'s seed. Set it to training.seed when the training block has its own.' },
  ],
  state: [],
};
