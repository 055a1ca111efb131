// The training loop, the same for every backend: epochs of shuffled batches, evaluation on the test set,
// metrics streamed through callbacks (the CLI's --metrics lines, the app's training panel), stop on request
// or early stopping. Takes a plan, a backend and the data sets; gives the trained state and its history.
import { generateDataset, type SoundDataset } from '../tasks/sound-localisation';
import type { FileSplit } from '../tasks/spike-files';
import type { BatchData, TrainBackend } from './backend';
import { decode } from './loss';
import type { OptimizerState } from './optimizer';
import { epochPermutation } from './params';
import type { TrainingPlan } from './plan';

export interface EvalMetrics {
  loss: number;
  accuracy: number;
  mean_abs_error_deg: number;
  /** confusion[true class][predicted class], sample counts. */
  confusion: number[][];
  /** Mean spikes per sample, by layer id (spiking layers only). */
  spike_counts: Record<string, number>;
}

export interface BatchEvent { epoch: number; batch: number; batches: number; loss: number }

export interface EpochEvent {
  epoch: number;
  epochs: number;
  /** Mean training loss over the epoch's batches. */
  loss: number;
  /** Accuracy on the training batches as they were trained (weights change within the epoch). */
  train_accuracy: number;
  test: EvalMetrics;
  wall_ms: number;
}

export interface TrainCallbacks {
  onBatch?: (e: BatchEvent) => void;
  onEpoch?: (e: EpochEvent) => void | Promise<void>;
  /** Checked between batches: training stops after the current batch, leaving consistent weights. */
  signal?: { readonly aborted: boolean };
  /** Awaited after each batch so the host can handle events (Ctrl-C, UI) while the CPU backend computes. */
  yieldToHost?: () => Promise<void>;
  /** A sign of trouble that does not stop training (the loss grew LOSS_GROWTH_WARNING× its first value). */
  onWarning?: (message: string) => void;
}

/** A batch loss this many times the first batch's is worth a warning: the learning rate is likely too high. */
export const LOSS_GROWTH_WARNING = 1000;

/** A sound-localisation set (generated, dense) or a split of a spike data file (binned per batch). */
export type SampleSet = SoundDataset | FileSplit;
export interface TrainData { train: SampleSet; test: SampleSet }

export interface TrainResult {
  weights: Float64Array[];
  optimizer: OptimizerState;
  /** Epochs fully completed (including those before a resume). */
  epochsDone: number;
  history: EpochEvent[];
  stopped: 'done' | 'aborted' | 'early';
  train: EvalMetrics;
  test: EvalMetrics;
  wall_ms: number;
}

/** The training and test sets of a plan (the seed reproduces them exactly). */
export function makeData(plan: TrainingPlan): TrainData {
  const c = plan.config;
  return {
    train: generateDataset(plan.sound, c.seed, 'train', c.trainSamples, c.classes),
    test: generateDataset(plan.sound, c.seed, 'test', c.testSamples, c.classes),
  };
}

/** Where `batchOf` may write a batch's input spikes: kept by a caller across its batches (grown as needed). */
export interface BatchRoom { x: Uint8Array }

/**
 * Copy samples `idx` of a data set into one batch. With `room`, its input spikes are a view of the room's
 * array (every byte written), valid until the room's next use: the training loop reuses one array for all its
 * batches instead of a fresh ~1.3 MB per tutorial batch (garbage, docs/benchmarks.md); a backend reads a
 * batch's spikes before its step or evaluation resolves (backend.ts).
 */
export function batchOf(d: SampleSet, idx: ArrayLike<number>, room?: BatchRoom): BatchData {
  const B = idx.length, row = d.steps * d.inputs;
  if (room && room.x.length < B * row) room.x = new Uint8Array(B * row);
  const x = room ? room.x.subarray(0, B * row) : new Uint8Array(B * row), labels = new Int32Array(B), ipd = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    const s = idx[b];
    if ('fill' in d) d.fill(s, x, b * row);
    else x.set(d.spikes.subarray(s * row, (s + 1) * row), b * row);
    labels[b] = d.labels[s]; ipd[b] = d.ipd[s];
  }
  return { B, x, labels, ipd };
}

