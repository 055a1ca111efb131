// Trained weights into the network document: each trainable projection's `weight` becomes
// `{ dist: 'explicit', values }` so a plain run (either engine, the 3D view) simulates the trained network.
// Takes a validated document and the trainer's weights (or a weights file); gives a new document, or the
// diagnostics of checkWeightsFor (../io/weights.ts) when the file does not fit. Pure: the input is not changed.
import { hasErrors, type Diagnostic } from '../graph/diagnostics';
import type { NetworkDocument, Projection, Provenance } from '../graph/schema';
import { checkWeightsFor, type WeightsFile, type WeightsTraining } from '../io/weights';
import { APP_VERSION } from '../version';
import { initWeights, tauList, weightList } from './params';
import { planTraining, type TrainingPlan } from './plan';
import { weightsExpectation, weightsFromFile } from './weights-io';

/**
 * Where applied weights come from, for the document's provenance (docs/file-format.md, "Provenance"): this
 * app's trainer (the Training tab, `snn train --apply`) or a weights file (Load weights…, `snn evaluate
 * --apply`); `training` is the run's record (a weights file's `training` block) when there is one.
 */
export interface ApplyOrigin {
  source: Provenance['source'];
  training?: WeightsTraining;
  /** The weights file's name (source 'weights_file'). */
  weightsFile?: string;
  /**
   * The data set the weights were trained on, where the plan of the document does not say it (the Training
   * tab's overrides). Source 'training' takes the plan's otherwise; a weights file does not record its sample
   * counts, so they are left out unless given here.
   */
  dataset?: Partial<Provenance['dataset']>;
  /** When applied (now when absent). */
  date?: Date;
}

/** The data set a plan trains on, by name: the training task (docs/training.md). */
export function datasetName(doc: NetworkDocument): string {
  return doc.training?.task ?? 'sound_localisation';
}

/** The provenance Apply records for `plan` trained (or loaded) as `origin` says. */
export function provenanceOf(doc: NetworkDocument, plan: TrainingPlan, origin: ApplyOrigin): Provenance {
  const t = origin.training, c = plan.config;
  const acc = t?.test_accuracy;
  return {
    source: origin.source,
    dataset: {
      name: datasetName(doc), seed: t?.seed ?? c.seed,
      ...(origin.source === 'training' ? { train_samples: c.trainSamples, test_samples: c.testSamples } : {}),
      ...origin.dataset,
    },
    epochs: t ? t.epochs_completed ?? t.loss.length : 0,
    backend: t?.backend ?? 'cpu',
    ...(c.mode === 'classification' && acc !== undefined && acc >= 0 && acc <= 1 ? { test_accuracy: acc } : {}),
    date: (origin.date ?? new Date()).toISOString(),
    app_version: APP_VERSION,
    trained_tau: plan.trainTau,
    ...(origin.weightsFile ? { weights_file: origin.weightsFile } : {}),
  };
}

