// The numeric parameter vector of a population as both engines see it (f32): the model's numeric params,
// its derived constants (./models), and per synaptic channel decay, fixed-point scale and reversal potential.
// The GPU reads it from a storage buffer (so setParam rewrites a buffer, no recompile); the CPU uses the same values.
import type { PopulationIR, ProjectionIR } from './ir';
import { NEURON_RULES } from './models';
import { getModel, perNeuronColumnNames } from '../models';

export interface ParamVector { names: string[]; values: Float32Array }

export function paramVector(pop: PopulationIR, dtMs: number): ParamVector {
  const num = numericParams(pop);
  const rule = NEURON_RULES[pop.model];
  const all: Record<string, number> = { ...num, ...(rule ? rule.derived(num, dtMs) : {}) };
  pop.channels.forEach((c, k) => {
    all[`ch${k}_decay`] = c.tauMs > 0 ? Math.exp(-dtMs / c.tauMs) : 0;
    all[`ch${k}_inv_scale`] = 2 ** -c.fixedBits;
    all[`ch${k}_scale`] = 2 ** c.fixedBits;
    all[`ch${k}_erev`] = c.eRev;
  });
  if (pop.input.kind === 'const') {
    // From the params (not the IR's snapshot), so setParam('start_ms'/'stop_ms') takes effect on both engines.
    const step = pop.params.shape === 'step', at = (ms: number) => Math.min(0xffffffff, Math.max(0, Math.round(ms / dtMs)));
    all.start_step = step ? at(pop.params.start_ms as number) : 0;
    all.stop_step = step ? at(pop.params.stop_ms as number) : 0xffffffff;
  }
  const names = Object.keys(all);
  return { names, values: Float32Array.from(names, (n) => all[n]) };
}

/** The population's params as numbers (f64): booleans 0/1, a neuron model's enums as their option's index. */
function numericParams(pop: PopulationIR): Record<string, number> {
  const num: Record<string, number> = {};
  for (const [k, v] of Object.entries(pop.params)) {
    if (typeof v === 'number') num[k] = v;
    else if (typeof v === 'boolean') num[k] = v ? 1 : 0;
  }
  // A neuron model's enum params enter as their option's index (e.g. reset_timing: immediate 0, tutorial 1).
  if (NEURON_RULES[pop.model]) for (const ps of getModel(pop.model)?.params ?? []) {
    if (ps.type === 'enum' && typeof pop.params[ps.name] === 'string') num[ps.name] = ps.options!.indexOf(pop.params[ps.name] as string);
  }
  return num;
}

/**
 * A population's per-neuron columns (docs/engine.md, "Per-neuron parameters"): its per-neuron params and every
 * derived constant that reads one (e.g. decay = exp(−dt/τ)), computed on the host in f64 per neuron and
 * stored as f32, [column][neuron]. Both engines read a name listed here per neuron (the GPU from the PN_<pop>
 * buffer, the CPU from its column arrays) and every other name from the parameter vector. Empty when none.
 */
export interface ParamColumns { names: string[]; values: Float32Array }

export function perNeuronColumns(pop: PopulationIR, dtMs: number): ParamColumns {
  const rule = NEURON_RULES[pop.model];
  if (!pop.perNeuron || !rule) return { names: [], values: new Float32Array(0) };
  const pn = pop.perNeuron, given = Object.keys(pn);
  const names = perNeuronColumnNames(rule.dynamics, given);
  const size = pop.size, values = new Float32Array(names.length * size), num = numericParams(pop);
  for (let i = 0; i < size; i++) {
    const p = { ...num };
    for (const g of given) p[g] = pn[g][i];
    const all: Record<string, number> = { ...p, ...rule.derived(p, dtMs) };
    names.forEach((n, c) => { values[c * size + i] = all[n]; });
  }
  return { names, values };
}

/**
 * Initial value of every model state variable per neuron ([var][neuron], f32; channel variables 0), the same
 * for both engines: the model's init from the parameter vector, per neuron when the population has
 * per-neuron columns (an init may read one, e.g. v_init).
 */
