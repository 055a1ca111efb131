// Inspector for one projection: connectivity rule, weight, delay, synapse kind, plasticity and trainable,
// each checked against the document schema as you type; id rename; delete.
import { Projection as ProjectionSchema, knownSynapseCount, type NetworkDocument, type Plasticity, type Projection } from '../../shared/graph';
import type { EditorModel } from '../editor/model';
import type { DiagnosticIndex } from '../editor/useEditor';
import { setPlasticity } from '../editor/ops';
import { describePairProblems, formatNumberList, formatPairs, parseNumberList, parsePairs } from '../editor/lists';
import { CheckField, NumberField, SelectField, TextAreaField, TextField } from './fields';

interface Props {
  model: EditorModel; doc: NetworkDocument; projection: Projection; diagnostics: DiagnosticIndex;
  onSelect: (id: string) => void; notify: (m: string, kind?: 'info' | 'error') => void;
}

type StdpConstant = Exclude<keyof Plasticity, 'rule'>;
/** The STDP constants (schema names) with their labels, units and meaning (docs/engine.md, STDP). */
const STDP_FIELDS: readonly { key: StdpConstant; label: string; unit?: string; range?: string; description: string }[] = [
  { key: 'a_plus', label: 'Potentiation A+', description: 'a_plus: on a postsynaptic spike, w grows by a_plus times the presynaptic trace.' },
  { key: 'a_minus', label: 'Depression A−', description: 'a_minus: on a presynaptic spike, w shrinks by a_minus times the postsynaptic trace.' },
  { key: 'tau_plus_ms', label: 'Potentiation window τ+', unit: 'ms', range: '> 0', description: 'tau_plus_ms: time constant of the presynaptic trace.' },
  { key: 'tau_minus_ms', label: 'Depression window τ−', unit: 'ms', range: '> 0', description: 'tau_minus_ms: time constant of the postsynaptic trace.' },
  { key: 'w_min', label: 'Minimum weight', range: '≤ maximum', description: 'w_min: STDP never takes a weight below this.' },
  { key: 'w_max', label: 'Maximum weight', range: '≥ minimum', description: 'w_max: STDP never takes a weight above this.' },
];

type C = Projection['connectivity']; type W = Projection['weight']; type D = Projection['delay']; type S = Projection['synapse'];

const RULES = [
  { value: 'all_to_all', label: 'all-to-all' }, { value: 'one_to_one', label: 'one-to-one' },
  { value: 'fixed_probability', label: 'fixed probability' }, { value: 'fixed_indegree', label: 'fixed in-degree' },
  { value: 'explicit', label: 'explicit list' },
] as const;
const DISTS = [{ value: 'constant', label: 'constant' }, { value: 'uniform', label: 'uniform' }, { value: 'normal', label: 'normal' }, { value: 'explicit', label: 'explicit list' }] as const;
const DELAYS = [{ value: 'constant', label: 'constant' }, { value: 'expression', label: 'expression' }, { value: 'explicit', label: 'explicit list' }] as const;
const SYNAPSES = [{ value: 'delta', label: 'delta (adds w to v)' }, { value: 'exponential', label: 'exponential current' }, { value: 'conductance', label: 'conductance' }, { value: 'current', label: 'current injection' }] as const;

function defaultRule(rule: C['rule'], old: C): C {
  if (rule === old.rule) return old;
  switch (rule) {
    case 'all_to_all': return { rule, allow_self: true };
    case 'one_to_one': return { rule };
    case 'fixed_probability': return { rule, p: 0.1, allow_self: true };
    case 'fixed_indegree': return { rule, k: 10, allow_self: true };
    case 'explicit': return { rule, pre: [], post: [] };
  }
}
function defaultWeight(dist: W['dist'], old: W): W {
  const v = old.dist === 'constant' ? old.value : 0.5;
  switch (dist) {
    case 'constant': return { dist, value: v };
    case 'uniform': return { dist, low: 0, high: v };
    case 'normal': return { dist, mean: v, std: Math.abs(v) / 4 };
    case 'explicit': return old.dist === 'explicit' ? old : { dist, values: [] };
  }
}
function defaultDelay(kind: D['kind'], old: D): D {
  if (kind === old.kind) return old;
  if (kind === 'constant') return { kind, ms: 0 };
  if (kind === 'expression') return { kind, expr: '0' };
  return { kind, ms: [] };
}
function defaultSynapse(kind: S['kind'], old: S): S {
  if (kind === old.kind) return old;
  if (kind === 'exponential') return { kind, tau_ms: 5 };
  if (kind === 'conductance') return { kind, tau_ms: 5, e_rev: 0 };
  return { kind };
}

