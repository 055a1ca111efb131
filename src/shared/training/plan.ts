// The training plan: what the trainers need from a network document (a directed acyclic network of LIF /
// adaptive LIF populations and one leaky-integrator (or LIF) readout, reached from one dataset input by dense
// projections, with self-recurrence; docs/training.md) and the training block's settings. Takes a validated document; gives a plan or
// diagnostics that name the node or projection that cannot be trained.
import type { NetworkDocument, Projection } from '../graph/schema';
import { error, type Diagnostic, type PathPart } from '../graph/diagnostics';
import { getModel, isPerNeuron, perNeuronSummary } from '../models';
import { soundParamsFrom, type SoundParams } from '../tasks/sound-localisation';

export type SurrogateKind = 'sigmoid' | 'fast_sigmoid' | 'arctan';
export type LossKind = 'nll_mean' | 'nll_max' | 'spike_count' | 'mse' | 'circular';
export type OptimizerKind = 'adam' | 'sgd';

export interface TrainConfig {
  mode: 'classification' | 'regression';
  classes: number;
  loss: LossKind;
  optimizer: OptimizerKind;
  lr: number;
  momentum: number;
  batchSize: number;
  epochs: number;
  trainSamples: number;
  testSamples: number;
  surrogate: { kind: SurrogateKind; beta: number };
  spikeRegularizer: number;
  earlyStoppingPatience: number;
  seed: number;
}

/** How a projection's spikes reach the target: added to v (delta) or into a decaying current I (docs/engine.md). */
export type SynapsePlan = { kind: 'delta' } | { kind: 'exponential'; tauMs: number };

/** One weight matrix, row-major [pre][post]. */
export interface WeightPlan {
  projection: string;
  source: string;
  target: string;
  pre: number;
  post: number;
  trainable: boolean;
  /** How non-trainable weights (and nothing else) are set: the document's rule. */
  rule: Projection['weight'];
  synapse: SynapsePlan;
  /** Recurrent projections: whether a neuron connects to itself (allow_self); false masks the diagonal. */
  self: boolean;
}

export type TrainableModel = 'lif' | 'adaptive_lif' | 'leaky_integrator';

export interface LayerPlan {
  id: string;
  model: TrainableModel;
  /** 'lif' spikes (LIF, adaptive LIF); 'li' is the non-spiking leaky-integrator readout. */
  kind: 'lif' | 'li';
  size: number;
  /** Every numeric parameter: the document's value or the catalogue default; an enum as its option index. */
  params: Record<string, number>;
  tauMs: number;
  /** exp(−dt/tau). */
  alpha: number;
  /** The document's per-neuron τ (an applied trained τ, with plan.trainTau): where the trained τ vector starts. */
  tauValues?: Float64Array;
  /** Threshold (LIF) or baseline threshold v_th0 (adaptive LIF). */
  vTh: number;
  /** Adaptive LIF: b_{t+1} = v_th0 + ρ(b_t − v_th0) + δ·s_{t+1}, ρ = exp(−dt/tau_t), δ = delta_th. */
  adapt?: { rho: number; delta: number; tauTMs: number };
  /** Projections into this population from the input or earlier populations, in document order; they add. */
  inputs: WeightPlan[];
  recurrent?: WeightPlan;
}

export interface TrainingPlan {
  network: string;
  inputNode: string;
  inputs: number;
  sound: SoundParams;
  steps: number;
  dtMs: number;
  /** Populations in topological order (document order among independent ones); the readout last. */
  layers: LayerPlan[];
  /** training.trainable_tau: every population's membrane τ (its model's `roles.tau`) is trained per neuron. */
  trainTau: boolean;
  config: TrainConfig;
}

