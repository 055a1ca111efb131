// Loading and checking a network document: JSON text → migrated → shape (zod) → meaning (catalogue, ids,
// references, ranges). Every problem is reported with its JSON path; nothing stops at the first error.
import { z } from 'zod';
import { DOCUMENT_FORMAT, Layout, Meta, Monitor, NetworkDocument, NetworkNode, Projection, Simulation, Training } from './schema';
import { error, warning, hasErrors, formatPath, type Diagnostic, type PathPart } from './diagnostics';
import { migrate } from './migrations';
import { copyJson, isReservedName, readJson, RESERVED_NAMES } from './json-reader';
import { compileExpression, ExpressionError, sampleIndices, SYNAPSE_VARS } from './expression';
import { checkParam, checkPerNeuron, getModel, isPerNeuron } from '../models';

export type LoadResult =
  | { ok: true; doc: NetworkDocument; diagnostics: Diagnostic[]; migrated: string[] }
  | { ok: false; diagnostics: Diagnostic[] };

/**
 * The longest document text read, in characters (docs/file-format.md, "Limits"): the same 256 MiB as the
 * IPC cap on a document's text (MAX_DOCUMENT_CHARS, src/shared/ipc.ts) and the `snn` command's read limit.
 */
export const DOCUMENT_MAX_CHARS = 256 * 1024 * 1024;

/**
 * Parse a document from file text with the bounded reader (./json-reader.ts: depth, length, duplicate and
 * reserved keys, out-of-range numbers, a leading BOM skipped). Never throws for bad input.
 */
export function parseDocumentText(text: string): LoadResult {
  const r = readJson(text, { maxChars: DOCUMENT_MAX_CHARS });
  if (!r.ok) {
    return { ok: false, diagnostics: [r.syntax ? error([], `not valid JSON: ${r.message}`) : error(r.path, r.message)] };
  }
  return loadValue(r.value);
}

/**
 * Check a parsed JSON value and return the typed, migrated, defaults-filled document. The value may come from
 * anywhere (JSON.parse, memory), so it is first held to the reader's limits on depth and keys.
 */
export function loadDocument(raw: unknown): LoadResult {
  const c = copyJson(raw);
  if (!c.ok) return { ok: false, diagnostics: [error(c.path, c.message)] };
  return loadValue(c.value);
}

function loadValue(raw: unknown): LoadResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, diagnostics: [error([], `a network document must be a JSON object, got ${Array.isArray(raw) ? 'an array' : typeof raw}`)] };
  }
  const obj = raw as Record<string, unknown>;
  if (obj.format !== DOCUMENT_FORMAT) {
    return { ok: false, diagnostics: [error(['format'], `must be "${DOCUMENT_FORMAT}", got ${JSON.stringify(obj.format)}: this is not an SNN Studio network file`)] };
  }
  const m = migrate(obj);
  if (!m.ok) return { ok: false, diagnostics: [error(['version'], m.message)] };

  const parsed = NetworkDocument.safeParse(m.doc);
  if (!parsed.success) return { ok: false, diagnostics: [...zodDiagnostics(parsed.error), ...checkWhatParses(m.doc)] };

  const diagnostics = checkDocument(parsed.data);
  if (hasErrors(diagnostics)) return { ok: false, diagnostics };
  return { ok: true, doc: parsed.data, diagnostics, migrated: m.applied };
}

/**
 * The checks beyond shape on the parts of a document whose shape is right, so a file with several problems
 * reports all of them at once (not the shape ones first and the rest after they are fixed). Items whose shape
 * is wrong are left out, with the projections and monitors that refer to them (the shape message covers them);
 * paths keep the file's own indices.
 */
