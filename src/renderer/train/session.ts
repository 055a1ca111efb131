// The training worker's work, without the worker: plan the snapshot, make the data sets, create the backend
// (CPU, or the GPU through a factory the worker gives), run the shared training loop, and post its events.
// Keeps the weights of the epoch with the lowest test loss beside the last ones. Testable in Node (CPU).
import {
  CpuBackend, TrainingDiverged, initWeights, makeData, planTraining, train, type TrainBackend, type TrainingPlan,
} from '../../shared/training';
import { GpuPlanError } from '../../shared/training/gpu/gpu-backend';
import { diagnosticLines } from './overrides';
import type { FromTrainWorker, ToTrainWorker, WeightArrays } from './protocol';

export interface SessionDeps {
  post(m: FromTrainWorker): void;
  /** The GPU backend on the worker's own device; throws with a sentence when there is none. */
  createGpu?(plan: TrainingPlan, weights: Float64Array[]): Promise<TrainBackend>;
  /** Awaited between batches so a 'stop' message is handled while the CPU backend computes. */
  yieldToHost?(): Promise<void>;
}

/** The message for an error of the trainer or the GPU, said for a person. */
export function describeTrainingError(e: unknown): string {
  if (e instanceof TrainingDiverged) return `Training diverged: ${e.message}`;
  if (e instanceof GpuPlanError) return `This network does not fit the GPU: ${e.message}`;
  const msg = e instanceof Error ? e.message : String(e);
  if (/device was lost/i.test(msg)) return `${msg[0].toUpperCase()}${msg.slice(1)}: train again, or choose the CPU backend`;
  return `Training failed: ${msg}`;
}

export class TrainSession {
  private readonly signal = { aborted: false };
  private running = false;

  constructor(private readonly deps: SessionDeps) {}

  async handle(m: ToTrainWorker): Promise<void> {
    if (m.type === 'stop') { this.signal.aborted = true; return; }
    if (this.running) return;
    this.running = true;
    this.signal.aborted = false;
    const { post } = this.deps;
    let backend: TrainBackend | undefined;
    try {
      const r = planTraining(m.doc, m.overrides);
      if (!r.ok) {
        post({ type: 'error', message: `This network cannot be trained:\n${diagnosticLines(r.diagnostics).join('\n')}` });
        return;
      }
      const plan = r.plan, c = plan.config;
      post({ type: 'status', message: `Generating ${c.trainSamples} + ${c.testSamples} samples…` });
      const data = makeData(plan);
      const weights = initWeights(plan, c.seed);
      if (m.backend === 'gpu') {
        if (!this.deps.createGpu) throw new Error('no GPU backend in this host: choose the CPU backend');
        post({ type: 'status', message: 'Compiling the training kernels…' });
        backend = await this.deps.createGpu(plan, weights);
      } else backend = new CpuBackend(plan, weights);
      const be = backend;
      post({ type: 'ready', backend: be.kind, adapter: be.adapter, batches: Math.floor(c.trainSamples / c.batchSize), epochs: c.epochs,
        trainSamples: c.trainSamples, testSamples: c.testSamples });
      let best: { epoch: number; loss: number; weights: WeightArrays } | undefined;
      const result = await train(plan, be, data, {
        signal: this.signal,
        yieldToHost: this.deps.yieldToHost,
        onBatch: (event) => post({ type: 'batch', event }),
        onEpoch: async (event) => {
          if (!best || event.test.loss < best.loss) best = { epoch: event.epoch, loss: event.test.loss, weights: await be.getWeights() };
          post({ type: 'epoch', event });
        },
      });
      post({
        type: 'done', stopped: result.stopped, epochsDone: result.epochsDone, weights: result.weights,
        ...(best ? { best: { epoch: best.epoch, weights: best.weights } } : {}),
        train: result.train, test: result.test, wall_ms: result.wall_ms,
      });
    } catch (e) {
      post({ type: 'error', message: describeTrainingError(e) });
    } finally {
      backend?.dispose();
      this.running = false;
    }
  }
}
