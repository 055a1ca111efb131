// What the GPU training backend runs: a chain input → (adaptive) LIF layers → readout, each layer fed by the
// previous one through one delta projection (plus an optional recurrent one with self-connections). Any
// parameters of the trainable models (either reset timing, rest, reset, v(0), R, refractoriness): the time
// scans are generated from each population's dynamics (./wgsl/scan.ts; docs/training.md). Everything else
// trains on the CPU backend.
import type { TrainingPlan } from '../plan';

/** Why the GPU backend cannot train this plan (a sentence naming the population or projection), or null. */
export function gpuCannotTrain(plan: TrainingPlan): string | null {
  if (plan.trainTau) return 'training.trainable_tau is on: the GPU trainer trains weights only';
  let prev = plan.inputNode;
  for (const l of plan.layers) {
    const from = l.inputs.map((w) => w.projection).join(', ');
    if (l.inputs.length !== 1 || l.inputs[0].source !== prev) return `"${l.id}" is not fed by exactly one projection from "${prev}" (it has ${from || 'none'}): the GPU trainer runs layer chains only`;
    for (const w of [...l.inputs, ...(l.recurrent ? [l.recurrent] : [])]) {
      if (w.synapse.kind !== 'delta') return `"${w.projection}" has exponential synapses: the GPU trainer supports delta synapses only`;
      if (!w.self) return `recurrent "${w.projection}" excludes self-connections: the GPU trainer needs allow_self true`;
    }
    prev = l.id;
  }
  return null;
}
