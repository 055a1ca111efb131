// The run controller on the UI thread: starts the engine worker, sends Run/Pause/Stop/Step, and gathers
// the chunks it posts into spike and trace buffers the plots read. Subscribable like the editor model.
import type { WeightsFile } from '../../shared/io/weights';
import type { NetworkDocument } from '../../shared/graph';
import { resultsKey } from '../../shared/compiler';
import type { BackendKind, RunChunk } from '../../shared/engine/types';
import type { FromWorker, RunLayout, ToWorker } from './protocol';
import type { SynapseOverride } from '../view3d/axons';
import { WeightHistory } from '../view3d/weights';
import { classLabel } from '../editor/dataset-sample';
import { DecisionAccumulator, decisionSetup, type Decision } from './decision';
import { StatusStore } from '../app/status-store';
import { threadsFromQuery } from './engine-threads';

/** What the 3D view takes from a run: the compiled synapses it draws, and the plastic weights read so far. */
export interface RunViewData {
  synapses?: Record<string, SynapseOverride>;
  /** The sampled plastic weights by step (step 0 from the IR, then readings while the view is open, and the
   *  run's last step); bounded (view3d/weights.ts). The same object through a run; a new one per run. */
  history?: WeightHistory;
}

/** Spikes plus trace values of a kept chunk. */
const chunkEntries = new WeakMap<RunChunk, number>();

export type RunState = 'idle' | 'starting' | 'running' | 'paused' | 'finished' | 'error';

/** Spikes kept for drawing (all are counted); traces keep at most this many samples per neuron. */
const MAX_DRAWN_SPIKES = 2_000_000;
export const MAX_TRACE_SAMPLES = 20_000;
/** Chunks kept for a 3D view opened during or after a run (replayed to it): the newest, up to this many spikes
 *  plus trace values in all (~32 MB); older ones are dropped first. */
const MAX_KEPT_ENTRIES = 4_000_000;
/** Finished runs kept for networks switched away from, restored when one is opened again: the last few (each at
 *  most ~16 MB of drawn spikes, ~16 MB of chunks for the 3D view and its traces). */
export const KEPT_RUNS = 3;

export interface RunData {
  layout: RunLayout | null;
  /** Steps simulated so far. */
  step: number;
  spikeCount: number;
  /** Spikes so far by population id (for mean firing rates). */
  popSpikes: Record<string, number>;
  /** Spikes so far of each neuron, by population id (for the rate histograms). */
  neuronSpikes: Record<string, Uint32Array>;
  /** Spikes as (step, raster row) pairs; `rows` maps a population to its first row. */
  spikeSteps: Uint32Array;
  spikeRows: Uint32Array;
  drawn: number;
  rowOffset: Record<string, number>;
  totalRows: number;
  /** Trace samples: time (ms) and one array per (monitor, neuron). */
  traceTime: number[];
  /** `population`, `variable`: what the trace records (for its colour and axis unit, plots/trace-axes.ts);
   *  `monitor` and `neuron`: which monitor and neuron (the recordings as NIR data, ./nir-data.ts). */
  traceSeries: { label: string; population: string; variable: string; monitor: string; neuron: number; values: number[] }[];
  traceStride: number;
}

/** A finished run put aside while another network is open (everything `switchTo` brings back). */
interface ShelvedRun {
  data: RunData;
  message: string;
  finalWeights: WeightsFile | null;
  kept: RunChunk[];
  keptEntries: number;
  decider: DecisionAccumulator | null;
  viewData: RunViewData;
}

function emptyData(): RunData {
  return { layout: null, step: 0, spikeCount: 0, popSpikes: {}, neuronSpikes: {}, spikeSteps: new Uint32Array(0), spikeRows: new Uint32Array(0), drawn: 0,
    rowOffset: {}, totalRows: 0, traceTime: [], traceSeries: [], traceStride: 1 };
}

/** What a run ran on, as the run status says it: "GPU (adapter)", "CPU", or "CPU, 2 threads" (as `snn run` says). */
export function engineLabel(layout: Pick<RunLayout, 'backend' | 'adapter' | 'threads'>): string {
  if (layout.backend === 'gpu') return `GPU (${layout.adapter})`;
  return layout.threads && layout.threads > 1 ? `CPU, ${layout.threads} threads` : 'CPU';
}