export type ApplyResult = { ok: true; doc: NetworkDocument; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/**
 * The shortest decimal that reads back as the same f32 as `x`: the engines hold weights as f32
 * (NetworkIR, docs/engine.md), so this is exactly the weight they use, written in at most 9 digits.
 */
export function f32Shortest(x: number): number {
  const f = Math.fround(x);
  if (f === 0 || !Number.isFinite(f)) return f === 0 ? 0 : f;
  for (let p = 1; p < 9; p++) {
    const y = Number(f.toPrecision(p));
    if (Math.fround(y) === f) return y;
  }
  return Number(f.toPrecision(9));
}

/**
 * `weights` in weightList(plan) order, row-major [pre][post], then (plan.trainTau) each population's trained τ. The plan only takes dense `all_to_all`
 * projections (recurrent ones with or without self-connections), whose synapses
 * the compiler enumerates pre-major with post ascending (compiler/connectivity.ts), so the explicit list is the
 * matrix row by row. Non-trainable projections keep their rule.
 */
export function applyWeights(doc: NetworkDocument, plan: TrainingPlan, weights: readonly ArrayLike<number>[], origin?: ApplyOrigin): NetworkDocument {
  const byId = new Map<string, number[]>();
  weightList(plan).forEach((w, k) => {
    if (!w.trainable) return;
    const m = weights[k];
    if (m.length !== w.pre * w.post) throw new Error(`applyWeights: "${w.projection}" has ${m.length} weights, the plan needs ${w.pre}×${w.post}`);
    // Without self-connections the compiler enumerates the synapses skipping i = j: so does the list.
    byId.set(w.projection, Array.from(m, f32Shortest).filter((_, i) => w.self || Math.floor(i / w.post) !== i % w.post));
  });
  // Trained τ (plan.trainTau) follow the weights: each becomes its parameter's per-neuron value
  // (docs/file-format.md, "Per-neuron parameters"), in the f32 the engines compute exp(−dt/τ) from.
  const taus = new Map<string, { param: string; values: number[] }>();
  const nW = weightList(plan).length;
  tauList(plan).forEach((t, j) => {
    const v = weights[nW + j];
    if (!v) return;
    if (v.length !== t.size) throw new Error(`applyWeights: "${t.population}" has ${v.length} trained τ, the plan needs ${t.size}`);
    taus.set(t.population, { param: t.param, values: Array.from(v, f32Shortest) });
  });
  return {
    ...doc,
    // Each Apply replaces the record; applying without an origin (the document's own weights again) keeps it.
    ...(origin ? { provenance: provenanceOf(doc, plan, origin) } : {}),
    nodes: !taus.size ? doc.nodes : doc.nodes.map((n) => {
      const t = taus.get(n.id);
      if (!t) return n;
      // A τ that stayed one value (e.g. a weights file without trained τ) stays one number.
      const uniform = t.values.every((x) => x === t.values[0]);
      return { ...n, params: { ...n.params, [t.param]: uniform ? t.values[0] : { per_neuron: t.values } } };
    }),
    projections: doc.projections.map((p): Projection => {
      const values = byId.get(p.id);
      return values ? { ...p, weight: { dist: 'explicit', values } } : p;
    }),
  };
}

/**
 * Apply a parsed weights file (parseWeightsText) to a document: plan it, check the file against the plan
 * as `snn evaluate` does (errors refuse, warnings pass through), then applyWeights.
 */
export function applyWeightsFile(doc: NetworkDocument, file: WeightsFile, sourceSha256?: string, origin?: Partial<Omit<ApplyOrigin, 'training'>>): ApplyResult {
  const r = planTraining(doc);
  if (!r.ok) return { ok: false, diagnostics: r.diagnostics };
  const ds = checkWeightsFor(file, weightsExpectation(r.plan, sourceSha256));
  if (hasErrors(ds)) return { ok: false, diagnostics: ds };
  const from: ApplyOrigin = { source: 'weights_file', ...origin, ...(file.training ? { training: file.training } : {}) };
  return { ok: true, doc: applyWeights(doc, r.plan, weightsFromFile(r.plan, file), from), diagnostics: ds };
}

/** Which projections applyWeights changes (trainable ones of the plan), for messages and undo labels. */
export function appliedProjections(plan: TrainingPlan): string[] {
  return weightList(plan).filter((w) => w.trainable).map((w) => w.projection);
}

/**
 * The plan's weight matrices as a document holds them: trainable projections with explicit weights (an applied
 * document) give their values; every other matrix is initWeights' (as training would start). The inverse of
 * applyWeights, for evaluating an applied document with the trainer's forward pass.
 */
export function documentWeights(doc: NetworkDocument, plan: TrainingPlan, seed = plan.config.seed): Float64Array[] {
  const init = initWeights(plan, seed), list = weightList(plan);
  // Trained τ (plan.trainTau) come from the document's per-neuron values where Apply wrote them (initWeights).
  return [...list.map((w, k) => {
    const rule = doc.projections.find((p) => p.id === w.projection)?.weight;
    if (!w.trainable || rule?.dist !== 'explicit') return init[k];
    if (w.self) return rule.values.length === w.pre * w.post ? Float64Array.from(rule.values) : init[k];
    // No self-connections: the list skips the diagonal (applyWeights).
    if (rule.values.length !== w.pre * (w.post - 1)) return init[k];
    const m = new Float64Array(w.pre * w.post);
    let e = 0;
    for (let i = 0; i < m.length; i++) if (Math.floor(i / w.post) !== i % w.post) m[i] = rule.values[e++];
    return m;
  }), ...init.slice(list.length)];
}

/** Whether the document holds explicit weights for every trainable projection of the plan (applied). */
export function hasAppliedWeights(doc: NetworkDocument, plan: TrainingPlan): boolean {
  return weightList(plan).every((w) => !w.trainable || doc.projections.find((p) => p.id === w.projection)?.weight.dist === 'explicit');
}
