// The CPU training backend: loss and gradients of a batch (./cpu-model.ts + ./loss.ts) and the optimiser
// step, behind the TrainBackend interface the trainer loop drives. Also the reference the GPU is tested on.
import { backwardBatch, forwardBatch, type ModelOptions } from './cpu-model';
import { gradThroughReduction, lossOfReadout, reduceOverTime, reductionOf } from './loss';
import { newOptimizerState, optimizerStep, type OptimizerState } from './optimizer';
import { clampTaus, trainableList } from './params';
import type { TrainingPlan } from './plan';
import type { BatchData, BatchResult, TrainBackend } from './backend';
import { combineParts, sliceBatch, splitRanges } from './batch-split';

export interface BatchGradients extends BatchResult {
  grads: Float64Array[];
}

/** Loss (incl. the spike regulariser), readout values m (B×K), hidden spike totals, and all gradients. */
export function lossAndGradients(plan: TrainingPlan, weights: Float64Array[], batch: BatchData, opts: ModelOptions & { noGrad?: boolean } = {}): BatchGradients {
  const { B } = batch, T = plan.steps;
  const traces = forwardBatch(plan, weights, batch.x, B, opts);
  const last = plan.layers[plan.layers.length - 1], K = last.size;
  const r = reductionOf(plan.config.loss);
  // The readout's time-major trace as it is (no reorder).
  const { m, argT } = reduceOverTime(traces[traces.length - 1].lanesOut, B, T, K, r, true);
  const { loss, gm } = lossOfReadout(plan.config.loss, m, B, K, batch.labels, batch.ipd);
  // Spike values are 0/1: their sum is exact in any order, so the time-major values (or their events) serve.
  const spikes = plan.layers.map((l, i) => (l.kind === 'lif' ? traces[i].total() : 0));
  const lambda = plan.config.spikeRegularizer;
  const hiddenSpikes = spikes.slice(0, -1).reduce((a, s) => a + s, 0);
  const total = loss + (lambda * hiddenSpikes) / B;
  if (opts.noGrad) return { loss: total, m, spikes, grads: [] };
  const gLast = gradThroughReduction(gm, argT, B, T, K, r, true, traces[traces.length - 1].gradientRoom);
  const grads = backwardBatch(plan, weights, batch.x, traces, gLast, B, lambda / B, opts);
  return { loss: total, m, spikes, grads };
}


/**
 * Another thread that computes `lossAndGradients` on part of a batch (in Node: src/cli/train-threads.ts). The
 * backend keeps one part for its own thread and combines the parts (./batch-split.ts).
 */
export interface GradientHelper {
  compute(weights: readonly Float64Array[], batch: BatchData, noGrad: boolean): Promise<BatchGradients>;
  dispose(): void;
}

export class CpuBackend implements TrainBackend {
  readonly kind = 'cpu' as const;
  readonly adapter = 'cpu';
  private readonly trainable: boolean[];
  private opt: OptimizerState;
  /** How many trained τ values the clamp has moved back into range so far (plan.trainTau). */
  tauClamped = 0;

  constructor(private readonly plan: TrainingPlan, private weights: Float64Array[], opt?: OptimizerState, private readonly helpers: readonly GradientHelper[] = []) {
    this.trainable = trainableList(plan);
    this.opt = opt ?? newOptimizerState(plan.config.optimizer, weights.map((w) => w.length));
  }

  /** Threads computing, this one included. */
  get threads(): number { return this.helpers.length + 1; }

  /** The batch split across the helpers and this thread (this thread computes while they do), then combined. */
  private async compute(batch: BatchData, noGrad: boolean): Promise<BatchGradients> {
    const ranges = splitRanges(batch.B, this.helpers.length + 1);
    if (ranges.length === 1) return lossAndGradients(this.plan, this.weights, batch, { noGrad });
    const perSample = batch.x.length / batch.B;
    const pending = ranges.slice(1).map(([a, b], k) => this.helpers[k].compute(this.weights, sliceBatch(batch, a, b, perSample), noGrad));
    const own = lossAndGradients(this.plan, this.weights, sliceBatch(batch, ranges[0][0], ranges[0][1], perSample), { noGrad });
    return combineParts([own, ...(await Promise.all(pending))], ranges.map(([a, b]) => b - a));
  }

  async trainStep(batch: BatchData): Promise<BatchResult> {
    const r = await this.compute(batch, false);
    optimizerStep(this.opt, this.weights, r.grads, this.trainable, this.plan.config.lr, this.plan.config.momentum);
    // Trained τ stay in the catalogue's range (docs/training.md, "Trainable time constants").
    this.tauClamped += clampTaus(this.plan, this.weights);
    return { loss: r.loss, m: r.m, spikes: r.spikes };
  }

  async evaluate(batch: BatchData): Promise<BatchResult> {
    const r = await this.compute(batch, true);
    return { loss: r.loss, m: r.m, spikes: r.spikes };
  }

  async getWeights(): Promise<Float64Array[]> { return this.weights.map((w) => w.slice()); }
  async getOptimizerState(): Promise<OptimizerState> {
    return { ...this.opt, m: this.opt.m.map((a) => a.slice()), v: this.opt.v.map((a) => a.slice()) };
  }
  dispose(): void { for (const h of this.helpers) h.dispose(); }
}
