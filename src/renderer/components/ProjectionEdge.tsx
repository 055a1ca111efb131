// A projection on the canvas: a bezier edge with a label of its connectivity, synapse, delay and flags.
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import type { Diagnostic, Projection } from '../../shared/graph';
import { describeProjection } from '../editor/describe';

export type ProjectionEdgeData = { projection: Projection; diagnostics: Diagnostic[]; onSelect: (id: string) => void };
export type ProjectionFlowEdge = Edge<ProjectionEdgeData, 'projection'>;

function ProjectionEdgeView(props: EdgeProps<ProjectionFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
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

export const ProjectionEdge = memo(ProjectionEdgeView);