export type PlanResult = { ok: true; plan: TrainingPlan; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** Settings from the document's training block (defaults = the tutorial's), then overrides (CLI flags). */
export function trainConfigFrom(doc: NetworkDocument, overrides: Partial<TrainConfig> = {}): TrainConfig {
  const t = doc.training;
  const base: TrainConfig = {
    mode: t?.mode ?? 'classification',
    classes: t?.classes ?? 12,
    loss: t?.loss ?? 'nll_mean',
    optimizer: t?.optimizer ?? 'adam',
    lr: t?.lr ?? 0.01,
    momentum: t?.momentum ?? 0.9,
    batchSize: t?.batch_size ?? 64,
    epochs: t?.epochs ?? 10,
    trainSamples: t?.train_samples ?? 4096,
    testSamples: t?.test_samples ?? 2048,
    surrogate: { kind: t?.surrogate.kind ?? 'sigmoid', beta: t?.surrogate.beta ?? 5 },
    spikeRegularizer: t?.spike_regularizer ?? 0,
    earlyStoppingPatience: t?.early_stopping_patience ?? 0,
    seed: t?.seed ?? doc.simulation.seed,
  };
  return { ...base, ...overrides, surrogate: { ...base.surrogate, ...overrides.surrogate } };
}

/** Extract the plan. The document must already be valid (graph/validate.ts). */
export function planTraining(doc: NetworkDocument, overrides: Partial<TrainConfig> = {}): PlanResult {
  const out: Diagnostic[] = [];
  const config = trainConfigFrom(doc, overrides);
  const nodeIndex = new Map(doc.nodes.map((n, i) => [n.id, i]));
  const projIndex = new Map(doc.projections.map((p, i) => [p.id, i]));
  const npath = (id: string, ...rest: PathPart[]): PathPart[] => ['nodes', nodeIndex.get(id) ?? -1, ...rest];
  const ppath = (id: string, ...rest: PathPart[]): PathPart[] => ['projections', projIndex.get(id) ?? -1, ...rest];

  const inputs = doc.nodes.filter((n) => n.kind === 'input');
  if (inputs.length !== 1 || inputs[0].model !== 'dataset') {
    out.push(error(['nodes'], `training needs exactly one input node, of model "dataset" (found ${inputs.map((n) => `"${n.id}" (${n.model})`).join(', ') || 'none'})`));
    return { ok: false, diagnostics: out };
  }
  const input = inputs[0];

  // Every population reached from the input, the projections between them, in topological order.
  const pops = doc.nodes.filter((n) => n.kind === 'population');
  const layers: LayerPlan[] = [];
  const byId = new Map<string, LayerPlan>();
  for (const n of pops) {
    const l = layerOf(n, doc.simulation.dt_ms, doc.training?.trainable_tau ?? false, npath, out);
    if (l) byId.set(n.id, { ...l, inputs: [] });
  }
  if (out.some((d) => d.severity === 'error')) return { ok: false, diagnostics: out };
  const size = (id: string) => doc.nodes.find((n) => n.id === id)!.size;
  for (const p of doc.projections) {
    const target = byId.get(p.target);
    if (!target) { out.push(error(ppath(p.id, 'target'), `projection "${p.id}" targets "${p.target}", which is not a population the trainer can train`, p.id)); continue; }
    if (p.source !== input.id && !byId.has(p.source)) { out.push(error(ppath(p.id, 'source'), `projection "${p.id}" comes from "${p.source}": the trainer's only input is the dataset node "${input.id}"`, p.id)); continue; }
    checkProjection(p, ppath, out);
    const w = weightPlan(p, size(p.source), target.size);
    if (p.source === p.target) {
      if (target.recurrent) out.push(error(ppath(p.id), `"${p.target}" already has the recurrent projection "${target.recurrent.projection}": merge "${p.id}" into it`, p.id));
      else if (target.kind === 'li') out.push(error(ppath(p.id), `"${p.target}" is a non-spiking readout: it cannot have a recurrent projection`, p.id));
      else target.recurrent = w;
    } else target.inputs.push(w);
  }
  // Reached from the input (through projections), then topological order; a cycle between populations is refused.
  const reached = new Set<string>([input.id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const l of byId.values()) if (!reached.has(l.id) && l.inputs.some((w) => reached.has(w.source))) { reached.add(l.id); grew = true; }
  }
  for (const n of pops) if (!reached.has(n.id)) out.push(error(npath(n.id), `"${n.id}" is not reached from the input "${input.id}" by projections`, n.id));
  const placed = new Set<string>([input.id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const n of pops) {
      const l = byId.get(n.id);
      if (!l || placed.has(n.id) || !reached.has(n.id) || !l.inputs.every((w) => placed.has(w.source))) continue;
      layers.push(l); placed.add(n.id); grew = true;
    }
  }
  for (const l of byId.values()) {
    if (placed.has(l.id) || !reached.has(l.id)) continue;
    const w = l.inputs.find((q) => !placed.has(q.source))!;
    out.push(error(ppath(w.projection), `"${w.projection}" (${w.source} → ${w.target}) closes a loop between populations: only recurrence within one population is supported`, w.projection));
  }
  if (layers.length === 0) {
    out.push(error(npath(input.id), `"${input.id}" projects to nothing: connect it to a hidden layer or a readout`, input.id));
    return { ok: false, diagnostics: out };
  }
  if (out.some((d) => d.severity === 'error')) return { ok: false, diagnostics: out };
  // The readout: the one population nothing else listens to; the loss reads it.
  const sinks = layers.filter((l) => !layers.some((m) => m.inputs.some((w) => w.source === l.id)));
  if (sinks.length > 1) {
    for (const l of sinks.slice(0, -1)) out.push(error(npath(l.id), `"${l.id}" projects to nothing, and so does "${sinks[sinks.length - 1].id}": the trainer needs one readout (the only population without outgoing projections)`, l.id));
    return { ok: false, diagnostics: out };
  }
  const readout = sinks[0];
  layers.splice(layers.indexOf(readout), 1);
  layers.push(readout);
  layers.slice(0, -1).forEach((l) => { if (l.kind !== 'lif') out.push(error(npath(l.id, 'model'), `hidden layer "${l.id}" must be a (adaptive) LIF population: a non-spiking leaky integrator sends no spikes (a readout can only come last)`, l.id)); });
  checkLoss(config, readout, npath, out);

  if (out.some((d) => d.severity === 'error')) return { ok: false, diagnostics: out };
  const sound = soundParamsFrom(input.size, input.params, doc.simulation.dt_ms, doc.simulation.duration_ms);
  return {
    ok: true,
    diagnostics: out,
    plan: { network: doc.meta.name, inputNode: input.id, inputs: input.size, sound, steps: sound.steps, dtMs: doc.simulation.dt_ms, layers, trainTau: doc.training?.trainable_tau ?? false, config },
  };
}

