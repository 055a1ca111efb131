// The training controller on the UI thread: plans a snapshot of the document, starts the training worker,
// sends Stop, gathers the batch losses and epoch metrics it posts for the charts, and builds the weights file
// to export. Loads a weights file (./load.ts, the CLI's checks) that Evaluate tests and Train starts from.
// Subscribable like the run controller; the worker is injectable for tests.
import type { Diagnostic, NetworkDocument } from '../../shared/graph';
import { planTraining, type EpochEvent, type TrainingPlan } from '../../shared/training';
import type { ApplyOrigin, EvalMetrics } from '../../shared/training';
import type { WeightsFile } from '../../shared/io/weights';
import { documentText, sha256Hex, suggestedWeightsName, weightsFileOf, type TrainRecord, type WeightsChoice } from './export';
import { checkWeightsText, loadedWeightsFor } from './load';
import { diagnosticLines } from './overrides';
import type { DataFileMessage, FromTrainWorker, ToTrainWorker, TrainBackendKind, TrainDone, TrainOverrides } from './protocol';
import { DatasetError, type SpikeFacts } from '../../shared/tasks/spike-files';
import { openSpikeBytes, previewOf, type PreviewSample } from './data-file';
import { StatusStore } from '../app/status-store';

/** A spike data file chosen in the Training tab: the file (read again by the worker), its facts and preview. */
export interface LoadedDataFile { name: string; file: Blob; facts: SpikeFacts; preview: PreviewSample[] }

export type TrainState = 'idle' | 'starting' | 'training' | 'stopping' | 'finished' | 'stopped' | 'evaluating' | 'evaluated' | 'error';

/** A weights file read back: its name, the checked file, and the CLI's warnings about it. */
export interface LoadedWeights { name: string; file: WeightsFile; warnings: string[] }

/** The test-set metrics of the loaded weights (Evaluate), with what produced them. */
export interface LoadedEvaluation {
  name: string;
  backend: TrainBackendKind;
  adapter: string;
  seed: number;
  testSamples: number;
  test: EvalMetrics;
  wall_ms: number;
}

/** The part of a Worker the controller uses (a fake in tests). */
export interface WorkerLike {
  postMessage(m: ToTrainWorker): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<FromTrainWorker>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

export interface TrainMetrics {
  backend: TrainBackendKind | null;
  adapter: string;
  epochs: number;
  batches: number;
  /** The last batch reported: epoch and batch, 1-based (0 before the first). */
  epoch: number;
  batch: number;
  /** Loss of every batch, x = batches done so far (1, 2, …, across epochs). */
  batchX: number[];
  batchLoss: number[];
  /** Mean training loss of each epoch, at the x of its last batch (null elsewhere: one point per epoch). */
  epochLoss: (number | null)[];
  history: EpochEvent[];
  done: TrainDone | null;
  /** The loaded file this training started from (null: the seed's initial weights). */
  from: string | null;
}

function emptyMetrics(): TrainMetrics {
  return { backend: null, adapter: '', epochs: 0, batches: 0, epoch: 0, batch: 0, batchX: [], batchLoss: [], epochLoss: [], history: [], done: null, from: null };
}

export const defaultTrainWorker = (): WorkerLike =>
  new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;

export class TrainController extends StatusStore<TrainState> {
  metrics: TrainMetrics = emptyMetrics();
  /** Increases with each training (charts rebuild). */
  runId = 0;
  /** The weights file loaded (Load weights…): Evaluate tests it, Train starts from it. */
  loaded: LoadedWeights | null = null;
  /** Why the last file could not be loaded: the CLI's lines (`NAME: these weights do not fit …`, `error: PATH: …`). */
  loadProblem: string[] | null = null;
  /** The last Evaluate's result (cleared when a training starts). */
  evaluation: LoadedEvaluation | null = null;
  /** The spike data file Train and Evaluate use instead of the generated task (null: the task). */
  dataFile: LoadedDataFile | null = null;
  /** Why the last data file could not be read: the file and where (line, sample, dataset path). */
  dataProblem: string | null = null;
  /** Whether the last training or evaluation ran on the data file (its metrics have no IPD error). */
  ranOnFile = false;
  private evaluating: string | null = null;
  private worker: WorkerLike | null = null;
  /** What was trained: the document snapshot, its plan, and the hash of its text. */
  private snapshot: { doc: NetworkDocument; plan: TrainingPlan; sha256: Promise<string> } | null = null;

