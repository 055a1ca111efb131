// What the GPU training backend runs: any plan the trainer takes (./../plan.ts: a DAG of (adaptive) LIF layers
// and a readout from one dataset input, several projections into a population, skips, fixed projections,
// recurrent projections with or without self-connections, delta and exponential synapses, any parameters of
// the trainable models, trained time constants) — the time scans are generated from each population's dynamics
// (./wgsl/scan.ts; docs/training.md) — except exponential synapses into a population that also has a recurrent
// projection. Those train on the CPU backend.
import type { TrainingPlan } from '../plan';

/** Why the GPU backend cannot train this plan (a sentence naming the population or projection), or null. */
export function gpuCannotTrain(plan: TrainingPlan): string | null {
  for (const l of plan.layers) {
    if (!l.recurrent) continue;
    if (l.recurrent.synapse.kind !== 'delta') return `recurrent "${l.recurrent.projection}" has exponential synapses: the GPU trainer's recurrent projections are delta synapses`;
    const exp = l.inputs.find((w) => w.synapse.kind !== 'delta');
    if (exp) return `"${exp.projection}" has exponential synapses into "${l.id}", which also has a recurrent projection: the GPU trainer does not combine the two`;
  }
  return null;
}
