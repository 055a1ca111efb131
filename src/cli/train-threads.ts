// Worker threads that compute the CPU trainer's loss and gradients on part of each batch (issue #14 item 4:
// "two threads"). The CPU backend splits a batch, keeps one part on the main thread and combines the parts
// (src/shared/training/batch-split.ts). Each worker builds nothing itself: it receives the training plan once
// (plain data) and, per batch part, the current weights and that part's samples.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BatchData } from '../shared/training/backend';
import type { BatchGradients, GradientHelper } from '../shared/training/cpu-backend';
import type { TrainingPlan } from '../shared/training/plan';

/** Messages to and from src/cli/train-worker.ts. */
export type WorkerRequest =
  | { kind: 'plan'; plan: TrainingPlan }
  | { kind: 'compute'; id: number; weights: Float64Array[]; batch: BatchData; noGrad: boolean };
export type WorkerReply =
  | { id: number; ok: true; result: { loss: number; m: Float64Array; spikes: number[]; grads: Float64Array[] } }
  | { id: number; ok: false; message: string };

/**
 * Below this many samples per thread a second thread costs more (messages, a second JIT warm-up, copies) than it
 * saves: measured on the tutorial network since the trainer's WebAssembly kernels made a batch cheap — two threads
 * lost at batch 16, broke even at 32 and won at 64 (docs/benchmarks.md, "CPU trainer: threads per batch size").
 */
export const MIN_SAMPLES_PER_THREAD = 32;

/** `--threads auto`: two threads where the machine has two cores and the batch is big enough, else one. */
export function autoThreads(batchSize: number, cores = availableParallelism()): number {
  return Math.max(1, Math.min(2, cores, Math.floor(batchSize / MIN_SAMPLES_PER_THREAD)));
}

class WorkerHelper implements GradientHelper {
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (r: BatchGradients) => void; reject: (e: Error) => void }>();
  private failed: Error | null = null;

  constructor(private readonly worker: Worker) {
    worker.on('message', (r: WorkerReply) => {
      const w = this.waiting.get(r.id);
      if (!w) return;
      this.waiting.delete(r.id);
      if (r.ok) w.resolve(r.result);
      else w.reject(new Error(r.message));
    });
    const fail = (e: Error) => {
      this.failed = e;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => { if (code !== 0) fail(new Error(`a training thread exited with code ${code}`)); });
  }

  compute(weights: readonly Float64Array[], batch: BatchData, noGrad: boolean): Promise<BatchGradients> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // The part's own copies: structured clone copies a view's whole buffer, so a subarray of the batch would
      // send every sample; slice() sends only this part's. The weights are cloned as they are (the caller keeps its own).
      const part: BatchData = { B: batch.B, x: batch.x.slice(), labels: batch.labels.slice(), ipd: batch.ipd.slice() };
      const req: WorkerRequest = { kind: 'compute', id, weights: [...weights], batch: part, noGrad };
      this.worker.postMessage(req);
    });
  }

  dispose(): void { void this.worker.terminate(); }
}

/** `threads − 1` worker threads for the CPU backend (the calling thread is the first of `threads`). */
export function gradientHelpers(plan: TrainingPlan, threads: number): GradientHelper[] {
  const helpers: GradientHelper[] = [];
  for (let i = 1; i < threads; i++) {
    // The entry registers the TypeScript loader in the worker before importing train-worker.ts (as bin/snn.mjs
    // does for the main thread); the worker does not keep the process alive once the main thread is done.
    const worker = new Worker(new URL('./train-worker-entry.mjs', import.meta.url));
    worker.unref();
    const req: WorkerRequest = { kind: 'plan', plan };
    worker.postMessage(req);
    helpers.push(new WorkerHelper(worker));
  }
  return helpers;
}
