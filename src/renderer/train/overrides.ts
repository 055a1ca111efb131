// The Training panel's overrides (epochs, learning rate, batch size, seed, data-set sizes) checked as typed,
// the plan's summary as label/value rows, and the planner's diagnostics as lines. Pure.
import type { Diagnostic } from '../../shared/graph';
import type { TrainConfig, TrainingPlan } from '../../shared/training';
import { weightList } from '../../shared/training';
import type { TrainOverrides } from './protocol';

export type OverrideKey = keyof TrainOverrides & keyof TrainConfig;

export interface OverrideField { key: OverrideKey; label: string; integer: boolean; unit?: string }

export const OVERRIDE_FIELDS: readonly OverrideField[] = [
  { key: 'epochs', label: 'Epochs', integer: true },
  { key: 'lr', label: 'Learning rate', integer: false },
  { key: 'batchSize', label: 'Batch size', integer: true },
  { key: 'seed', label: 'Training seed', integer: true },
  { key: 'trainSamples', label: 'Train samples', integer: true },
  { key: 'testSamples', label: 'Test samples', integer: true },
];

const MAX_SAMPLES = 65_536;

/** Why `n` cannot be the value of `key` given the other settings `c` (the config with overrides), or null. */
export function validateOverride(key: OverrideKey, n: number, c: TrainConfig): string | null {
  if (!Number.isFinite(n)) return 'must be a number';
  const whole = key !== 'lr';
  if (whole && !Number.isInteger(n)) return 'must be a whole number';
  switch (key) {
    case 'epochs': return n >= 1 && n <= 10_000 ? null : 'must be 1 to 10000';
    case 'lr': return n > 0 && n <= 10 ? null : 'must be above 0 (and at most 10)';
    case 'seed': return n >= 0 && n <= 2 ** 32 - 1 ? null : 'must be 0 to 4294967295';
    case 'batchSize':
      if (n < 1) return 'must be at least 1';
      return n <= c.trainSamples ? null : `must be at most the ${c.trainSamples} train samples`;
    case 'trainSamples':
      if (n < c.batchSize) return `must be at least the batch size (${c.batchSize})`;
      return n <= MAX_SAMPLES ? null : `must be at most ${MAX_SAMPLES}`;
    case 'testSamples': return n >= 1 && n <= MAX_SAMPLES ? null : `must be 1 to ${MAX_SAMPLES}`;
  }
}

/** Overrides that differ from the document's settings only (the rest stays the document's). */
export function effectiveOverrides(o: TrainOverrides, base: TrainConfig): TrainOverrides {
  const out: TrainOverrides = {};
  for (const f of OVERRIDE_FIELDS) {
    const v = o[f.key];
    if (v !== undefined && v !== base[f.key]) out[f.key] = v;
  }
  return out;
}

/** The plan in rows for the panel: layers, trainable projections, data, and the training settings. */
export function planSummary(plan: TrainingPlan): { label: string; value: string }[] {
  const c = plan.config;
  const layers = [`${plan.inputNode} ${plan.inputs}`, ...plan.layers.map((l) => `${l.id} ${l.adapt ? 'ALIF' : l.kind === 'lif' ? 'LIF' : 'LI'} ${l.size}`)];
  const ws = weightList(plan);
  const trainable = ws.filter((w) => w.trainable).map((w) => `${w.projection} ${w.pre}×${w.post}`);
  const fixed = ws.filter((w) => !w.trainable).map((w) => w.projection);
  const batches = Math.floor(c.trainSamples / c.batchSize);
  return [
    { label: 'Layers', value: layers.join(' → ') },
    { label: 'Trainable', value: trainable.join(', ') || 'none' },
    ...(fixed.length ? [{ label: 'Fixed', value: fixed.join(', ') }] : []),
    { label: 'Data', value: `${c.trainSamples} train (${batches} batch${batches === 1 ? '' : 'es'} of ${c.batchSize}), ${c.testSamples} test; ${plan.steps} steps of ${plan.dtMs} ms` },
    { label: 'Task', value: c.mode === 'regression' ? 'regression (IPD)' : `${c.classes} classes` },
    { label: 'Optimiser', value: `${c.optimizer === 'adam' ? 'Adam' : `SGD (momentum ${c.momentum})`}, lr ${c.lr}` },
    { label: 'Loss', value: `${c.loss}${c.spikeRegularizer ? ` + ${c.spikeRegularizer} × spikes` : ''}` },
    { label: 'Surrogate', value: `${c.surrogate.kind}, β ${c.surrogate.beta}` },
    { label: 'Epochs', value: `${c.epochs}${c.earlyStoppingPatience ? ` (early stop after ${c.earlyStoppingPatience})` : ''}, seed ${c.seed}` },
  ];
}

/** The planner's errors as lines "where: what" (e.g. `nodes[0].model: …`) for the panel and the worker. */
export function diagnosticLines(ds: readonly Diagnostic[]): string[] {
  return ds.filter((d) => d.severity === 'error').map((d) => (d.path ? `${d.path}: ${d.message}` : d.message));
}
