// A projection on the canvas: a bezier edge with a label of its connectivity, synapse, delay and flags.
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import type { Diagnostic, Projection } from '../../shared/graph';
import { describeProjection } from '../editor/describe';
import { detourTop, type Box } from './edge-route';

export type ProjectionEdgeData = {
  projection: Projection; diagnostics: Diagnostic[]; onSelect: (id: string) => void;
  /** Where along the edge the label sits (0.5 = middle); opposite edges between two nodes use 0.7 so both show. */
  labelAt: number;
  /** The other nodes' boxes (flow coordinates): an edge that would run behind one arcs over it (edge-route.ts). */
  obstacles?: readonly Box[];
};
export type ProjectionFlowEdge = Edge<ProjectionEdgeData, 'projection'>;

function ProjectionEdgeView(props: EdgeProps<ProjectionFlowEdge>) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  // A recurrent projection (a node onto itself) is a loop over the node, from its output round to its input; one
  // that would run behind other nodes (a skip connection) arcs over them, its label on top of the arc.
  const top = source === target ? Math.min(sourceY, targetY) - 90 : detourTop(sourceX, sourceY, targetX, targetY, data?.obstacles ?? []);
  const [path, midX, midY] = top !== null
    ? arc(sourceX, sourceY, targetX, targetY, top)
    : getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const at = top !== null ? 0.5 : (data?.labelAt ?? 0.5);
  const labelX = at === 0.5 ? midX : sourceX + (targetX - sourceX) * at;
  const labelY = at === 0.5 ? midY : sourceY + (targetY - sourceY) * at;
  const errors = data?.diagnostics.filter((d) => d.severity === 'error') ?? [];
  const cls = ['edge-label', selected ? 'selected' : '', errors.length ? 'has-errors' : '', data?.projection.plasticity ? 'plastic' : ''].join(' ');
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={errors.length ? 'edge-error' : undefined} />
      <EdgeLabelRenderer>
        <div className={`${cls} nodrag nopan`} style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          title={errors.map((d) => d.message).join('\n') || undefined} onClick={() => data?.onSelect(id)}>
          {data ? describeProjection(data.projection) : ''}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

/** Out of the source handle, up to `top`, across and down into the target handle; the label point is mid-top. */
function arc(sx: number, sy: number, tx: number, ty: number, top: number): [string, number, number] {
  return [`M ${sx} ${sy} C ${sx + 70} ${sy}, ${sx + 70} ${top}, ${(sx + tx) / 2} ${top} S ${tx - 70} ${ty}, ${tx} ${ty}`, (sx + tx) / 2, top];
}

export const ProjectionEdge = memo(ProjectionEdgeView);