function checkWhatParses(raw: Record<string, unknown>): Diagnostic[] {
  const items = <T>(value: unknown, schema: z.ZodType<T>) => (Array.isArray(value) ? value : [])
    .map((v, index) => ({ index, r: schema.safeParse(v) }))
    .flatMap(({ index, r }) => (r.success ? [{ index, value: r.data }] : []));
  const rawIds = new Set((Array.isArray(raw.nodes) ? raw.nodes : []).map((n) => (n as { id?: unknown })?.id));
  const nodes = items(raw.nodes, NetworkNode);
  const good = new Set(nodes.map((n) => n.value.id));
  const missingShape = (id: string) => rawIds.has(id) && !good.has(id);
  const projections = items(raw.projections, Projection).filter((p) => !missingShape(p.value.source) && !missingShape(p.value.target));
  const monitors = items(raw.monitors, Monitor).filter((m) => !missingShape(m.value.target));
  const part = <T>(schema: z.ZodType<T>, value: unknown, fallback: unknown): T => {
    const r = schema.safeParse(value);
    return r.success ? r.data : schema.parse(fallback);
  };
  const training = Training.safeParse(raw.training);
  const doc: NetworkDocument = {
    format: DOCUMENT_FORMAT, version: raw.version as NetworkDocument['version'],
    meta: part(Meta, raw.meta, { name: 'network' }),
    simulation: part(Simulation, raw.simulation, { dt_ms: 0.1, duration_ms: 100, seed: 1 }),
    nodes: nodes.map((n) => n.value), projections: projections.map((p) => p.value), monitors: monitors.map((m) => m.value),
    ...(raw.training !== undefined && training.success ? { training: training.data } : {}),
    layout: part(Layout, raw.layout, { nodes: {} }),
  };
  const index = { nodes: nodes.map((n) => n.index), projections: projections.map((p) => p.index), monitors: monitors.map((m) => m.index) };
  return checkDocument(doc).map((d) => ({
    ...d, path: d.path.replace(/^(nodes|projections|monitors)\[(\d+)\]/, (_all, key: keyof typeof index, k: string) => `${key}[${index[key][Number(k)]}]`),
  }));
}

export function zodDiagnostics(err: z.ZodError): Diagnostic[] {
  return err.issues.flatMap((iss) => unionIssues(iss as z.core.$ZodIssue, iss.path as PathPart[]));
}

/**
 * A value that matched no branch of a union gets zod's bare "Invalid input". When exactly one branch got past
 * the value's type (e.g. `{ "per_neuron": [1, "x"] }` is an object, so only the per-neuron form of a parameter
 * fits), that branch's own issues say what is wrong and where: report those.
 */
function unionIssues(iss: z.core.$ZodIssue, path: PathPart[]): Diagnostic[] {
  if (iss.code !== 'invalid_union' || !('errors' in iss) || !Array.isArray(iss.errors)) return [error(path, iss.message)];
  const near = (iss.errors as z.core.$ZodIssue[][]).filter((b) => b.length && b.every((i) => i.path.length > 0 || i.code === 'unrecognized_keys'));
  if (near.length !== 1) return [error(path, iss.message)];
  return near[0].flatMap((i) => unionIssues(i, [...path, ...(i.path as PathPart[])]));
}

