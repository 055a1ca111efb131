// The budget before a run: from the document alone (sizes, connectivity rules and their parameters, delays,
// monitors, duration and dt) estimate the steps and the memory a run will take, and refuse — naming the JSON
// path of what to shrink, the estimate and the limit — before anything is compiled or allocated. Without it,
// "too big" was found by crashing (invalid typed array length, V8's heap limit, runs that never end).
// The limits and how to raise them are documented in docs/cli.md ("Limits").
import { compileExpression, SYNAPSE_VARS, type NetworkDocument, type Projection } from '../graph';
import { defaultParams, getModel, isPerNeuron, perNeuronColumnNames } from '../models';
import type { Stmt } from '../models/dynamics/program';
import { NEURON_RULES } from './models';
import { MAX_DELAY_STEPS, type RecordRequest } from './build-ir';

/** Most steps (duration / dt) a run may take: 10^8 is hours of a small network on the CPU engine. */
export const MAX_STEPS = 100_000_000;
/** Most monitors (document monitors plus `--record`s) in one run. */
export const MAX_MONITORS = 1000;
/** Largest `snn run` JSON: one JavaScript string holds at most 2^29 − 24 characters in V8 (Node). */
export const MAX_OUTPUT_BYTES = 2 ** 29 - 24;
/** Host bytes per synapse: CSR post index, weight and delay (12) plus the engine's copy and build scratch. */
export const HOST_BYTES_PER_SYNAPSE = 24;
/** Spike records are estimated at this mean rate, the one the GPU spike record is sized for (docs/engine.md). */
export const RECORD_RATE_HZ = 200;
/** JS heap bytes per recorded value (a number in an array: 8 bytes, plus growth slack). */
const HEAP_BYTES_PER_VALUE = 12;
/** Characters per recorded value in the `snn run` JSON (e.g. "-64.99999237060547,"). */
const JSON_BYTES_PER_VALUE = 20;
/** Evaluate a delay expression over every (pre, post) pair up to this many pairs; beyond, assume the largest delay. */
const DELAY_EXPR_PAIRS = 1_000_000;

export interface BudgetLimits {
  /** Host memory the run may take (typed arrays, engine state): the CLI's --memory-limit. */
  memoryBytes: number;
  /** JS heap for records kept as numbers (the `snn run` JSON's spikes and traces); unlimited when absent. */
  heapBytes?: number;
  /** GPU: the largest buffer, min(maxStorageBufferBindingSize, maxBufferSize) of the device. */
  gpuBufferBytes?: number;
  maxSteps?: number;
  maxMonitors?: number;
  /** Largest result JSON (default MAX_OUTPUT_BYTES); checked when records are kept. */
  maxOutputBytes?: number;
}

export interface BudgetOptions {
  dtMs?: number;
  durationMs?: number;
  record?: readonly RecordRequest[];
  /** Keep every spike and trace value for a result (`snn run`'s JSON); false for benchmarks. */
  keepRecords?: boolean;
}

export interface BudgetItem {
  path: string;
  bytes: number;
  what: string;
  kind: 'synapses' | 'state' | 'ring' | 'spikes' | 'trace';
  /** Kept as JS numbers (the heap), not typed arrays. */
  heap?: boolean;
}

export interface BudgetEstimate {
  steps: number;
  /** Host bytes in all (heap items included). */
  bytes: number;
  /** JS heap bytes of kept records. */
  heapBytes: number;
  /** Approximate size of the `snn run` JSON. */
  outputBytes: number;
  items: BudgetItem[];
}

export interface BudgetProblem { path: string; message: string }

export type BudgetResult = { ok: true; estimate: BudgetEstimate } | { ok: false; problem: BudgetProblem; estimate?: BudgetEstimate };

export function formatBytes(b: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let i = 0, x = b;
  while (x >= 1024 && i < units.length - 1) { x /= 1024; i++; }
  return i === 0 ? `${Math.round(x)} bytes` : x >= 1e4 ? `${x.toExponential(2)} ${units[i]}` : `${x.toFixed(x >= 100 ? 0 : x >= 10 ? 1 : 2)} ${units[i]}`;
}

