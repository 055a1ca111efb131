// The network document (`*.snn.json`): the saved form of what users draw. This zod schema checks its
// *shape*; ./validate.ts adds the checks that need the model catalogue or cross-references (ids, ranges).
// Changing the shape means a new version and a migration in ./migrations.ts.
import { z } from 'zod';
import { isReservedName, RESERVED_NAMES } from './json-reader';

export const DOCUMENT_FORMAT = 'snn-network';
export const DOCUMENT_VERSION = 1;

/**
 * Ids are used on the command line (`--set ears.ipd_deg=90`) and in files: no dots or spaces. Ids become keys
 * (layout.nodes, run output), so the names of every JavaScript object's parts are refused (./json-reader.ts).
 */
export const Id = z.string()
  .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'must start with a letter or _ and hold only letters, digits, _ and -')
  .refine((id) => !isReservedName(id), { message: `is reserved (${RESERVED_NAMES.join(', ')} name parts of every JavaScript object): choose another id` });

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const nonNegative = finite.refine((v) => v >= 0, 'must not be negative');
const positive = finite.refine((v) => v > 0, 'must be above 0');
const probability = finite.refine((v) => v >= 0 && v <= 1, 'must be between 0 and 1');
const count = z.number().int('must be a whole number');
/** Seeds feed the 32-bit counter RNG (src/shared/rng) and must fit it, not wrap silently. */
export const MAX_SEED = 0xffff_ffff;
const seed = count.min(0, 'must not be negative').max(MAX_SEED, `must be at most ${MAX_SEED} (2^32 − 1)`);

/**
 * One value per neuron of a population (docs/file-format.md, "Per-neuron parameters"): trained time constants
 * are applied in this form. Which parameters may take it and the range of each value: ../models/per-neuron.ts.
 */
export const PerNeuronParam = z.object({ per_neuron: z.array(finite) }).strict();
export const ParamValue = z.union([finite, z.string(), z.boolean(), PerNeuronParam]);

export const Meta = z.object({
  name: z.string().min(1, 'must not be empty'),
  description: z.string().default(''),
  created: z.string().optional(),
  modified: z.string().optional(),
  app_version: z.string().optional(),
});

export const Simulation = z.object({
  dt_ms: positive.default(0.1),
  duration_ms: positive.default(100),
  seed: seed.default(1),
});

export const SpikeList = z.object({
  index: z.array(count.min(0)),
  time_ms: z.array(nonNegative),
});

/**
 * A spike data file a dataset node trains on instead of its generated task (docs/file-format.md, docs/training.md
 * "Your own data"): its name (a path relative to the document's folder for `snn`; the app asks for the file),
 * and the share of samples the split puts in the test set. Binning is the document's: floor(t / dt_ms), spikes
 * at or after duration_ms dropped.
 */
export const SpikeFileRef = z.object({
  path: z.string().min(1, 'must not be empty').max(4096, 'is longer than 4096 characters')
    .regex(/\.(h5|hdf5|csv|json)$/i, 'must name a .h5/.hdf5 (SHD layout), .csv or .json file'),
  test_fraction: finite.refine((v) => v > 0 && v < 1, 'must be above 0 and below 1').default(0.2),
}).strict();

export const NodeData = z.object({
  spikes: SpikeList.optional(),
  rates_hz: z.array(nonNegative).optional(),
  file: SpikeFileRef.optional(),
}).strict();

export const NetworkNode = z.object({
  id: Id,
  kind: z.enum(['population', 'input']),
  /** A model id of the catalogue (src/shared/models). */
  model: z.string(),
  size: count.min(1, 'must be at least 1').max(100_000_000, 'is above the limit of 100,000,000 neurons'),
  label: z.string().optional(),
  /** Parameter values by name; missing ones take the catalogue's default. */
  params: z.record(z.string(), ParamValue).default({}),
  data: NodeData.optional(),
});

export const Connectivity = z.discriminatedUnion('rule', [
  z.object({ rule: z.literal('all_to_all'), allow_self: z.boolean().default(true) }),
  z.object({ rule: z.literal('one_to_one') }),
  z.object({ rule: z.literal('fixed_probability'), p: probability, allow_self: z.boolean().default(true) }),
  z.object({ rule: z.literal('fixed_indegree'), k: count.min(0), allow_self: z.boolean().default(true) }),
  z.object({ rule: z.literal('explicit'), pre: z.array(count.min(0)), post: z.array(count.min(0)) }),
]);

export const WeightRule = z.discriminatedUnion('dist', [
  z.object({ dist: z.literal('constant'), value: finite }),
  z.object({ dist: z.literal('uniform'), low: finite, high: finite }),
  z.object({ dist: z.literal('normal'), mean: finite, std: nonNegative }),
  /** One weight per synapse, in the order the connectivity rule enumerates them (pre-major). */
  z.object({ dist: z.literal('explicit'), values: z.array(finite) }),
]);

export const DelayRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant'), ms: finite }),
  z.object({ kind: z.literal('explicit'), ms: z.array(finite) }),
  /** An expression of `pre`, `post`, `n_pre`, `n_post` (and `pi`) giving the delay in ms (./expression.ts). */
  z.object({ kind: z.literal('expression'), expr: z.string().min(1) }),
]);

