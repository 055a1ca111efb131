// Inspector for one node: id (rename, references follow), name, size, the model's parameters from the
// catalogue (units, ranges, descriptions, validation as you type), monitors, connect, duplicate, delete.
import { useState } from 'react';
import { stateVariables, type Monitor, type NetworkDocument, type NetworkNode } from '../../shared/graph';
import { checkParam, getModel, isPerNeuron, perNeuronSummary, type ParamSpec } from '../../shared/models';
import type { EditorModel } from '../editor/model';
import type { DiagnosticIndex } from '../editor/useEditor';
import { CheckField, NumberField, SelectField, TextField, rangeText } from './fields';
import { formatIndices, formatSpikeList, parseIndices, parseRates, parseSpikeList } from '../editor/ops';
import { formatNumberList } from '../editor/lists';
import { DatasetSample } from './DatasetSample';

interface Props {
  model: EditorModel;
  doc: NetworkDocument;
  node: NetworkNode;
  diagnostics: DiagnosticIndex;
  notify: (m: string, kind?: 'info' | 'error') => void;
  onSelect: (id: string) => void;
}

const reason = (r: { ok: true } | { ok: false; reason: string }) => (r.ok ? null : r.reason);
/** Parameters of a dataset node that its sample picker (./DatasetSample.tsx) shows instead of the plain list. */
const PICKED = new Set(['sample', 'split', 'data_seed']);

