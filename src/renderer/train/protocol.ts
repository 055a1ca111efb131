// Messages between the training controller (UI thread) and the training worker: start (from the initial or
// loaded weights), stop and evaluate in; the backend chosen, per-batch loss, per-epoch metrics, the final (and
// best) weights, an evaluation's metrics, and errors out.
import type { NetworkDocument } from '../../shared/graph';
import type { BatchEvent, EpochEvent, EvalMetrics, TrainConfig } from '../../shared/training';

export type TrainBackendKind = 'gpu' | 'cpu';

/** What the panel lets a user override (the rest comes from the document's training block). */
export type TrainOverrides = Partial<Pick<TrainConfig, 'epochs' | 'lr' | 'batchSize' | 'seed' | 'trainSamples' | 'testSamples'>>;

/** A spike data file to train or evaluate on instead of the generated task (docs/training.md, "Your own data"):
 *  the worker reads it from the Blob (a File passes to a worker without copying its bytes). */
export interface DataFileMessage { name: string; file: Blob; testFraction: number }

export type ToTrainWorker =
  /** `doc`: a snapshot of the document (the worker never sees later edits); `initial`: loaded weights to start
   *  from instead of the seed's initial ones (a fresh optimiser, epochs counted from 1). */
  | { type: 'start'; doc: NetworkDocument; overrides: TrainOverrides; backend: TrainBackendKind; initial?: WeightArrays; dataFile?: DataFileMessage }
  /** Test-set metrics of `weights` (a loaded file's), as `snn evaluate` computes them: the data set of `seed`. */
  | { type: 'evaluate'; doc: NetworkDocument; overrides: TrainOverrides; backend: TrainBackendKind; weights: WeightArrays; seed: number; dataFile?: DataFileMessage }
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
  /** The answer to 'evaluate'. */
  | { type: 'evaluated'; backend: TrainBackendKind; adapter: string; seed: number; testSamples: number; test: EvalMetrics; wall_ms: number }
  | { type: 'error'; message: string };
