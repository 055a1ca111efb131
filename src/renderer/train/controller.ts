// The training controller on the UI thread: plans a snapshot of the document, starts the training worker,
// sends Stop, gathers the batch losses and epoch metrics it posts for the charts, and builds the weights file
// to export. Subscribable like the run controller; the worker is injectable for tests.
import type { Diagnostic, NetworkDocument } from '../../shared/graph';
import { planTraining, type EpochEvent, type TrainingPlan } from '../../shared/training';
import type { WeightsFile } from '../../shared/io/weights';
import { documentText, sha256Hex, suggestedWeightsName, weightsFileOf, type TrainRecord, type WeightsChoice } from './export';
import type { FromTrainWorker, ToTrainWorker, TrainBackendKind, TrainDone, TrainOverrides } from './protocol';

export type TrainState = 'idle' | 'starting' | 'training' | 'stopping' | 'finished' | 'stopped' | 'error';

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
}

function emptyMetrics(): TrainMetrics {
  return { backend: null, adapter: '', epochs: 0, batches: 0, epoch: 0, batch: 0, batchX: [], batchLoss: [], epochLoss: [], history: [], done: null };
}

export const defaultTrainWorker = (): WorkerLike =>
  new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;

export class TrainController {
  state: TrainState = 'idle';
  message = '';
  metrics: TrainMetrics = emptyMetrics();
  /** Increases on every change, for useSyncExternalStore. */
  version = 0;
  /** Increases with each training (charts rebuild). */
  runId = 0;
  private worker: WorkerLike | null = null;
  private listeners = new Set<() => void>();
  /** What was trained: the document snapshot, its plan, and the hash of its text. */
  private snapshot: { doc: NetworkDocument; plan: TrainingPlan; sha256: Promise<string> } | null = null;

  constructor(private readonly createWorker: () => WorkerLike = defaultTrainWorker) {}

  subscribe = (l: () => void) => { this.listeners.add(l); return () => { this.listeners.delete(l); }; };

  get active(): boolean { return this.state === 'starting' || this.state === 'training' || this.state === 'stopping'; }

  /** Start training a copy of `doc` (later edits do not reach it). Refused with the planner's diagnostics. */
  start(doc: NetworkDocument, overrides: TrainOverrides, backend: TrainBackendKind): { ok: true } | { ok: false; diagnostics: Diagnostic[] } {
    if (this.active) return { ok: false, diagnostics: [] };
    const r = planTraining(doc, overrides);
    if (!r.ok) return { ok: false, diagnostics: r.diagnostics };
    const snap = structuredClone(doc);
    const sha256 = sha256Hex(documentText(snap));
    sha256.catch(() => {}); // reported when exporting
    this.snapshot = { doc: snap, plan: r.plan, sha256 };
    this.worker?.terminate();
    const w = this.createWorker();
    this.worker = w;
    w.onmessage = (e) => { if (this.worker === w) this.receive(e.data); };
    w.onerror = (e) => { if (this.worker === w) this.fail(`The training worker failed: ${e.message || 'unknown error'}`); };
    this.metrics = emptyMetrics();
    this.runId++;
    this.set('starting', `Starting on the ${backend.toUpperCase()}…`);
    w.postMessage({ type: 'start', doc: snap, overrides, backend });
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
    if (this.state === 'idle' && !this.snapshot) return true;
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

  /** The plan of the last training (its summary stays shown while the document changes). */
  get plan(): TrainingPlan | null { return this.snapshot?.plan ?? null; }

  private receive(m: FromTrainWorker) {
    const d = this.metrics;
    switch (m.type) {
      case 'status': if (this.state === 'starting') this.set('starting', m.message); break;
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
      case 'error': this.fail(m.message); break;
    }
  }

  private fail(message: string) {
    this.set('error', message);
    this.worker?.terminate(); this.worker = null;
  }

  private set(state: TrainState, message: string) {
    this.state = state;
    this.message = message;
    this.emit();
  }

  private emit() {
    this.version++;
    for (const l of [...this.listeners]) l();
  }
}