export class RunController extends StatusStore<RunState> {
  data: RunData = emptyData();
  /** The plastic projections' final weights of the last finished run (Save weights), else null. */
  finalWeights: WeightsFile | null = null;
  /** Increases with each new run (plots rebuild their axes and series). */
  runId = 0;
  private worker: Worker | null = null;
  private chunkListeners = new Set<(c: RunChunk) => void>();
  private resetListeners = new Set<() => void>();

  private kept: RunChunk[] = [];
  /** The readout's decoder for this run, when the network is one the trainer takes (./decision.ts). */
  private decider: DecisionAccumulator | null = null;
  private keptEntries = 0;
  /** `resultsKey` of the network this run simulates; null when it has none (no run, or the network was edited
   *  while paused, so the results belong to no single document). */
  private runKey: string | null = null;
  /** Finished runs of other networks by `resultsKey`, oldest first (at most KEPT_RUNS). */
  private shelf = new Map<string, ShelvedRun>();

  /** The run as a stream (the 3D view's ActivitySource): every chunk, and a reset when a new run starts. A view
   *  that subscribes once a run has started (even before its first chunk) gets a reset and the run's chunks so far
   *  (the newest, bounded). */
  readonly source = {
    subscribe: (onChunk: (c: RunChunk) => void, onReset?: () => void) => {
      if (this.state !== 'idle') { // a run exists: join it (the view goes Live) with its chunks so far
        onReset?.();
        for (const c of this.kept) onChunk(c);
      }
      this.chunkListeners.add(onChunk);
      if (onReset) this.resetListeners.add(onReset);
      return () => { this.chunkListeners.delete(onChunk); if (onReset) this.resetListeners.delete(onReset); };
    },
  };

  private viewData: RunViewData = {};
  private viewListeners = new Set<() => void>();
  private viewOpen = false;
  /** The run's compiled synapses and weight history, for the 3D view (changes at 'ready' and on new weights only);
   *  `setOpen` tells the worker whether the view is shown (weights are read back only then). */
  readonly view = {
    subscribe: (l: () => void) => { this.viewListeners.add(l); return () => { this.viewListeners.delete(l); }; },
    get: (): RunViewData => this.viewData,
    setOpen: (open: boolean) => {
      if (open === this.viewOpen) return;
      this.viewOpen = open;
      this.send({ type: 'view', open });
    },
  };

  constructor() { super('idle'); }

  /** Called for each chunk after it is stored (live plots draw only what is new). */
  onChunk(l: (c: RunChunk) => void) { this.chunkListeners.add(l); return () => { this.chunkListeners.delete(l); }; }

  /** Start from t = 0. `pauseAfter` (steps) pauses there instead of running to the end (for Step). */
  start(doc: NetworkDocument, backend: BackendKind, speed: number | null, pauseAfter: number | null = null) {
    const steps = Math.max(1, Math.round(doc.simulation.duration_ms / doc.simulation.dt_ms));
    this.worker?.terminate();
    this.worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    this.worker.onerror = (e) => { this.set('error', `The engine worker failed: ${e.message || 'unknown error'}`); };
    this.data = emptyData();
    this.finalWeights = null;
    this.kept = [];
    this.keptEntries = 0;
    this.runId++;
    for (const l of this.resetListeners) l();
    this.setView({});
    const setup = decisionSetup(doc);
    this.decider = setup ? new DecisionAccumulator(setup) : null;
    this.runKey = resultsKey(doc);
    this.set('starting', `Compiling for the ${backend.toUpperCase()}…`);
    this.send({ type: 'start', doc, backend, steps, speed, pauseAfter, viewOpen: this.viewOpen, ...(setup?.record.length ? { record: setup.record } : {}),
      threads: threadsFromQuery(globalThis.location?.search ?? '') });
  }

  /** Forgets the run: stops the worker, empties the results, tells the 3D view. */
  reset() {
    this.clear();
    this.setView({});
    this.set('idle', '');
  }