const fmtCount = (n: number) => (n >= 1e7 ? n.toExponential(2).replace('e+', 'e') : Math.round(n).toLocaleString('en-US'));

/** Parse a byte size: "8GiB", "512MiB", "2GB" (powers of 1000), "8G" (1024), or plain bytes; undefined when malformed or not above 0. */
export function parseByteSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*([kmgt]?)(i?)(b?)\s*$/i.exec(text);
  if (!m) return undefined;
  const pow = ' kmgt'.indexOf(m[2].toLowerCase() || ' ');
  if (m[3] && !m[4]) return undefined;
  const base = m[2] && m[4] && !m[3] ? 1000 : 1024;
  const v = Number(m[1]) * base ** pow;
  return Number.isFinite(v) && v >= 1 ? v : undefined;
}

/** Synapses a connectivity rule makes between nPre and nPost neurons (expected count for fixed_probability). */
export function synapseEstimate(c: Projection['connectivity'], nPre: number, nPost: number, same: boolean): number {
  const noSelf = same && 'allow_self' in c && !c.allow_self;
  switch (c.rule) {
    case 'all_to_all': return nPre * (nPost - (noSelf ? 1 : 0));
    case 'one_to_one': return nPre;
    case 'fixed_probability': return Math.ceil(c.p * nPre * nPost * 1.1);
    case 'fixed_indegree': return c.k * nPost;
    case 'explicit': return c.pre.length;
  }
}

/** Largest delay of a projection in steps (an upper bound; MAX_DELAY_STEPS when an expression is too costly to scan). */
function maxDelaySteps(pj: Projection, nPre: number, nPost: number, dtMs: number): number {
  const d = pj.delay;
  const steps = (ms: number) => (Number.isFinite(ms) ? Math.max(1, Math.min(MAX_DELAY_STEPS, Math.round(ms / dtMs))) : 1);
  if (d.kind === 'constant') return steps(d.ms);
  if (d.kind === 'explicit') return steps(d.ms.reduce((m, x) => Math.max(m, x), 0));
  if (nPre * nPost > DELAY_EXPR_PAIRS) return MAX_DELAY_STEPS;
  let f: ReturnType<typeof compileExpression>;
  try { f = compileExpression(d.expr, SYNAPSE_VARS); } catch { return 1; /* the compiler reports the expression */ }
  let m = 1;
  const vars = { pre: 0, post: 0, n_pre: nPre, n_post: nPost };
  for (let i = 0; i < nPre; i++) for (let j = 0; j < nPost; j++) { vars.pre = i; vars.post = j; m = Math.max(m, steps(f(vars))); }
  return m;
}

