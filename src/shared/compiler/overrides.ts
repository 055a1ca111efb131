// `--set NODE.PARAM=VALUE` overrides applied to a copy of a document before compiling. Unknown nodes or
// params and ill-typed values are CompileError('usage') listing what exists; the result is re-checked.
import { checkDocument, hasErrors, formatDiagnostic, type NetworkDocument } from '../graph';
import { checkParam, getModel } from '../models';
import { CompileError } from './errors';

export interface Override { node: string; param: string; value: string }

/** Parse "NODE.PARAM=VALUE". */
export function parseOverride(text: string): Override {
  const m = /^([^.=]+)\.([^=]+)=(.*)$/s.exec(text);
  if (!m) throw new CompileError(`--set "${text}": expected NODE.PARAM=VALUE, e.g. ears.ipd_deg=90`, 'usage');
  return { node: m[1], param: m[2], value: m[3] };
}

export function applyOverrides(doc: NetworkDocument, overrides: readonly Override[]): NetworkDocument {
  if (!overrides.length) return doc;
  const out: NetworkDocument = JSON.parse(JSON.stringify(doc));
  for (const o of overrides) {
    const node = out.nodes.find((n) => n.id === o.node);
    if (!node) {
      throw new CompileError(`--set ${o.node}.${o.param}: no node "${o.node}" (nodes: ${out.nodes.map((n) => n.id).join(', ')})`, 'usage');
    }
    const model = getModel(node.model);
    if (!model) throw new CompileError(`--set: node "${o.node}" has unknown model "${node.model}"`, 'invalid');
    const names = ['size', ...model.params.map((p) => p.name)];
    if (o.param === 'size') {
      const v = Number(o.value);
      if (!Number.isInteger(v) || v < 1) throw new CompileError(`--set ${o.node}.size=${o.value}: size must be a whole number ≥ 1`, 'usage');
      node.size = v;
      continue;
    }
    const spec = model.params.find((p) => p.name === o.param);
    if (!spec) {
      throw new CompileError(`--set ${o.node}.${o.param}: ${model.label} "${o.node}" has no parameter "${o.param}" (it has: ${names.join(', ')})`, 'usage');
    }
    let value: number | string | boolean;
    if (spec.type === 'number' || spec.type === 'integer') {
      value = o.value.trim() === '' ? NaN : Number(o.value);
      if (!Number.isFinite(value)) throw new CompileError(`--set ${o.node}.${o.param}=${o.value}: must be a number${spec.unit ? ` (${spec.unit})` : ''}`, 'usage');
    } else if (spec.type === 'boolean') {
      if (o.value !== 'true' && o.value !== 'false') throw new CompileError(`--set ${o.node}.${o.param}=${o.value}: must be true or false`, 'usage');
      value = o.value === 'true';
    } else {
      value = o.value;
    }
    const why = checkParam(spec, value);
    if (why) throw new CompileError(`--set ${o.node}.${o.param}=${o.value}: ${why}`, 'usage');
    node.params[o.param] = value;
  }
  const diags = checkDocument(out).filter((d) => d.severity === 'error');
  if (hasErrors(diags)) {
    throw new CompileError(`after --set the network is invalid:\n${diags.map(formatDiagnostic).join('\n')}`, 'invalid');
  }
  return out;
}