export function initialStates(pop: PopulationIR, dtMs: number): Float32Array {
  const rule = NEURON_RULES[pop.model], size = pop.size, S = new Float32Array(pop.stateVars.length * size);
  if (!rule) return S;
  const p = paramRecord(paramVector(pop, dtMs));
  const cols = perNeuronColumns(pop, dtMs);
  if (!cols.names.length) {
    const init = rule.init(p);
    pop.stateVars.forEach((v, q) => S.fill(Math.fround(init[v] ?? 0), q * size, (q + 1) * size));
    return S;
  }
  for (let i = 0; i < size; i++) {
    const pi = { ...p };
    cols.names.forEach((n, c) => { pi[n] = cols.values[c * size + i]; });
    const init = rule.init(pi);
    pop.stateVars.forEach((v, q) => { S[q * size + i] = init[v] ?? 0; });
  }
  return S;
}

/** The same vector as a name → f32 value record (the CPU engine's view). */
export function paramRecord(v: ParamVector): Record<string, number> {
  return Object.fromEntries(v.names.map((n, i) => [n, v.values[i]]));
}

/** Per target neuron, the summed weight of each 'current' projection into it ([proj k][neuron], f32). */
export function currentWeights(pop: PopulationIR, projs: readonly ProjectionIR[]): { projections: ProjectionIR[]; sums: Float32Array } {
  const cps = projs.filter((p) => p.target === pop.index && p.synapse === 'current');
  const sums = new Float32Array(cps.length * pop.size);
  cps.forEach((p, k) => {
    const acc = new Float64Array(pop.size);
    for (let s = 0; s < p.post.length; s++) acc[p.post[s]] += p.weight[s];
    sums.set(acc, k * pop.size);
  });
  return { projections: cps, sums };
}

/** Transposed index of a projection (by postsynaptic neuron), for STDP's potentiation pass. */
export function transpose(pj: ProjectionIR): { colPtr: Uint32Array; colSyn: Uint32Array; colPre: Uint32Array } {
  const colPtr = new Uint32Array(pj.nPost + 1);
  for (let s = 0; s < pj.post.length; s++) colPtr[pj.post[s] + 1]++;
  for (let j = 0; j < pj.nPost; j++) colPtr[j + 1] += colPtr[j];
  const fill = colPtr.slice(0, pj.nPost);
  const colSyn = new Uint32Array(pj.post.length), colPre = new Uint32Array(pj.post.length);
  for (let i = 0; i < pj.nPre; i++) {
    for (let s = pj.rowPtr[i]; s < pj.rowPtr[i + 1]; s++) { const k = fill[pj.post[s]]++; colSyn[k] = s; colPre[k] = i; }
  }
  return { colPtr, colSyn, colPre };
}

/** The i32 a delivered weight adds to the ring buffer: floor(w·2^F + 0.5) in f32, as the WGSL computes it. */
export function quantize(w: number, scale: number): number {
  return Math.floor(Math.fround(Math.fround(w * scale) + 0.5)) | 0;
}

/**
 * The one rule both engines' setParam follow: a numeric param of the population (neuron params live in its
 * parameter buffer, input params in the host's per-chunk tables or the constant-rate probabilities).
 * Enum/boolean params pick code or an input mode: changing them needs a recompile. Returns an error message.
 */
export function settableError(pop: PopulationIR | undefined, population: string, param: string, value: number): string | null {
  if (!pop) return `no population "${population}"`;
  if (!(param in pop.params)) return `no parameter "${param}" on "${population}" (it has: ${Object.keys(pop.params).join(', ')})`;
  if (typeof pop.params[param] !== 'number') return `parameter "${param}" of "${population}" is not numeric: changing it needs a recompile`;
  if (pop.perNeuron?.[param]) return `parameter "${param}" of "${population}" is given per neuron: changing it needs a recompile`;
  if (!Number.isFinite(value)) return `parameter "${param}" of "${population}": ${value} is not a finite number`;
  return null;
}

/** After a param edit: recompute a constant-rate input's per-neuron probability (rate_hz·dt) in place. */
export function refreshInput(pop: PopulationIR, dtMs: number): boolean {
  if (pop.input.kind !== 'const' || pop.params.shape === 'data') return false;
  pop.input.prob.fill(Math.fround(((pop.params.rate_hz as number) * dtMs) / 1000));
  return true;
}