  /** Another network was opened (`doc`): the current run, if finished, is put aside under its network's key, and
   *  that network's own finished run comes back if one was put aside (the last KEPT_RUNS networks), else the
   *  results are empty. A run still going (or paused, or failed) is stopped and forgotten. Either way the
   *  results shown are `doc`'s or none, never another network's. */
  switchTo(doc: NetworkDocument) {
    if (this.state === 'finished' && this.runKey !== null) {
      this.shelf.delete(this.runKey);
      this.shelf.set(this.runKey, { data: this.data, message: this.message, finalWeights: this.finalWeights, kept: this.kept,
        keptEntries: this.keptEntries, decider: this.decider, viewData: this.viewData });
      while (this.shelf.size > KEPT_RUNS) this.shelf.delete(this.shelf.keys().next().value!);
    }
    const key = resultsKey(doc);
    const back = this.shelf.get(key);
    this.clear();
    if (!back) { this.setView({}); this.set('idle', ''); return; }
    this.shelf.delete(key); // it is the current run again (put back if another network is opened)
    this.data = back.data;
    this.finalWeights = back.finalWeights;
    this.kept = back.kept;
    this.keptEntries = back.keptEntries;
    this.decider = back.decider;
    this.runKey = key;
    for (const c of this.kept) for (const l of this.chunkListeners) l(c); // the 3D view replays it, as a late joiner does
    this.setView(back.viewData);
    this.set('finished', back.message);
  }

  /** Stops the worker (no late chunk of the old run lands) and empties the results; the listeners get a reset. */
  private clear() {
    if (this.worker) { this.worker.onmessage = null; this.worker.terminate(); }
    this.worker = null;
    this.data = emptyData();
    this.finalWeights = null;
    this.kept = [];
    this.keptEntries = 0;
    this.decider = null;
    this.runKey = null;
    this.runId++;
    for (const l of this.resetListeners) l();
  }

  resume(doc: NetworkDocument, speed: number | null) {
    if (this.state !== 'paused') return;
    this.keyContinued(doc);
    this.set('running', '');
    this.send({ type: 'continue', doc, steps: Number.MAX_SAFE_INTEGER, speed });
  }

  step(doc: NetworkDocument, steps: number) {
    if (this.state !== 'paused') return;
    this.keyContinued(doc);
    this.set('running', '');
    this.send({ type: 'continue', doc, steps, speed: null });
  }

  /** Parameters edited while paused go on with the run: its results then belong to no one document. */
  private keyContinued(doc: NetworkDocument) {
    if (this.runKey !== null && resultsKey(doc) !== this.runKey) this.runKey = null;
  }

  pause() { if (this.state === 'running') this.send({ type: 'pause' }); }
  stop() { if (this.state === 'running' || this.state === 'paused') this.send({ type: 'stop' }); }

  /** Mean firing rate (Hz) of each spiking population over the time simulated so far. */
  rates(): { id: string; hz: number }[] {
    const d = this.data;
    const seconds = (d.step * (d.layout?.dtMs ?? 0.1)) / 1000;
    return (d.layout?.populations ?? []).map((p) => ({ id: p.id, hz: seconds > 0 ? (d.popSpikes[p.id] ?? 0) / p.size / seconds : 0 }));
  }

  /** Histogram of per-neuron firing rates (Hz) of one population: `bins` equal bins from 0 to the maximum. */
  rateHistogram(id: string, bins = 12): { maxHz: number; counts: number[] } {
    const d = this.data;
    const seconds = (d.step * (d.layout?.dtMs ?? 0.1)) / 1000;
    const spikes = d.neuronSpikes[id];
    const counts = new Array<number>(bins).fill(0);
    if (!spikes || seconds <= 0) return { maxHz: 0, counts };
    let max = 0;
    for (const c of spikes) max = Math.max(max, c / seconds);
    for (const c of spikes) counts[max > 0 ? Math.min(bins - 1, Math.floor(((c / seconds) / max) * bins)) : 0]++;
    return { maxHz: max, counts };
  }

  /** The readout's decision on the run so far (null when the network has no readout the trainer would decode). */
  decision(): Decision | null { return this.decider && this.data.step > 0 ? this.decider.result() : null; }

  dispose() { this.worker?.terminate(); this.worker = null; }

  private send(m: ToWorker) { this.worker?.postMessage(m); }

