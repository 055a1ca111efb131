// Inspector for one projection: connectivity rule, weight, delay, synapse kind, plasticity and trainable,
// each checked against the document schema as you type; id rename; delete.
import { Projection as ProjectionSchema, Plasticity, type NetworkDocument, type Projection } from '../../shared/graph';
import type { EditorModel } from '../editor/model';
import type { DiagnosticIndex } from '../editor/useEditor';
import { CheckField, NumberField, SelectField, TextField } from './fields';

interface Props { model: EditorModel; doc: NetworkDocument; projection: Projection; diagnostics: DiagnosticIndex; onSelect: (id: string) => void }

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

export function ProjectionInspector({ model, doc, projection: p, diagnostics, onSelect }: Props) {
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
      {w.dist === 'explicit' && <p className="muted">{w.values.length} weights listed in the file.</p>}

      <h3>Delay</h3>
      <SelectField label="Delay kind" value={d.kind} options={DELAYS} onChange={(kind) => update({ ...p, delay: defaultDelay(kind, d) })} />
      {d.kind === 'constant' && num('Delay', d.ms, (n) => ({ ...p, delay: { ...d, ms: n } }), { unit: 'ms', range: '≥ 0', field: 'delay.ms' })}
      {d.kind === 'expression' && <TextField label="Delay expression" value={d.expr} unit="ms" docErrors={errs('delay.expr')}
        description="Of pre, post, n_pre, n_post and pi, e.g. pre == 1 ? 0.5 * post : 0"
        onCommit={(v) => update({ ...p, delay: { kind: 'expression', expr: v } })} />}
      {d.kind === 'explicit' && <p className="muted">{d.ms.length} delays listed in the file.</p>}

      <h3>Synapse</h3>
      <SelectField label="Synapse kind" value={s.kind} options={SYNAPSES} docErrors={errs('synapse')} onChange={(kind) => update({ ...p, synapse: defaultSynapse(kind, s) })} />
      {(s.kind === 'exponential' || s.kind === 'conductance') && num('Synaptic tau', s.tau_ms, (n) => ({ ...p, synapse: { ...s, tau_ms: n } }), { unit: 'ms', range: '> 0', field: 'synapse.tau_ms' })}
      {s.kind === 'conductance' && num('Reversal potential', s.e_rev, (n) => ({ ...p, synapse: { ...s, e_rev: n } }), { field: 'synapse.e_rev' })}

      <h3>Learning</h3>
      <CheckField label="STDP plasticity" value={!!p.plasticity} docErrors={errs('plasticity')}
        onChange={(v) => update({ ...p, plasticity: v ? Plasticity.parse({ rule: 'stdp' }) : undefined })} />
      <CheckField label="Trainable" value={p.trainable} description="Weights are trained by the surrogate-gradient trainer."
        onChange={(v) => update({ ...p, trainable: v })} />

      <div className="button-row danger-row">
        <button type="button" className="danger" onClick={() => model.remove([p.id])}>Delete</button>
      </div>
    </div>
  );
}
