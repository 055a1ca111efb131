// Between the trainer and the weights file (../io/weights.ts): build a file from a plan and its weights
// (and optimiser state for checkpoints), and read weights and state back for a plan.
import type { NetworkDocument } from '../graph/schema';
import { fromRows, toRows, type WeightsExpectation, type WeightsFile, type WeightsTraining, WEIGHTS_FORMAT, WEIGHTS_LAYOUT, WEIGHTS_VERSION } from '../io/weights';
import { newOptimizerState, type OptimizerState } from './optimizer';
import { tauList, weightList } from './params';
import type { TrainingPlan } from './plan';
import { getModel, isPerNeuron } from '../models';

export function weightsExpectation(plan: TrainingPlan, sourceSha256?: string): WeightsExpectation {
  const s = plan.sound;
  return {
    name: plan.network,
    ...(sourceSha256 ? { sourceSha256 } : {}),
    projections: weightList(plan).map((w) => ({ id: w.projection, source: w.source, target: w.target, pre: w.pre, post: w.post })),
    populations: [
      { id: plan.inputNode, size: plan.inputs, model: 'dataset',
        params: { rate_max_hz: s.rateMaxHz, freq_hz: s.freqHz, envelope_power: s.envelopePower, phase: s.phase } },
      ...Object.entries(layerPopulations(plan)).map(([id, p]) => ({ id, ...p })),
    ],
  };
}

/** The `populations` entries of the trained populations: size, model and every parameter the trainer used. */
function layerPopulations(plan: TrainingPlan): WeightsFile['populations'] {
  const out: WeightsFile['populations'] = {};
  for (const l of plan.layers) {
    const spec = getModel(l.model)!;
    const params: Record<string, number | string> = {};
    for (const p of spec.params) params[p.name] = p.type === 'enum' ? p.options![l.params[p.name]] : l.params[p.name];
    out[l.id] = { size: l.size, model: l.model, params };
  }
  return out;
}

export function buildWeightsFile(doc: NetworkDocument, plan: TrainingPlan, weights: Float64Array[], sourceSha256: string,
  training?: WeightsTraining, optimizer?: OptimizerState): WeightsFile {
  const populations = layerPopulations(plan);
  const input = doc.nodes.find((n) => n.id === plan.inputNode)!;
  populations[plan.inputNode] = { size: input.size, model: input.model, params: Object.fromEntries(Object.entries(input.params).filter((e): e is [string, number | string | boolean] => !isPerNeuron(e[1]))) };
  const projections: WeightsFile['projections'] = {};
  const list = weightList(plan);
  list.forEach((w, k) => {
    projections[w.projection] = { source: w.source, target: w.target, shape: [w.pre, w.post], layout: WEIGHTS_LAYOUT, weights: toRows(weights[k], w.pre, w.post) };
  });
  // Trained τ (plan.trainTau) follow the weights in `weights`; the file keeps them with their population.
  tauList(plan).forEach((t, j) => { populations[t.population].trained = { [t.param]: Array.from(weights[list.length + j]) }; });
  const file: WeightsFile = { format: WEIGHTS_FORMAT, version: WEIGHTS_VERSION, network: { name: plan.network, source_sha256: sourceSha256 }, populations, projections };
  if (training) {
    file.training = { ...training };
    if (optimizer) {
      const state: Record<string, { m: number[]; v: number[] }> = {};
      list.forEach((w, k) => { state[w.projection] = { m: Array.from(optimizer.m[k]), v: Array.from(optimizer.v[k]) }; });
      tauList(plan).forEach((t, j) => { const k = list.length + j; state[tauKey(t.population, t.param)] = { m: Array.from(optimizer.m[k]), v: Array.from(optimizer.v[k]) }; });
      file.training.checkpoint = { kind: optimizer.kind, step: optimizer.step, state };
    }
  }
  return file;
}

/** A checkpoint's optimiser-state key for a trained τ vector (projection ids cannot contain "#"). */
const tauKey = (population: string, param: string) => `${population}#${param}`;

/**
 * The plan's weight matrices from a file already checked with checkWeightsFor, then (plan.trainTau) each
 * population's τ vector: the file's `trained` values, or the document's τ where the file has none.
 */
export function weightsFromFile(plan: TrainingPlan, file: WeightsFile): Float64Array[] {
  return [
    ...weightList(plan).map((w) => fromRows(file.projections[w.projection].weights)),
    ...tauList(plan).map((t) => {
      const v = file.populations[t.population]?.trained?.[t.param];
      return v && v.length === t.size ? Float64Array.from(v) : t.initValues ? Float64Array.from(t.initValues) : new Float64Array(t.size).fill(t.init);
    }),
  ];
}

/** Trained τ of a weights file that the plan does not train (it would run with the document's τ instead). */
export function untrainedTaus(plan: TrainingPlan, file: WeightsFile): string[] {
  if (plan.trainTau) return [];
  return Object.entries(file.populations).filter(([, p]) => p.trained && Object.keys(p.trained).length).map(([id]) => id);
}

/** The optimiser state of a checkpoint, or undefined when the file has none or it is for another optimiser. */
export function optimizerFromFile(plan: TrainingPlan, file: WeightsFile): OptimizerState | undefined {
  const cp = file.training?.checkpoint;
  if (!cp || cp.kind !== plan.config.optimizer) return undefined;
  const entries = [...weightList(plan).map((w) => ({ key: w.projection, n: w.pre * w.post })), ...tauList(plan).map((t) => ({ key: tauKey(t.population, t.param), n: t.size }))];
  const st = newOptimizerState(cp.kind, entries.map((e) => e.n));
  st.step = cp.step;
  for (const [k, e] of entries.entries()) {
    const s = cp.state[e.key];
    if (!s || s.m.length !== e.n || (cp.kind === 'adam' && s.v.length !== e.n)) return undefined;
    st.m[k].set(s.m); st.v[k].set(s.v);
  }
  return st;
}
