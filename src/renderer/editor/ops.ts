// Document edits as pure functions: each takes a network document and gives a new one (the input is never
// mutated), or a reason why the edit is refused. The EditorModel (./model.ts) adds history on top.
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, Plasticity, formatDiagnostic, stateVariables, type NetworkDocument, type NetworkNode, type Projection, type Monitor } from '../../shared/graph';
import type { WeightsFile } from '../../shared/io/weights';
import { appliedProjections, applyWeightsFile, f32Shortest, planTraining, type ApplyOrigin } from '../../shared/training';
import { getModel, checkParam, isPerNeuron, perNeuronSummary, type ParamValue } from '../../shared/models';
import { ID_PATTERN, isGeneratedId, uniqueId, usedIds } from './ids';
import { describePairProblems, parseNumberList, parsePairs, type ListResult } from './lists';

export type XY = { x: number; y: number };
export type OpResult<T = NetworkDocument> = { ok: true; doc: NetworkDocument; value: T } | { ok: false; reason: string };

const ok = <T>(doc: NetworkDocument, value: T): OpResult<T> => ({ ok: true, doc, value });
const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

export function emptyDocument(name = 'Untitled network'): NetworkDocument {
  return {
    format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION,
    meta: { name, description: '' },
    simulation: { dt_ms: 0.1, duration_ms: 100, seed: 1 },
    nodes: [], projections: [], monitors: [], layout: { nodes: {} },
  };
}

export function findNode(doc: NetworkDocument, id: string): NetworkNode | undefined {
  return doc.nodes.find((n) => n.id === id);
}

/**
 * Parameters a node gets when it is added from the palette, where the tutorial's first network differs from the
 * catalogue default (the catalogue default also fills parameters a file leaves out, so it stays as it is): the
 * LIF neuron of resources/examples/lif-neuron.snn.json has τ = 50 ms (the catalogue says 10).
 */
export const NEW_NODE_PARAMS: Readonly<Record<string, NetworkNode['params']>> = { lif: { tau_ms: 50 } };

/** A node of catalogue model `modelId` with the model's default size, at `position`; params at their defaults
 *  but NEW_NODE_PARAMS. */
export function addNode(doc: NetworkDocument, modelId: string, position: XY, id?: string): OpResult<string> {
  const model = getModel(modelId);
  if (!model) return refuse(`unknown model "${modelId}"`);
  const used = usedIds(doc);
  const nodeId = id ?? uniqueId(model.id, used);
  if (used.has(nodeId)) return refuse(`the id "${nodeId}" is already used`);
  const node: NetworkNode = {
    id: nodeId, kind: model.kind === 'neuron' ? 'population' : 'input', model: model.id,
    size: model.fixedSize ?? model.defaultSize, params: { ...NEW_NODE_PARAMS[model.id] },
  };
  return ok({ ...doc, nodes: [...doc.nodes, node], layout: { nodes: { ...doc.layout.nodes, [nodeId]: position } } }, nodeId);
}

/** Why `source → target` cannot be a projection, or null when it can. */
export function connectionProblem(doc: NetworkDocument, source: string, target: string): string | null {
  const src = findNode(doc, source);
  const tgt = findNode(doc, target);
  if (!src) return `no node "${source}"`;
  if (!tgt) return `no node "${target}"`;
  if (tgt.kind === 'input') return `"${target}" is an input: projections cannot end on an input`;
  if (doc.projections.some((p) => p.source === source && p.target === target)) {
    return `"${source}" is already connected to "${target}"`;
  }
  const model = getModel(src.model);
  if (model && !model.spiking && src.model !== 'current') return `"${source}" (${model.label}) does not spike, so it cannot drive a projection`;
  return null;
}

