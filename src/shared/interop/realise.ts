// The spikes an input population emits in a run, drawn exactly as the engines draw them (docs/engine.md,
// "Inputs": neuron i spikes at step n when uniform01(seed, STREAM.poisson + population index, i, n) < p(i, n),
// p tabulated in f32 by fillInputTable). The script exporters write these realised trains for inputs that are
// computed per step on our host (sound source, sine Poisson, dataset, spike lists), so the exported script
// plays the very spikes our engine plays for the same seed.
import { fillInputTable } from '../compiler/inputs';
import type { NetworkIR, PopulationIR } from '../compiler/ir';
import { STREAM, uniform01 } from '../rng';

/** Steps of a run of the network: what `snn run` runs (docs/cli.md). */
export const runSteps = (ir: NetworkIR) => Math.max(1, Math.round(ir.durationMs / ir.dtMs));

/** Every spike of a table-driven input population over the run, sorted by step then neuron. */
export function realisedInputSpikes(ir: NetworkIR, pop: PopulationIR): { step: Uint32Array; index: Uint32Array } {
  if (pop.input.kind !== 'table') throw new Error(`realisedInputSpikes: "${pop.id}" is not a table input`);
  const steps = runSteps(ir), chunk = 1000, size = pop.size, stream = STREAM.poisson + pop.index;
  const table = new Float32Array(chunk * size);
  const step: number[] = [], index: number[] = [];
  for (let start = 0; start < steps; start += chunk) {
    const k = Math.min(chunk, steps - start);
    fillInputTable(ir, pop, start, k, table);
    for (let s = 0; s < k; s++) {
      for (let i = 0; i < size; i++) {
        if (uniform01(ir.seed, stream, i, start + s) < table[s * size + i]) { step.push(start + s); index.push(i); }
      }
    }
  }
  return { step: Uint32Array.from(step), index: Uint32Array.from(index) };
}
