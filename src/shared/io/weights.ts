// The weights file (`snn-weights` v1, docs/cli.md and docs/training.md): trained weights of a network, with the training summary and,
// in checkpoints, the optimiser state. Takes file text or a parsed value; gives the typed file or diagnostics
// with JSON paths (bad JSON, wrong shape, a file for another network). Pure: the caller hashes the source.
import { z } from 'zod';
import { error, warning, type Diagnostic, type PathPart } from '../graph/diagnostics';
import { readJson } from '../graph/json-reader';

export const WEIGHTS_FORMAT = 'snn-weights';
export const WEIGHTS_VERSION = 1;
export const WEIGHTS_LAYOUT = 'row-major [pre][post]';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const count = z.number().int('must be a whole number').min(0, 'must not be negative');
const Id = z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'must start with a letter or _ and hold only letters, digits, _ and -');

export const WeightsPopulation = z.object({
  size: count.min(1, 'must be at least 1'),
  model: z.string(),
  params: z.record(z.string(), z.union([finite, z.string(), z.boolean()])),
  /**
   * Per-neuron values training learned beyond the weights (`training.trainable_tau`): the membrane time
   * constant of each neuron, under the name of the model's τ parameter (e.g. `tau_ms`). The document holds
   * one value per population, so applying them to a document is not possible yet (docs/training.md).
   */
  trained: z.record(z.string(), z.array(finite)).optional(),
});

export const WeightsProjection = z.object({
  source: Id,
  target: Id,
  shape: z.tuple([count, count]),
  layout: z.literal(WEIGHTS_LAYOUT),
  /** weights[pre][post]. */
  weights: z.array(z.array(finite)),
});

/** Optimiser state of a checkpoint (`snn train --checkpoint`), so `--resume` continues exactly. */
export const OptimizerCheckpoint = z.object({
  kind: z.enum(['adam', 'sgd']),
  step: count,
  /** Per projection id: Adam's first/second moments or SGD's momentum buffer (m), flat [pre][post]. */
  state: z.record(z.string(), z.object({ m: z.array(finite), v: z.array(finite) })),
});

export const WeightsTraining = z.object({
  epochs: count,
  batch_size: count,
  lr: finite,
  seed: count,
  backend: z.enum(['gpu', 'cpu']),
  /** Mean training loss of each completed epoch. */
  loss: z.array(finite),
  train_accuracy: finite,
  test_accuracy: finite,
  test_mean_abs_error_deg: finite,
  wall_ms: finite,
  // Additive, optional fields (beyond the fields docs/cli.md lists): what else a reader may want to know.
  epochs_completed: count.optional(),
  adapter: z.string().optional(),
  optimizer: z.enum(['adam', 'sgd']).optional(),
  loss_kind: z.string().optional(),
  surrogate: z.object({ kind: z.string(), beta: finite }).optional(),
  checkpoint: OptimizerCheckpoint.optional(),
});

export const WeightsFile = z.object({
  format: z.literal(WEIGHTS_FORMAT),
  version: z.literal(WEIGHTS_VERSION),
  network: z.object({
    name: z.string(),
    /** SHA-256 (hex) of the network document's file text the weights were trained on. */
    source_sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
  }),
  populations: z.record(Id, WeightsPopulation),
  projections: z.record(Id, WeightsProjection),
  training: WeightsTraining.optional(),
});

export type WeightsFile = z.output<typeof WeightsFile>;
export type WeightsTraining = z.output<typeof WeightsTraining>;

export type WeightsLoad = { ok: true; file: WeightsFile; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** Parse weights-file text: JSON, then shape (zod), then each matrix against its declared shape. */
export function parseWeightsText(text: string): WeightsLoad {
  // The bounded reader of documents (../graph/json-reader.ts): duplicate keys, depth, out-of-range numbers.
  const r = readJson(text);
  if (!r.ok) return { ok: false, diagnostics: [r.syntax ? error([], `not valid JSON (truncated?): ${r.message}`) : error(r.path, r.message)] };
  return loadWeights(r.value);
}

export function loadWeights(raw: unknown): WeightsLoad {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, diagnostics: [error([], 'a weights file must be a JSON object')] };
  const o = raw as Record<string, unknown>;
  if (o.format !== WEIGHTS_FORMAT) return { ok: false, diagnostics: [error(['format'], `must be "${WEIGHTS_FORMAT}", got ${JSON.stringify(o.format)}: this is not an SNN Studio weights file`)] };
  if (o.version !== WEIGHTS_VERSION) return { ok: false, diagnostics: [error(['version'], `version ${JSON.stringify(o.version)} is not supported (this build reads version ${WEIGHTS_VERSION})`)] };
  const r = WeightsFile.safeParse(raw);
  if (!r.success) return { ok: false, diagnostics: r.error.issues.map((i) => error(i.path as PathPart[], i.message)) };
  const out: Diagnostic[] = [];
  for (const [id, p] of Object.entries(r.data.projections)) {
    const [pre, post] = p.shape;
    if (p.weights.length !== pre) out.push(error(['projections', id, 'weights'], `shape says ${pre} rows (pre), found ${p.weights.length}`, id));
    const bad = p.weights.findIndex((row) => row.length !== post);
    if (bad >= 0) out.push(error(['projections', id, 'weights', bad], `shape says ${post} columns (post), found ${p.weights[bad].length}`, id));
  }
  return out.length ? { ok: false, diagnostics: out } : { ok: true, file: r.data, diagnostics: [] };
}