function weightPlan(p: Projection, pre: number, post: number): WeightPlan {
  const synapse: SynapsePlan = p.synapse.kind === 'exponential' ? { kind: 'exponential', tauMs: p.synapse.tau_ms } : { kind: 'delta' };
  const self = p.source !== p.target || p.connectivity.rule !== 'all_to_all' || p.connectivity.allow_self;
  return { projection: p.id, source: p.source, target: p.target, pre, post, trainable: p.trainable, rule: p.weight, synapse, self };
}

function checkProjection(p: Projection, ppath: (id: string, ...r: PathPart[]) => PathPart[], out: Diagnostic[]) {
  const c = p.connectivity;
  if (c.rule !== 'all_to_all') out.push(error(ppath(p.id, 'connectivity', 'rule'), `the trainer needs dense (all_to_all) projections; "${p.id}" is ${c.rule}`, p.id));
  if (p.synapse.kind === 'conductance') out.push(error(ppath(p.id, 'synapse', 'kind'), `the trainer supports delta and exponential synapses; "${p.id}" is conductance-based`, p.id));
  if (!(p.delay.kind === 'constant' && p.delay.ms === 0)) out.push(error(ppath(p.id, 'delay'), `the trainer supports delay 0 only (a spike reaches the next step); "${p.id}" has another delay`, p.id));
  if (p.plasticity) out.push(error(ppath(p.id, 'plasticity'), `"${p.id}" has STDP: plasticity and gradient training cannot be combined`, p.id));
}

