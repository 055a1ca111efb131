import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020';
import lifNeuron from '../../../resources/examples/lif-neuron.snn.json';
import soundLocalisation from '../../../resources/examples/sound-localisation.snn.json';
import weightsSchema from '../../../resources/schemas/weights.schema.json';
import { loadDocument, type NetworkDocument } from '../../shared/graph';
import { checkWeightsFor, parseWeightsText } from '../../shared/io/weights';
import { buildWeightsFile, initWeights, planTraining, weightsExpectation, weightsFromFile, type EpochEvent, type EvalMetrics } from '../../shared/training';
import { TrainController, type WorkerLike } from './controller';
import { documentText, sha256Hex, suggestedWeightsName } from './export';
import type { FromTrainWorker, ToTrainWorker } from './protocol';

const EXAMPLES: Record<string, unknown> = { 'lif-neuron': lifNeuron, 'sound-localisation': soundLocalisation };
const example = (name: string): NetworkDocument => {
  const r = loadDocument(structuredClone(EXAMPLES[name]));
  if (!r.ok) throw new Error(name);
  return r.doc;
};

class FakeWorker implements WorkerLike {
  sent: ToTrainWorker[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<FromTrainWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(m: ToTrainWorker) { this.sent.push(m); }
  terminate() { this.terminated = true; }
  emit(m: FromTrainWorker) { this.onmessage?.({ data: m } as MessageEvent<FromTrainWorker>); }
}

const evalOf = (accuracy: number, K = 12): EvalMetrics => ({
  loss: 2 - accuracy, accuracy, mean_abs_error_deg: 30 * (1 - accuracy),
  confusion: Array.from({ length: K }, (_, i) => Array.from({ length: K }, (_, j) => (i === j ? 2 : 0))), spike_counts: { hidden: 12 },
});
const epoch = (n: number, loss: number, acc: number): EpochEvent => ({ epoch: n, epochs: 2, loss, train_accuracy: acc, test: evalOf(acc), wall_ms: 10 });

function setup() {
  const workers: FakeWorker[] = [];
  const ctrl = new TrainController(() => { const w = new FakeWorker(); workers.push(w); return w; });
  return { ctrl, workers };
}

describe('TrainController', () => {
  it('refuses a network the planner cannot train, with the diagnostic, and starts no worker', () => {
    const { ctrl, workers } = setup();
    const r = ctrl.start(example('lif-neuron'), {}, 'cpu');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]).toMatchObject({ severity: 'error', path: 'nodes', message: expect.stringMatching(/exactly one input node, of model "dataset"/) });
    expect(workers).toHaveLength(0);
    expect(ctrl.state).toBe('idle');
  });

  it('sends a snapshot of the document: edits made while training do not reach the worker', () => {
    const { ctrl, workers } = setup();
    const doc = example('sound-localisation');
    expect(ctrl.start(doc, { epochs: 1 }, 'gpu')).toEqual({ ok: true });
    const sent = workers[0].sent[0];
    expect(sent).toMatchObject({ type: 'start', backend: 'gpu', overrides: { epochs: 1 } });
    if (sent.type !== 'start') return;
    expect(sent.doc).toEqual(doc);
    expect(sent.doc).not.toBe(doc);
    doc.nodes[1].size = 99;
    expect(sent.doc.nodes[1].size).toBe(30);
    expect(ctrl.state).toBe('starting');
    expect(ctrl.start(doc, {}, 'cpu')).toEqual({ ok: false, diagnostics: [] }); // one training at a time
  });

