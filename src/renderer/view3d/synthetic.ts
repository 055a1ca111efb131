// Synthetic activity for tests, the benchmark and a standalone look at the view: takes a document and gives
// RunChunks of seeded Poisson spikes (and membrane traces that charge between spikes). Never used for a real run.
import type { NetworkDocument } from '../../shared/graph/schema';
import type { RunChunk, SpikeChunk, TraceChunk } from '../../shared/engine/types';
import { uniform01 } from '../../shared/rng/counter-rng';

export interface SyntheticOptions {
  seed?: number;
  steps: number;
  chunkSteps?: number;
  /** Mean rate of every neuron (Hz). */
  rateHz?: number;
  /** Record a charging `v` trace for populations with a `v` state (at most this many neurons each). */
  traceNeurons?: number;
}

const SYNTH_STREAM = 0x5e17;

export function syntheticChunks(doc: NetworkDocument, o: SyntheticOptions): RunChunk[] {
  const dt = doc.simulation.dt_ms;
  const seed = o.seed ?? 7;
  const p = ((o.rateHz ?? 20) * dt) / 1000;
  const chunkSteps = o.chunkSteps ?? 1000;
  const last = new Map<string, Float64Array>(doc.nodes.map((n) => [n.id, new Float64Array(n.size).fill(-1e9)]));
  const out: RunChunk[] = [];
  for (let start = 0; start < o.steps; start += chunkSteps) {
    const end = Math.min(o.steps, start + chunkSteps);
    const spikes: Record<string, SpikeChunk> = {};
    const traces: Record<string, TraceChunk> = {};
    doc.nodes.forEach((n, pi) => {
      const step: number[] = [];
      const index: number[] = [];
      const nTrace = n.kind === 'population' ? Math.min(n.size, o.traceNeurons ?? 0) : 0;
      const values = new Float32Array(nTrace * (end - start));
      const lastSpike = last.get(n.id)!;
      for (let s = start; s < end; s++) {
        for (let i = 0; i < n.size; i++) {
          if (uniform01(seed, SYNTH_STREAM + pi, i, s) < p) { step.push(s); index.push(i); lastSpike[i] = s; }
          if (i < nTrace) values[i * (end - start) + (s - start)] = 1 - Math.exp(-((s - lastSpike[i]) * dt) / 10);
        }
      }
      spikes[n.id] = { step: Uint32Array.from(step), index: Uint32Array.from(index) };
      if (nTrace > 0) {
        traces[`${n.id}_v`] = { population: n.id, variable: 'v', indices: Uint32Array.from({ length: nTrace }, (_, i) => i), values };
      }
    });
    out.push({ stepStart: start, stepEnd: end, spikes, traces });
  }
  return out;
}