/** The checks beyond shape. Exported so the editor can re-check a document it holds in memory. */
export function checkDocument(doc: NetworkDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ids = new Map<string, string>();
  const claim = (id: string, path: PathPart[]) => {
    const prev = ids.get(id);
    // The schema refuses these on load; an in-memory document from the editor is checked here too.
    if (isReservedName(id)) out.push(error([...path, 'id'], `"${id}" is reserved (${RESERVED_NAMES.join(', ')} name parts of every JavaScript object): choose another id`, id));
    else if (prev) out.push(error([...path, 'id'], `duplicate id "${id}" (already used by ${prev})`, id));
    else ids.set(id, formatPath(path));
  };

  const nodes = new Map<string, NetworkNode>();
  doc.nodes.forEach((n, i) => {
    const path: PathPart[] = ['nodes', i];
    claim(n.id, path);
    nodes.set(n.id, n);
    checkNode(n, path, out);
  });

  doc.projections.forEach((p, i) => {
    const path: PathPart[] = ['projections', i];
    claim(p.id, path);
    const src = nodes.get(p.source);
    const tgt = nodes.get(p.target);
    if (!src) out.push(error([...path, 'source'], `no node has id "${p.source}"`, p.id));
    if (!tgt) out.push(error([...path, 'target'], `no node has id "${p.target}"`, p.id));
    if (tgt && tgt.kind === 'input') out.push(error([...path, 'target'], `"${p.target}" is an input: projections cannot end on an input`, p.id));
    const srcModel = src ? getModel(src.model) : undefined;
    if (srcModel && src && !srcModel.spiking && p.synapse.kind !== 'current') {
      out.push(error([...path, 'synapse', 'kind'], `"${src.id}" (${srcModel.label}) does not spike: use synapse kind "current"` +
        (src.model === 'current' ? '' : ' or connect a spiking population'), p.id));
    }
    if (p.synapse.kind === 'current' && src && src.model !== 'current') {
      out.push(error([...path, 'synapse', 'kind'], `synapse kind "current" needs a current input as source; "${src.id}" is ${src.model}`, p.id));
    }
    if (src && tgt) checkConnectivity(p, src, tgt, path, out);
    if (p.delay.kind === 'constant' && p.delay.ms < 0) out.push(error([...path, 'delay', 'ms'], `${p.delay.ms} ms is negative`, p.id));
    if (p.delay.kind === 'explicit') {
      const bad = p.delay.ms.findIndex((d) => d < 0);
      if (bad >= 0) out.push(error([...path, 'delay', 'ms', bad], `${p.delay.ms[bad]} ms is negative`, p.id));
    }
    if (p.delay.kind === 'expression') checkDelayExpression(p, p.delay.expr, src, tgt, [...path, 'delay', 'expr'], out);
    if (p.weight.dist === 'uniform' && p.weight.low > p.weight.high) {
      out.push(error([...path, 'weight'], `low (${p.weight.low}) is above high (${p.weight.high})`, p.id));
    }
    if (p.plasticity && p.plasticity.w_min > p.plasticity.w_max) {
      out.push(error([...path, 'plasticity'], `w_min (${p.plasticity.w_min}) is above w_max (${p.plasticity.w_max})`, p.id));
    }
    if (p.plasticity && p.synapse.kind === 'current') {
      out.push(error([...path, 'plasticity'], 'STDP needs spikes on both sides; a current synapse has none', p.id));
    }
  });

  doc.monitors.forEach((mon, i) => {
    const path: PathPart[] = ['monitors', i];
    claim(mon.id, path);
    const tgt = nodes.get(mon.target);
    if (!tgt) { out.push(error([...path, 'target'], `no node has id "${mon.target}"`, mon.id)); return; }
    const model = getModel(tgt.model);
    if (!model) return;
    if (mon.kind === 'spikes' && !model.spiking) out.push(error([...path, 'kind'], `"${tgt.id}" (${model.label}) does not spike`, mon.id));
    if (mon.kind === 'state') {
      const vars = stateVariables(tgt, doc.projections);
      if (!vars.includes(mon.variable)) {
        out.push(error([...path, 'variable'], `"${tgt.id}" has no state variable "${mon.variable}" (it has: ${vars.join(', ') || 'none'})`, mon.id));
      }
      mon.indices?.forEach((ix, j) => {
        if (ix >= tgt.size) out.push(error([...path, 'indices', j], `index ${ix} is out of range for "${tgt.id}" of size ${tgt.size}`, mon.id));
      });
    }
  });

  // A spike scheduled after the run ends never fires: legal, but almost always a typo in the time or the duration.
  const duration = doc.simulation.duration_ms;
  doc.nodes.forEach((n, i) => {
    const times = n.data?.spikes?.time_ms ?? [];
    const late = times.findIndex((t) => t > duration);
    if (late >= 0) {
      out.push(warning(['nodes', i, 'data', 'spikes', 'time_ms', late],
        `spike at ${times[late]} ms is after the run ends (duration ${duration} ms) and never fires`, n.id));
    }
  });

  // A model's stated time-step limit (its catalogue file's `maxDt`): the run works, but not as the model means.
  const dt = doc.simulation.dt_ms;
  doc.nodes.forEach((n) => {
    const limit = getModel(n.model)?.maxDt;
    if (limit && dt > limit.ms) {
      out.push(warning(['simulation', 'dt_ms'], `dt ${dt} ms is above ${limit.ms} ms, the largest step "${n.id}" (${getModel(n.model)!.label}) is accurate at: ${limit.why}`, n.id));
    }
  });

  for (const id of Object.keys(doc.layout.nodes)) {
    if (!nodes.has(id)) out.push(warning(['layout', 'nodes', id], `position for unknown node "${id}" is ignored`));
  }
  return out;
}

/**
 * State variables a monitor may record for a node: the model's, `I` for inputs that inject current, and for a
 * neuron population the synaptic channels of the projections into it (`synapticVariables`).
 */
