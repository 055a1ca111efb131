// The model catalogue: every neuron and input model, by id.
import type { ModelSpec } from './types';
import { lif } from './lif';
import { adaptiveLif } from './adaptive-lif';
import { hodgkinHuxley } from './hodgkin-huxley';
import { izhikevich } from './izhikevich';
import { leakyIntegrator } from './leaky-integrator';
import { poisson } from './poisson';
import { spikeGenerator } from './spike-generator';
import { current } from './current';
import { soundSource } from './sound-source';
import { dataset } from './dataset';
import { adex } from './adex';

export * from './types';
export * from './per-neuron';

export const MODELS: readonly ModelSpec[] = [
  lif, adaptiveLif, hodgkinHuxley, izhikevich, leakyIntegrator, adex,
  poisson, spikeGenerator, current, soundSource, dataset,
];

const byId = new Map(MODELS.map((m) => [m.id, m]));

export function getModel(id: string): ModelSpec | undefined {
  return byId.get(id);
}

export const NEURON_MODEL_IDS = MODELS.filter((m) => m.kind === 'neuron').map((m) => m.id);
export const INPUT_MODEL_IDS = MODELS.filter((m) => m.kind === 'input').map((m) => m.id);
