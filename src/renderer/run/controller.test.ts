// The run controller with a stand-in worker: start/pause/step messages go out; ready, chunks, paused and
// finished come back and fill the raster buffers, traces, rates and histograms; a new run resets listeners.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { KEPT_RUNS, RunController } from './controller';
import { emptyDocument } from '../editor/ops';
import type { FromWorker, ToWorker } from './protocol';
import { loadDocument } from '../../shared/graph';
import example from '../../../resources/examples/sound-localisation.snn.json';

class FakeWorker {
  static last: FakeWorker | null = null;
  sent: ToWorker[] = [];
  terminated = false;
  onmessage: ((e: { data: FromWorker }) => void) | null = null;
  onerror: ((e: { message: string }) => void) | null = null;
  constructor() { FakeWorker.last = this; }
  postMessage(m: ToWorker) { this.sent.push(m); }
  terminate() { this.terminated = true; }
  reply(m: FromWorker) { this.onmessage?.({ data: m }); }
}

const layout = {
  backend: 'cpu' as const, adapter: 'CPU', dtMs: 0.5, totalSteps: 4,
  populations: [{ id: 'inp', size: 2 }, { id: 'pop', size: 3 }],
  traces: [{ id: 'pop_v', population: 'pop', variable: 'v', indices: [0, 2] }],
};

