// The training worker's work, without the worker: plan the snapshot, make the data sets, create the backend
// (CPU, or the GPU through a factory the worker gives), run the shared training loop, and post its events.
// Keeps the weights of the epoch with the lowest test loss beside the last ones. Starts from loaded weights when
// given; evaluates loaded weights on the test set the way `snn evaluate` does. Testable in Node (CPU).
import {
  CpuBackend, TrainingDiverged, evaluate, fileTrainData, initWeights, makeData, planTraining, train, type TrainBackend, type TrainData, type TrainingPlan,
} from '../../shared/training';
import { DatasetError } from '../../shared/tasks/spike-files';
import { openSpikeBytes } from './data-file';
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
  if (e instanceof DatasetError) return `The data file cannot be used: ${e.message}`;
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
    let closeFile = () => {};
    try {
      const r = planTraining(m.doc, m.type === 'evaluate' ? { ...m.overrides, seed: m.seed } : m.overrides);
      if (!r.ok) {
        post({ type: 'error', message: `This network cannot be ${m.type === 'evaluate' ? 'evaluated' : 'trained'}:\n${diagnosticLines(r.diagnostics).join('\n')}` });
        return;
      }
      let plan = r.plan;
      // A data file: its splits (seeded as `snn train --dataset` splits them) and the plan sized to them.
      let fileData: TrainData | undefined;
      if (m.dataFile) {
        post({ type: 'status', message: `Reading ${m.dataFile.name}…` });
        const f = await openSpikeBytes(m.dataFile.name, await m.dataFile.file.arrayBuffer());
        closeFile = f.close;
        ({ data: fileData, plan } = fileTrainData(f.source, plan, m.dataFile.testFraction));
      }
      const c = plan.config;
      if (m.type === 'evaluate') {
        // As `snn evaluate`: only the test set is needed (a 1-sample training set is never generated in full).
        if (!fileData) post({ type: 'status', message: `Generating ${c.testSamples} test samples…` });
        const t0 = Date.now();
        const data = fileData ?? makeData({ ...plan, config: { ...c, trainSamples: 1 } });
        const be = backend = await this.backend(m.backend, plan, m.weights);
        post({ type: 'status', message: `Evaluating on the ${be.kind === 'gpu' ? `GPU (${be.adapter})` : 'CPU'}…` });
        const test = await evaluate(plan, be, data.test);
        post({ type: 'evaluated', backend: be.kind, adapter: be.adapter, seed: c.seed, testSamples: c.testSamples, test, wall_ms: Date.now() - t0 });
        return;
      }
      if (!fileData) post({ type: 'status', message: `Generating ${c.trainSamples} + ${c.testSamples} samples…` });
      const data = fileData ?? makeData(plan);
      const be = backend = await this.backend(m.backend, plan, m.initial ? m.initial.map((w) => w.slice()) : initWeights(plan, c.seed));
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
      closeFile();
      this.running = false;
    }
  }

  private async backend(kind: 'gpu' | 'cpu', plan: TrainingPlan, weights: Float64Array[]): Promise<TrainBackend> {
    if (kind !== 'gpu') return new CpuBackend(plan, weights);
    if (!this.deps.createGpu) throw new Error('no GPU backend in this host: choose the CPU backend');
    this.deps.post({ type: 'status', message: 'Compiling the training kernels…' });
    return this.deps.createGpu(plan, weights);
  }
}
