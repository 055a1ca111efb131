// What a training backend (CPU reference, WebGPU) offers the trainer loop: one optimisation step on a batch,
// a forward-only evaluation, and the current weights and optimiser state (for checkpoints and export).
import type { OptimizerState } from './optimizer';

export interface BatchData {
  B: number;
  /** Input spikes [b][t][i], 1 = spike. */
  x: Uint8Array;
  labels: Int32Array;
  /** True IPD of each sample, radians (regression target; error in degrees). */
  ipd: Float64Array;
}

export interface BatchResult {
  /** Mean loss over the batch, with the spike regulariser's term. */
  loss: number;
  /** Readout value per sample and output (B×K): logits (classification) or the IPD (regression). */
  m: ArrayLike<number>;
  /** Spikes emitted in the batch by each layer (0 for the readout when it does not spike). */
  spikes: number[];
}

export interface TrainBackend {
  readonly kind: 'cpu' | 'gpu';
  /** The adapter's name, or 'cpu'. */
  readonly adapter: string;
  /**
   * The batch's arrays are read before the returned promise resolves (not kept, not transferred): the trainer
   * then reuses them for its next batch (trainer.ts `batchOf`).
   */
  trainStep(batch: BatchData): Promise<BatchResult>;
  /** As trainStep: the batch is read before the promise resolves. */
  evaluate(batch: BatchData): Promise<BatchResult>;
  getWeights(): Promise<Float64Array[]>;
  getOptimizerState(): Promise<OptimizerState>;
  dispose(): void;
}