/** A projection with sensible defaults: all-to-all (p = 0.1 for large pairs), constant weight, no delay. */
export function connect(doc: NetworkDocument, source: string, target: string): OpResult<string> {
  const why = connectionProblem(doc, source, target);
  if (why) return refuse(why);
  const src = findNode(doc, source)!;
  const tgt = findNode(doc, target)!;
  const large = src.size * tgt.size > 250_000;
  const isCurrent = src.model === 'current';
  const proj: Projection = {
    id: uniqueId(`${source}_${target}`, usedIds(doc)), source, target,
    connectivity: large ? { rule: 'fixed_probability', p: 0.1, allow_self: true } : { rule: 'all_to_all', allow_self: true },
    weight: { dist: 'constant', value: isCurrent ? 1 : 0.5 },
    delay: { kind: 'constant', ms: 0 },
    synapse: isCurrent ? { kind: 'current' } : { kind: 'delta' },
    trainable: false,
  };
  return ok({ ...doc, projections: [...doc.projections, proj] }, proj.id);
}

/** Set one model parameter; refuses a value the catalogue does not allow (the inspector shows why). */
export function setParam(doc: NetworkDocument, nodeId: string, name: string, value: ParamValue): OpResult<null> {
  const node = findNode(doc, nodeId);
  if (!node) return refuse(`no node "${nodeId}"`);
  const spec = getModel(node.model)?.params.find((p) => p.name === name);
  if (!spec) return refuse(`${node.model} has no parameter "${name}"`);
  const why = checkParam(spec, value);
  if (why) return refuse(why);
  return ok(mapNode(doc, nodeId, (n) => ({ ...n, params: { ...n.params, [name]: value } })), null);
}

/**
 * A per-neuron parameter (docs/file-format.md, "Per-neuron parameters", e.g. an applied trained τ) back to one
 * value for the population: the mean of its values, as the f32 the engines would use. One undoable edit.
 */
export function makeUniform(doc: NetworkDocument, nodeId: string, name: string): OpResult<number> {
  const node = findNode(doc, nodeId);
  if (!node) return refuse(`no node "${nodeId}"`);
  const v = node.params[name];
  if (!isPerNeuron(v)) return refuse(`"${nodeId}".${name} is not given per neuron`);
  const mean = f32Shortest(perNeuronSummary(v.per_neuron).mean);
  const r = setParam(doc, nodeId, name, mean);
  return r.ok ? ok(r.doc, mean) : r;
}

/**
 * Size or label of a node. A new size carries the node's per-neuron lists along in the same undoable edit, so
 * a resize never leaves a length error to fix by hand: per-neuron parameters (e.g. an applied trained τ) and
 * per-neuron rates keep the values of the neurons that remain, and neurons added take the list's mean (the
 * value "Make uniform" would give them), as the f32 the engines would use.
 */
export function setNodeFields(doc: NetworkDocument, nodeId: string, fields: { size?: number; label?: string }): OpResult<null> {
  const node = findNode(doc, nodeId);
  if (!node) return refuse(`no node "${nodeId}"`);
  const size = fields.size;
  if (size !== undefined && (!Number.isInteger(size) || size < 1 || size > 100_000_000)) {
    return refuse('size must be a whole number from 1 to 100,000,000');
  }
  return ok(mapNode(doc, nodeId, (n) => {
    const next = { ...n, ...fields };
    if (fields.label === '') delete next.label;
    if (size !== undefined && size !== n.size) {
      const params = { ...n.params };
      for (const [name, v] of Object.entries(params)) {
        if (isPerNeuron(v) && v.per_neuron.length === n.size) params[name] = { per_neuron: resized(v.per_neuron, size) };
      }
      next.params = params;
      const rates = n.data?.rates_hz;
      if (Array.isArray(rates) && rates.length === n.size) next.data = { ...n.data, rates_hz: resized(rates, size) };
    }
    return next;
  }), null);
}

/** The first `size` values of a per-neuron list, padded with the list's mean (f32) when it grows. */
function resized(values: readonly number[], size: number): number[] {
  if (size <= values.length) return values.slice(0, size);
  const mean = f32Shortest(perNeuronSummary(values).mean);
  return [...values, ...new Array<number>(size - values.length).fill(mean)];
}

