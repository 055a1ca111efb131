// "Check in the engine" (docs/training.md, "Running what you trained"): the Training tab's run of the test set
// through the CPU simulation engine — the network as the document holds it (applied weights and per-neuron τ),
// played sample by sample by the dataset input — next to the trainer's forward pass on the same samples, as
// `snn evaluate --engine cpu` does (shared/training/engine-eval.ts). Runs in a worker (./engine-check.worker.ts)
// so the page stays responsive; progress after each sample; Cancel ends the worker.
import type { NetworkDocument } from '../../shared/graph';
import {
  CpuBackend, agreement, documentWeights, evaluateOnEngine, hasAppliedWeights, makeData, planTraining, trainerPredictions,
} from '../../shared/training';
import { createCpuEngine } from '../../shared/engine/cpu-engine';
import type { TrainOverrides } from './protocol';

export interface EngineCheckRequest { type: 'check'; doc: NetworkDocument; overrides: TrainOverrides }

export interface EngineCheckResult {
  /** Test samples run (the plan's, after the panel's overrides). */
  count: number;
  /** Engine accuracy on them, the trainer's accuracy on the same samples, and the fraction of the same class. */
  engineAccuracy: number;
  trainerAccuracy: number;
  agreement: number;
  engineMeanAbsErrorDeg: number;
  /** Whether the document held applied (explicit) weights; otherwise its initial weights were checked. */
  applied: boolean;
  seed: number;
  wall_ms: number;
}

export type EngineCheckMessage =
  | { type: 'progress'; phase: 'trainer' | 'engine'; done: number; count: number }
  | { type: 'result'; result: EngineCheckResult }
  | { type: 'error'; message: string };

/** The whole check, posting progress; `yieldToHost` lets the worker breathe between samples. */
export async function runEngineCheck(req: EngineCheckRequest, post: (m: EngineCheckMessage) => void, yieldToHost: () => Promise<void> = async () => {}): Promise<void> {
  const t0 = Date.now();
  try {
    const r = planTraining(req.doc, req.overrides);
    if (!r.ok) throw new Error(`this network cannot be evaluated: ${r.diagnostics.find((d) => d.severity === 'error')?.message ?? 'see the Inspector'}`);
    const plan = r.plan, count = plan.config.testSamples;
    // The trainer's predictions on the same test samples (its data set of the plan's seed; no training set needed).
    post({ type: 'progress', phase: 'trainer', done: 0, count });
    const data = makeData({ ...plan, config: { ...plan.config, trainSamples: 1 } });
    const backend = new CpuBackend(plan, documentWeights(req.doc, plan));
    let trainerSays: Int32Array;
    try { trainerSays = await trainerPredictions(plan, backend, data.test); } finally { backend.dispose(); }
    let trainerRight = 0;
    for (let k = 0; k < count; k++) if (trainerSays[k] === data.test.labels[k]) trainerRight++;
    await yieldToHost();
    const e = await evaluateOnEngine(req.doc, plan, (ir) => createCpuEngine(ir), {
      onSample: async (done, n) => { post({ type: 'progress', phase: 'engine', done, count: n }); await yieldToHost(); },
    });
    post({ type: 'result', result: {
      count: e.count, engineAccuracy: e.accuracy, trainerAccuracy: count ? trainerRight / count : 0, agreement: agreement(e.predictions, trainerSays),
      engineMeanAbsErrorDeg: e.mean_abs_error_deg, applied: hasAppliedWeights(req.doc, plan), seed: plan.config.seed, wall_ms: Date.now() - t0,
    } });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}

/** One line for the panel. */
export function describeEngineCheck(r: EngineCheckResult): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  return `Engine (CPU): test accuracy ${pct(r.engineAccuracy)} (trainer ${pct(r.trainerAccuracy)}), same class as the trainer on ${pct(r.agreement)} of ${r.count} samples` +
    `${r.applied ? '' : ' — the network has no applied weights: these are its initial weights'} (${(r.wall_ms / 1000).toFixed(1)} s)`;
}
