// Rows of the raster back to (population, neuron): the first row of each population is subtracted.
import { describe, expect, it } from 'vitest';
import type { RunData } from '../run/controller';
import { runRecordComplete, runRecordOf } from './run-record';

describe('runRecordOf', () => {
  it('maps raster rows to each population\'s neurons, with the steps run and dt', () => {
    const data = {
      layout: { backend: 'cpu', adapter: 'cpu', dtMs: 0.1, totalSteps: 100, populations: [{ id: 'a', size: 2 }, { id: 'b', size: 3 }], traces: [] },
      step: 80, spikeCount: 4, drawn: 4, rowOffset: { a: 0, b: 2 }, totalRows: 5,
      spikeSteps: Uint32Array.from([5, 6, 7, 9, 0]), spikeRows: Uint32Array.from([1, 2, 4, 0, 3]),
    } as unknown as RunData;
    expect(runRecordOf(data)).toEqual({ steps: 80, dtMs: 0.1, spikes: { a: { step: [5, 9], index: [1, 0] }, b: { step: [6, 7], index: [0, 2] } } });
    expect(runRecordComplete(data)).toBe(true);
    expect(runRecordOf({ ...data, layout: null })).toBeNull();
  });
});
