// Per-neuron parameter values (docs/file-format.md, "Per-neuron parameters"): a neuron population's numeric
// parameter may be given as `{ "per_neuron": [v0, v1, …] }`, one value per neuron, instead of one number — the
// form trained time constants are applied in (docs/training.md, "Apply to network"). Which parameters may take
// it, and the checks each value gets, are defined here once for the validator, the compiler and the editor.
import { buildDynamics, type Dynamics } from './dynamics/program';
import { symbols } from './dynamics/expr';
import { checkParam, type ModelSpec } from './types';

export interface PerNeuronValue { per_neuron: number[] }

export function isPerNeuron(v: unknown): v is PerNeuronValue {
  return typeof v === 'object' && v !== null && Array.isArray((v as PerNeuronValue).per_neuron);
}

const uniformOnlyCache = new Map<string, Set<string>>();

/**
 * Parameters of a model that must stay one value for the population: the ones a `repeat` count reads
 * (directly or through derived constants) — every neuron of a kernel runs the same number of sub-steps.
 */
function uniformOnly(model: ModelSpec): Set<string> {
  const hit = uniformOnlyCache.get(model.id);
  if (hit) return hit;
  const out = new Set<string>();
  if (model.dynamics) {
    const d = buildDynamics(model.id, model.params.map((p) => p.name), model.state.map((s) => s.name), model.dynamics);
    const deps = new Map<string, Set<string>>();
    for (const s of d.derived) if (s.k === 'set') {
      const ds = new Set<string>();
      for (const n of symbols(s.e)) { ds.add(n); for (const m of deps.get(n) ?? []) ds.add(m); }
      deps.set(s.name, ds);
    }
    const counts = (stmts: typeof d.update): void => {
      for (const s of stmts) if (s.k === 'repeat') {
        out.add(s.count);
        for (const n of deps.get(s.count) ?? []) out.add(n);
        counts(s.body);
      }
    };
    counts(d.update);
  }
  uniformOnlyCache.set(model.id, out);
  return out;
}

/** Why `param` of `model` cannot be given per neuron, or null when it can. */
export function perNeuronRefusal(model: ModelSpec, param: string): string | null {
  const spec = model.params.find((p) => p.name === param);
  if (!spec) return `unknown parameter for ${model.label}`;
  if (model.kind !== 'neuron' || !model.dynamics) return `${model.label} takes one value per parameter; per-neuron values are for neuron populations`;
  if (spec.type !== 'number') return `"${param}" is ${spec.type === 'integer' ? 'a whole number' : `a${spec.type === 'enum' ? 'n' : ''} ${spec.type}`}: it takes one value for the population`;
  if (uniformOnly(model).has(param)) return `"${param}" sets the number of sub-steps, which every neuron shares: it takes one value`;
  return null;
}

/**
 * Check a per-neuron value against the parameter and the population size: the path suffix (under the
 * parameter) and message of each problem; at most `limit` per value so a bad million-entry list stays readable.
 */
export function checkPerNeuron(model: ModelSpec, param: string, value: PerNeuronValue, size: number, limit = 5): { at: (string | number)[]; message: string }[] {
  const refusal = perNeuronRefusal(model, param);
  if (refusal) return [{ at: [], message: refusal }];
  const out: { at: (string | number)[]; message: string }[] = [];
  const vs = value.per_neuron;
  if (vs.length !== size) out.push({ at: ['per_neuron'], message: `needs one value per neuron (${size}), got ${vs.length}` });
  const spec = model.params.find((p) => p.name === param)!;
  let bad = 0;
  for (let i = 0; i < vs.length && bad < limit; i++) {
    const why = checkParam(spec, vs[i]);
    if (why) { out.push({ at: ['per_neuron', i], message: why }); bad++; }
  }
  return out;
}

/** Count, range and mean of per-neuron values (the Inspector's summary). */
export function perNeuronSummary(values: ArrayLike<number>): { n: number; min: number; max: number; mean: number } {
  let min = Infinity, max = -Infinity, sum = 0;
  for (let i = 0; i < values.length; i++) { const v = values[i]; if (v < min) min = v; if (v > max) max = v; sum += v; }
  return { n: values.length, min, max, mean: values.length ? sum / values.length : NaN };
}

/**
 * The names a population reads per neuron when `given` params are per neuron: those params and every derived
 * constant that reads one (e.g. decay = exp(−dt/τ)), in that order. The engines keep one f32 column of each.
 */
export function perNeuronColumnNames(d: Dynamics, given: readonly string[]): string[] {
  const varying = new Set(given);
  for (const s of d.derived) if (s.k === 'set' && [...symbols(s.e)].some((n) => varying.has(n))) varying.add(s.name);
  return [...varying];
}