export const Synapse = z.discriminatedUnion('kind', [
  /** A spike adds w to the target's v. */
  z.object({ kind: z.literal('delta') }),
  /** A spike adds w to a current that decays with tau_ms and drives v through R·I. */
  z.object({ kind: z.literal('exponential'), tau_ms: positive }),
  /** A spike adds w to a conductance g that decays with tau_ms; the current is g·(e_rev − v). */
  z.object({ kind: z.literal('conductance'), tau_ms: positive, e_rev: finite }),
  /** Continuous injection of a current source's I(t)·w (source must be a current input). */
  z.object({ kind: z.literal('current') }),
]);

export const Plasticity = z.object({
  rule: z.literal('stdp'),
  a_plus: finite.default(0.01),
  a_minus: finite.default(0.0105),
  tau_plus_ms: positive.default(20),
  tau_minus_ms: positive.default(20),
  w_min: finite.default(0),
  w_max: finite.default(1),
});

export const Projection = z.object({
  id: Id,
  source: Id,
  target: Id,
  connectivity: Connectivity,
  weight: WeightRule,
  delay: DelayRule.default({ kind: 'constant', ms: 0 }),
  synapse: Synapse.default({ kind: 'delta' }),
  plasticity: Plasticity.optional(),
  trainable: z.boolean().default(false),
});

export const Monitor = z.discriminatedUnion('kind', [
  z.object({ id: Id, kind: z.literal('spikes'), target: Id }),
  z.object({
    id: Id, kind: z.literal('state'), target: Id, variable: z.string(),
    /** Neuron indices to record; all neurons when absent. */
    indices: z.array(count.min(0)).optional(),
  }),
]);

export const Surrogate = z.object({
  kind: z.enum(['sigmoid', 'fast_sigmoid', 'arctan']).default('sigmoid'),
  beta: positive.default(5),
});

export const Training = z.object({
  task: z.enum(['sound_localisation']).default('sound_localisation'),
  mode: z.enum(['classification', 'regression']).default('classification'),
  classes: count.min(2).default(12),
  loss: z.enum(['nll_mean', 'nll_max', 'spike_count', 'mse', 'circular']).default('nll_mean'),
  optimizer: z.enum(['adam', 'sgd']).default('adam'),
  lr: positive.default(0.01),
  momentum: probability.default(0.9),
  batch_size: count.min(1).default(64),
  epochs: count.min(1).default(10),
  train_samples: count.min(1).default(4096),
  test_samples: count.min(1).default(2048),
  surrogate: Surrogate.default({ kind: 'sigmoid', beta: 5 }),
  spike_regularizer: nonNegative.default(0),
  trainable_tau: z.boolean().default(false),
  early_stopping_patience: count.min(0).default(0),
  seed: seed.optional(),
});

/**
 * Where a document's applied weights (and per-neuron τ) came from (docs/file-format.md, "Provenance"): written
 * by Apply to network, `snn train --apply` and `snn evaluate --apply`; replaced at each Apply.
 */
export const Provenance = z.object({
  /** The trainer of this app ('training') or a weights file applied to the document ('weights_file'). */
  source: z.enum(['training', 'weights_file']),
  /** The data the weights were trained on: its name (task or file) and the seed that reproduces its samples. */
  dataset: z.object({
    name: z.string().min(1, 'must not be empty'),
    seed: seed,
    train_samples: count.min(1).optional(),
    test_samples: count.min(1).optional(),
  }).strict(),
  /** Epochs completed. */
  epochs: count.min(0, 'must not be negative'),
  backend: z.enum(['cpu', 'gpu']),
  /** Fraction of test samples classified right by the trainer (0…1); absent for regression. */
  test_accuracy: probability.optional(),
  /** When the weights were applied: an ISO 8601 date-time (UTC). */
  date: z.string().refine((d) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(d) && Number.isFinite(Date.parse(d)), 'must be an ISO 8601 date-time such as 2026-01-31T12:00:00Z'),
  /** The SNN Studio version that trained or applied them. */
  app_version: z.string().min(1, 'must not be empty'),
  /** Whether per-neuron time constants were trained and applied with the weights. */
  trained_tau: z.boolean().default(false),
  /** The weights file's name (source 'weights_file'). */
  weights_file: z.string().optional(),
}).strict();

export const Position = z.object({ x: finite, y: finite });

export const Layout = z.object({
  nodes: z.record(z.string(), Position).default({}),
});

export const NetworkDocument = z.object({
  format: z.literal(DOCUMENT_FORMAT),
  version: z.literal(DOCUMENT_VERSION),
  meta: Meta,
  simulation: Simulation.default({ dt_ms: 0.1, duration_ms: 100, seed: 1 }),
  nodes: z.array(NetworkNode),
  projections: z.array(Projection).default([]),
  monitors: z.array(Monitor).default([]),
  training: Training.optional(),
  provenance: Provenance.optional(),
  layout: Layout.default({ nodes: {} }),
});

export type NetworkDocument = z.output<typeof NetworkDocument>;
export type NetworkDocumentInput = z.input<typeof NetworkDocument>;
export type NetworkNode = z.output<typeof NetworkNode>;
export type SpikeFileRef = z.output<typeof SpikeFileRef>;
export type Projection = z.output<typeof Projection>;
export type Monitor = z.output<typeof Monitor>;
export type Connectivity = z.output<typeof Connectivity>;
export type WeightRule = z.output<typeof WeightRule>;
export type DelayRule = z.output<typeof DelayRule>;
export type Synapse = z.output<typeof Synapse>;
export type Plasticity = z.output<typeof Plasticity>;
export type Training = z.output<typeof Training>;
export type Provenance = z.output<typeof Provenance>;
export type Simulation = z.output<typeof Simulation>;
