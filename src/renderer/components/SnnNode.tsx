// A node on the canvas: model glyph and kind, name, size, monitors, and its diagnostics (red mark).
import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { Diagnostic, Monitor, NetworkNode } from '../../shared/graph';
import { getModel } from '../../shared/models';
import { formatCount } from '../editor/describe';
import { Glyph } from './Glyph';

/** `color`: the node's colour in every plot and view (plots/palette.ts), shown as the node's left edge. */
export type SnnNodeData = { node: NetworkNode; monitors: Monitor[]; diagnostics: Diagnostic[]; color?: string };
export type SnnFlowNode = Node<SnnNodeData, 'snn'>;

// The handles are named by `title` (also a hover hint): an aria-label on a role-less div is not allowed (axe
// aria-prohibited-attr).
function SnnNodeView({ data, selected }: NodeProps<SnnFlowNode>) {
  const { node, monitors, diagnostics, color } = data;
  const model = getModel(node.model);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const cls = ['snn-node', node.kind, selected ? 'selected' : '', errors.length ? 'has-errors' : ''].join(' ');
  return (
    <div className={cls} title={errors.map((d) => d.message).join('\n') || model?.description} style={color ? { borderLeftColor: color } : undefined}>
      {node.kind === 'population' && <Handle type="target" position={Position.Left} title={`Input of ${node.id}`} />}
      <div className="snn-node-head">
        <Glyph model={node.model} />
        <span className="snn-node-kind" title={model?.label ?? node.model}>{model?.label ?? node.model}</span>
        {errors.length > 0 && <span className="snn-node-error" aria-label={`${errors.length} problem${errors.length > 1 ? 's' : ''}`}>!</span>}
      </div>
      <div className="snn-node-name" title={node.label || node.id}>{node.label || node.id}</div>
      <div className="snn-node-meta">
        {/* The name line already shows the id when there is no label; showing it twice read "lif / lif". */}
        {node.label && node.label !== node.id && <span className="snn-node-id">{node.id}</span>}
        <span className="snn-node-size">{formatCount(node.size)} {node.size === 1 ? 'neuron' : 'neurons'}</span>
      </div>
      {monitors.length > 0 && (
        <div className="snn-node-monitors">
          {monitors.map((m) => <span key={m.id} className="badge">{m.kind === 'spikes' ? 'spikes' : m.variable}</span>)}
        </div>
      )}
      <Handle type="source" position={Position.Right} title={`Output of ${node.id}`} />
    </div>
  );
}

export const SnnNode = memo(SnnNodeView);