  it('gathers batch losses, epoch means and accuracies; Stop asks the worker and keeps the weights', async () => {
    const { ctrl, workers } = setup();
    const doc = example('sound-localisation');
    ctrl.start(doc, { epochs: 2 }, 'cpu');
    const w = workers[0];
    w.emit({ type: 'status', message: 'Generating…' });
    expect(ctrl.message).toBe('Generating…');
    w.emit({ type: 'ready', backend: 'cpu', adapter: 'cpu', batches: 2, epochs: 2, trainSamples: 128, testSamples: 64 });
    expect(ctrl.state).toBe('training');
    expect(ctrl.message).toBe('Training on the CPU');
    w.emit({ type: 'batch', event: { epoch: 1, batch: 1, batches: 2, loss: 2.5 } });
    w.emit({ type: 'batch', event: { epoch: 1, batch: 2, batches: 2, loss: 2.3 } });
    w.emit({ type: 'epoch', event: epoch(1, 2.4, 0.2) });
    w.emit({ type: 'batch', event: { epoch: 2, batch: 1, batches: 2, loss: 2.1 } });
    const m = ctrl.metrics;
    expect(m.batchX).toEqual([1, 2, 3]);
    expect(m.batchLoss).toEqual([2.5, 2.3, 2.1]);
    expect(m.epochLoss).toEqual([null, 2.4, null]);
    expect(m.history.map((h) => h.test.accuracy)).toEqual([0.2]);
    expect([m.epoch, m.batch]).toEqual([2, 1]);
    expect(ctrl.canExport).toBe(false);

    ctrl.stop();
    expect(w.sent.at(-1)).toEqual({ type: 'stop' });
    expect(ctrl.state).toBe('stopping');
    const plan = planTraining(doc, { epochs: 2 });
    if (!plan.ok) throw new Error('plan');
    const last = initWeights(plan.plan, 7), best = initWeights(plan.plan, 8);
    w.emit({ type: 'done', stopped: 'aborted', epochsDone: 1, weights: last, best: { epoch: 1, weights: best }, train: evalOf(0.25), test: evalOf(0.3), wall_ms: 1234 });
    expect(ctrl.state).toBe('stopped');
    expect(ctrl.message).toBe('Stopped: 1 epoch, test 30.0 % in 1.2 s');
    expect(w.terminated).toBe(true);
    expect(ctrl.canExport).toBe(true);

    // The exported file: what `snn train --out` writes, valid against the published schema, shaped for the plan.
    const check = new Ajv2020({ strict: false }).compile(weightsSchema);
    const sha = await sha256Hex(documentText(doc));
    for (const which of ['last', 'best'] as const) {
      const { name, text, file } = await ctrl.exportFile(which);
      expect(name).toBe('sound-localisation.weights.json');
      const json = JSON.parse(text);
      expect(check(json) ? [] : check.errors).toEqual([]);
      const parsed = parseWeightsText(text);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(checkWeightsFor(parsed.file, weightsExpectation(plan.plan, sha))).toEqual([]);
      expect(file.projections.in_hidden.shape).toEqual([200, 30]);
      expect(file.projections.hidden_out.shape).toEqual([30, 12]);
      const want = which === 'last' ? last : best;
      expect(file.projections.hidden_out.weights[3][5]).toBe(want[1][3 * 12 + 5]);
      expect(file.training).toMatchObject(which === 'last'
        ? { epochs: 2, backend: 'cpu', loss: [2.4], train_accuracy: 0.25, test_accuracy: 0.3, epochs_completed: 1, optimizer: 'adam', loss_kind: 'nll_mean' }
        : { loss: [2.4], train_accuracy: 0.2, test_accuracy: 0.2, epochs_completed: 1 });
    }
  });

  it('reset forgets a training that is over, not one in progress', () => {
    const { ctrl, workers } = setup();
    ctrl.start(example('sound-localisation'), {}, 'cpu');
    expect(ctrl.reset()).toBe(false);
    expect(ctrl.state).toBe('starting');
    const w = workers[0];
    w.emit({ type: 'ready', backend: 'cpu', adapter: 'cpu', batches: 1, epochs: 1, trainSamples: 64, testSamples: 64 });
    w.emit({ type: 'done', stopped: 'done', epochsDone: 1, weights: [], train: evalOf(0.5), test: evalOf(0.5), wall_ms: 1 });
    expect(ctrl.canExport).toBe(true);
    expect(ctrl.reset()).toBe(true);
    expect([ctrl.state, ctrl.message, ctrl.canExport, ctrl.metrics.backend]).toEqual(['idle', '', false, null]);
  });