/** Train from epoch `startEpoch` (0, or the checkpoint's count on resume) to the configured number. */
export async function train(plan: TrainingPlan, backend: TrainBackend, data: TrainData, cb: TrainCallbacks = {}, startEpoch = 0): Promise<TrainResult> {
  const c = plan.config, t0 = Date.now();
  const batches = Math.floor(c.trainSamples / c.batchSize);
  const history: EpochEvent[] = [];
  let stopped: TrainResult['stopped'] = 'done', best = Infinity, since = 0, epochsDone = startEpoch;
  let firstLoss: number | undefined, warned = false;
  const room: BatchRoom = { x: new Uint8Array(0) };
  for (let epoch = startEpoch; epoch < c.epochs; epoch++) {
    const te = Date.now();
    const perm = epochPermutation(c.trainSamples, c.seed, epoch);
    let lossSum = 0, correct = 0, seen = 0;
    for (let bi = 0; bi < batches; bi++) {
      if (cb.signal?.aborted) { stopped = 'aborted'; break; }
      const batch = batchOf(data.train, perm.subarray(bi * c.batchSize, (bi + 1) * c.batchSize), room);
      const r = await backend.trainStep(batch);
      if (!Number.isFinite(r.loss)) throw new TrainingDiverged(`the loss became ${r.loss} at epoch ${epoch + 1}, batch ${bi + 1}: lower the learning rate`);
      firstLoss ??= r.loss;
      if (!warned && firstLoss > 0 && r.loss > LOSS_GROWTH_WARNING * firstLoss) {
        warned = true;
        cb.onWarning?.(`the training loss grew from ${firstLoss.toPrecision(4)} to ${r.loss.toPrecision(4)} (over ${LOSS_GROWTH_WARNING}×) by epoch ${epoch + 1}, batch ${bi + 1}: the learning rate may be too high`);
      }
      lossSum += r.loss;
      const { cls } = decode(c, r.m, batch.B, plan.layers[plan.layers.length - 1].size);
      for (let b = 0; b < batch.B; b++) if (cls[b] === batch.labels[b]) correct++;
      seen += batch.B;
      cb.onBatch?.({ epoch: epoch + 1, batch: bi + 1, batches, loss: r.loss });
      await cb.yieldToHost?.();
    }
    if (stopped === 'aborted') break;
    epochsDone = epoch + 1;
    const test = checkFiniteMetrics(await evaluate(plan, backend, data.test), `epoch ${epoch + 1}, test set`);
    const ev: EpochEvent = { epoch: epoch + 1, epochs: c.epochs, loss: lossSum / batches, train_accuracy: correct / seen, test, wall_ms: Date.now() - te };
    if (!Number.isFinite(ev.loss)) throw new TrainingDiverged(`the mean training loss of epoch ${epoch + 1} became ${ev.loss}: lower the learning rate`);
    history.push(ev);
    await cb.onEpoch?.(ev);
    if (c.earlyStoppingPatience > 0) {
      if (test.loss < best - 1e-6) { best = test.loss; since = 0; } else if (++since >= c.earlyStoppingPatience) { stopped = 'early'; break; }
    }
  }
  const trainEval = checkFiniteMetrics(await evaluate(plan, backend, data.train), 'final evaluation, training set');
  const testEval = history.length && stopped !== 'aborted' ? history[history.length - 1].test : checkFiniteMetrics(await evaluate(plan, backend, data.test), 'final evaluation, test set');
  return {
    weights: await backend.getWeights(), optimizer: await backend.getOptimizerState(), epochsDone, history, stopped,
    train: trainEval, test: testEval, wall_ms: Date.now() - t0,
  };
}

/** Forward-only metrics on a whole data set, in batches of the configured size (last one may be smaller). */
export async function evaluate(plan: TrainingPlan, backend: TrainBackend, d: SampleSet): Promise<EvalMetrics> {
  const c = plan.config, K = plan.layers[plan.layers.length - 1].size;
  const confusion = Array.from({ length: c.classes }, () => new Array<number>(c.classes).fill(0));
  const spikes = plan.layers.map(() => 0);
  let loss = 0, correct = 0, err = 0;
  const room: BatchRoom = { x: new Uint8Array(0) };
  for (let s = 0; s < d.count; s += c.batchSize) {
    const idx = Array.from({ length: Math.min(c.batchSize, d.count - s) }, (_, i) => s + i);
    const batch = batchOf(d, idx, room);
    const r = await backend.evaluate(batch);
    loss += r.loss * batch.B;
    r.spikes.forEach((n, i) => { spikes[i] += n; });
    const dec = decode(c, r.m, batch.B, K);
    for (let b = 0; b < batch.B; b++) {
      if (dec.cls[b] === batch.labels[b]) correct++;
      confusion[batch.labels[b]][dec.cls[b]]++;
      err += (Math.abs(dec.ipd[b] - batch.ipd[b]) * 180) / Math.PI;
    }
  }
  const spike_counts: Record<string, number> = {};
  plan.layers.forEach((l, i) => { if (l.kind === 'lif') spike_counts[l.id] = spikes[i] / d.count; });
  return { loss: loss / d.count, accuracy: correct / d.count, mean_abs_error_deg: err / d.count, confusion, spike_counts };
}

/** The loss is not a finite number: the CLI maps it to exit 4 (numerical divergence). */
export class TrainingDiverged extends Error {}

/** `m` unchanged when its loss, accuracy and IPD error are finite; else TrainingDiverged naming `where`. */
export function checkFiniteMetrics(m: EvalMetrics, where: string): EvalMetrics {
  for (const [name, v] of [['loss', m.loss], ['accuracy', m.accuracy], ['mean |IPD error|', m.mean_abs_error_deg]] as const) {
    if (!Number.isFinite(v)) throw new TrainingDiverged(`${where}: the ${name} became ${v} (the weights or the network's values overflow)`);
  }
  return m;
}