  constructor(private readonly createWorker: () => WorkerLike = defaultTrainWorker) { super('idle'); }

  get active(): boolean { return this.state === 'starting' || this.state === 'training' || this.state === 'stopping' || this.state === 'evaluating'; }

  /** Read a weights file for `doc` (text and file name) with the checks `snn evaluate --weights` makes. A file
   *  that does not fit changes nothing but `loadProblem`; a changed source only warns and loads. */
  async loadWeights(text: string, name: string, doc: NetworkDocument, overrides: TrainOverrides): Promise<{ ok: true; warnings: string[] } | { ok: false; lines: string[] }> {
    const fail = (lines: string[]) => { this.loadProblem = lines; this.emit(); return { ok: false as const, lines }; };
    if (this.active) return fail([`${name}: not loaded while training runs`]);
    const r = planTraining(doc, overrides);
    if (!r.ok) return fail([`${name}: this network cannot be trained`, ...diagnosticLines(r.diagnostics)]);
    const c = checkWeightsText(text, name, r.plan, await sha256Hex(documentText(doc)));
    if (!c.ok) return fail(c.lines);
    this.loaded = { name, file: c.file, warnings: c.warnings };
    this.loadProblem = null;
    this.emit();
    return { ok: true, warnings: c.warnings };
  }

  /** Read a spike data file (`name`, its bytes in `file`) for the tab: facts and preview, or `dataProblem` with
   *  the file and where. The previous file stays chosen when the new one cannot be read. */
  async loadDataFile(name: string, file: Blob): Promise<{ ok: true; file: LoadedDataFile } | { ok: false; message: string }> {
    if (this.active) return { ok: false, message: `${name}: not read while training runs` };
    try {
      const f = await openSpikeBytes(name, await file.arrayBuffer());
      try {
        const { facts, samples } = previewOf(f.source);
        this.dataFile = { name, file, facts, preview: samples };
      } finally { f.close(); }
      this.dataProblem = null;
      this.emit();
      return { ok: true, file: this.dataFile };
    } catch (e) {
      const message = e instanceof DatasetError ? e.message : `${name}: ${e instanceof Error ? e.message : String(e)}`;
      this.dataProblem = message;
      this.emit();
      return { ok: false, message };
    }
  }

  /** Train and Evaluate use the generated task again. */
  forgetDataFile() {
    if (this.active) return;
    this.dataFile = null; this.dataProblem = null;
    this.emit();
  }

  /** The chosen file for the worker; `useFile` (start, evaluate) says the document names it (data.file). */
  private dataFileMessage(testFraction: number): DataFileMessage | undefined {
    return this.dataFile ? { name: this.dataFile.name, file: this.dataFile.file, testFraction } : undefined;
  }

  /** Forget the loaded file: Train starts from the initial weights again. */
  unload() {
    if (this.active || !this.loaded) return;
    this.loaded = null; this.loadProblem = null; this.evaluation = null;
    this.emit();
  }

