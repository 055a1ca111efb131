// Structural hash of a network document (GeNN's merged-model hash): everything that is baked into the
// compiled Program (sizes, models, connectivity, weights and delays, synapse kinds, plasticity, monitors, dt,
// seed, enum/boolean params that pick an input mode) goes into the key; numeric neuron and input params, which
// live in each population's parameter buffer or the host's input tables, do not. `classifyEdit` turns two
// documents into 'none' (cosmetic: names, layout, labels, training settings), 'params' (Engine.setParam calls
// suffice, listed) or 'recompile' (with the reasons).
import type { NetworkDocument, NetworkNode } from '../graph';
import { defaultParams, getModel, isPerNeuron } from '../models';

export type EditClass = 'none' | 'params' | 'recompile';
export interface ParamEdit { population: string; param: string; value: number }
export interface EditVerdict { kind: EditClass; reasons: string[]; params: ParamEdit[] }

/** Catalogue params an engine rewrites in place (Engine.setParam): numeric ones. */
export function isRewritableParam(model: string, param: string): boolean {
  const spec = getModel(model)?.params.find((p) => p.name === param);
  return !!spec && (spec.type === 'number' || spec.type === 'integer');
}

function resolvedParams(n: NetworkNode): NetworkNode['params'] {
  const m = getModel(n.model);
  return { ...(m ? defaultParams(m) : {}), ...n.params };
}

/** Sorted-key JSON, so key order in the document does not change the hash. */
function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(x);
}

function nodeKey(n: NetworkNode) {
  // Per-neuron values live in their own buffer, built at compile time: changing them (or making them uniform) recompiles.
  const structural = Object.fromEntries(Object.entries(resolvedParams(n)).filter(([k, v]) => isPerNeuron(v) || !isRewritableParam(n.model, k)));
  return { id: n.id, kind: n.kind, model: n.model, size: n.size, params: structural, data: n.data };
}

/** The parts of a document the compiled Program depends on, as canonical text per section. */
function sections(doc: NetworkDocument): Record<string, string> {
  const out: Record<string, string> = { simulation: canonical(doc.simulation), order: canonical(doc.nodes.map((n) => n.id)) };
  for (const n of doc.nodes) out[`node ${n.id}`] = canonical(nodeKey(n));
  out['projection order'] = canonical(doc.projections.map((p) => p.id));
  for (const p of doc.projections) out[`projection ${p.id}`] = canonical({ ...p, trainable: undefined });
  out.monitors = canonical(doc.monitors);
  return out;
}

/** The structural key: equal keys ⇔ the same Program (up to parameter buffers). */
export function structureKey(doc: NetworkDocument): string {
  return canonical(sections(doc));
}

/** 64-bit FNV-1a of the structural key, as 16 hex digits. */
export function structureHash(doc: NetworkDocument): string {
  let h = 0xcbf29ce484222325n;
  const key = structureKey(doc);
  for (let i = 0; i < key.length; i++) {
    h ^= BigInt(key.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/** What an edit from `before` to `after` needs: nothing, setParam calls (listed), or a recompile (why). */
export function classifyEdit(before: NetworkDocument, after: NetworkDocument): EditVerdict {
  const a = sections(before), b = sections(after);
  const reasons = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).map((k) =>
    !(k in a) ? `${k} added` : !(k in b) ? `${k} removed` : `${k} changed`);
  if (reasons.length) return { kind: 'recompile', reasons, params: [] };
  const params: ParamEdit[] = [];
  after.nodes.forEach((n, i) => {
    const pa = resolvedParams(before.nodes[i]), pb = resolvedParams(n);
    for (const [k, v] of Object.entries(pb)) {
      if (typeof v === 'number' && pa[k] !== v) params.push({ population: n.id, param: k, value: v });
    }
  });
  return { kind: params.length ? 'params' : 'none', reasons: params.map((p) => `${p.population}.${p.param} = ${p.value}`), params };
}

/** Everything a run's results depend on: the structural key plus every parameter value (numeric ones included).
 *  Equal keys ⇔ the same network to simulate; names, descriptions, layout and training settings are left out, so
 *  a document moved around or renamed keeps the key. The app keeps finished runs under it (docs/editor.md, "Results"). */
export function resultsKey(doc: NetworkDocument): string {
  return canonical({ structure: sections(doc), params: doc.nodes.map((n) => [n.id, resolvedParams(n)]) });
}