/** The steps and memory a run of `doc` will take, from the document alone (nothing big is allocated). */
export function estimateRun(doc: NetworkDocument, opts: BudgetOptions = {}): BudgetEstimate {
  const dt = opts.dtMs ?? doc.simulation.dt_ms, duration = opts.durationMs ?? doc.simulation.duration_ms;
  const steps = Math.max(1, Math.round(duration / dt));
  const sizeOf = new Map(doc.nodes.map((n) => [n.id, n.size]));
  const nodeIndex = new Map(doc.nodes.map((n, i) => [n.id, i]));
  const items: BudgetItem[] = [];
  const channels = new Map<string, number>(), ring = new Map<string, number>();
  doc.projections.forEach((pj, i) => {
    const nPre = sizeOf.get(pj.source) ?? 0, nPost = sizeOf.get(pj.target) ?? 0;
    const syn = synapseEstimate(pj.connectivity, nPre, nPost, pj.source === pj.target);
    items.push({ path: `projections[${i}].connectivity`, bytes: syn * HOST_BYTES_PER_SYNAPSE, kind: 'synapses', what: `projection "${pj.id}" (${pj.connectivity.rule}, ${fmtCount(nPre)} → ${fmtCount(nPost)}) makes about ${fmtCount(syn)} synapses` });
    if (pj.synapse.kind !== 'current') {
      channels.set(pj.target, (channels.get(pj.target) ?? 0) + 1);
      ring.set(pj.target, Math.max(ring.get(pj.target) ?? 1, maxDelaySteps(pj, nPre, nPost, dt)));
    }
  });
  const tableModels = new Set(['sound_source', 'dataset', 'spike_generator']);
  for (const n of doc.nodes) {
    const size = sizeOf.get(n.id)!, model = getModel(n.model);
    const vars = model?.kind === 'neuron' ? model.state.length + 2 : 1;
    const path = `nodes[${nodeIndex.get(n.id)}].size`;
    const ch = channels.get(n.id) ?? 0;
    // State (f32 per variable and channel), spike flags and counts, the input table of one chunk (≤ 1000 steps).
    const table = tableModels.has(n.model) || n.params.shape === 'sine' ? 4 * Math.min(1000, steps) : 0;
    // Per-neuron params (docs/file-format.md): the document's values (f64 in the IR) and one f32 column per
    // per-neuron name the update reads (the params and the derived constants that read them).
    const given = Object.entries(n.params).filter(([, v]) => isPerNeuron(v)).map(([k]) => k);
    const rule = NEURON_RULES[n.model];
    const perNeuron = given.length && rule ? 8 * given.length + 4 * perNeuronColumnNames(rule.dynamics, given).length : 0;
    items.push({ path, bytes: size * (4 * (vars + ch) + 16 + table + perNeuron), kind: 'state', what: `population "${n.id}" of ${fmtCount(size)} neurons` });
    if (ch) {
      const slots = (ring.get(n.id) ?? 1) + 1;
      items.push({ path, bytes: 4 * ch * slots * size, kind: 'ring', what: `the delay ring of "${n.id}" (${fmtCount(size)} neurons × ${ch} channel(s) × ${fmtCount(slots)} steps of the largest delay)` });
    }
  }
  let outputBytes = 0;
  if (opts.keepRecords) {
    const sec = (steps * dt) / 1000;
    for (const n of doc.nodes) {
      const model = getModel(n.model);
      if (!model?.spiking) continue;
      const size = sizeOf.get(n.id)!;
      const spikes = Math.min(size * steps, size * sec * RECORD_RATE_HZ);
      items.push({ path: `nodes[${nodeIndex.get(n.id)}].size`, bytes: 2 * HEAP_BYTES_PER_VALUE * spikes, heap: true, kind: 'spikes', what: `the spike record of "${n.id}" (about ${fmtCount(spikes)} spikes at ${RECORD_RATE_HZ} Hz over ${fmtCount(steps)} steps)` });
      outputBytes += 16 * spikes + 8 * size;
    }
    const traced = (path: string, target: string, indices: readonly number[] | undefined, label: string) => {
      const k = indices?.length ?? sizeOf.get(target) ?? 0;
      const values = (k + 1) * steps;
      items.push({ path, bytes: HEAP_BYTES_PER_VALUE * values + 4 * k * Math.min(1000, steps), heap: true, kind: 'trace', what: `${label} records ${fmtCount(k)} neurons × ${fmtCount(steps)} steps = ${fmtCount(k * steps)} values` });
      outputBytes += JSON_BYTES_PER_VALUE * values;
    };
    doc.monitors.forEach((m, i) => { if (m.kind === 'state') traced(`monitors[${i}]`, m.target, m.indices, `monitor "${m.id}"`); });
    for (const r of opts.record ?? []) traced(`--record ${r.population}.${r.variable}`, r.population, r.indices, `--record ${r.population}.${r.variable}`);
  }
  const bytes = items.reduce((a, x) => a + x.bytes, 0);
  const heapBytes = items.reduce((a, x) => a + (x.heap ? x.bytes : 0), 0);
  return { steps, bytes, heapBytes, outputBytes, items };
}

