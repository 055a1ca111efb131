// Evaluating a trained network on a simulation engine (CPU or WebGPU) instead of the trainer's forward pass:
// each test sample k is played by the dataset input exactly as the trainer sees it (its `sample` param,
// src/shared/compiler/inputs.ts), the document is simulated for the sample's steps, and the readout is decoded
// as the trainer's loss decodes it (./loss.ts). One compiled network and one engine serve every sample
// (setParam + reset). Takes a validated document (weights applied: ./apply.ts), its plan and an engine factory.
import { compileNetwork, type NetworkIR } from '../compiler';
import type { Engine } from '../engine/types';
import type { NetworkDocument } from '../graph/schema';
import { ipdClass, sampleMeta, type Split } from '../tasks/sound-localisation';
import type { TrainBackend } from './backend';
import { decode, reduceOverTime, reductionOf } from './loss';
import type { TrainingPlan } from './plan';
import { batchOf, type SampleSet } from './trainer';

export interface EngineEvalOptions {
  /** Samples 0..count−1 of the split (default: the plan's test samples). */
  count?: number;
  split?: Split;
  /** Called after each sample (progress; the CLI yields to Ctrl-C here). */
  onSample?: (done: number, count: number) => void | Promise<void>;
  signal?: { readonly aborted: boolean };
}

export interface EngineEvalResult {
  backend: Engine['backend'];
  /** Samples evaluated (fewer than asked when stopped). */
  count: number;
  accuracy: number;
  mean_abs_error_deg: number;
  /** confusion[true class][predicted class]. */
  confusion: number[][];
  /** Predicted class of each sample, and its true class. */
  predictions: Int32Array;
  labels: Int32Array;
  wall_ms: number;
}

/**
 * The document the engine runs for sample k: the dataset input plays sample 0 of `split` of the training
 * seed (setParam moves it to k), and the readout's state is recorded (its monitor is added in memory; the
 * document's own monitors are dropped, they are not needed here).
 */
export function compileForSamples(doc: NetworkDocument, plan: TrainingPlan, split: Split = 'test'): { ir: NetworkIR; monitor: string } {
  const readout = plan.layers[plan.layers.length - 1];
  const played: NetworkDocument = {
    ...doc,
    nodes: doc.nodes.map((n) => (n.id === plan.inputNode ? { ...n, params: { ...n.params, sample: 0, split, data_seed: plan.config.seed } } : n)),
    monitors: [],
  };
  const variable = 'v';
  return { ir: compileNetwork(played, { record: readout.kind === 'li' ? [{ population: readout.id, variable }] : [] }), monitor: `${readout.id}.${variable}` };
}

export async function evaluateOnEngine(doc: NetworkDocument, plan: TrainingPlan, create: (ir: NetworkIR) => Engine | Promise<Engine>, opts: EngineEvalOptions = {}): Promise<EngineEvalResult> {
  const t0 = Date.now(), c = plan.config, split = opts.split ?? 'test', count = opts.count ?? c.testSamples;
  const readout = plan.layers[plan.layers.length - 1], K = readout.size, T = plan.steps;
  const { ir, monitor } = compileForSamples(doc, plan, split);
  const engine = await create(ir);
  const r = reductionOf(c.loss);
  const predictions = new Int32Array(count), labels = new Int32Array(count);
  const confusion = Array.from({ length: c.classes }, () => new Array<number>(c.classes).fill(0));
  let done = 0, correct = 0, err = 0;
  // out[t][k]: the readout's u_t (or spike s_t of a LIF readout) at engine step t = the trainer's step t.
  const out = new Float64Array(T * K);
  try {
    for (let k = 0; k < count; k++) {
      if (opts.signal?.aborted) break;
      engine.setParam(plan.inputNode, 'sample', k);
      engine.reset();
      out.fill(0);
      await engine.run({
        steps: T, chunkSteps: T,
        onChunk: (ch) => {
          const n = ch.stepEnd - ch.stepStart;
          if (readout.kind === 'li') {
            const tr = ch.traces[monitor];
            for (let q = 0; q < tr.indices.length; q++) for (let s = 0; s < n; s++) out[(ch.stepStart + s) * K + tr.indices[q]] = tr.values[q * n + s];
          } else {
            const sp = ch.spikes[readout.id];
            for (let i = 0; i < sp.index.length; i++) out[sp.step[i] * K + sp.index[i]] = 1;
          }
        },
      });
      const dec = decode(c, reduceOverTime(out, 1, T, K, r).m, 1, K);
      const { ipd } = sampleMeta(plan.sound, c.seed, split, k);
      labels[k] = ipdClass(ipd, c.classes);
      predictions[k] = dec.cls[0];
      if (predictions[k] === labels[k]) correct++;
      confusion[labels[k]][predictions[k]]++;
      err += (Math.abs(dec.ipd[0] - ipd) * 180) / Math.PI;
      done++;
      await opts.onSample?.(done, count);
    }
  } finally {
    engine.dispose();
  }
  return {
    backend: engine.backend, count: done, accuracy: done ? correct / done : 0, mean_abs_error_deg: done ? err / done : 0, confusion,
    predictions: predictions.slice(0, done), labels: labels.slice(0, done), wall_ms: Date.now() - t0,
  };
}

/** The trainer's predicted class of each sample of a data set (its forward pass on `backend`). */
export async function trainerPredictions(plan: TrainingPlan, backend: TrainBackend, d: SampleSet): Promise<Int32Array> {
  const c = plan.config, K = plan.layers[plan.layers.length - 1].size, out = new Int32Array(d.count);
  for (let s = 0; s < d.count; s += c.batchSize) {
    const idx = Array.from({ length: Math.min(c.batchSize, d.count - s) }, (_, i) => s + i);
    const batch = batchOf(d, idx);
    out.set(decode(c, (await backend.evaluate(batch)).m, batch.B, K).cls, s);
  }
  return out;
}

/** Fraction of samples where both predicted the same class. */
export function agreement(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return n ? same / n : 0;
}