describe('RunController', () => {
  const saved = globalThis.Worker;
  beforeEach(() => { (globalThis as unknown as { Worker: unknown }).Worker = FakeWorker; });
  afterEach(() => { (globalThis as unknown as { Worker: unknown }).Worker = saved; });

  it('collects chunks into raster rows, traces, rates and histograms', () => {
    const c = new RunController();
    let resets = 0;
    c.source.subscribe(() => undefined, () => { resets++; });
    const doc = { ...emptyDocument(), simulation: { dt_ms: 0.5, duration_ms: 2, seed: 3 } };
    c.start(doc, 'cpu', null);
    const w = FakeWorker.last!;
    expect(resets).toBe(1);
    expect(c.state).toBe('starting');
    expect(w.sent[0]).toMatchObject({ type: 'start', backend: 'cpu', steps: 4, pauseAfter: null, viewOpen: false });

    const synapses = { inp_pop: { pre: [0], post: [2], delayMs: [0.5], index: [3], total: 6 } };
    let viewChanges = 0;
    c.view.subscribe(() => viewChanges++);
    w.reply({ type: 'ready', layout, synapses });
    expect(c.state).toBe('running');
    expect(c.view.get()).toEqual({ synapses });
    expect(c.data.rowOffset).toEqual({ inp: 0, pop: 2 });
    expect(c.data.traceSeries.map((s) => s.label)).toEqual(['pop.v[0]', 'pop.v[2]']);

    w.reply({ type: 'chunk', chunk: {
      stepStart: 0, stepEnd: 2,
      spikes: { inp: { index: Uint32Array.of(1, 0), step: Uint32Array.of(0, 1) }, pop: { index: Uint32Array.of(2), step: Uint32Array.of(1) } },
      traces: { pop_v: { population: 'pop', variable: 'v', indices: Uint32Array.of(0, 2), values: Float32Array.of(0.1, 0.2, 0.3, 0.4) } },
    } });
    expect(c.data.spikeCount).toBe(3);
    // The 3D view's data changes at 'ready' and with new weights, not with every chunk.
    expect(viewChanges).toBe(1);
    w.reply({ type: 'weights', step: 2, weights: { inp_pop: Float32Array.of(0.25) } });
    expect(viewChanges).toBe(2);
    expect(c.view.get().synapses).toBe(synapses);
    expect([...c.view.get().history!.latest!.weights.inp_pop]).toEqual([0.25]);
    expect([...c.data.spikeRows.subarray(0, c.data.drawn)]).toEqual([1, 0, 4]);
    expect([...c.data.spikeSteps.subarray(0, c.data.drawn)]).toEqual([0, 1, 1]);
    expect(c.data.traceTime).toEqual([0, 0.5]);
    expect(c.data.traceSeries.map((s) => s.values.map((v) => Math.round(v * 10) / 10))).toEqual([[0.1, 0.2], [0.3, 0.4]]);
    // 2 steps of 0.5 ms = 1 ms: inp 2 spikes / 2 neurons / 1 ms = 1000 Hz, pop 1 / 3 / 1 ms.
    expect(c.rates().map((r) => [r.id, Math.round(r.hz)])).toEqual([['inp', 1000], ['pop', 333]]);
    expect(c.rateHistogram('pop', 4)).toEqual({ maxHz: 1000, counts: [2, 0, 0, 1] });

    c.pause();
    expect(w.sent.at(-1)).toEqual({ type: 'pause' });
    w.reply({ type: 'paused', step: 2 });
    expect(c.state).toBe('paused');
    c.step(doc, 1);
    expect(w.sent.at(-1)).toMatchObject({ type: 'continue', steps: 1 });
    w.reply({ type: 'finished', step: 4, summary: { backend: 'cpu', adapter: '', stepsRun: 4, stopped: false, wallMs: 0, droppedSpikes: 0 } });
    expect(c.state).toBe('finished');
    expect(c.message).toBe('Finished');
    expect(w.terminated).toBe(true);
  });

  it('replays the run so far to a view that subscribes late, after a reset', () => {
    const c = new RunController();
    c.start({ ...emptyDocument(), simulation: { dt_ms: 0.5, duration_ms: 2, seed: 3 } }, 'cpu', null);
    const w = FakeWorker.last!;
    w.reply({ type: 'ready', layout, synapses: {} });
    const chunk = (a: number, b: number) => ({ stepStart: a, stepEnd: b, spikes: { inp: { index: Uint32Array.of(0), step: Uint32Array.of(a) } }, traces: {} });
    w.reply({ type: 'chunk', chunk: chunk(0, 2) });
    w.reply({ type: 'chunk', chunk: chunk(2, 4) });
    const events: string[] = [];
    c.source.subscribe((k) => events.push(`chunk ${k.stepStart}`), () => events.push('reset'));
    expect(events).toEqual(['reset', 'chunk 0', 'chunk 2']);
    w.reply({ type: 'chunk', chunk: chunk(4, 6) });
    expect(events.at(-1)).toBe('chunk 4');
    // A new run: the kept chunks go; a view subscribing before its first chunk still joins it (a reset).
    c.start(emptyDocument(), 'cpu', null);
    const late: string[] = [];
    c.source.subscribe(() => late.push('chunk'), () => late.push('reset'));
    expect(late).toEqual(['reset']);
    // Before any run, nothing.
    const fresh: string[] = [];
    new RunController().source.subscribe(() => fresh.push('chunk'), () => fresh.push('reset'));
    expect(fresh).toEqual([]);
  });

  it('tells the worker whether the 3D view is open: in the start message, then on each change', () => {
    const c = new RunController();
    c.view.setOpen(true);
    c.start(emptyDocument(), 'cpu', null);
    const w = FakeWorker.last!;
    expect(w.sent[0]).toMatchObject({ type: 'start', viewOpen: true });
    c.view.setOpen(true); // no change: nothing sent
    c.view.setOpen(false);
    c.view.setOpen(true);
    expect(w.sent.slice(1)).toEqual([{ type: 'view', open: false }, { type: 'view', open: true }]);
    // A new run starts with the view's current state.
    c.view.setOpen(false);
    c.start(emptyDocument(), 'cpu', null);
    expect(FakeWorker.last!.sent[0]).toMatchObject({ type: 'start', viewOpen: false });
  });

  it('keeps the weights of every reading: the view at an earlier step gets that step\'s weights', () => {
    const c = new RunController();
    c.start({ ...emptyDocument(), simulation: { dt_ms: 0.5, duration_ms: 20, seed: 3 } }, 'cpu', null);
    const w = FakeWorker.last!;
    w.reply({ type: 'ready', layout, synapses: {} });
    w.reply({ type: 'weights', step: 0, weights: { p: Float32Array.of(0.01) } });
    w.reply({ type: 'weights', step: 10, weights: { p: Float32Array.of(0.02) } });
    w.reply({ type: 'weights', step: 30, weights: { p: Float32Array.of(0.05) } });
    const h = c.view.get().history!;
    const at = (step: number) => h.at(step)?.weights.p[0];
    expect(at(0)).toBeCloseTo(0.01);
    expect(at(9)).toBeCloseTo(0.01);
    expect(at(10)).toBeCloseTo(0.02);
    expect(at(29)).toBeCloseTo(0.02);
    expect(at(40)).toBeCloseTo(0.05);
    // A new run starts a new history.
    c.start(emptyDocument(), 'cpu', null);
    expect(c.view.get().history).toBeUndefined();
  });

  it('reports worker errors as the error state with the message', () => {
    const c = new RunController();
    c.start(emptyDocument(), 'gpu', 1);
    FakeWorker.last!.reply({ type: 'error', message: 'No WebGPU adapter in the worker: choose the CPU backend' });
    expect(c.state).toBe('error');
    expect(c.message).toMatch(/choose the CPU backend/);
  });

  it('a trainable network: records its readout for the run, labels its traces by class, decodes the decision', () => {
    const r = loadDocument({ ...structuredClone(example), monitors: [] });
    if (!r.ok) throw new Error('example does not load');
    const c = new RunController();
    c.start(r.doc, 'cpu', null);
    const w = FakeWorker.last!;
    expect(w.sent[0]).toMatchObject({ type: 'start', record: [{ population: 'output', variable: 'v' }] });
    expect(r.doc.monitors).toEqual([]);
    const all = Array.from({ length: 12 }, (_, i) => i);
    w.reply({ type: 'ready', synapses: {}, layout: { backend: 'cpu', adapter: 'CPU', dtMs: 1, totalSteps: 100, populations: [],
      traces: [{ id: 'output.v', population: 'output', variable: 'v', indices: all }] } });
    expect(c.data.traceSeries.map((t) => t.label)).toEqual(all.map((k) => `output class ${k}: ${fmt(-90 + 15 * k)}–${fmt(-75 + 15 * k)}`));
    expect(c.decision()).toBeNull();
    // Class 7's membrane is highest over the sample's 100 steps.
    const values = new Float32Array(12 * 100);
    for (let k = 0; k < 12; k++) values.fill(k === 7 ? 0.5 : 0.1 * (k % 3), k * 100, (k + 1) * 100);
    w.reply({ type: 'chunk', chunk: { stepStart: 0, stepEnd: 100, spikes: {}, traces: { 'output.v': { population: 'output', variable: 'v', indices: Uint32Array.from(all), values } } } });
    const d = c.decision()!;
    expect(d.done).toBe(100);
    expect(d.predicted).toBe(7);
    expect(d.scores[7]).toBeCloseTo(0.5, 6);
    expect(d.played?.sample).toBe(-1);
  });

  it('forgets a run when another network is opened: worker stopped, results empty, the 3D view reset', () => {
    const c = new RunController();
    let resets = 0;
    c.source.subscribe(() => undefined, () => { resets++; });
    c.start({ ...emptyDocument(), simulation: { dt_ms: 0.5, duration_ms: 2, seed: 3 } }, 'cpu', null);
    const w = FakeWorker.last!;
    w.reply({ type: 'ready', layout, synapses: {} });
    w.reply({ type: 'chunk', chunk: { stepStart: 0, stepEnd: 2, spikes: { pop: { index: Uint32Array.of(2), step: Uint32Array.of(1) } }, traces: {} } });
    expect(c.data.spikeCount).toBe(1);
    const run = c.runId;
    c.reset();
    expect(w.terminated).toBe(true);
    expect(c.state).toBe('idle');
    expect(c.data).toMatchObject({ layout: null, step: 0, spikeCount: 0, traceSeries: [] });
    expect(c.rates()).toEqual([]);
    expect(c.decision()).toBeNull();
    expect(c.runId).toBe(run + 1);
    expect(resets).toBe(2);
    expect(w.onmessage).toBeNull(); // a message of the forgotten run that was already queued lands nowhere
    expect(c.view.get()).toEqual({});
  });

  describe('switching documents: a finished run is kept for its network and comes back with it', () => {
    const net = (seed: number, name = 'net') => ({ ...emptyDocument(), meta: { name, description: '' }, simulation: { dt_ms: 0.5, duration_ms: 2, seed } });
    const finished = { type: 'finished' as const, step: 4, summary: { backend: 'cpu' as const, adapter: '', stepsRun: 4, stopped: false, wallMs: 0, droppedSpikes: 0 } };
    /** Runs `doc` to the end with `spikes` spikes of population pop (neuron 0, step 1). */
    function runTo(c: RunController, doc: ReturnType<typeof net>, spikes: number, end: FromWorker = finished) {
      c.start(doc, 'cpu', null);
      const w = FakeWorker.last!;
      w.reply({ type: 'ready', layout, synapses: { p: { pre: [spikes], post: [0], delayMs: [0.5], index: [0], total: 1 } } });
      w.reply({ type: 'chunk', chunk: { stepStart: 0, stepEnd: 4, spikes: { pop: { index: new Uint32Array(spikes), step: new Uint32Array(spikes).fill(1) } }, traces: {} } });
      w.reply(end);
      return w;
    }

    it('A, B, A again: A\'s results (not B\'s), then B\'s again; the 3D view replays the restored run', () => {
      const c = new RunController();
      const events: string[] = [];
      c.source.subscribe((k) => events.push(`chunk ${k.stepEnd}`), () => events.push('reset'));
      const a = net(1, 'A'), b = net(2, 'B');
      runTo(c, a, 3);
      expect(c.data.spikeCount).toBe(3);

      c.switchTo(b);
      expect(c.state).toBe('idle');
      expect(c.data.spikeCount).toBe(0);
      expect(c.view.get()).toEqual({});
      runTo(c, b, 5);

      events.length = 0;
      const before = c.runId;
      c.switchTo(structuredClone(a)); // the same network loaded again (a new object, as from its file)
      expect(c.state).toBe('finished');
      expect(c.message).toBe('Finished');
      expect(c.data.spikeCount).toBe(3);
      expect(c.data.popSpikes).toEqual({ pop: 3 });
      expect(c.rates()).toEqual([{ id: 'inp', hz: 0 }, { id: 'pop', hz: 3 / 3 / 0.002 }]);
      expect(c.view.get().synapses?.p.pre).toEqual([3]);
      expect(c.runId).toBe(before + 1); // plots rebuild
      expect(events).toEqual(['reset', 'chunk 4']);

      c.switchTo(b);
      expect(c.data.spikeCount).toBe(5);
      c.switchTo(a);
      expect(c.data.spikeCount).toBe(3);
    });

    it('keys by the network, not its name or layout: an edited parameter is another network', () => {
      const c = new RunController();
      const a = net(1, 'A');
      runTo(c, a, 3);
      c.switchTo(net(9));
      c.switchTo({ ...a, meta: { name: 'renamed', description: 'moved' }, layout: { nodes: { x: { x: 1, y: 2 } } } });
      expect(c.data.spikeCount).toBe(3);
      c.switchTo(net(9));
      c.switchTo({ ...a, simulation: { ...a.simulation, duration_ms: 3 } });
      expect(c.state).toBe('idle');
      expect(c.data.spikeCount).toBe(0);
    });

    it('keeps only finished runs of one network: not a failed one, not one edited while paused', () => {
      const c = new RunController();
      const a = net(1), b = net(2);
      runTo(c, a, 3, { type: 'error', message: 'boom' });
      c.switchTo(b);
      c.switchTo(a);
      expect(c.state).toBe('idle');

      // Paused, then resumed with another seed: the run is a mix of two networks, kept for neither.
      c.start(a, 'cpu', null, 2);
      const w = FakeWorker.last!;
      w.reply({ type: 'ready', layout, synapses: {} });
      w.reply({ type: 'paused', step: 2 });
      c.resume(net(7), null);
      w.reply(finished);
      expect(c.state).toBe('finished');
      c.switchTo(b);
      c.switchTo(a);
      expect(c.state).toBe('idle');
      c.switchTo(net(7));
      expect(c.state).toBe('idle');
    });

    it('a run still going is stopped and forgotten; at most KEPT_RUNS networks are kept, the oldest go first', () => {
      const c = new RunController();
      c.start(net(1), 'cpu', null);
      const w = FakeWorker.last!;
      c.switchTo(net(2));
      expect(w.terminated).toBe(true);
      expect(c.state).toBe('idle');
      c.switchTo(net(1));
      expect(c.state).toBe('idle');

      const docs = Array.from({ length: KEPT_RUNS + 2 }, (_, i) => net(10 + i));
      for (const [i, d] of docs.entries()) { c.switchTo(d); runTo(c, d, i + 1); }
      c.switchTo(net(99)); // puts the last one aside too: KEPT_RUNS + 2 finished runs offered, KEPT_RUNS kept
      const back = docs.map((d) => { c.switchTo(d); const n = c.data.spikeCount; c.switchTo(net(99)); return n; });
      expect(back).toEqual(docs.map((_, i) => (i >= docs.length - KEPT_RUNS ? i + 1 : 0)));
    });
  });
});

const fmt = (d: number) => `${d}°`.replace('-', '−');