  /** Evaluate the loaded weights on the test set in the worker, on `backend`: `snn evaluate`'s numbers (the seed
   *  is the overridden one, else the one the weights were trained with, else the document's). */
  evaluate(doc: NetworkDocument, overrides: TrainOverrides, backend: TrainBackendKind, useFile?: { testFraction: number }): { ok: true } | { ok: false; diagnostics: Diagnostic[] } {
    const loaded = this.loaded;
    if (this.active || !loaded || (useFile && !this.dataFile)) return { ok: false, diagnostics: [] };
    const r = planTraining(doc, overrides);
    if (!r.ok) return { ok: false, diagnostics: r.diagnostics };
    const w = loadedWeightsFor(loaded.file, loaded.name, r.plan);
    if (!w.ok) { this.loadProblem = w.lines; this.emit(); return { ok: false, diagnostics: [] }; }
    const seed = overrides.seed ?? loaded.file.training?.seed ?? r.plan.config.seed;
    this.evaluating = loaded.name;
    this.evaluation = null;
    const dataFile = useFile ? this.dataFileMessage(useFile.testFraction) : undefined;
    this.ranOnFile = !!dataFile;
    this.spawn().postMessage({ type: 'evaluate', doc: structuredClone(doc), overrides, backend, weights: w.weights, seed, ...(dataFile ? { dataFile } : {}) });
    this.set('evaluating', `Evaluating ${loaded.name} on the ${backend.toUpperCase()}…`);
    return { ok: true };
  }

  private spawn(): WorkerLike {
    this.worker?.terminate();
    const w = this.createWorker();
    this.worker = w;
    w.onmessage = (e) => { if (this.worker === w) this.receive(e.data); };
    w.onerror = (e) => { if (this.worker === w) this.fail(`The training worker failed: ${e.message || 'unknown error'}`); };
    return w;
  }

  /** Start training a copy of `doc` (later edits do not reach it). Refused with the planner's diagnostics. */
  start(doc: NetworkDocument, overrides: TrainOverrides, backend: TrainBackendKind, useFile?: { testFraction: number }): { ok: true } | { ok: false; diagnostics: Diagnostic[] } {
    if (this.active || (useFile && !this.dataFile)) return { ok: false, diagnostics: [] };
    const r = planTraining(doc, overrides);
    if (!r.ok) return { ok: false, diagnostics: r.diagnostics };
    let initial: Float64Array[] | undefined;
    if (this.loaded) {
      const w = loadedWeightsFor(this.loaded.file, this.loaded.name, r.plan);
      if (!w.ok) { this.loadProblem = w.lines; this.emit(); return { ok: false, diagnostics: [] }; }
      initial = w.weights;
    }
    const snap = structuredClone(doc);
    const sha256 = sha256Hex(documentText(snap));
    sha256.catch(() => {}); // reported when exporting
    this.snapshot = { doc: snap, plan: r.plan, sha256 };
    const w = this.spawn();
    this.metrics = emptyMetrics();
    this.metrics.from = initial ? this.loaded!.name : null;
    this.evaluation = null;
    this.runId++;
    this.set('starting', `Starting on the ${backend.toUpperCase()}${initial ? ` from ${this.loaded!.name}` : ''}…`);
    const dataFile = useFile ? this.dataFileMessage(useFile.testFraction) : undefined;
    this.ranOnFile = !!dataFile;
    w.postMessage({ type: 'start', doc: snap, overrides, backend, ...(initial ? { initial } : {}), ...(dataFile ? { dataFile } : {}) });
    return { ok: true };
  }

  /** Stop after the current batch; the weights so far stay exportable. */
  stop() {
    if (this.state !== 'starting' && this.state !== 'training') return;
    this.worker?.postMessage({ type: 'stop' });
    this.set('stopping', 'Stopping after this batch…');
  }

  dispose() { this.worker?.terminate(); this.worker = null; }

  /** Forget a finished, stopped or failed training (another network was opened); refused while training. */
  reset(): boolean {
    if (this.active) return false;
    this.loaded = null; this.loadProblem = null; this.evaluation = null;
    if (this.state === 'idle' && !this.snapshot) { this.emit(); return true; }
    this.dispose();
    this.snapshot = null;
    this.metrics = emptyMetrics();
    this.runId++;
    this.set('idle', '');
    return true;
  }

  /** Whether a finished or stopped training has weights to export. */
  get canExport(): boolean { return !!this.metrics.done && !!this.snapshot; }