/** A spike generator's spike list from text: "20, 40, 60" (neuron 0) or "1@20, 0@45" (neuron@ms). */
export function parseSpikeList(text: string, size: number): { ok: true; spikes: { index: number[]; time_ms: number[] } } | { ok: false; reason: string } {
  const index: number[] = [], time_ms: number[] = [];
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const m = /^(?:(\d+)@)?(\d+(?:\.\d*)?(?:e[+-]?\d+)?)$/i.exec(part);
    if (!m) return { ok: false, reason: `"${part}" is not a time in ms or neuron@ms` };
    const i = m[1] === undefined ? 0 : Number(m[1]);
    if (i >= size) return { ok: false, reason: `neuron ${i} does not exist (size ${size})` };
    index.push(i);
    time_ms.push(Number(m[2]));
  }
  const order = index.map((_, k) => k).sort((a, b) => time_ms[a] - time_ms[b] || index[a] - index[b]);
  return { ok: true, spikes: { index: order.map((k) => index[k]), time_ms: order.map((k) => time_ms[k]) } };
}

export function formatSpikeList(spikes: { index: number[]; time_ms: number[] } | undefined): string {
  if (!spikes) return '';
  const one = spikes.index.every((i) => i === 0);
  return spikes.time_ms.map((t, k) => (one ? `${t}` : `${spikes.index[k]}@${t}`)).join(', ');
}

/** Set a spike generator's spikes (sorted by time). */
export function setSpikes(doc: NetworkDocument, nodeId: string, text: string): OpResult<null> {
  const node = findNode(doc, nodeId);
  if (!node) return refuse(`no node "${nodeId}"`);
  const r = parseSpikeList(text, node.size);
  if (!r.ok) return r;
  return ok(mapNode(doc, nodeId, (n) => ({ ...n, data: { ...n.data, spikes: r.spikes } })), null);
}

/** A Poisson group's per-neuron rates in Hz, as typed: numbers (see `parseNumberList`), each within the
 *  catalogue's range for `rate_hz`; one value stands for every neuron. Empty text gives no list. */
export function parseRates(text: string, node: NetworkNode): ListResult {
  const spec = getModel(node.model)?.params.find((p) => p.name === 'rate_hz');
  return parseNumberList(text, { count: node.size, noun: 'rate', unit: 'Hz', check: (v) => (spec ? checkParam(spec, v) : v >= 0 ? null : 'must not be negative') });
}

/**
 * Set a node's per-neuron rates (`data.rates_hz`, the Poisson group's). The compiler reads them only with rate
 * shape "data" (then `rate_hz` is ignored), so a list switches the shape to "data" in the same step; empty text
 * removes the list and, when the shape was "data" (which needs a list), sets it back to "constant".
 */
export function setRates(doc: NetworkDocument, nodeId: string, text: string): OpResult<null> {
  const node = findNode(doc, nodeId);
  if (!node) return refuse(`no node "${nodeId}"`);
  const model = getModel(node.model);
  if (!model?.dataFields?.includes('rates_hz')) return refuse(`${model?.label ?? node.model} takes no per-neuron rates`);
  const r = parseRates(text, node);
  if (!r.ok) return refuse(r.reason);
  const old = node.data?.rates_hz;
  if (r.values === undefined) {
    if (!old && node.params.shape !== 'data') return ok(doc, null);
    return ok(mapNode(doc, nodeId, (n) => {
      const data = { ...n.data };
      delete data.rates_hz;
      const next: NetworkNode = { ...n, params: n.params.shape === 'data' ? { ...n.params, shape: 'constant' } : n.params, data };
      if (Object.keys(data).length === 0) delete next.data;
      return next;
    }), null);
  }
  const values = r.values;
  if (old && node.params.shape === 'data' && old.length === values.length && old.every((v, i) => v === values[i])) return ok(doc, null);
  return ok(mapNode(doc, nodeId, (n) => ({ ...n, params: { ...n.params, shape: 'data' }, data: { ...n.data, rates_hz: values } })), null);
}