export function stateVariables(node: NetworkNode, projections: readonly Projection[] = []): string[] {
  const model = getModel(node.model);
  if (!model) return [];
  const vars = model.state.map((s) => s.name);
  if (node.model === 'current') vars.push('I');
  if (model.kind === 'neuron') vars.push(...synapticVariables(node.id, projections));
  return vars;
}

/**
 * The synaptic channel variables of a target population, named as the compiler names them
 * (src/shared/compiler/build-ir.ts, channelFor): projections of the same kind, tau and E_rev into one target
 * share one channel, named after the first of them in document order: `I_<projection>` for exponential
 * currents, `g_<projection>` for conductances. Delta and current synapses have no state.
 */
export function synapticVariables(target: string, projections: readonly Projection[]): string[] {
  const seen = new Set<string>(), out: string[] = [];
  for (const p of projections) {
    const s = p.synapse;
    if (p.target !== target || (s.kind !== 'exponential' && s.kind !== 'conductance')) continue;
    const key = `${s.kind}|${s.tau_ms}|${s.kind === 'conductance' ? s.e_rev : 0}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(`${s.kind === 'conductance' ? 'g' : 'I'}_${p.id}`);
  }
  return out;
}

function checkNode(n: NetworkNode, path: PathPart[], out: Diagnostic[]) {
  const model = getModel(n.model);
  if (!model) {
    out.push(error([...path, 'model'], `unknown model "${n.model}"`, n.id));
    return;
  }
  const expectKind = model.kind === 'neuron' ? 'population' : 'input';
  if (n.kind !== expectKind) out.push(error([...path, 'kind'], `model "${n.model}" is ${model.kind === 'neuron' ? 'a neuron model: kind must be "population"' : 'an input: kind must be "input"'}`, n.id));
  if (model.fixedSize !== undefined && n.size !== model.fixedSize) {
    out.push(error([...path, 'size'], `${model.label} always has ${model.fixedSize} neurons, got ${n.size}`, n.id));
  }
  if ((n.model === 'sound_source' || n.model === 'dataset') && n.size % 2 !== 0) {
    out.push(error([...path, 'size'], `must be even (half the neurons per ear), got ${n.size}`, n.id));
  }
  const known = new Set(model.params.map((p) => p.name));
  for (const [name, value] of Object.entries(n.params)) {
    const spec = model.params.find((p) => p.name === name);
    if (!spec) {
      out.push(error([...path, 'params', name], `unknown parameter for ${model.label} (known: ${[...known].join(', ') || 'none'})`, n.id));
      continue;
    }
    if (isPerNeuron(value)) {
      for (const d of checkPerNeuron(model, name, value, n.size)) out.push(error([...path, 'params', name, ...d.at], d.message, n.id));
      continue;
    }
    const why = checkParam(spec, value);
    if (why) out.push(error([...path, 'params', name], why, n.id));
  }
  for (const field of Object.keys(n.data ?? {})) {
    if (!(model.dataFields ?? []).includes(field)) {
      out.push(error([...path, 'data', field], `${model.label} takes no data field "${field}"`, n.id));
    }
  }
  const spikes = n.data?.spikes;
  if (spikes) {
    if (spikes.index.length !== spikes.time_ms.length) {
      out.push(error([...path, 'data', 'spikes'], `index has ${spikes.index.length} entries but time_ms has ${spikes.time_ms.length}`, n.id));
    }
    const bad = spikes.index.findIndex((ix) => ix >= n.size);
    if (bad >= 0) out.push(error([...path, 'data', 'spikes', 'index', bad], `index ${spikes.index[bad]} is out of range for size ${n.size}`, n.id));
  }
  const rates = n.data?.rates_hz;
  if (rates && rates.length !== n.size) {
    out.push(error([...path, 'data', 'rates_hz'], `needs one rate per neuron (${n.size}), got ${rates.length}`, n.id));
  }
  if (n.model === 'poisson' && n.params.shape === 'data' && !rates) {
    out.push(error([...path, 'data', 'rates_hz'], 'rate shape "data" needs data.rates_hz', n.id));
  }
}

function checkConnectivity(p: NetworkDocument['projections'][number], src: NetworkNode, tgt: NetworkNode, path: PathPart[], out: Diagnostic[]) {
  const c = p.connectivity;
  const cpath = [...path, 'connectivity'];
  if (c.rule === 'one_to_one' && src.size !== tgt.size) {
    out.push(error(cpath, `one_to_one needs equal sizes, but "${src.id}" has ${src.size} and "${tgt.id}" has ${tgt.size}`, p.id));
  }
  if (c.rule === 'fixed_indegree' && c.k > src.size) {
    out.push(error([...cpath, 'k'], `in-degree ${c.k} is more than the ${src.size} neurons of "${src.id}"`, p.id));
  }
  if (c.rule === 'explicit') {
    if (c.pre.length !== c.post.length) out.push(error(cpath, `pre has ${c.pre.length} entries but post has ${c.post.length}`, p.id));
    const badPre = c.pre.findIndex((i) => i >= src.size);
    if (badPre >= 0) out.push(error([...cpath, 'pre', badPre], `index ${c.pre[badPre]} is out of range for "${src.id}" of size ${src.size}`, p.id));
    const badPost = c.post.findIndex((i) => i >= tgt.size);
    if (badPost >= 0) out.push(error([...cpath, 'post', badPost], `index ${c.post[badPost]} is out of range for "${tgt.id}" of size ${tgt.size}`, p.id));
  }
  // Explicit weights/delays must match the synapse count where it is known without drawing random numbers.
  const n = knownSynapseCount(c, src.size, tgt.size, src.id === tgt.id);
  if (n !== undefined) {
    if (p.weight.dist === 'explicit' && p.weight.values.length !== n) {
      out.push(error([...path, 'weight', 'values'], `needs one weight per synapse (${n}), got ${p.weight.values.length}`, p.id));
    }
    if (p.delay.kind === 'explicit' && p.delay.ms.length !== n) {
      out.push(error([...path, 'delay', 'ms'], `needs one delay per synapse (${n}), got ${p.delay.ms.length}`, p.id));
    }
  }
}

/**
 * A delay expression must parse (./expression.ts refuses constant parts that are not finite), and — as far
 * as can be known before connectivity is drawn — give a finite delay ≥ 0 ms: it is tried at the sampled
 * indices (sampleIndices: first two, middle, last two) of pre and post, over the pairs the rule can connect
 * (pre = post for one_to_one, the listed pairs for explicit, no self-pairs where allow_self is false).
 */
function checkDelayExpression(p: Projection, expr: string, src: NetworkNode | undefined, tgt: NetworkNode | undefined, path: PathPart[], out: Diagnostic[]) {
  let fn: ReturnType<typeof compileExpression>;
  try {
    fn = compileExpression(expr, SYNAPSE_VARS);
  } catch (e) {
    if (e instanceof ExpressionError) { out.push(error(path, e.message, p.id)); return; }
    throw e;
  }
  if (!src || !tgt) return;
  const c = p.connectivity, nPre = src.size, nPost = tgt.size;
  let pairs: [number, number][];
  if (c.rule === 'one_to_one') pairs = sampleIndices(Math.min(nPre, nPost)).map((i) => [i, i]);
  else if (c.rule === 'explicit') {
    const n = Math.min(c.pre.length, c.post.length);
    pairs = sampleIndices(n).map((k) => [c.pre[k], c.post[k]]);
  } else {
    const noSelf = src.id === tgt.id && !c.allow_self;
    pairs = sampleIndices(nPre).flatMap((i) => sampleIndices(nPost).filter((j) => !(noSelf && i === j)).map((j): [number, number] => [i, j]));
  }
  for (const [pre, post] of pairs) {
    const ms = fn({ pre, post, n_pre: nPre, n_post: nPost });
    if (!Number.isFinite(ms) || ms < 0) {
      out.push(error(path, `gives ${ms} ms for the synapse pre = ${pre}, post = ${post} (n_pre = ${nPre}, n_post = ${nPost}); ` +
        'a delay must be a finite number ≥ 0', p.id));
      return;
    }
  }
}

/** Synapse count of a rule when it is fixed by the rule alone (not for fixed_probability). */
export function knownSynapseCount(c: NetworkDocument['projections'][number]['connectivity'], nPre: number, nPost: number, sameNode: boolean): number | undefined {
  switch (c.rule) {
    case 'all_to_all': return nPre * nPost - (sameNode && !c.allow_self ? Math.min(nPre, nPost) : 0);
    case 'one_to_one': return nPre;
    case 'fixed_indegree': return c.k * nPost;
    case 'explicit': return c.pre.length;
    case 'fixed_probability': return undefined;
  }
}