  /** The weights file of the last training, its suggested name and text (what `snn train --out` writes). */
  async exportFile(which: WeightsChoice = 'last'): Promise<{ name: string; text: string; file: WeightsFile }> {
    const done = this.metrics.done, snap = this.snapshot;
    if (!done || !snap) throw new Error('nothing trained yet: Train first');
    const rec: TrainRecord = { plan: snap.plan, backend: this.metrics.backend ?? 'cpu', adapter: this.metrics.adapter, history: this.metrics.history, done };
    const file = weightsFileOf(snap.doc, rec, which, await snap.sha256);
    return { name: suggestedWeightsName(snap.plan.network), text: `${JSON.stringify(file)}\n`, file };
  }

  /** Whether Apply to network has weights to apply: a finished or stopped training, else a loaded file. */
  get canApply(): boolean { return this.canExport || !!this.loaded; }

  /** The weights Apply to network writes into the document, as a weights file: the last training's (`which`,
   *  as Export weights chooses), else the loaded file's. `label` names them in messages. */
  async weightsToApply(which: WeightsChoice = 'last'): Promise<{ label: string; file: WeightsFile; origin: Omit<ApplyOrigin, 'training'> } | null> {
    if (this.canExport) return { label: `the ${which === 'best' && this.metrics.done?.best ? 'best epoch\'s' : 'last'} trained weights`, file: (await this.exportFile(which)).file, origin: { source: 'training', ...this.trainedOn() } };
    return this.loaded ? { label: this.loaded.name, file: this.loaded.file, origin: { source: 'weights_file', weightsFile: this.loaded.name } } : null;
  }

  /** The data set of the last training, for the applied document's provenance (the panel's overrides included). */
  private trainedOn(): { dataset?: { seed: number; train_samples: number; test_samples: number } } {
    const c = this.plan?.config;
    return c ? { dataset: { seed: c.seed, train_samples: c.trainSamples, test_samples: c.testSamples } } : {};
  }

  /** The plan of the last training (its summary stays shown while the document changes). */
  get plan(): TrainingPlan | null { return this.snapshot?.plan ?? null; }

  private receive(m: FromTrainWorker) {
    const d = this.metrics;
    switch (m.type) {
      case 'status': if (this.state === 'starting' || this.state === 'evaluating') this.set(this.state, m.message); break;
      case 'ready':
        d.backend = m.backend; d.adapter = m.adapter; d.epochs = m.epochs; d.batches = m.batches;
        if (this.state === 'starting') this.set('training', `Training on the ${m.backend === 'gpu' ? `GPU (${m.adapter})` : 'CPU'}`);
        else this.emit();
        break;
      case 'batch':
        d.epoch = m.event.epoch; d.batch = m.event.batch;
        d.batchX.push(d.batchX.length + 1); d.batchLoss.push(m.event.loss); d.epochLoss.push(null);
        this.emit();
        break;
      case 'epoch':
        d.history.push(m.event);
        if (d.epochLoss.length) d.epochLoss[d.epochLoss.length - 1] = m.event.loss;
        this.emit();
        break;
      case 'done': {
        d.done = m;
        const what = m.stopped === 'aborted' ? 'Stopped' : m.stopped === 'early' ? 'Stopped early (the test loss stopped improving)' : 'Finished';
        this.set(m.stopped === 'aborted' ? 'stopped' : 'finished',
          `${what}: ${m.epochsDone} epoch${m.epochsDone === 1 ? '' : 's'}, test ${(100 * m.test.accuracy).toFixed(1)} % in ${(m.wall_ms / 1000).toFixed(1)} s`);
        this.worker?.terminate(); this.worker = null;
        break;
      }
      case 'evaluated': {
        const name = this.evaluating ?? 'weights';
        this.evaluation = { name, backend: m.backend, adapter: m.adapter, seed: m.seed, testSamples: m.testSamples, test: m.test, wall_ms: m.wall_ms };
        this.set('evaluated', `Evaluated ${name}: test ${(100 * m.test.accuracy).toFixed(1)} % (${m.testSamples} samples, seed ${m.seed}) in ${(m.wall_ms / 1000).toFixed(1)} s`);
        this.worker?.terminate(); this.worker = null;
        break;
      }
      case 'error': this.fail(m.message); break;
    }
  }

  private fail(message: string) {
    this.set('error', message);
    this.worker?.terminate(); this.worker = null;
  }
}