  it('shows errors (the worker\'s or the worker failing) and ignores a replaced worker', () => {
    const { ctrl, workers } = setup();
    const doc = example('sound-localisation');
    ctrl.start(doc, {}, 'gpu');
    workers[0].emit({ type: 'error', message: 'This network does not fit the GPU: lower the batch size' });
    expect(ctrl.state).toBe('error');
    expect(ctrl.message).toMatch(/does not fit the GPU/);
    expect(workers[0].terminated).toBe(true);
    ctrl.start(doc, {}, 'cpu');
    workers[0].emit({ type: 'ready', backend: 'gpu', adapter: 'x', batches: 1, epochs: 1, trainSamples: 64, testSamples: 64 });
    expect(ctrl.state).toBe('starting');
    workers[1].onerror?.({ message: 'Uncaught SyntaxError' } as ErrorEvent);
    expect(ctrl.state).toBe('error');
    expect(ctrl.message).toBe('The training worker failed: Uncaught SyntaxError');
  });

  it('loads a weights file (refusals change nothing), evaluates it in the worker and trains on from it', async () => {
    const { ctrl, workers } = setup();
    const doc = example('sound-localisation');
    const p = planTraining(doc, {});
    if (!p.ok) throw new Error('plan');
    const w0 = initWeights(p.plan, 3);
    const file = buildWeightsFile(doc, p.plan, w0, await sha256Hex(documentText(doc)), {
      epochs: 1, batch_size: 32, lr: 0.01, seed: 7, backend: 'cpu', loss: [2], train_accuracy: 0.1, test_accuracy: 0.2, test_mean_abs_error_deg: 30, wall_ms: 5,
    });
    const text = JSON.stringify(file);
    // A file that does not fit: its lines, nothing loaded.
    const bad = structuredClone(file);
    bad.projections.hidden_out.shape = [30, 11];
    bad.projections.hidden_out.weights = bad.projections.hidden_out.weights.map((r) => r.slice(0, 11));
    expect(await ctrl.loadWeights(JSON.stringify(bad), 'bad.json', doc, {})).toEqual({ ok: false, lines: [
      'bad.json: these weights do not fit sound-localisation', 'error: projections.hidden_out.shape: is [30, 11], but the network needs [30, 12] (hidden → output)'] });
    expect([ctrl.loaded, ctrl.state, ctrl.loadProblem?.length]).toEqual([null, 'idle', 2]);
    expect(ctrl.evaluate(doc, {}, 'cpu')).toEqual({ ok: false, diagnostics: [] });
    expect(workers).toHaveLength(0);

    expect(await ctrl.loadWeights(text, 'good.json', doc, {})).toEqual({ ok: true, warnings: [] });
    expect([ctrl.loaded?.name, ctrl.loadProblem]).toEqual(['good.json', null]);
    // Another source document only warns.
    const warned = await ctrl.loadWeights(JSON.stringify({ ...file, network: { ...file.network, source_sha256: 'b'.repeat(64) } }), 'old.json', doc, {});
    expect(warned).toEqual({ ok: true, warnings: ['old.json: warning: network.source_sha256: the network file changed since these weights were trained'] });
    expect(ctrl.loaded?.warnings).toHaveLength(1);

    // Evaluate: the loaded matrices and the seed they were trained with (an overridden seed wins).
    expect(ctrl.evaluate(doc, { testSamples: 64 }, 'gpu')).toEqual({ ok: true });
    const sent = workers[0].sent[0];
    expect(sent).toMatchObject({ type: 'evaluate', backend: 'gpu', overrides: { testSamples: 64 }, seed: 7 });
    if (sent.type === 'evaluate') expect(sent.weights).toEqual(weightsFromFile(p.plan, file));
    expect([ctrl.state, ctrl.active]).toEqual(['evaluating', true]);
    workers[0].emit({ type: 'evaluated', backend: 'gpu', adapter: 'SwiftShader', seed: 7, testSamples: 64, test: evalOf(0.25), wall_ms: 900 });
    expect(ctrl.state).toBe('evaluated');
    expect(ctrl.message).toBe('Evaluated old.json: test 25.0 % (64 samples, seed 7) in 0.9 s');
    expect(ctrl.evaluation).toMatchObject({ name: 'old.json', seed: 7, test: { accuracy: 0.25 } });
    expect(workers[0].terminated).toBe(true);
    ctrl.evaluate(doc, { seed: 2 }, 'cpu');
    expect(workers[1].sent[0]).toMatchObject({ type: 'evaluate', seed: 2 });
    workers[1].emit({ type: 'evaluated', backend: 'cpu', adapter: 'cpu', seed: 2, testSamples: 64, test: evalOf(0.25), wall_ms: 900 });

    // Train starts from them, and says so; the evaluation gives way to the training.
    expect(ctrl.start(doc, { epochs: 1 }, 'cpu')).toEqual({ ok: true });
    const st = workers[2].sent[0];
    expect(st.type === 'start' && st.initial).toEqual(weightsFromFile(p.plan, file));
    expect([ctrl.metrics.from, ctrl.evaluation, ctrl.message]).toEqual(['old.json', null, 'Starting on the CPU from old.json…']);
    workers[2].emit({ type: 'done', stopped: 'done', epochsDone: 1, weights: w0, train: evalOf(0.5), test: evalOf(0.5), wall_ms: 1 });
    // An edited document the loaded file no longer fits: refused with the lines, no worker.
    const edited = structuredClone(doc);
    edited.nodes.find((n) => n.id === 'hidden')!.size = 20;
    expect(ctrl.start(edited, {}, 'cpu')).toEqual({ ok: false, diagnostics: [] });
    expect(ctrl.loadProblem?.[1]).toBe('error: projections.in_hidden.shape: is [200, 30], but the network needs [200, 20] (inputs → hidden)');
    expect(workers).toHaveLength(3);
    // Use initial weights / another network forget the file.
    ctrl.unload();
    expect(ctrl.loaded).toBeNull();
    ctrl.start(doc, { epochs: 1 }, 'cpu');
    const fresh = workers[3].sent[0];
    expect(fresh.type === 'start' && fresh.initial).toBeUndefined();
    expect(ctrl.metrics.from).toBeNull();
  });