/**
 * Explicit connectivity from text (`parsePairs`: `pre post [weight [delay]]` a line), checked against both
 * populations. Listed weights make the weight rule an explicit list, listed delays the delay rule; when none are
 * listed, a rule that was an explicit list becomes constant (at its first value), others stay as they were.
 */
export function setExplicitPairs(doc: NetworkDocument, projId: string, text: string): OpResult<null> {
  const p = doc.projections.find((q) => q.id === projId);
  if (!p) return refuse(`no projection "${projId}"`);
  const src = findNode(doc, p.source), tgt = findNode(doc, p.target);
  if (!src || !tgt) return refuse(`projection "${projId}" joins a missing node`);
  const r = parsePairs(text, src.size, tgt.size);
  if (!r.ok) return refuse(describePairProblems(r.problems));
  const { pre, post, weights, delays } = r.pairs;
  const weight: Projection['weight'] = weights ? { dist: 'explicit', values: weights }
    : p.weight.dist === 'explicit' ? { dist: 'constant', value: p.weight.values[0] ?? 0.5 } : p.weight;
  const delay: Projection['delay'] = delays ? { kind: 'explicit', ms: delays }
    : p.delay.kind === 'explicit' ? { kind: 'constant', ms: p.delay.ms[0] ?? 0 } : p.delay;
  const next: Projection = { ...p, connectivity: { rule: 'explicit', pre, post }, weight, delay };
  if (JSON.stringify(next) === JSON.stringify(p)) return ok(doc, null);
  return replaceProjection(doc, projId, next);
}

/**
 * A projection's STDP rule: `null` removes it, an object sets the named constants (the others kept, or the
 * schema's defaults when the projection had no plasticity). Refuses values the schema does not allow,
 * w_min above w_max, and STDP on a current synapse (no spikes on the source side).
 */
