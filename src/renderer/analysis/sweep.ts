// The IPD sweep as the app runs it: one worker (./sweep.worker.ts) per sweep, the points as they arrive, the
// mean error (the tutorial's figure of merit), cancel. Subscribable (useSyncExternalStore). Reusable: the run
// results' analysis area and Learn mode's lesson 3 each hold one (see ./IpdSweep.tsx for the panel).
import { meanErrorDeg, type SweepPoint } from '../../shared/analysis/ipd';
import type { NetworkDocument } from '../../shared/graph';
import type { FromSweepWorker, SweepRequest } from './sweep-protocol';
import { StatusStore } from '../app/status-store';

export type SweepState = 'idle' | 'running' | 'finished' | 'cancelled' | 'error';

/** Makes the sweep's worker (tests pass a stand-in). */
export type SweepWorkerFactory = () => Worker;
const defaultWorker: SweepWorkerFactory = () => new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module' });

export class SweepController extends StatusStore<SweepState> {
  points: SweepPoint[] = [];
  total = 0;
  private worker: Worker | null = null;

  constructor(private readonly makeWorker: SweepWorkerFactory = defaultWorker) { super('idle'); }

  /** Mean circular error over the runs so far (degrees; NaN before the first). */
  get meanErrorDeg(): number { return meanErrorDeg(this.points); }
  get running(): boolean { return this.state === 'running'; }

  /** Starts a sweep of `doc` (a coincidence detector, ../../shared/analysis/ipd.ts), replacing any other. */
  start(doc: NetworkDocument, req: Omit<SweepRequest, 'doc'>) {
    this.stopWorker();
    this.points = [];
    this.total = req.ipdsDeg.length * req.seeds;
    const w = this.makeWorker();
    this.worker = w;
    w.onmessage = (e: MessageEvent<FromSweepWorker>) => this.receive(e.data);
    w.onerror = (e) => { this.stopWorker(); this.set('error', `The sweep worker failed: ${e.message || 'unknown error'}`); };
    w.postMessage({ type: 'start', doc, ...req });
    this.set('running', '');
  }

  /** Stops a running sweep; the runs done so far stay (and their mean error). */
  cancel() {
    if (this.state !== 'running') return;
    this.stopWorker();
    this.set('cancelled', `Cancelled after ${this.points.length} of ${this.total} runs`);
  }

  /** Forgets the sweep (another network was opened). */
  reset() {
    this.stopWorker();
    this.points = [];
    this.total = 0;
    this.set('idle', '');
  }

  dispose() { this.stopWorker(); }

  private receive(m: FromSweepWorker) {
    switch (m.type) {
      case 'point': this.points = [...this.points, m.point]; this.total = m.total; this.emit(); break;
      case 'finished': this.stopWorker(); this.set('finished', ''); break;
      case 'error': this.stopWorker(); this.set('error', m.message); break;
    }
  }

  private stopWorker() {
    if (!this.worker) return;
    this.worker.onmessage = null;
    this.worker.terminate();
    this.worker = null;
  }
}