/** Most neuron updates one step of `node` makes: a model's `repeat` sub-steps (Hodgkin–Huxley: ⌈dt / 0.025 ms⌉). */
export function subStepsPerStep(node: NetworkDocument['nodes'][number], dtMs: number): number {
  const rule = NEURON_RULES[node.model], model = getModel(node.model);
  if (!rule || !model) return 1;
  const p: Record<string, number> = {};
  for (const [k, v] of Object.entries({ ...defaultParams(model), ...node.params })) if (typeof v === 'number') p[k] = v;
  let consts: Record<string, number>;
  try { consts = { ...p, ...rule.derived(p, dtMs) }; } catch { return 1; /* the compiler reports bad parameters */ }
  const count = (stmts: readonly Stmt[]): number => stmts.reduce((m, st) => {
    if (st.k !== 'repeat') return m;
    const n = consts[st.count];
    return Math.max(m, (Number.isFinite(n) ? Math.max(1, n) : Infinity) * count(st.body));
  }, 1);
  return count(rule.dynamics.update);
}

/** Check a run against the limits: the first problem names the JSON path of what to shrink. */
export function checkRunBudget(doc: NetworkDocument, opts: BudgetOptions, limits: BudgetLimits): BudgetResult {
  const maxSteps = limits.maxSteps ?? MAX_STEPS, maxMonitors = limits.maxMonitors ?? MAX_MONITORS;
  const dt = opts.dtMs ?? doc.simulation.dt_ms, duration = opts.durationMs ?? doc.simulation.duration_ms;
  const steps = duration / dt;
  if (!(steps <= maxSteps)) {
    // Blame dt when the duration would fit at the default 0.1 ms step, else the duration.
    const byDt = duration / 0.1 <= maxSteps;
    const path = byDt ? (opts.dtMs !== undefined ? '--dt' : 'simulation.dt_ms') : (opts.durationMs !== undefined ? '--duration' : 'simulation.duration_ms');
    return { ok: false, problem: { path, message: `${path}: ${duration} ms at dt ${dt} ms is ${fmtCount(steps)} steps, above the limit of ${fmtCount(maxSteps)} steps; ${byDt ? 'use a larger dt' : 'shorten the duration or use a larger dt'}` } };
  }
  // Models that sub-step (Hodgkin–Huxley) update many times a step: a huge dt is a huge number of updates.
  for (const [i, n] of doc.nodes.entries()) {
    const sub = subStepsPerStep(n, dt), work = Math.max(1, Math.round(steps)) * sub;
    if (sub > 1 && !(work <= maxSteps)) {
      const path = opts.dtMs !== undefined ? '--dt' : 'simulation.dt_ms';
      return { ok: false, problem: { path, message: `${path}: at dt ${dt} ms, nodes[${i}] ("${n.id}", ${n.model}) takes ${fmtCount(sub)} sub-steps a step, ${fmtCount(work)} updates in all, above the limit of ${fmtCount(maxSteps)}; use a smaller dt (at most the duration, ${duration} ms)` } };
    }
  }
  const monitors = doc.monitors.length + (opts.record?.length ?? 0);
  if (monitors > maxMonitors) {
    return { ok: false, problem: { path: 'monitors', message: `monitors: ${fmtCount(monitors)} monitors (with --record) are above the limit of ${fmtCount(maxMonitors)}; record fewer variables or merge monitors of one population` } };
  }
  const est = estimateRun(doc, opts);
  if (limits.gpuBufferBytes !== undefined) {
    for (const it of est.items) {
      // One GPU buffer holds one synapse array (4 bytes a synapse) or one population's delay ring.
      const gpu = it.kind === 'synapses' ? (it.bytes / HOST_BYTES_PER_SYNAPSE) * 4 : it.kind === 'ring' ? it.bytes : 0;
      if (gpu > limits.gpuBufferBytes) {
        return { ok: false, estimate: est, problem: { path: it.path, message: `${it.path}: ${it.what}: a GPU buffer of about ${formatBytes(gpu)}, above this device's limit of ${formatBytes(limits.gpuBufferBytes)} per buffer; ${advice(it)}` } };
      }
    }
  }
  if (limits.heapBytes !== undefined && est.heapBytes > limits.heapBytes) {
    const big = largest(est.items.filter((x) => x.heap));
    return { ok: false, estimate: est, problem: { path: big.path, message: `${big.path}: the kept records need about ${formatBytes(est.heapBytes)} of JS heap, above the limit of ${formatBytes(limits.heapBytes)}; the largest: ${big.what} (${formatBytes(big.bytes)}); ${advice(big)}` } };
  }
  if (est.bytes > limits.memoryBytes) {
    const big = largest(est.items);
    return { ok: false, estimate: est, problem: { path: big.path, message: `${big.path}: the run needs about ${formatBytes(est.bytes)} of memory, above the limit of ${formatBytes(limits.memoryBytes)}; the largest part: ${big.what} (${formatBytes(big.bytes)}); ${advice(big)}` } };
  }
  const maxOut = limits.maxOutputBytes ?? MAX_OUTPUT_BYTES;
  if (opts.keepRecords && est.outputBytes > maxOut) {
    const big = largest(est.items.filter((x) => x.heap));
    return { ok: false, estimate: est, problem: { path: big.path, message: `${big.path}: the result JSON would be about ${formatBytes(est.outputBytes)}, above the limit of ${formatBytes(maxOut)} for one JSON text; the largest part: ${big.what}; ${advice(big)}` } };
  }
  return { ok: true, estimate: est };
}

