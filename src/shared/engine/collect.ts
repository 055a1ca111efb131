// Collects a run's chunks into whole spike trains and traces: for tests, the CLI and simple callers.
import type { Engine, RunSummary } from './types';

export interface Collected {
  summary: RunSummary;
  /** By population: spike steps and indices, sorted by step then index. */
  spikes: Record<string, { step: number[]; index: number[] }>;
  /** By monitor id: one array of values per recorded neuron. */
  traces: Record<string, number[][]>;
}

export async function runAndCollect(engine: Engine, steps: number, chunkSteps?: number): Promise<Collected> {
  const spikes: Collected['spikes'] = {}, traces: Collected['traces'] = {};
  const summary = await engine.run({
    steps, chunkSteps,
    onChunk: (c) => {
      for (const [id, s] of Object.entries(c.spikes)) {
        const o = (spikes[id] ??= { step: [], index: [] });
        for (let i = 0; i < s.index.length; i++) { o.step.push(s.step[i]); o.index.push(s.index[i]); }
      }
      const k = c.stepEnd - c.stepStart;
      for (const [id, t] of Object.entries(c.traces)) {
        const o = (traces[id] ??= Array.from(t.indices, () => []));
        for (let r = 0; r < t.indices.length; r++) for (let s = 0; s < k; s++) o[r].push(t.values[r * k + s]);
      }
    },
  });
  return { summary, spikes, traces };
}
