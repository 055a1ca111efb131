// What the GPU training backend runs: the tutorial's networks only — a chain input → (adaptive) LIF layers →
// readout, each layer fed by the previous one through one delta projection (plus an optional recurrent one
// with self-connections), hidden (adaptive) LIF with reset_timing 'tutorial', any v_rest / v_reset / v(0) / R
// (delta synapses: R multiplies no current), no refractoriness, and a readout with rest and v(0) at 0, R 1 (its
// kernels in ./wgsl are hand-written for that update; docs/training.md). Everything else trains on the CPU backend,
// whose forward and backward are derived from the models' dynamics.
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
    const fixed: Record<string, number> = l.kind === 'lif' ? { reset_timing: 1, refractory_ms: 0 } : { v_rest: 0, r: 1, v_init: 0 };
    for (const [k, v] of Object.entries(fixed)) {
      if (l.params[k] !== v) return k === 'reset_timing' ? `"${l.id}" has reset_timing "immediate": the GPU trainer runs the tutorial's reset timing only` : `"${l.id}" sets ${k} = ${l.params[k]}: the GPU trainer's model has ${k} = ${v}`;
    }
    prev = l.id;
  }
  return null;
}
