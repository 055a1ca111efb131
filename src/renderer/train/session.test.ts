import { describe, expect, it } from 'vitest';
import { checkWeightsFor, parseWeightsText } from '../../shared/io/weights';
import {
  CpuBackend, TrainingDiverged, buildWeightsFile, evaluate, initWeights, makeData, planTraining, train, weightsExpectation, weightsFromFile,
} from '../../shared/training';
import { GpuPlanError } from '../../shared/training/gpu/gpu-backend';
import { testDocument } from '../../../test/training/testing';
import type { FromTrainWorker, ToTrainWorker } from './protocol';
import { describeTrainingError, TrainSession } from './session';

const doc = testDocument({ inputs: 20, hidden: [8], out: 4, steps: 10 });
const start = (over = {}): Extract<ToTrainWorker, { type: 'start' }> => ({ type: 'start', doc, backend: 'cpu', overrides: { epochs: 2, trainSamples: 32, testSamples: 16, batchSize: 8, ...over } });

describe('TrainSession (the training worker without the worker)', () => {
  it('trains on the CPU and posts status, ready, every batch, every epoch and the weights', async () => {
    const out: FromTrainWorker[] = [];
    await new TrainSession({ post: (m) => out.push(m) }).handle(start());
    const types = out.map((m) => m.type);
    expect(types).toEqual(['status', 'ready', 'batch', 'batch', 'batch', 'batch', 'epoch', 'batch', 'batch', 'batch', 'batch', 'epoch', 'done']);
    expect(out[1]).toMatchObject({ type: 'ready', backend: 'cpu', adapter: 'cpu', batches: 4, epochs: 2, trainSamples: 32, testSamples: 16 });
    const batches = out.filter((m) => m.type === 'batch').map((m) => m.event);
    expect(batches[5]).toMatchObject({ epoch: 2, batch: 2, batches: 4 });
    expect(batches.every((b) => Number.isFinite(b.loss))).toBe(true);
    const done = out[out.length - 1];
    if (done.type !== 'done') throw new Error('no done');
    expect(done).toMatchObject({ stopped: 'done', epochsDone: 2 });
    expect(done.weights.map((w) => w.length)).toEqual([20 * 8, 8 * 4]);
    expect(done.best?.epoch).toBeGreaterThanOrEqual(1);
    expect(done.best?.weights.map((w) => w.length)).toEqual([160, 32]);
    expect(done.test.confusion).toHaveLength(4);
  });

  it('stops after the current batch and still posts the weights so far (no best epoch yet)', async () => {
    const out: FromTrainWorker[] = [];
    const s = new TrainSession({ post: (m) => { out.push(m); if (m.type === 'batch' && m.event.batch === 2) void s.handle({ type: 'stop' }); } });
    await s.handle(start());
    expect(out.filter((m) => m.type === 'batch')).toHaveLength(2);
    const done = out[out.length - 1];
    expect(done).toMatchObject({ type: 'done', stopped: 'aborted', epochsDone: 0 });
    if (done.type === 'done') { expect(done.best).toBeUndefined(); expect(done.weights).toHaveLength(2); }
  });

  it('says why a document cannot be trained, and what went wrong with the GPU', async () => {
    const out: FromTrainWorker[] = [];
    const s = new TrainSession({ post: (m) => out.push(m) });
    await s.handle(start({ batchSize: 64 })); // above the 32 train samples
    expect(out).toEqual([{ type: 'error', message: expect.stringMatching(/cannot be trained:\ntraining\.batch_size: batch size 64 is above the 32 training samples/) }]);
    out.length = 0;
    await s.handle({ ...start(), backend: 'gpu' }); // no factory in this host
    expect(out.at(-1)).toEqual({ type: 'error', message: expect.stringMatching(/choose the CPU backend/) });
    out.length = 0;
    await new TrainSession({ post: (m) => out.push(m), createGpu: async () => { throw new GpuPlanError('the buffer "x" needs 9 MiB'); } }).handle({ ...start(), backend: 'gpu' });
    expect(out.at(-1)).toEqual({ type: 'error', message: 'This network does not fit the GPU: the buffer "x" needs 9 MiB' });
  });

  it('evaluates loaded weights: the same metrics snn evaluate computes from the same file', async () => {
    const over = { epochs: 1, trainSamples: 32, testSamples: 24, batchSize: 8 };
    const p0 = planTraining(doc, over);
    if (!p0.ok) throw new Error('plan');
    // A trained file, as Export weights writes it (trained with seed 4).
    const trained = await train({ ...p0.plan, config: { ...p0.plan.config, seed: 4 } }, new CpuBackend(p0.plan, initWeights(p0.plan, 4)),
      makeData({ ...p0.plan, config: { ...p0.plan.config, seed: 4 } }));
    const text = JSON.stringify(buildWeightsFile(doc, p0.plan, trained.weights, '0'.repeat(64), {
      epochs: 1, batch_size: 8, lr: 0.01, seed: 4, backend: 'cpu', loss: [1], train_accuracy: 0, test_accuracy: trained.test.accuracy, test_mean_abs_error_deg: 0, wall_ms: 1,
    }));
    // The CLI's evaluate, step by step (loadWeightsFor, seed of the file, a test set only, the CPU backend).
    const parsed = parseWeightsText(text);
    if (!parsed.ok) throw new Error('parse');
    expect(checkWeightsFor(parsed.file, weightsExpectation(p0.plan)).filter((d) => d.severity === 'error')).toEqual([]);
    const cliPlan = planTraining(doc, { ...over, seed: parsed.file.training!.seed });
    if (!cliPlan.ok) throw new Error('plan');
    const cli = await evaluate(cliPlan.plan, new CpuBackend(cliPlan.plan, weightsFromFile(cliPlan.plan, parsed.file)),
      makeData({ ...cliPlan.plan, config: { ...cliPlan.plan.config, trainSamples: 1 } }).test);
    expect(cli.accuracy).toBe(trained.test.accuracy);

    const out: FromTrainWorker[] = [];
    await new TrainSession({ post: (m) => out.push(m) }).handle({ type: 'evaluate', doc, overrides: over, backend: 'cpu', weights: weightsFromFile(p0.plan, parsed.file), seed: 4 });
    expect(out.map((m) => m.type)).toEqual(['status', 'status', 'evaluated']);
    expect(out[2]).toMatchObject({ type: 'evaluated', backend: 'cpu', adapter: 'cpu', seed: 4, testSamples: 24, test: cli });
  });

  it('trains from loaded weights instead of the initial ones (and leaves the loaded arrays alone)', async () => {
    const over = { epochs: 1, trainSamples: 16, testSamples: 8, batchSize: 8 };
    const p = planTraining(doc, over);
    if (!p.ok) throw new Error('plan');
    const loaded = initWeights(p.plan, 99), copy = loaded.map((w) => w.slice());
    const want = await train(p.plan, new CpuBackend(p.plan, loaded.map((w) => w.slice())), makeData(p.plan));
    const out: FromTrainWorker[] = [];
    await new TrainSession({ post: (m) => out.push(m) }).handle({ ...start(over), initial: loaded });
    const done = out.at(-1);
    if (done?.type !== 'done') throw new Error('no done');
    expect(done.weights).toEqual(want.weights);
    expect(done.test).toEqual(want.test);
    expect(loaded).toEqual(copy);
    // Without them: the seed's initial weights, another result.
    out.length = 0;
    await new TrainSession({ post: (m) => out.push(m) }).handle(start(over));
    const fresh = out.at(-1);
    if (fresh?.type !== 'done') throw new Error('no done');
    expect(fresh.weights).not.toEqual(want.weights);
  });

  it('describes divergence and a lost device for a person', () => {
    expect(describeTrainingError(new TrainingDiverged('the loss became NaN at epoch 1, batch 3: lower the learning rate')))
      .toBe('Training diverged: the loss became NaN at epoch 1, batch 3: lower the learning rate');
    expect(describeTrainingError(new Error('the GPU device was lost: gone'))).toBe('The GPU device was lost: gone: train again, or choose the CPU backend');
    expect(describeTrainingError('boom')).toBe('Training failed: boom');
  });
});