  private receive(m: FromWorker) {
    switch (m.type) {
      case 'ready': {
        const d = this.data;
        d.layout = m.layout;
        let row = 0;
        for (const p of m.layout.populations) { d.rowOffset[p.id] = row; row += p.size; d.neuronSpikes[p.id] = new Uint32Array(p.size); }
        d.totalRows = row;
        d.traceStride = Math.max(1, Math.ceil(m.layout.totalSteps / MAX_TRACE_SAMPLES));
        d.traceSeries = m.layout.traces.flatMap((t) => t.indices.slice(0, this.shownOf(t)).map((i) => ({ label: this.traceLabel(t, i), population: t.population, variable: t.variable, monitor: t.id, neuron: i, values: [] })));
        this.setView({ synapses: m.synapses });
        this.set('running', `Running on the ${engineLabel(m.layout)}`);
        break;
      }
      case 'finalWeights': this.finalWeights = m.file; this.emit(); break;
      case 'chunk': this.addChunk(m.chunk); break;
      case 'weights': {
        const history = this.viewData.history ?? new WeightHistory();
        history.add(m.step, m.weights);
        this.setView({ ...this.viewData, history });
        break;
      }
      case 'paused': this.data.step = m.step; this.set('paused', 'Paused'); break;
      case 'finished': this.data.step = m.step; this.set('finished', m.summary.stopped ? 'Stopped' : 'Finished'); this.worker?.terminate(); this.worker = null; break;
      case 'notice': this.message = m.message; this.emit(); break;
      case 'error': this.set('error', m.message); this.worker?.terminate(); this.worker = null; break;
    }
  }

  private addChunk(c: RunChunk) {
    const d = this.data;
    let n = 0;
    for (const s of Object.values(c.spikes)) n += s.index.length;
    const room = Math.min(n, MAX_DRAWN_SPIKES - d.drawn);
    if (d.drawn + room > d.spikeSteps.length) {
      const cap = Math.min(MAX_DRAWN_SPIKES, Math.max(1024, (d.drawn + room) * 2));
      const steps = new Uint32Array(cap); steps.set(d.spikeSteps.subarray(0, d.drawn));
      const rows = new Uint32Array(cap); rows.set(d.spikeRows.subarray(0, d.drawn));
      d.spikeSteps = steps; d.spikeRows = rows;
    }
    for (const [pop, s] of Object.entries(c.spikes)) {
      const off = d.rowOffset[pop];
      if (off === undefined) continue;
      for (let i = 0; i < s.index.length && d.drawn < MAX_DRAWN_SPIKES; i++) {
        d.spikeSteps[d.drawn] = s.step[i];
        d.spikeRows[d.drawn] = off + s.index[i];
        d.drawn++;
      }
    }
    d.spikeCount += n;
    for (const [pop, s] of Object.entries(c.spikes)) {
      d.popSpikes[pop] = (d.popSpikes[pop] ?? 0) + s.index.length;
      const counts = d.neuronSpikes[pop];
      if (counts) for (let i = 0; i < s.index.length; i++) counts[s.index[i]]++;
    }
    const k = c.stepEnd - c.stepStart;
    const traces = d.layout?.traces ?? [];
    for (let j = 0; j < k; j++) {
      const step = c.stepStart + j;
      if (step % d.traceStride !== 0) continue;
      d.traceTime.push(step * (d.layout?.dtMs ?? 0.1));
      let series = 0;
      for (const t of traces) {
        const tc = c.traces[t.id];
        const shown = Math.min(this.shownOf(t), t.indices.length);
        for (let r = 0; r < shown; r++) d.traceSeries[series++].values.push(tc ? tc.values[r * k + j] : NaN);
      }
    }
    d.step = c.stepEnd;
    this.decider?.add(c);
    this.kept.push(c);
    let entries = n;
    for (const t of Object.values(c.traces)) entries += t.values.length;
    this.keptEntries += entries;
    chunkEntries.set(c, entries);
    while (this.keptEntries > MAX_KEPT_ENTRIES && this.kept.length > 1) this.keptEntries -= chunkEntries.get(this.kept.shift()!) ?? 0;
    for (const l of this.chunkListeners) l(c);
    this.emit();
  }

  /** Whether a trace is the decoded readout's membrane (the monitor the decision reads): its neurons are the classes. */
  private isReadout(t: RunLayout['traces'][number]): boolean {
    return !!this.decider && t.id === this.decider.setup.monitor;
  }

  /** Neurons plotted of a trace: 8, or every class of the readout. */
  private shownOf(t: RunLayout['traces'][number]): number {
    return this.isReadout(t) ? this.decider!.setup.plan.config.classes : 8;
  }

  /** "hidden.v[3]", or for the readout "output class 3: −45°–−30°". */
  private traceLabel(t: RunLayout['traces'][number], i: number): string {
    if (!this.isReadout(t)) return `${t.population}.${t.variable}[${i}]`;
    return `${t.population} ${classLabel(i, this.decider!.setup.plan.config.classes)}`;
  }

  private setView(v: RunViewData) {
    this.viewData = v;
    for (const l of [...this.viewListeners]) l();
  }
}
