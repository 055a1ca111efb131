// A population's tape for the GPU trainer (../../models/dynamics/tape.ts via ../lanes.ts): its model's update
// with the population's parameters folded in, as the CPU trainer compiles it — the source of its scan kernels.
import { getModel } from '../../models';
import { NEURON_RULES } from '../../compiler/models';
import type { Tape } from '../../models/dynamics/tape';
import type { LayerPlan, TrainingPlan } from '../plan';
import { populationTape } from '../lanes';

export function layerTape(plan: TrainingPlan, layer: LayerPlan, usesI = false): Tape {
  return populationTape(NEURON_RULES[layer.model].dynamics, layer.params, plan.dtMs, getModel(layer.model)!.roles!.membrane, usesI);
}
