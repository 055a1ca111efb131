// "Check in the engine": the worker's job (runEngineCheck) gives what `snn evaluate --engine cpu` computes
// (evaluateOnEngine, trainerPredictions) on an applied document; the controller follows progress, takes the
// result, and Cancel terminates the worker and ignores anything it still sends.
import { describe, expect, it } from 'vitest';
import soundLocalisation from '../../../resources/examples/sound-localisation.snn.json';
import { loadDocument, type NetworkDocument } from '../../shared/graph';
import {
  CpuBackend, agreement, applyWeights, evaluateOnEngine, initWeights, makeData, planTraining, trainerPredictions,
} from '../../shared/training';
import { createCpuEngine } from '../../shared/engine/cpu-engine';
import { runEngineCheck, type EngineCheckMessage, type EngineCheckRequest } from './engine-check';
import { EngineCheckController, type CheckWorkerLike } from './engine-check-controller';

const N = 6;
function applied(): NetworkDocument {
  const r = loadDocument(structuredClone(soundLocalisation));
  if (!r.ok) throw new Error('load');
  const p = planTraining(r.doc, { testSamples: N });
  if (!p.ok) throw new Error('plan');
  // Scaled-up initial weights so the readout's classes differ (an untrained network still decides something).
  return applyWeights(r.doc, p.plan, initWeights(p.plan, 7).map((w) => w.map((x) => 4 * x)));
}

describe('runEngineCheck', () => {
  it('reports the engine\'s accuracy and its agreement with the trainer exactly as snn evaluate --engine cpu computes them', async () => {
    const doc = applied();
    const got: EngineCheckMessage[] = [];
    await runEngineCheck({ type: 'check', doc, overrides: { testSamples: N } }, (m) => got.push(m));
    const result = got.find((m) => m.type === 'result');
    if (!result || result.type !== 'result') throw new Error(JSON.stringify(got));
    const progress = got.filter((m) => m.type === 'progress' && m.phase === 'engine').map((m) => m.type === 'progress' && m.done);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    // The reference: the same computation through the shared functions the CLI uses.
    const p = planTraining(doc, { testSamples: N });
    if (!p.ok) throw new Error('plan');
    const e = await evaluateOnEngine(doc, p.plan, (ir) => createCpuEngine(ir));
    const data = makeData({ ...p.plan, config: { ...p.plan.config, trainSamples: 1 } });
    const t = await trainerPredictions(p.plan, new CpuBackend(p.plan, initWeights(p.plan, 7).map((w) => w.map((x) => Math.fround(4 * x)))), data.test);
    expect(result.result).toMatchObject({ count: N, engineAccuracy: e.accuracy, agreement: agreement(e.predictions, t), applied: true });
    expect(result.result.agreement).toBeGreaterThanOrEqual(5 / 6);
  });

  it('a network that cannot be trained is an error message, not a crash', async () => {
    const doc = applied();
    const broken = { ...doc, nodes: doc.nodes.filter((n) => n.model !== 'dataset') };
    const got: EngineCheckMessage[] = [];
    await runEngineCheck({ type: 'check', doc: broken, overrides: {} }, (m) => got.push(m));
    expect(got).toEqual([{ type: 'error', message: expect.stringMatching(/^this network cannot be evaluated: /) }]);
  });
});

class FakeWorker implements CheckWorkerLike {
  onmessage: ((e: MessageEvent<EngineCheckMessage>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  sent: EngineCheckRequest[] = [];
  postMessage(m: EngineCheckRequest) { this.sent.push(m); }
  terminate() { this.terminated = true; }
  emit(m: EngineCheckMessage) { this.onmessage?.({ data: m } as MessageEvent<EngineCheckMessage>); }
}

describe('EngineCheckController', () => {
  it('follows progress to the result; Cancel terminates the worker and ignores what it still sends', () => {
    const workers: FakeWorker[] = [];
    const c = new EngineCheckController(() => { const w = new FakeWorker(); workers.push(w); return w; });
    let changes = 0;
    c.subscribe(() => changes++);
    const doc = applied();
    c.start(doc, { testSamples: 4 });
    expect(workers[0].sent).toEqual([{ type: 'check', doc, overrides: { testSamples: 4 } }]);
    workers[0].emit({ type: 'progress', phase: 'engine', done: 2, count: 4 });
    expect(c.state).toEqual({ kind: 'running', phase: 'engine', done: 2, count: 4 });
    c.cancel();
    expect(workers[0].terminated).toBe(true);
    expect(c.state).toEqual({ kind: 'cancelled', done: 2, count: 4 });
    workers[0].emit({ type: 'progress', phase: 'engine', done: 3, count: 4 });
    expect(c.state.kind).toBe('cancelled');
    c.start(doc, {});
    const result = { count: 4, engineAccuracy: 0.5, trainerAccuracy: 0.5, agreement: 1, engineMeanAbsErrorDeg: 10, applied: true, seed: 1, wall_ms: 5 };
    workers[1].emit({ type: 'result', result });
    expect(c.state).toEqual({ kind: 'done', result });
    expect(workers[1].terminated).toBe(true);
    expect(changes).toBeGreaterThanOrEqual(5);
  });
});
