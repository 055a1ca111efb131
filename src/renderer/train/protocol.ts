// Messages between the training controller (UI thread) and the training worker: start/stop in; the backend
// chosen, per-batch loss, per-epoch metrics, the final (and best) weights, and errors out.
import type { NetworkDocument } from '../../shared/graph';
import type { BatchEvent, EpochEvent, EvalMetrics, TrainConfig } from '../../shared/training';

export type TrainBackendKind = 'gpu' | 'cpu';

/** What the panel lets a user override (the rest comes from the document's training block). */
export type TrainOverrides = Partial<Pick<TrainConfig, 'epochs' | 'lr' | 'batchSize' | 'seed' | 'trainSamples' | 'testSamples'>>;

export type ToTrainWorker =
  /** `doc`: a snapshot of the document (the worker never sees later edits). */
  | { type: 'start'; doc: NetworkDocument; overrides: TrainOverrides; backend: TrainBackendKind }
  /** Stop after the current batch; the worker then evaluates and posts 'done' with the weights so far. */
  | { type: 'stop' };

/** Weights in the plan's order (weightList), row-major [pre][post]. */
export type WeightArrays = Float64Array[];

export interface TrainDone {
  type: 'done';
  stopped: 'done' | 'aborted' | 'early';
  epochsDone: number;
  /** The weights when training ended (after the last batch run). */
  weights: WeightArrays;
  /** The weights after the epoch with the lowest test loss, when an epoch completed. */
  best?: { epoch: number; weights: WeightArrays };
  /** Full evaluations at the end (the training set, and the test set). */
  train: EvalMetrics;
  test: EvalMetrics;
  wall_ms: number;
}

export type FromTrainWorker =
  /** A step of the preparation (data generation, kernel compilation), for the status line. */
  | { type: 'status'; message: string }
  /** Training starts: the backend that runs it and the batches of one epoch. */
  | { type: 'ready'; backend: TrainBackendKind; adapter: string; batches: number; epochs: number; trainSamples: number; testSamples: number }
  | { type: 'batch'; event: BatchEvent }
  | { type: 'epoch'; event: EpochEvent }
  | TrainDone
  | { type: 'error'; message: string };