const TRAINABLE: readonly string[] = ['lif', 'adaptive_lif', 'leaky_integrator'];

function layerOf(node: NetworkDocument['nodes'][number], dtMs: number, trainTau: boolean, npath: (id: string, ...r: PathPart[]) => PathPart[], out: Diagnostic[]): Omit<LayerPlan, 'inputs'> | undefined {
  const model = getModel(node.model);
  if (!model || !TRAINABLE.includes(node.model)) {
    out.push(error(npath(node.id, 'model'), `the trainer supports LIF and adaptive LIF layers and a leaky-integrator readout (their spike is H(x), whose derivative the surrogate replaces); "${node.id}" is ${model?.label ?? node.model}`, node.id));
    return undefined;
  }
  const params: Record<string, number> = {};
  let tauValues: Float64Array | undefined;
  for (const p of model.params) {
    const v = node.params[p.name] ?? p.default;
    if (isPerNeuron(v)) {
      // The trainer holds per-neuron values only for the τ it trains (plan.trainTau): they are where training
      // and evaluation start (initWeights). Any other per-neuron value would be read as one number: refused.
      if (p.name === model.roles?.tau && trainTau && v.per_neuron.length === node.size) tauValues = Float64Array.from(v.per_neuron);
      else out.push(error(npath(node.id, 'params', p.name), `the trainer reads per-neuron values only for the trained time constant (${model.roles?.tau ?? 'none'}, with training.trainable_tau on); "${node.id}".${p.name} is per neuron — make it uniform first`, node.id));
      params[p.name] = perNeuronSummary(v.per_neuron).mean;
      continue;
    }
    params[p.name] = typeof v === 'number' ? v : typeof v === 'boolean' ? +v : Math.max(0, p.options?.indexOf(String(v)) ?? 0);
  }
  const tauMs = params.tau_ms;
  const base = { id: node.id, model: node.model as TrainableModel, size: node.size, params, tauMs, alpha: Math.exp(-dtMs / tauMs), ...(tauValues ? { tauValues } : {}) };
  if (node.model === 'adaptive_lif') {
    const tauTMs = params.tau_t_ms;
    return { ...base, kind: 'lif', vTh: params.v_th0, adapt: { rho: Math.exp(-dtMs / tauTMs), delta: params.delta_th, tauTMs } };
  }
  return { ...base, kind: node.model === 'lif' ? 'lif' : 'li', vTh: node.model === 'lif' ? params.v_th : 1 };
}

function checkLoss(c: TrainConfig, readout: LayerPlan, npath: (id: string, ...r: PathPart[]) => PathPart[], out: Diagnostic[]) {
  const regression = c.loss === 'mse' || c.loss === 'circular';
  if (regression !== (c.mode === 'regression')) out.push(error(['training', 'loss'], `loss "${c.loss}" does not fit mode "${c.mode}" (regression uses mse or circular)`));
  if (c.loss === 'spike_count' && readout.kind !== 'lif') out.push(error(npath(readout.id, 'model'), `loss "spike_count" needs a spiking (LIF) readout; "${readout.id}" does not spike`, readout.id));
  if (c.loss !== 'spike_count' && readout.kind !== 'li') out.push(error(npath(readout.id, 'model'), `the readout "${readout.id}" must be a leaky integrator for loss "${c.loss}" (or use loss "spike_count")`, readout.id));
  const want = c.mode === 'regression' ? 1 : c.classes;
  if (readout.size !== want) out.push(error(npath(readout.id, 'size'), `the readout needs ${want} neuron${want === 1 ? '' : 's'} for ${c.mode === 'regression' ? 'regression' : `${c.classes} classes`}, "${readout.id}" has ${readout.size}`, readout.id));
  if (c.batchSize > c.trainSamples) out.push(error(['training', 'batch_size'], `batch size ${c.batchSize} is above the ${c.trainSamples} training samples`));
}
