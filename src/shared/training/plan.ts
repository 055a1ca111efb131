// The training plan: what the trainers need from a network document (a chain inputs → LIF layers → readout
// with dense projections) and the training block's settings. Takes a validated document; gives a plan or
// diagnostics that name the node or projection that cannot be trained.
import type { NetworkDocument, Projection } from '../graph/schema';
import { error, type Diagnostic, type PathPart } from '../graph/diagnostics';
import { getModel } from '../models';
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
}

export interface LayerPlan {
  id: string;
  /** 'lif' spikes (s = H(v − v_th), reset to 0); 'li' is the non-spiking leaky-integrator readout. */
  kind: 'lif' | 'li';
  size: number;
  tauMs: number;
  /** exp(−dt/tau). */
  alpha: number;
  /** Threshold (LIF) or baseline threshold v_th0 (adaptive LIF). */
  vTh: number;
  /** Adaptive LIF: b_{t+1} = v_th0 + ρ(b_t − v_th0) + δ·s_{t+1}, ρ = exp(−dt/tau_t), δ = delta_th. */
  adapt?: { rho: number; delta: number; tauTMs: number };
  input: WeightPlan;
  recurrent?: WeightPlan;
}

export interface TrainingPlan {
  network: string;
  inputNode: string;
  inputs: number;
  sound: SoundParams;
  steps: number;
  dtMs: number;
  /** Hidden layers first, the readout last. */
  layers: LayerPlan[];
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

  if (doc.training?.trainable_tau) out.push(error(['training', 'trainable_tau'], 'trainable time constants are not supported yet: set it to false'));
  const inputs = doc.nodes.filter((n) => n.kind === 'input');
  if (inputs.length !== 1 || inputs[0].model !== 'dataset') {
    out.push(error(['nodes'], `training needs exactly one input node, of model "dataset" (found ${inputs.map((n) => `"${n.id}" (${n.model})`).join(', ') || 'none'})`));
    return { ok: false, diagnostics: out };
  }
  const input = inputs[0];

  // Walk the chain: each layer has one feed-forward projection from the previous layer, maybe one recurrent.
  const layers: LayerPlan[] = [];
  const used = new Set<string>();
  let prev = input.id, prevSize = input.size;
  for (;;) {
    const ff = doc.projections.filter((p) => p.source === prev && p.target !== prev);
    if (ff.length === 0) break;
    if (ff.length > 1) {
      out.push(error(ppath(ff[1].id), `"${prev}" projects to ${ff.map((p) => `"${p.target}"`).join(' and ')}: the trainer needs a chain of layers (one target per layer)`, ff[1].id));
      break;
    }
    const p = ff[0];
    used.add(p.id);
    const node = doc.nodes.find((n) => n.id === p.target)!;
    if (layers.some((l) => l.id === node.id)) {
      out.push(error(ppath(p.id), `"${p.id}" closes a loop between layers (${prev} → ${node.id}): only recurrence within one layer is supported`, p.id));
      break;
    }
    const others = doc.projections.filter((q) => q.target === node.id && q.source !== node.id && q.id !== p.id);
    for (const q of others) { out.push(error(ppath(q.id), `"${node.id}" already gets its input from "${prev}": the trainer needs one feed-forward input per layer`, q.id)); used.add(q.id); }
    checkProjection(p, ppath, out);
    const layer = layerOf(node, doc.simulation.dt_ms, npath, out);
    if (!layer) break;
    const rec = doc.projections.find((q) => q.source === node.id && q.target === node.id);
    if (rec) {
      used.add(rec.id);
      checkProjection(rec, ppath, out);
      if (layer.kind === 'li') out.push(error(ppath(rec.id), `"${node.id}" is a non-spiking readout: it cannot have a recurrent projection`, rec.id));
    }
    layers.push({
      ...layer,
      input: weightPlan(p, prevSize, node.size),
      ...(rec ? { recurrent: weightPlan(rec, node.size, node.size) } : {}),
    });
    prev = node.id; prevSize = node.size;
  }
  for (const p of doc.projections) if (!used.has(p.id)) out.push(error(ppath(p.id), `projection "${p.id}" (${p.source} → ${p.target}) is not part of the layer chain from "${input.id}"`, p.id));
  for (const n of doc.nodes) if (n.kind === 'population' && !layers.some((l) => l.id === n.id)) out.push(error(npath(n.id), `"${n.id}" is not reached by the layer chain from "${input.id}"`, n.id));
  if (layers.length === 0) {
    out.push(error(npath(input.id), `"${input.id}" projects to nothing: connect it to a hidden layer or a readout`, input.id));
    return { ok: false, diagnostics: out };
  }
  const readout = layers[layers.length - 1];
  layers.slice(0, -1).forEach((l) => { if (l.kind !== 'lif') out.push(error(npath(l.id, 'model'), `hidden layer "${l.id}" must be a (adaptive) LIF population (a readout can only come last)`, l.id)); });
  checkLoss(config, readout, npath, out);

