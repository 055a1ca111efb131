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
  /** Record a charging `v` trace (0 at a spike, towards 1) for this many neurons of each population. */
  traceNeurons?: number;
}

const SYNTH_STREAM = 0x5e17;

/**
 * Bernoulli(p) spikes over the (step, neuron) grid, drawn by geometric gaps so the cost is per spike, not per
 * neuron and step: 100,000 neurons stay cheap. Deterministic in (seed, population, draw).
 */
export function syntheticChunks(doc: NetworkDocument, o: SyntheticOptions): RunChunk[] {
  const dt = doc.simulation.dt_ms;
  const seed = o.seed ?? 7;
  const p = Math.min(1, ((o.rateHz ?? 20) * dt) / 1000);
  const chunkSteps = o.chunkSteps ?? 1000;
  const out: RunChunk[] = [];
  for (let start = 0; start < o.steps; start += chunkSteps) {
    out.push({ stepStart: start, stepEnd: Math.min(o.steps, start + chunkSteps), spikes: {}, traces: {} });
  }
  doc.nodes.forEach((n, pi) => {
    const cells = n.size * o.steps;
    const logq = Math.log(1 - p);
    let draw = 0;
    let pos = -1;
    const step: number[] = [];
    const index: number[] = [];
    for (;;) {
      const u = 1 - uniform01(seed, SYNTH_STREAM + pi, 0, draw++);
      pos += p >= 1 ? 1 : 1 + Math.floor(Math.log(u) / logq);
      if (p <= 0 || pos >= cells) break;
      step.push(Math.floor(pos / n.size));
      index.push(pos % n.size);
    }
    const nTrace = n.kind === 'population' ? Math.min(n.size, o.traceNeurons ?? 0) : 0;
    const last = new Float64Array(nTrace).fill(-1e9);
    let k = 0;
    for (const c of out) {
      const from = k;
      while (k < step.length && step[k] < c.stepEnd) k++;
      const spikes: SpikeChunk = { step: Uint32Array.from(step.slice(from, k)), index: Uint32Array.from(index.slice(from, k)) };
      c.spikes[n.id] = spikes;
      if (nTrace === 0) continue;
      const len = c.stepEnd - c.stepStart;
      const values = new Float32Array(nTrace * len);
      let q = from;
      for (let s = c.stepStart; s < c.stepEnd; s++) {
        for (; q < k && step[q] === s; q++) if (index[q] < nTrace) last[index[q]] = s;
        for (let i = 0; i < nTrace; i++) values[i * len + (s - c.stepStart)] = 1 - Math.exp(-((s - last[i]) * dt) / 10);
      }
      const trace: TraceChunk = { population: n.id, variable: 'v', indices: Uint32Array.from({ length: nTrace }, (_, i) => i), values };
      c.traces[`${n.id}_v`] = trace;
    }
  });
  return out;
}