  it('reset forgets a loaded file even when nothing was trained', async () => {
    const { ctrl } = setup();
    const doc = example('sound-localisation');
    const p = planTraining(doc, {});
    if (!p.ok) throw new Error('plan');
    const text = JSON.stringify(buildWeightsFile(doc, p.plan, initWeights(p.plan, 1), await sha256Hex(documentText(doc))));
    await ctrl.loadWeights(text, 'w.json', doc, {});
    expect(ctrl.loaded?.name).toBe('w.json');
    expect(ctrl.reset()).toBe(true);
    expect([ctrl.loaded, ctrl.evaluation, ctrl.loadProblem]).toEqual([null, null, null]);
  });

  it('suggests <network>.weights.json', () => {
    expect(suggestedWeightsName('sound-localisation')).toBe('sound-localisation.weights.json');
    expect(suggestedWeightsName('my net/v2')).toBe('my-net-v2.weights.json');
    expect(suggestedWeightsName('  ')).toBe('network.weights.json');
  });

  it('Apply to network takes the loaded file, and after a training its last or best weights', async () => {
    const { ctrl, workers } = setup();
    const doc = example('sound-localisation');
    const p = planTraining(doc, {});
    if (!p.ok) throw new Error('plan');
    expect([ctrl.canApply, await ctrl.weightsToApply()]).toEqual([false, null]);
    const loaded = buildWeightsFile(doc, p.plan, initWeights(p.plan, 3), await sha256Hex(documentText(doc)));
    await ctrl.loadWeights(JSON.stringify(loaded), 'good.json', doc, {});
    expect(ctrl.canApply).toBe(true);
    expect(await ctrl.weightsToApply()).toEqual({ label: 'good.json', file: loaded, origin: { source: 'weights_file', weightsFile: 'good.json' } });
    ctrl.start(doc, { epochs: 2 }, 'cpu');
    const last = initWeights(p.plan, 5), best = initWeights(p.plan, 6);
    workers[0].emit({ type: 'done', stopped: 'done', epochsDone: 2, weights: last, best: { epoch: 1, weights: best }, train: evalOf(0.5), test: evalOf(0.5), wall_ms: 1 });
    const a = await ctrl.weightsToApply('last');
    expect(a?.label).toBe('the last trained weights');
    expect(a?.origin).toEqual({ source: 'training', dataset: { seed: p.plan.config.seed, train_samples: p.plan.config.trainSamples, test_samples: p.plan.config.testSamples } });
    expect(weightsFromFile(p.plan, a!.file)).toEqual(last);
    const b = await ctrl.weightsToApply('best');
    expect(b?.label).toBe('the best epoch\'s trained weights');
    expect(weightsFromFile(p.plan, b!.file)).toEqual(best);
  });
});