  if (out.some((d) => d.severity === 'error')) return { ok: false, diagnostics: out };
  const sound = soundParamsFrom(input.size, input.params, doc.simulation.dt_ms, doc.simulation.duration_ms);
  return {
    ok: true,
    diagnostics: out,
    plan: { network: doc.meta.name, inputNode: input.id, inputs: input.size, sound, steps: sound.steps, dtMs: doc.simulation.dt_ms, layers, config },
  };
}

function weightPlan(p: Projection, pre: number, post: number): WeightPlan {
  return { projection: p.id, source: p.source, target: p.target, pre, post, trainable: p.trainable, rule: p.weight };
}

function checkProjection(p: Projection, ppath: (id: string, ...r: PathPart[]) => PathPart[], out: Diagnostic[]) {
  const c = p.connectivity;
  if (c.rule !== 'all_to_all') out.push(error(ppath(p.id, 'connectivity', 'rule'), `the trainer needs dense (all_to_all) projections; "${p.id}" is ${c.rule}`, p.id));
  else if (p.source === p.target && !c.allow_self) out.push(error(ppath(p.id, 'connectivity', 'allow_self'), `recurrent "${p.id}" without self-connections is not supported yet: set allow_self to true`, p.id));
  if (p.synapse.kind !== 'delta') out.push(error(ppath(p.id, 'synapse', 'kind'), `the trainer supports delta synapses only; "${p.id}" is ${p.synapse.kind}`, p.id));
  if (!(p.delay.kind === 'constant' && p.delay.ms === 0)) out.push(error(ppath(p.id, 'delay'), `the trainer supports delay 0 only (a spike reaches the next step); "${p.id}" has another delay`, p.id));
  if (p.plasticity) out.push(error(ppath(p.id, 'plasticity'), `"${p.id}" has STDP: plasticity and gradient training cannot be combined`, p.id));
}

function layerOf(node: NetworkDocument['nodes'][number], dtMs: number, npath: (id: string, ...r: PathPart[]) => PathPart[], out: Diagnostic[]) {
  const model = getModel(node.model);
  if (node.model !== 'lif' && node.model !== 'adaptive_lif' && node.model !== 'leaky_integrator') {
    out.push(error(npath(node.id, 'model'), `the trainer supports LIF and adaptive LIF layers and a leaky-integrator readout; "${node.id}" is ${model?.label ?? node.model}`, node.id));
    return undefined;
  }
  // The tutorial's discrete update has rest 0, reset 0, R 1, no refractoriness and v(0) = 0: refuse others.
  const fixed: Record<string, number> = { v_rest: 0, v_reset: 0, r: 1, refractory_ms: 0, v_init: 0 };
  for (const [k, v] of Object.entries(fixed)) {
    if (k in node.params && node.params[k] !== v) out.push(error(npath(node.id, 'params', k), `the trainer's model has ${k} = ${v}; "${node.id}" sets ${node.params[k]}`, node.id));
  }
  // The trainer's spiking update is the engine's reset_timing 'tutorial' (docs/training.md): refuse 'immediate'
  // so that what is trained is what the engine simulates.
  if (node.model !== 'leaky_integrator' && node.params.reset_timing !== 'tutorial') {
    out.push(error(npath(node.id, 'params', 'reset_timing'), `the trainer trains the tutorial's reset timing; "${node.id}" has reset_timing "${String(node.params.reset_timing ?? 'immediate')}": set it to "tutorial"`, node.id));
  }
  const num = (k: string) => (typeof node.params[k] === 'number' ? node.params[k] as number : model!.params.find((p) => p.name === k)!.default as number);
  const tauMs = num('tau_ms');
  const base = { id: node.id, size: node.size, tauMs, alpha: Math.exp(-dtMs / tauMs) };
  if (node.model === 'adaptive_lif') {
    const tauTMs = num('tau_t_ms');
    return { ...base, kind: 'lif' as const, vTh: num('v_th0'), adapt: { rho: Math.exp(-dtMs / tauTMs), delta: num('delta_th'), tauTMs } };
  }
  return { ...base, kind: node.model === 'lif' ? 'lif' as const : 'li' as const, vTh: node.model === 'lif' ? num('v_th') : 1 };
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
