// Reading a lesson file: the schema (./schema.ts), then what the schema cannot see — every example named exists,
// every inline network is a valid document, and every slider and check names a node, parameter or projection of
// the network the step shows (the step's own, or the last one an earlier step loaded). Every problem at once,
// each with its JSON path, so a teacher fixes a file in one go (docs/lessons.md).
import { loadDocument, type NetworkDocument } from '../graph';
import { getModel } from '../models';
import { LessonSchema, type Lesson, type LessonCheck, type LessonControl, type LessonNetwork } from './schema';

export type LessonLoad = { ok: true; lesson: Lesson } | { ok: false; problems: string[] };

/** Resolves a step's network to a document, or says why it cannot. `examples`: bundled example JSON by file stem. */
export function lessonNetwork(net: LessonNetwork, examples: Readonly<Record<string, unknown>>): { ok: true; doc: NetworkDocument } | { ok: false; message: string } {
  const raw = 'example' in net ? examples[net.example] : net.document;
  if (raw === undefined) return { ok: false, message: `no example "${'example' in net ? net.example : ''}" (known: ${Object.keys(examples).sort().join(', ')})` };
  const r = loadDocument(raw);
  if (!r.ok) return { ok: false, message: `not a valid network: ${r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.path || '(file)'}: ${d.message}`).join('; ')}` };
  return { ok: true, doc: r.doc };
}

const path = (parts: readonly PropertyKey[]) => parts.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : p ? `${p}.${String(k)}` : String(k)), '');

export function loadLesson(raw: unknown, examples: Readonly<Record<string, unknown>>): LessonLoad {
  const parsed = LessonSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${path(i.path) || '(file)'}: ${i.message}`) };
  const lesson = parsed.data;
  const problems: string[] = [];
  let doc: NetworkDocument | null = null;
  lesson.steps.forEach((step, s) => {
    const at = `steps[${s}]`;
    if (step.network) {
      const r = lessonNetwork(step.network, examples);
      if (r.ok) doc = r.doc;
      else { problems.push(`${at}.network: ${r.message}`); doc = null; return; }
    }
    const needsNetwork = (step.controls?.length ?? 0) + (step.checks?.length ?? 0) > 0 || !!step.sweep?.detectors || !!step.sweep?.ears || !!step.rate_sweep;
    if (!doc) { if (needsNetwork) problems.push(`${at}: sliders and checks need a network (this step or an earlier one loads none)`); return; }
    step.controls?.forEach((c, i) => { const m = controlProblem(c, doc!); if (m) problems.push(`${at}.controls[${i}]: ${m}`); });
    step.checks?.forEach((c, i) => { const m = checkProblem(c, doc!); if (m) problems.push(`${at}.checks[${i}]: ${m}`); });
    if (step.rate_sweep) {
      const rs = step.rate_sweep;
      const m = controlProblem({ kind: 'param', label: rs.label, node: rs.node, param: rs.param, min: rs.from, max: rs.to, step: rs.step }, doc)
        ?? checkProblem({ kind: 'rate', population: rs.population, min_hz: 0 }, doc);
      if (m) problems.push(`${at}.rate_sweep: ${m}`);
    }
    const sw = step.sweep;
    if (sw && (sw.detectors || sw.ears)) {
      const m = checkProblem({ kind: 'ipd_estimate', detectors: sw.detectors ?? '', ears: sw.ears ?? '', max_error_deg: 1 }, doc);
      if (m) problems.push(`${at}.sweep: ${m}`);
    }
  });
  return problems.length ? { ok: false, problems } : { ok: true, lesson };
}

function node(doc: NetworkDocument, id: string) { return doc.nodes.find((n) => n.id === id); }

function controlProblem(c: LessonControl, doc: NetworkDocument): string | null {
  if (c.kind === 'weight') {
    const p = doc.projections.find((x) => x.id === c.projection);
    if (!p) return `no projection "${c.projection}" in the network`;
    return p.weight.dist === 'constant' ? null : `projection "${c.projection}" has a ${p.weight.dist} weight; a slider sets a constant one`;
  }
  const n = node(doc, c.node);
  if (!n) return `no node "${c.node}" in the network`;
  const spec = getModel(n.model)?.params.find((p) => p.name === c.param);
  if (!spec) return `model ${n.model} of "${c.node}" has no parameter "${c.param}"`;
  if (spec.type !== 'number' && spec.type !== 'integer') return `parameter "${c.param}" is not a number`;
  if ((spec.min !== undefined && c.min < spec.min) || (spec.max !== undefined && c.max > spec.max)) return `the range ${c.min}…${c.max} leaves the parameter's ${spec.min ?? '−∞'}…${spec.max ?? '∞'}`;
  return null;
}

function checkProblem(c: LessonCheck, doc: NetworkDocument): string | null {
  const spiking = (id: string) => {
    const n = node(doc, id);
    if (!n) return `no node "${id}" in the network`;
    return getModel(n.model)?.spiking === false ? `"${id}" (${n.model}) does not spike` : null;
  };
  switch (c.kind) {
    case 'spike_count': {
      const m = spiking(c.population);
      if (m) return m;
      return c.neuron !== undefined && c.neuron >= node(doc, c.population)!.size ? `neuron ${c.neuron} is past "${c.population}"'s ${node(doc, c.population)!.size} neurons` : null;
    }
    case 'rate': return spiking(c.population);
    case 'latency': return spiking(c.population) ?? spiking(c.reference);
    case 'ipd_estimate': {
      const m = spiking(c.detectors);
      if (m) return m;
      const ears = node(doc, c.ears);
      if (!ears) return `no node "${c.ears}" in the network`;
      if (!getModel(ears.model)?.params.some((p) => p.name === 'ipd_deg')) return `"${c.ears}" (${ears.model}) has no ipd_deg`;
      return node(doc, c.detectors)!.size < 2 ? 'the detectors need at least 2 neurons' : null;
    }
  }
}
