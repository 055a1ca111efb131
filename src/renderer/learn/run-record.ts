// The run controller's spikes (raster rows by step, ../run/controller.ts) as the RunRecord a lesson's checks read
// (src/shared/lessons/check.ts): each row back to its population and neuron. Null before a run has a layout.
import type { RunRecord } from '../../shared/lessons';
import type { RunData } from '../run/controller';

export function runRecordOf(data: RunData): RunRecord | null {
  const layout = data.layout;
  if (!layout) return null;
  const pops = layout.populations.map((p) => ({ id: p.id, first: data.rowOffset[p.id] ?? 0, size: p.size, step: [] as number[], index: [] as number[] }));
  for (let i = 0; i < data.drawn; i++) {
    const row = data.spikeRows[i];
    const p = pops.find((q) => row >= q.first && row < q.first + q.size);
    if (p) { p.step.push(data.spikeSteps[i]); p.index.push(row - p.first); }
  }
  return { steps: data.step, dtMs: layout.dtMs, spikes: Object.fromEntries(pops.map((p) => [p.id, { step: p.step, index: p.index }])) };
}

/** Whether every spike of the run was kept (the controller keeps at most 2,000,000 for drawing). */
export const runRecordComplete = (data: RunData) => data.drawn === data.spikeCount;