export function NodeInspector({ model, doc, node, diagnostics, notify, onSelect }: Props) {
  const spec = getModel(node.model);
  const index = doc.nodes.findIndex((n) => n.id === node.id);
  const errs = (field: string) => (diagnostics.byPath.get(`nodes[${index}].${field}`) ?? []).map((d) => d.message);
  const targets = doc.nodes.filter((n) => n.kind === 'population' && model.connectionProblem(node.id, n.id) === null);
  const [connectTo, setConnectTo] = useState('');
  const monitors = doc.monitors.filter((m) => m.target === node.id);
  const hasRates = !!spec?.dataFields?.includes('rates_hz');
  const fieldPaths = new Set(['id', 'size', 'model', 'kind', ...(hasRates ? ['data.rates_hz'] : []),
    ...(spec?.params.map((p) => `params.${p.name}`) ?? [])].map((f) => `nodes[${index}].${f}`));
  const shape = node.params.shape ?? spec?.params.find((p) => p.name === 'shape')?.default;
  const otherErrors = (diagnostics.byOwner.get(node.id) ?? []).filter((d) => !fieldPaths.has(d.path));
  const target = targets.some((t) => t.id === connectTo) ? connectTo : (targets[0]?.id ?? '');

  const param = (p: ParamSpec) => {
    const value = node.params[p.name] ?? p.default;
    // With rate shape "data" the per-neuron rates replace `rate_hz` (the compiler reads only the list).
    const ignored = hasRates && p.name === 'rate_hz' && shape === 'data';
    const description = ignored ? `Not used while rate shape is data: each neuron fires at its own rate (Rates per neuron, below). ${p.description}` : p.description;
    const common = { key: p.name, label: p.label, unit: p.unit, description, docErrors: errs(`params.${p.name}`) };
    const set = (v: number | string | boolean) => reason(model.setParam(node.id, p.name, v));
    if (isPerNeuron(value)) return <PerNeuronParam {...common} values={value.per_neuron} onUniform={() => {
      const r = model.makeUniform(node.id, p.name);
      notify(r.ok ? `${node.id}.${p.name} is now ${r.value}${p.unit ? ` ${p.unit}` : ''} for every neuron (Undo restores the per-neuron values)` : r.reason, r.ok ? 'info' : 'error');
    }} />;
    if (p.type === 'boolean') return <CheckField {...common} value={value === true} onChange={set} />;
    if (p.type === 'enum') {
      return <SelectField {...common} value={String(value)} options={(p.options ?? []).map((o) => ({ value: o, label: o }))} onChange={set} />;
    }
    return <NumberField {...common} value={Number(value)} integer={p.type === 'integer'} range={rangeText(p.min, p.max, p.minExclusive)}
      validate={(n) => checkParam(p, n)} onCommit={set} />;
  };

  /** Per-neuron rates (`data.rates_hz`), shown right after the rate they replace. */
  const ratesField = (
    <TextField key="rates_hz" label="Rates per neuron" unit="Hz" value={formatNumberList(node.data?.rates_hz)} docErrors={errs('data.rates_hz')}
      description={`One rate per neuron (${node.size}), separated by commas or spaces; 20*5 repeats 20 five times; one value for all. ` +
        'A list sets rate shape to data, where it replaces the rate above; empty text removes it (shape back to constant).'}
      validate={(v) => { const r = parseRates(v, node); return r.ok ? null : r.reason; }}
      onCommit={(v) => reason(model.setRates(node.id, v))} />
  );

  return (
    <div className="inspector-body">
      <h2>{spec?.label ?? node.model}</h2>
      {spec && <p className="model-desc">{spec.description}</p>}
      {otherErrors.length > 0 && (
        <ul className="diagnostics" aria-label="Problems">
          {otherErrors.map((d, i) => <li key={i}>{d.path}: {d.message}</li>)}
        </ul>
      )}
      <TextField label="Id" value={node.id} docErrors={errs('id')} description="Used in files and on the command line; projections and monitors follow a rename."
        onCommit={(v) => { const r = model.rename(node.id, v); if (r.ok) onSelect(v); return reason(r); }} />
      <TextField label="Name" value={node.label ?? ''} onCommit={(v) => reason(model.setNodeFields(node.id, { label: v }))} />
      <NumberField label="Size" value={node.size} integer unit="neurons" range="≥ 1" docErrors={errs('size')}
        disabled={spec?.fixedSize !== undefined} onCommit={(n) => reason(model.setNodeFields(node.id, { size: n }))} />
      {spec?.dataFields?.includes('spikes') && (
        <TextField label="Spike times" unit="ms" value={formatSpikeList(node.data?.spikes)} docErrors={errs('data.spikes')}
          description="Times in ms for neuron 0 (20, 40, 60), or neuron@ms for others (1@25)."
          validate={(v) => { const r = parseSpikeList(v, node.size); return r.ok ? null : r.reason; }}
          onCommit={(v) => reason(model.setSpikes(node.id, v))} />
      )}
      {spec && spec.params.length > 0 && <h3>Parameters</h3>}
      {spec?.params.flatMap((p) => {
        // A dataset node's sample, split and data seed are chosen in its sample picker, placed before the IPD it
        // plays when the sample is −1.
        if (node.model === 'dataset' && PICKED.has(p.name)) return [];
        if (node.model === 'dataset' && p.name === 'ipd_deg') return [<DatasetSample key="sample-picker" model={model} doc={doc} node={node} errs={errs} />, param(p)];
        return hasRates && p.name === 'rate_hz' ? [param(p), ratesField] : [param(p)];
      })}
      <h3>Monitors</h3>
      {monitors.length === 0 && <p className="muted">Nothing recorded.</p>}
      <ul className="monitor-list">
        {monitors.map((m) => (
          <li key={m.id}>
            {m.kind === 'spikes' ? (
              <div className="monitor-head"><span>Spikes</span><button type="button" onClick={() => model.remove([m.id])}>{`Remove ${m.id}`}</button></div>
            ) : <StateMonitor model={model} doc={doc} node={node} monitor={m} diagnostics={diagnostics} notify={notify} />}
          </li>
        ))}
      </ul>
      <div className="button-row">
        {spec?.spiking && <button type="button" onClick={() => { const r = model.addMonitor(node.id, 'spikes'); if (!r.ok) notify(r.reason, 'error'); }}>Record spikes</button>}
        {spec && spec.state.length > 0 && <button type="button" onClick={() => { const r = model.addMonitor(node.id, 'state'); if (!r.ok) notify(r.reason, 'error'); }}>Record membrane</button>}
      </div>

      <h3>Connect</h3>
      {targets.length === 0 ? <p className="muted">No population this node can connect to.</p> : (
        <div className="connect-row">
          <SelectField label="Connect to" value={target} options={targets.map((t) => ({ value: t.id, label: t.label ? `${t.label} (${t.id})` : t.id }))} onChange={setConnectTo} />
          <button type="button" onClick={() => { const r = model.connect(node.id, target); notify(r.ok ? `Connected ${node.id} → ${target}` : `Cannot connect: ${r.reason}`, r.ok ? 'info' : 'error'); }}>Connect</button>
        </div>
      )}

      <div className="button-row danger-row">
        <button type="button" onClick={() => { const r = model.duplicate([node.id]); if (r.ok) onSelect(r.value[0]); }}>Duplicate</button>
        <button type="button" className="danger" onClick={() => model.remove([node.id])}>Delete</button>
      </div>
    </div>
  );
}