export function ProjectionInspector({ model, doc, projection: p, diagnostics, onSelect, notify }: Props) {
  const index = doc.projections.findIndex((q) => q.id === p.id);
  const errs = (field: string) => {
    const pre = `projections[${index}].${field}`;
    return [...diagnostics.byPath.entries()].filter(([k]) => k === pre || k.startsWith(`${pre}.`) || k.startsWith(`${pre}[`)).flatMap(([, ds]) => ds.map((d) => d.message));
  };
  /** Check the changed projection against the schema; commit it or say why not. */
  const update = (next: Projection): string | null => {
    const r = ProjectionSchema.safeParse(next);
    if (!r.success) return r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    const done = model.replaceProjection(p.id, r.data);
    return done.ok ? null : done.reason;
  };
  const c = p.connectivity; const w = p.weight; const d = p.delay; const s = p.synapse;
  const src = doc.nodes.find((n) => n.id === p.source), tgt = doc.nodes.find((n) => n.id === p.target);
  // Synapse count when the rule fixes it: explicit weight or delay lists must hold that many values.
  const synapses = src && tgt ? knownSynapseCount(c, src.size, tgt.size, src.id === tgt.id) : undefined;
  /** A weight or delay list field (rules other than an explicit pair list, which carries them per pair). */
  const list = (label: string, values: number[], field: string, unit: string | undefined, check: (v: number) => string | null, set: (values: number[]) => Projection) => (
    synapses === undefined || synapses > 1_000_000 ? <p className="muted">{values.length} {label.toLowerCase()} listed in the file (the count is not fixed by this rule, so they are edited there).</p> : (
      <TextField label={label} unit={unit} value={formatNumberList(values)} docErrors={errs(field)}
        description={`One per synapse (${synapses}), in the order the rule enumerates them (by source neuron); v*n repeats; one value for all.`}
        validate={(v) => { const r = parseNumberList(v, { count: synapses, noun: 'value', check }); return !r.ok ? r.reason : r.values ? null : 'give at least one value'; }}
        onCommit={(v) => { const r = parseNumberList(v, { count: synapses, noun: 'value', check }); return !r.ok ? r.reason : r.values ? update(set(r.values)) : 'give at least one value'; }} />
    ));
  const pairsText = c.rule === 'explicit'
    ? formatPairs({ pre: c.pre, post: c.post, weights: w.dist === 'explicit' ? w.values : undefined, delays: d.kind === 'explicit' ? d.ms : undefined })
    : '';
  const stdp = p.plasticity;
  const num = (label: string, value: number, set: (n: number) => Projection, extra: { unit?: string; range?: string; integer?: boolean; description?: string; field: string }) => (
    <NumberField label={label} value={value} unit={extra.unit} range={extra.range} integer={extra.integer} description={extra.description}
      docErrors={errs(extra.field)} validate={(n) => { const r = ProjectionSchema.safeParse(set(n)); return r.success ? null : r.error.issues[0].message; }}
      onCommit={(n) => update(set(n))} />
  );

  return (
    <div className="inspector-body">
      <h2>Projection</h2>
      <p className="model-desc">{p.source} → {p.target}</p>
      <TextField label="Id" value={p.id} docErrors={errs('id')} onCommit={(v) => { const r = model.rename(p.id, v); if (r.ok) onSelect(v); return r.ok ? null : r.reason; }} />

      <h3>Connectivity</h3>
      <SelectField label="Rule" value={c.rule} options={RULES} docErrors={c.rule === 'one_to_one' ? errs('connectivity') : []}
        onChange={(rule) => update({ ...p, connectivity: defaultRule(rule, c) })} />
      {c.rule === 'fixed_probability' && num('Probability p', c.p, (n) => ({ ...p, connectivity: { ...c, p: n } }), { range: '0 … 1', field: 'connectivity.p', description: 'Each pre/post pair is connected with this probability.' })}
      {c.rule === 'fixed_indegree' && num('In-degree k', c.k, (n) => ({ ...p, connectivity: { ...c, k: n } }), { integer: true, range: '≥ 0', field: 'connectivity.k', description: 'Each target neuron receives exactly k synapses from random sources.' })}
      {c.rule === 'explicit' && src && tgt && (
        <TextAreaField label="Pairs" value={pairsText} docErrors={errs('connectivity')} rows={Math.min(12, Math.max(4, c.pre.length + 1))}
          description={`One synapse a line: pre post (source neuron 0-${src.size - 1}, target neuron 0-${tgt.size - 1}), optionally a weight and a delay in ms ` +
            '(0 3 0.5 2, or 0 3 w=0.5 d=2); # starts a comment. Listed weights/delays make the weight/delay an explicit list. ' +
            `${c.pre.length} synapse${c.pre.length === 1 ? '' : 's'}. Ctrl+Enter or leaving the field applies.`}
          validate={(v) => { const r = parsePairs(v, src.size, tgt.size); return r.ok ? null : describePairProblems(r.problems); }}
          onCommit={(v) => { const r = model.setExplicitPairs(p.id, v); return r.ok ? null : r.reason; }} />
      )}
      {'allow_self' in c && p.source === p.target && <CheckField label="Allow self-connections" value={c.allow_self} onChange={(v) => update({ ...p, connectivity: { ...c, allow_self: v } })} />}

      <h3>Weight</h3>
      <SelectField label="Distribution" value={w.dist} options={DISTS} onChange={(dist) => update({ ...p, weight: defaultWeight(dist, w) })} />
      {w.dist === 'constant' && num('Weight', w.value, (n) => ({ ...p, weight: { ...w, value: n } }), { field: 'weight.value', description: 'Added to the target (per spike) through the synapse.' })}
      {w.dist === 'uniform' && <>
        {num('Low', w.low, (n) => ({ ...p, weight: { ...w, low: n } }), { field: 'weight' })}
        {num('High', w.high, (n) => ({ ...p, weight: { ...w, high: n } }), { field: 'weight.high' })}
      </>}
      {w.dist === 'normal' && <>
        {num('Mean', w.mean, (n) => ({ ...p, weight: { ...w, mean: n } }), { field: 'weight.mean' })}
        {num('Standard deviation', w.std, (n) => ({ ...p, weight: { ...w, std: n } }), { range: '≥ 0', field: 'weight.std' })}
      </>}
      {w.dist === 'explicit' && (c.rule === 'explicit' ? <p className="muted">{w.values.length} weights, listed with the pairs (third column).</p>
        : list('Weights', w.values, 'weight.values', undefined, () => null, (values) => ({ ...p, weight: { dist: 'explicit', values } })))}

      <h3>Delay</h3>
      <SelectField label="Delay kind" value={d.kind} options={DELAYS} onChange={(kind) => update({ ...p, delay: defaultDelay(kind, d) })} />
      {d.kind === 'constant' && num('Delay', d.ms, (n) => ({ ...p, delay: { ...d, ms: n } }), { unit: 'ms', range: '≥ 0', field: 'delay.ms' })}
      {d.kind === 'expression' && <TextField label="Delay expression" value={d.expr} unit="ms" docErrors={errs('delay.expr')}
        description="Of pre, post, n_pre, n_post and pi, e.g. pre == 1 ? 0.5 * post : 0"
        onCommit={(v) => update({ ...p, delay: { kind: 'expression', expr: v } })} />}
      {d.kind === 'explicit' && (c.rule === 'explicit' ? <p className="muted">{d.ms.length} delays, listed with the pairs (d=).</p>
        : list('Delays', d.ms, 'delay.ms', 'ms', (v) => (v < 0 ? `${v} ms is negative` : null), (ms) => ({ ...p, delay: { kind: 'explicit', ms } })))}

      <h3>Synapse</h3>
      <SelectField label="Synapse kind" value={s.kind} options={SYNAPSES} docErrors={errs('synapse')} onChange={(kind) => update({ ...p, synapse: defaultSynapse(kind, s) })} />
      {(s.kind === 'exponential' || s.kind === 'conductance') && num('Synaptic tau', s.tau_ms, (n) => ({ ...p, synapse: { ...s, tau_ms: n } }), { unit: 'ms', range: '> 0', field: 'synapse.tau_ms' })}
      {s.kind === 'conductance' && num('Reversal potential', s.e_rev, (n) => ({ ...p, synapse: { ...s, e_rev: n } }), { field: 'synapse.e_rev' })}

      <h3>Learning</h3>
      <CheckField label="STDP plasticity" value={!!stdp} docErrors={errs('plasticity')}
        description={stdp ? 'Pair-based STDP with traces; the weights change while the network runs.' : undefined}
        onChange={(v) => { const r = model.setPlasticity(p.id, v ? {} : null); if (!r.ok) notify(`Cannot enable STDP: ${r.reason}`, 'error'); }} />
      {stdp && STDP_FIELDS.map((f) => (
        <NumberField key={f.key} label={f.label} value={stdp[f.key]} unit={f.unit} range={f.range} description={f.description}
          docErrors={errs(`plasticity.${f.key}`)}
          validate={(n) => { const r = setPlasticity(doc, p.id, { [f.key]: n }); return r.ok ? null : r.reason; }}
          onCommit={(n) => { const r = model.setPlasticity(p.id, { [f.key]: n }); return r.ok ? null : r.reason; }} />
      ))}
      <CheckField label="Trainable" value={p.trainable} description="Weights are trained by the surrogate-gradient trainer."
        onChange={(v) => update({ ...p, trainable: v })} />

      <div className="button-row danger-row">
        <button type="button" className="danger" onClick={() => model.remove([p.id])}>Delete</button>
      </div>
    </div>
  );
}