function largest(items: BudgetItem[]): BudgetItem {
  return items.reduce((a, b) => (b.bytes > a.bytes ? b : a));
}

function advice(it: BudgetItem): string {
  switch (it.kind) {
    case 'synapses': return 'lower the connection probability or in-degree, or the population sizes';
    case 'trace': return 'record fewer neurons (indices) or a shorter duration';
    case 'spikes': return 'shorten the duration or shrink the population';
    case 'ring': return 'shorten the delays or shrink the population';
    case 'state': return 'shrink the population';
  }
}

/** What training holds in memory: the generated data sets and one batch's activations through time. */
export interface TrainingShape {
  trainSamples: number;
  testSamples: number;
  batchSize: number;
  steps: number;
  inputs: number;
  /** Sizes of the trained layers (hidden and readout). */
  layers: number[];
}

/** Training bytes: spike data (1 byte a sample·step·input), per-sample labels, BPTT activations (f64, a few per neuron·step). */
export function estimateTraining(t: TrainingShape): { bytes: number; dataBytes: number; activationBytes: number } {
  const dataBytes = (t.trainSamples + t.testSamples) * (t.steps * t.inputs + 12);
  const activationBytes = 8 * 4 * t.batchSize * t.steps * (t.inputs + t.layers.reduce((a, b) => a + b, 0));
  return { bytes: dataBytes + activationBytes, dataBytes, activationBytes };
}

export function checkTrainingBudget(t: TrainingShape, limits: BudgetLimits): BudgetProblem | null {
  const e = estimateTraining(t);
  if (e.bytes <= limits.memoryBytes) return null;
  const data = e.dataBytes >= e.activationBytes;
  const path = data ? 'training.train_samples' : 'training.batch_size';
  return {
    path,
    message: `${path}: training needs about ${formatBytes(e.bytes)} of memory, above the limit of ${formatBytes(limits.memoryBytes)}; ` +
      (data ? `the data sets (${fmtCount(t.trainSamples)} training + ${fmtCount(t.testSamples)} test samples × ${fmtCount(t.steps)} steps × ${fmtCount(t.inputs)} inputs) take ${formatBytes(e.dataBytes)}: use fewer samples (--train-samples, --test-samples)`
        : `one batch's activations (${fmtCount(t.batchSize)} samples × ${fmtCount(t.steps)} steps) take ${formatBytes(e.activationBytes)}: use a smaller --batch-size`),
  };
}