/**
 * A parameter given per neuron (docs/file-format.md, "Per-neuron parameters"; e.g. an applied trained τ): its
 * summary — how many values, their range and mean — and "Make uniform", which sets the mean (undoable).
 */
function PerNeuronParam({ label, unit, description, docErrors, values, onUniform }: {
  label: string; unit?: string; description?: string; docErrors: string[]; values: readonly number[]; onUniform: () => void;
}) {
  const s = perNeuronSummary(values), u = unit ? ` ${unit}` : '';
  const fmt = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(4)).toString() : String(x));
  return (
    <div className={`field per-neuron${docErrors.length ? ' invalid' : ''}`} role="group" aria-label={`${label} per neuron`}>
      <span className="field-name">{label}</span>
      <div className="field-input">
        <output>per neuron: {s.n} values, {fmt(s.min)}–{fmt(s.max)}{u}, mean {fmt(s.mean)}{u}</output>
        <button type="button" onClick={onUniform} aria-label={`Make ${label} uniform`}>Make uniform</button>
      </div>
      {docErrors.map((e, i) => <div key={i} className="field-error">{e}</div>)}
      {description && <div className="field-desc">{description}</div>}
    </div>
  );
}

/** A state monitor: which variable it records (the node's state variables and synaptic channels) and which
 *  neurons ("0-3, 10" or all), both through the model's commands (undoable). */
function StateMonitor({ model, doc, node, monitor: m, diagnostics, notify }: {
  model: EditorModel; doc: NetworkDocument; node: NetworkNode; monitor: Extract<Monitor, { kind: 'state' }>;
  diagnostics: DiagnosticIndex; notify: Props['notify'];
}) {
  const index = doc.monitors.indexOf(m);
  const errs = (field: string) => [...diagnostics.byPath.entries()]
    .filter(([path]) => path === `monitors[${index}].${field}` || path.startsWith(`monitors[${index}].${field}[`))
    .flatMap(([, ds]) => ds.map((d) => d.message));
  const vars = stateVariables(node, doc.projections);
  const options = (vars.includes(m.variable) ? vars : [m.variable, ...vars]).map((v) => ({ value: v, label: v }));
  const headId = `monitor-${m.id}`;
  return (
    <div role="group" aria-labelledby={headId} className="state-monitor">
      <div className="monitor-head">
        <span id={headId}>{m.id}</span>
        <button type="button" onClick={() => model.remove([m.id])}>{`Remove ${m.id}`}</button>
      </div>
      <SelectField label="Variable" value={m.variable} options={options} docErrors={errs('variable')}
        onChange={(v) => { const r = model.setMonitor(m.id, { variable: v }); if (!r.ok) notify(r.reason, 'error'); }} />
      <TextField label="Neurons" value={formatIndices(m.indices)} docErrors={errs('indices')}
        description={`Indices like 0-3, 10 (0 to ${node.size - 1}), or all.`}
        validate={(v) => { const r = parseIndices(v, node.size); return r.ok ? null : r.reason; }}
        onCommit={(v) => reason(model.setMonitor(m.id, { indices: v }))} />
    </div>
  );
}