export function setPlasticity(doc: NetworkDocument, projId: string, change: Partial<Omit<Plasticity, 'rule'>> | null): OpResult<null> {
  const p = doc.projections.find((q) => q.id === projId);
  if (!p) return refuse(`no projection "${projId}"`);
  if (change === null) {
    if (!p.plasticity) return ok(doc, null);
    const next = { ...p };
    delete next.plasticity;
    return replaceProjection(doc, projId, next);
  }
  if (p.synapse.kind === 'current') return refuse('STDP needs spikes on both sides; a current synapse has none');
  const r = Plasticity.safeParse({ ...(p.plasticity ?? { rule: 'stdp' }), ...change });
  if (!r.success) return refuse(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  if (r.data.w_min > r.data.w_max) return refuse(`w_min (${r.data.w_min}) must not be above w_max (${r.data.w_max})`);
  if (p.plasticity && (Object.keys(r.data) as (keyof Plasticity)[]).every((k) => r.data[k] === p.plasticity![k])) return ok(doc, null);
  return replaceProjection(doc, projId, { ...p, plasticity: r.data });
}

/** Replace a projection with `next` (same id); the caller checks its shape (zod) first. */
export function replaceProjection(doc: NetworkDocument, id: string, next: Projection): OpResult<null> {
  if (!doc.projections.some((p) => p.id === id)) return refuse(`no projection "${id}"`);
  return ok({ ...doc, projections: doc.projections.map((p) => (p.id === id ? { ...next, id } : p)) }, null);
}

/** Rename a node, projection or monitor; every reference (projections, monitors, layout) follows. */
export function rename(doc: NetworkDocument, oldId: string, newId: string): OpResult<null> {
  if (oldId === newId) return ok(doc, null);
  if (!ID_PATTERN.test(newId)) return refuse(`"${newId}" is not a valid id: it must start with a letter or _ and hold only letters, digits, _ and -`);
  const used = usedIds(doc);
  if (!used.has(oldId)) return refuse(`nothing has the id "${oldId}"`);
  if (used.has(newId)) return refuse(`the id "${newId}" is already used`);
  const r = (id: string) => (id === oldId ? newId : id);
  const layout: Record<string, XY> = {};
  for (const [k, v] of Object.entries(doc.layout.nodes)) layout[r(k)] = v;
  return ok({
    ...doc,
    nodes: doc.nodes.map((n) => (n.id === oldId ? { ...n, id: newId } : n)),
    projections: doc.projections.map((p) => ({ ...p, id: r(p.id), source: r(p.source), target: r(p.target) })),
    monitors: doc.monitors.map((m) => ({ ...m, id: r(m.id), target: r(m.target) })),
    layout: { ...doc.layout, nodes: layout },
  }, null);
}

/** Remove nodes, projections and monitors by id; a node takes its projections and monitors with it. */
export function remove(doc: NetworkDocument, ids: readonly string[]): OpResult<null> {
  const gone = new Set(ids);
  const nodes = doc.nodes.filter((n) => !gone.has(n.id));
  const kept = new Set(nodes.map((n) => n.id));
  const layout: Record<string, XY> = {};
  for (const [k, v] of Object.entries(doc.layout.nodes)) if (kept.has(k)) layout[k] = v;
  return ok({
    ...doc,
    nodes,
    projections: doc.projections.filter((p) => !gone.has(p.id) && kept.has(p.source) && kept.has(p.target)),
    monitors: doc.monitors.filter((m) => !gone.has(m.id) && kept.has(m.target)),
    layout: { ...doc.layout, nodes: layout },
  }, null);
}

/** Move nodes to new positions (one history step for a whole drag of a selection). */
export function move(doc: NetworkDocument, positions: Record<string, XY>): OpResult<null> {
  const nodes = { ...doc.layout.nodes };
  for (const [id, p] of Object.entries(positions)) if (findNode(doc, id)) nodes[id] = { x: p.x, y: p.y };
  return ok({ ...doc, layout: { ...doc.layout, nodes } }, null);
}

/** A spike or state monitor on a node. */
export function addMonitor(doc: NetworkDocument, target: string, kind: 'spikes' | 'state', variable?: string): OpResult<string> {
  const node = findNode(doc, target);
  if (!node) return refuse(`no node "${target}"`);
  const model = getModel(node.model);
  if (kind === 'spikes') {
    if (model && !model.spiking) return refuse(`"${target}" (${model.label}) does not spike`);
    if (doc.monitors.some((m) => m.kind === 'spikes' && m.target === target)) return refuse(`"${target}" already has a spike monitor`);
    const mon: Monitor = { id: uniqueId(`${target}_spikes`, usedIds(doc)), kind: 'spikes', target };
    return ok({ ...doc, monitors: [...doc.monitors, mon] }, mon.id);
  }
  const v = variable ?? model?.state[0]?.name;
  if (!v) return refuse(`"${target}" has no state variable to record`);
  if (doc.monitors.some((m) => m.kind === 'state' && m.target === target && m.variable === v)) return refuse(`"${target}".${v} is already recorded`);
  const indices = node.size > 8 ? [0, 1, 2, 3] : undefined;
  const mon: Monitor = { id: uniqueId(`${target}_${v}`, usedIds(doc)), kind: 'state', target, variable: v, ...(indices ? { indices } : {}) };
  return ok({ ...doc, monitors: [...doc.monitors, mon] }, mon.id);
}

/** Neuron indices as typed: "0-3, 10" (ranges and single indices, any order; duplicates merged), or "all" or
 *  nothing for every neuron (undefined). Each index must be below `size`. */
export function parseIndices(text: string, size: number): { ok: true; indices: number[] | undefined } | { ok: false; reason: string } {
  const t = text.trim();
  if (t === '' || t.toLowerCase() === 'all') return { ok: true, indices: undefined };
  const out = new Set<number>();
  for (const part of t.split(/[\s,]+/).filter(Boolean)) {
    const m = /^(\d+)(?:\s*[-–]\s*(\d+))?$/.exec(part);
    if (!m) return { ok: false, reason: `"${part}" is not an index or a range like 0-3` };
    const lo = Number(m[1]), hi = m[2] === undefined ? lo : Number(m[2]);
    if (hi < lo) return { ok: false, reason: `the range ${part} runs backwards` };
    if (hi >= size) return { ok: false, reason: `index ${hi} is out of range: the node has ${size} neuron${size === 1 ? '' : 's'} (0-${size - 1})` };
    for (let i = lo; i <= hi; i++) out.add(i);
  }
  return { ok: true, indices: [...out].sort((a, b) => a - b) };
}

/** "0-3, 10" from indices (runs of three or more as ranges); "all" for undefined. */
export function formatIndices(indices: readonly number[] | undefined): string {
  if (!indices) return 'all';
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i]}-${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  return parts.join(', ');
}

