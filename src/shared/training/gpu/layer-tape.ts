// A population's tape for the GPU trainer (../../models/dynamics/tape.ts via ../lanes.ts): its model's update
// with the population's parameters folded in, as the CPU trainer compiles it — the source of its scan kernels.
// With trained time constants (plan.trainTau) the model's `roles.tau` parameter and what is derived from it
// stay per-neuron values (tape.laneIn).
import { getModel } from '../../models';
import { NEURON_RULES } from '../../compiler/models';
import type { Tape } from '../../models/dynamics/tape';
import type { LayerPlan, TrainingPlan } from '../plan';
import { populationTape } from '../lanes';

export function layerTape(plan: TrainingPlan, layer: LayerPlan, usesI = false): Tape {
  const roles = getModel(layer.model)!.roles!;
  return populationTape(NEURON_RULES[layer.model].dynamics, layer.params, plan.dtMs, roles.membrane, usesI, plan.trainTau ? roles.tau : undefined);
}