/** What a network expects of a weights file: its name, hash, each projection's ends and shape, and the
 *  populations' size, model and the parameters the file records (as `populations.*` of a file it would write). */
export interface WeightsExpectation {
  name: string;
  sourceSha256?: string;
  projections: { id: string; source: string; target: string; pre: number; post: number }[];
  populations?: { id: string; size: number; model: string; params: Record<string, number | string | boolean> }[];
}

/** Check a loaded file against the network it is used with. Structural mismatches are errors. */
export function checkWeightsFor(file: WeightsFile, want: WeightsExpectation): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reshaped = new Set<string>();
  if (file.network.name !== want.name) out.push(warning(['network', 'name'], `weights are for network "${file.network.name}", not "${want.name}"`));
  else if (want.sourceSha256 && file.network.source_sha256 !== want.sourceSha256) out.push(warning(['network', 'source_sha256'], 'the network file changed since these weights were trained'));
  for (const p of want.projections) {
    const f = file.projections[p.id];
    const path: PathPart[] = ['projections', p.id];
    if (!f) { out.push(error(path, `missing: the network "${want.name}" has projection "${p.id}" (${p.source} → ${p.target}); these weights are for another network`, p.id)); continue; }
    if (f.source !== p.source || f.target !== p.target) out.push(error(path, `connects ${f.source} → ${f.target}, but the network's "${p.id}" connects ${p.source} → ${p.target}`, p.id));
    if (f.shape[0] !== p.pre || f.shape[1] !== p.post) {
      out.push(error([...path, 'shape'], `is [${f.shape.join(', ')}], but the network needs [${p.pre}, ${p.post}] (${p.source} → ${p.target})`, p.id));
      reshaped.add(p.source).add(p.target);
    }
  }
  for (const id of Object.keys(file.projections)) {
    if (!want.projections.some((p) => p.id === id)) out.push(error(['projections', id], `the network "${want.name}" has no projection "${id}": these weights are for another network`, id));
  }
  // Populations: another model means the weights were trained for other dynamics (refused), as does another
  // size (said once: not again when a projection's shape already says it); another recorded parameter (a time
  // constant, a threshold) still runs, so it only warns. A file without the entry says nothing about it.
  for (const p of want.populations ?? []) {
    const f = file.populations[p.id];
    if (!f) continue;
    const path: PathPart[] = ['populations', p.id];
    if (f.size !== p.size && !reshaped.has(p.id)) out.push(error([...path, 'size'], `is ${f.size}, but the network's "${p.id}" has ${p.size} neurons`, p.id));
    if (f.model !== p.model) out.push(error([...path, 'model'], `is "${f.model}", but the network's "${p.id}" is "${p.model}"`, p.id));
    else for (const [k, v] of Object.entries(p.params)) {
      if (k in f.params && f.params[k] !== v) out.push(warning([...path, 'params', k], `was ${JSON.stringify(f.params[k])} in training, the network's "${p.id}" has ${JSON.stringify(v)}`, p.id));
    }
  }
  return out;
}

/** weights[pre][post] ↔ flat row-major arrays. */
export function toRows(flat: ArrayLike<number>, pre: number, post: number): number[][] {
  return Array.from({ length: pre }, (_, i) => Array.from({ length: post }, (_, j) => flat[i * post + j]));
}

export function fromRows(rows: number[][]): Float64Array {
  const post = rows[0]?.length ?? 0, out = new Float64Array(rows.length * post);
  rows.forEach((r, i) => out.set(r, i * post));
  return out;
}
