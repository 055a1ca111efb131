// What the GPU training backend runs: any plan the trainer takes (./../plan.ts: a DAG of (adaptive) LIF layers
// and a readout from one dataset input, several projections into a population, skips, fixed projections,
// recurrent projections with or without self-connections, delta and exponential synapses, any parameters of
// the trainable models, trained time constants) — the time scans are generated from each population's dynamics
// (./wgsl/scan.ts; docs/training.md) — except a recurrent projection with exponential synapses (its arrivals
// would enter the scan's channels two steps later). That trains on the CPU backend.
import type { TrainingPlan } from '../plan';

/** Why the GPU backend cannot train this plan (a sentence naming the population or projection), or null. */
export function gpuCannotTrain(plan: TrainingPlan): string | null {
  for (const l of plan.layers) {
    if (!l.recurrent) continue;
    if (l.recurrent.synapse.kind !== 'delta') return `recurrent "${l.recurrent.projection}" has exponential synapses: the GPU trainer's recurrent projections are delta synapses`;
  }
  return null;
}