/** Record fewer neurons: each state monitor named in `counts` keeps only its first `counts[id]` neurons
 *  (of its `indices`, or of its population when it records all). One command, so one Undo restores all
 *  (the app's "Record less" before a run, src/renderer/app/run-budget.ts). Gives the monitors changed. */
export function limitRecordedNeurons(doc: NetworkDocument, counts: Readonly<Record<string, number>>): OpResult<string[]> {
  const changed: string[] = [];
  const monitors = doc.monitors.map((m) => {
    const n = counts[m.id];
    if (m.kind !== 'state' || n === undefined) return m;
    const size = doc.nodes.find((x) => x.id === m.target)?.size ?? 0;
    const all = m.indices ?? null;
    const k = Math.max(1, Math.floor(n));
    if ((all ? all.length : size) <= k) return m;
    changed.push(m.id);
    return { ...m, indices: all ? all.slice(0, k) : Array.from({ length: k }, (_, i) => i) };
  });
  if (!changed.length) return refuse('no state monitor records more neurons than asked');
  return ok({ ...doc, monitors }, changed);
}

/** Change what a state monitor records: its variable (one of `stateVariables` of its node) and/or its neurons
 *  (the indices text of `parseIndices`; "all" records every neuron). A monitor whose id was generated from its
 *  node and variable (`addMonitor`: `lif_v`, `lif_v_2`) is renamed after the new variable, references
 *  following (`rename`); an id the user chose is kept. Gives the monitor's id after the change. */
export function setMonitor(doc: NetworkDocument, id: string, change: { variable?: string; indices?: string }): OpResult<string> {
  const mon = doc.monitors.find((m) => m.id === id);
  if (!mon) return refuse(`no monitor "${id}"`);
  if (mon.kind !== 'state') return refuse(`"${id}" records spikes: it has no variable or neurons to choose`);
  const node = findNode(doc, mon.target);
  if (!node) return refuse(`no node "${mon.target}"`);
  let next: Extract<Monitor, { kind: 'state' }> = mon;
  if (change.variable !== undefined && change.variable !== mon.variable) {
    const vars = stateVariables(node, doc.projections);
    if (!vars.includes(change.variable)) return refuse(`"${node.id}" has no state variable "${change.variable}" (it has: ${vars.join(', ') || 'none'})`);
    if (doc.monitors.some((m) => m.kind === 'state' && m.target === node.id && m.variable === change.variable)) {
      return refuse(`"${node.id}".${change.variable} is already recorded`);
    }
    next = { ...next, variable: change.variable };
  }
  if (change.indices !== undefined) {
    const r = parseIndices(change.indices, node.size);
    if (!r.ok) return refuse(r.reason);
    const same = r.indices === undefined ? mon.indices === undefined
      : mon.indices !== undefined && mon.indices.length === r.indices.length && mon.indices.every((v, i) => v === r.indices![i]);
    if (!same) next = { id: next.id, kind: 'state', target: next.target, variable: next.variable, ...(r.indices ? { indices: r.indices } : {}) };
  }
  if (next === mon) return ok(doc, id);
  const changed: NetworkDocument = { ...doc, monitors: doc.monitors.map((m) => (m.id === id ? next : m)) };
  // An id made from the monitor's variable (`lif_v`) follows a new variable (`lif_u`); one the user chose stays.
  if (next.variable !== mon.variable && isGeneratedId(id, `${mon.target}_${mon.variable}`)) {
    const used = usedIds(doc);
    used.delete(id);
    const newId = uniqueId(`${mon.target}_${next.variable}`, used);
    const r = rename(changed, id, newId);
    if (r.ok) return ok(r.doc, newId);
  }
  return ok(changed, id);
}

