// State of the Training tab's "Check in the engine" (./engine-check.ts): idle → running (progress) → done
// (result) | error | cancelled. One worker per check; Cancel terminates it at once (the engine's sample loop
// never needs to see a message), so a cancelled check leaves nothing running.
import type { NetworkDocument } from '../../shared/graph';
import type { EngineCheckMessage, EngineCheckRequest, EngineCheckResult } from './engine-check';
import type { TrainOverrides } from './protocol';

export interface CheckWorkerLike {
  postMessage(m: EngineCheckRequest): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<EngineCheckMessage>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

export const defaultCheckWorker = (): CheckWorkerLike =>
  new Worker(new URL('./engine-check.worker.ts', import.meta.url), { type: 'module' }) as unknown as CheckWorkerLike;

export type EngineCheckState =
  | { kind: 'idle' }
  | { kind: 'running'; phase: 'trainer' | 'engine'; done: number; count: number }
  | { kind: 'done'; result: EngineCheckResult }
  | { kind: 'error'; message: string }
  | { kind: 'cancelled'; done: number; count: number };

export class EngineCheckController {
  state: EngineCheckState = { kind: 'idle' };
  private worker: CheckWorkerLike | null = null;
  private listeners = new Set<() => void>();

  constructor(private readonly createWorker: () => CheckWorkerLike = defaultCheckWorker) {}

  subscribe(f: () => void): () => void { this.listeners.add(f); return () => { this.listeners.delete(f); }; }
  get running(): boolean { return this.state.kind === 'running'; }

  start(doc: NetworkDocument, overrides: TrainOverrides): void {
    this.stopWorker();
    const w = this.createWorker();
    this.worker = w;
    w.onmessage = (e) => { if (this.worker === w) this.receive(e.data); };
    w.onerror = (e) => { if (this.worker === w) { this.stopWorker(); this.set({ kind: 'error', message: e.message || 'the engine check stopped unexpectedly' }); } };
    this.set({ kind: 'running', phase: 'trainer', done: 0, count: 0 });
    w.postMessage({ type: 'check', doc, overrides });
  }

  cancel(): void {
    if (this.state.kind !== 'running') return;
    const { done, count } = this.state;
    this.stopWorker();
    this.set({ kind: 'cancelled', done: this.state.phase === 'engine' ? done : 0, count });
  }

  dispose(): void { this.stopWorker(); this.listeners.clear(); }

  private receive(m: EngineCheckMessage) {
    if (m.type === 'progress') this.set({ kind: 'running', phase: m.phase, done: m.done, count: m.count });
    else if (m.type === 'result') { this.stopWorker(); this.set({ kind: 'done', result: m.result }); }
    else { this.stopWorker(); this.set({ kind: 'error', message: m.message }); }
  }

  private stopWorker() {
    const w = this.worker;
    this.worker = null;
    if (w) { w.onmessage = null; w.onerror = null; w.terminate(); }
  }

  private set(s: EngineCheckState) { this.state = s; for (const f of this.listeners) f(); }
}
