// The results' recordings as NIR data (./nir-data.ts): the run controller, fed by a stand-in worker, holds the
// raster's spikes and the shown trace samples; runRecordings turns them into the recordings `snn run --nir-data`
// writes (spike times in ms per population, one trace per monitor with its neurons, the sample spacing), and says
// when the raster kept only the first spikes. The file layout itself is checked with h5py in src/cli/nir-data.test.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunController, MAX_TRACE_SAMPLES } from './controller';
import { emptyDocument } from '../editor/ops';
import type { FromWorker, ToWorker } from './protocol';
import { recordingsToNirData } from '../../shared/interop/nir';
import { runRecordings } from './nir-data';

class FakeWorker {
  static last: FakeWorker | null = null;
  onmessage: ((e: { data: FromWorker }) => void) | null = null;
  onerror: ((e: { message: string }) => void) | null = null;
  constructor() { FakeWorker.last = this; }
  postMessage(_m: ToWorker) { /* the controller's requests are not needed here */ }
  terminate() { /* nothing runs */ }
  reply(m: FromWorker) { this.onmessage?.({ data: m }); }
}

describe('runRecordings', () => {
  const saved = globalThis.Worker;
  beforeEach(() => { (globalThis as unknown as { Worker: unknown }).Worker = FakeWorker; });
  afterEach(() => { (globalThis as unknown as { Worker: unknown }).Worker = saved; });

  it('spikes per population in run order, one trace per monitor with its neurons, samples traceStride steps apart', () => {
    const c = new RunController();
    c.start({ ...emptyDocument(), simulation: { dt_ms: 0.5, duration_ms: 2, seed: 3 } }, 'cpu', null);
    const w = FakeWorker.last!;
    // Twice the trace budget: every second step is kept (stride 2), so the NIR dt is 2 · 0.5 ms.
    w.reply({ type: 'ready', synapses: {}, layout: {
      backend: 'cpu', adapter: 'CPU', dtMs: 0.5, totalSteps: 2 * MAX_TRACE_SAMPLES,
      populations: [{ id: 'inp', size: 2 }, { id: 'pop', size: 3 }],
      traces: [{ id: 'pop_v', population: 'pop', variable: 'v', indices: [0, 2] }, { id: 'pop_v1', population: 'pop', variable: 'v', indices: [1] }],
    } });
    w.reply({ type: 'chunk', chunk: {
      stepStart: 0, stepEnd: 4,
      spikes: { inp: { index: Uint32Array.of(1, 0, 1), step: Uint32Array.of(0, 1, 3) }, pop: { index: Uint32Array.of(2), step: Uint32Array.of(1) } },
      traces: {
        pop_v: { population: 'pop', variable: 'v', indices: Uint32Array.of(0, 2), values: Float32Array.of(0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4) },
        pop_v1: { population: 'pop', variable: 'v', indices: Uint32Array.of(1), values: Float32Array.of(-1, -2, -3, -4) },
      },
    } });
    const { recordings, complete } = runRecordings(c.data);
    expect(complete).toBe(true);
    expect(recordings.durationMs).toBe(2);
    expect(recordings.spikes.map((s) => [s.population, s.size, Array.from(s.index), Array.from(s.timeMs)])).toEqual([['inp', 2, [1, 0, 1], [0, 0.5, 1.5]], ['pop', 3, [2], [0.5]]]);
    // [sample][neuron]: steps 0 and 2 of neurons 0 and 2 (the chunk's rows are [neuron][step]).
    expect(recordings.traces.map((t) => [t.population, t.variable, t.index, t.steps, t.dtMs, Array.from(t.values)])).toEqual([
      ['pop', 'v', [0, 2], 2, 1, [0.5, 2.5, 1.5, 3.5]],
      ['pop', 'v', [1], 2, 1, [-1, -3]],
    ]);
    // As NIR data: seconds; the population's first monitor of `v` is the one kept (as in `snn run`'s JSON).
    const data = recordingsToNirData(recordings);
    const v = data.nodes.get('pop')!.get('v')!;
    expect(v).toMatchObject({ type: 'TimeGriddedData', index: [0, 2], dt: 0.001, steps: 2 });
    expect(data.nodes.get('inp')!.get('spikes')).toMatchObject({ type: 'EventData', nNeurons: 2, tMax: 0.002, time: Float64Array.of(0, 0.0005, 0.0015) });
  });

  it('says when the raster kept only the first spikes', () => {
    const c = new RunController();
    c.start({ ...emptyDocument(), simulation: { dt_ms: 1, duration_ms: 2, seed: 1 } }, 'cpu', null);
    FakeWorker.last!.reply({ type: 'ready', synapses: {}, layout: { backend: 'cpu', adapter: 'CPU', dtMs: 1, totalSteps: 2, populations: [{ id: 'a', size: 1 }], traces: [] } });
    FakeWorker.last!.reply({ type: 'chunk', chunk: { stepStart: 0, stepEnd: 2, spikes: { a: { index: Uint32Array.of(0, 0), step: Uint32Array.of(0, 1) } }, traces: {} } });
    expect(runRecordings(c.data).complete).toBe(true);
    c.data.spikeCount += 5; // as when more spikes came than the raster keeps (MAX_DRAWN_SPIKES)
    expect(runRecordings(c.data).complete).toBe(false);
  });
});