/**
 * A dataset node's data file (data.file, docs/file-format.md): `path` names it (the Training tab sets the chosen
 * file's name), null removes it (training uses the generated task again). The test fraction is kept.
 */
export function setDataFile(doc: NetworkDocument, nodeId: string, path: string | null): OpResult<null> {
  const node = findNode(doc, nodeId);
  if (!node) return refuse(`no node "${nodeId}"`);
  if (!getModel(node.model)?.dataFields?.includes('file')) return refuse(`${getModel(node.model)?.label ?? node.model} takes no data file`);
  const old = node.data?.file;
  if (path === null) {
    if (!old) return ok(doc, null);
    return ok(mapNode(doc, nodeId, (n) => {
      const data = { ...n.data };
      delete data.file;
      const next: NetworkNode = { ...n, data };
      if (Object.keys(data).length === 0) delete next.data;
      return next;
    }), null);
  }
  if (!/\.(h5|hdf5|csv|json)$/i.test(path)) return refuse(`${path}: a data file must be .h5/.hdf5 (SHD layout), .csv or .json`);
  if (old?.path === path) return ok(doc, null);
  return ok(mapNode(doc, nodeId, (n) => ({ ...n, data: { ...n.data, file: { path, test_fraction: old?.test_fraction ?? 0.2 } } })), null);
}

export function setSimulation(doc: NetworkDocument, patch: Partial<NetworkDocument['simulation']>): OpResult<null> {
  const s = { ...doc.simulation, ...patch };
  if (!(s.dt_ms > 0) || !(s.duration_ms > 0)) return refuse('dt and duration must be above 0 ms');
  if (!Number.isInteger(s.seed) || s.seed < 0) return refuse('the seed must be a whole number ≥ 0');
  return ok({ ...doc, simulation: s }, null);
}

export function setMeta(doc: NetworkDocument, patch: Partial<NetworkDocument['meta']>): OpResult<null> {
  const meta = { ...doc.meta, ...patch };
  if (!meta.name.trim()) return refuse('the name must not be empty');
  return ok({ ...doc, meta }, null);
}

function mapNode(doc: NetworkDocument, id: string, f: (n: NetworkNode) => NetworkNode): NetworkDocument {
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === id ? f(n) : n)) };
}

/**
 * Trained weights (a weights file: exported, or loaded with Load weights…) into the document: each trainable
 * projection's weight becomes explicit (shared/training/apply.ts). One edit, so one Undo restores the previous
 * weights. A file that does not fit is refused with the CLI's lines (`NAME: these weights do not fit NET`, then
 * `error: PATH: what` per problem, one a line). Gives the ids of the projections changed.
 */
export function applyTrainedWeights(doc: NetworkDocument, file: WeightsFile, name: string, origin?: Omit<ApplyOrigin, 'training'>): OpResult<string[]> {
  const plan = planTraining(doc);
  if (!plan.ok) return refuse([`${name}: this network cannot be trained`, ...plan.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)].join('\n'));
  const ids = appliedProjections(plan.plan);
  if (!ids.length) return refuse(`${name}: no projection of ${plan.plan.network} is trainable: nothing to apply`);
  // Provenance (docs/file-format.md): the trainer's run or the loaded file, with the file's training record.
  const r = applyWeightsFile(doc, file, undefined, origin ?? { source: 'weights_file', weightsFile: name });
  if (!r.ok) return refuse([`${name}: these weights do not fit ${plan.plan.network}`, ...r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)].join('\n'));
  return ok(r.doc, ids);
}
