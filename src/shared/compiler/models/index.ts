// Neuron update rules by model id (CPU + WGSL forms side by side, one file per model).
import type { NeuronRule } from './types';
import { lifRule } from './lif';
import { adaptiveLifRule } from './adaptive-lif';
import { leakyIntegratorRule } from './leaky-integrator';
import { izhikevichRule } from './izhikevich';
import { hodgkinHuxleyRule } from './hodgkin-huxley';

export * from './types';

export const NEURON_RULES: Record<string, NeuronRule> = {
  lif: lifRule,
  adaptive_lif: adaptiveLifRule,
  leaky_integrator: leakyIntegratorRule,
  izhikevich: izhikevichRule,
  hodgkin_huxley: hodgkinHuxleyRule,
};
