// The network canvas (React Flow): nodes and projections of the document, drag from the palette to add,
// drag between handles to connect (refused connections say why), drag to move (one undo step per drag),
// Delete to remove; minimap, zoom controls and snap to grid.
import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import {
  ReactFlow, Background, BackgroundVariant, Controls, MiniMap, MarkerType, applyNodeChanges, useReactFlow,
  type Connection, type Edge, type NodeChange, type OnSelectionChangeParams,
} from '@xyflow/react';
import type { NetworkDocument } from '../../shared/graph';
import type { EditorModel } from '../editor/model';
import type { DiagnosticIndex } from '../editor/useEditor';
import { SnnNode, type SnnFlowNode } from './SnnNode';
import { ProjectionEdge, type ProjectionFlowEdge } from './ProjectionEdge';
import { PALETTE_MIME, type PaletteItem } from './Palette';
import { populationColors } from '../plots/palette';

const nodeTypes = { snn: SnnNode };
const edgeTypes = { projection: ProjectionEdge };
export const GRID = 16;

export interface Selection { nodes: string[]; edges: string[] }

interface Props {
  model: EditorModel;
  doc: NetworkDocument;
  diagnostics: DiagnosticIndex;
  showMinimap: boolean;
  /** Select exactly these ids (nodes or projections) when `seq` changes. */
  selectRequest: { ids: string[]; seq: number };
  onSelection: (s: Selection) => void;
  onPaletteDrop: (item: PaletteItem, position: { x: number; y: number }, targetNode: string | null) => void;
  notify: (message: string, kind?: 'info' | 'error') => void;
}

/** A position for nodes the layout does not place: a column per kind, one row per node. */
function fallbackPosition(doc: NetworkDocument, index: number) {
  return { x: doc.nodes[index].kind === 'input' ? 0 : 320, y: index * 120 };
}

export function Canvas({ model, doc, diagnostics, showMinimap, selectRequest, onSelection, onPaletteDrop, notify }: Props) {
  const [nodes, setNodes] = useState<SnnFlowNode[]>([]);
  const [selectedEdges, setSelectedEdges] = useState<Set<string>>(new Set());
  const flow = useReactFlow();

  // The document is the truth; React Flow's own node state keeps what it measured and what is selected.
  useEffect(() => {
    const colors = populationColors(doc.nodes.map((n) => n.id));
    setNodes((prev) => {
      const old = new Map(prev.map((n) => [n.id, n]));
      return doc.nodes.map((n, i) => {
        const o = old.get(n.id);
        return {
          ...o,
          id: n.id,
          type: 'snn' as const,
          position: doc.layout.nodes[n.id] ?? o?.position ?? fallbackPosition(doc, i),
          ariaLabel: `${n.label || n.id} (${n.id})`,
          data: { node: n, monitors: doc.monitors.filter((m) => m.target === n.id), diagnostics: diagnostics.byOwner.get(n.id) ?? [], color: colors.get(n.id) },
        };
      });
    });
  }, [doc, diagnostics]);

  useEffect(() => {
    if (selectRequest.seq === 0) return;
    const ids = new Set(selectRequest.ids);
    setNodes((ns) => ns.map((n) => (n.selected === ids.has(n.id) ? n : { ...n, selected: ids.has(n.id) })));
    setSelectedEdges(new Set(selectRequest.ids));
    onSelection({ nodes: selectRequest.ids.filter((id) => doc.nodes.some((n) => n.id === id)), edges: selectRequest.ids.filter((id) => doc.projections.some((p) => p.id === id)) });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new request selects
  }, [selectRequest]);

  const selectEdge = useCallback((id: string) => {
    setNodes((ns) => ns.map((n) => (n.selected ? { ...n, selected: false } : n)));
    setSelectedEdges(new Set([id]));
    onSelection({ nodes: [], edges: [id] });
  }, [onSelection]);

  // Node boxes as React Flow measured them: an edge that would run behind a node arcs over it (edge-route.ts).
  const boxes = useMemo(() => nodes.map((n) => ({ id: n.id, x: n.position.x, y: n.position.y, width: n.measured?.width ?? 0, height: n.measured?.height ?? 0 })), [nodes]);
  const edges = useMemo<ProjectionFlowEdge[]>(() => doc.projections.map((p) => ({
    id: p.id, source: p.source, target: p.target, type: 'projection' as const,
    selected: selectedEdges.has(p.id),
    ariaLabel: `Projection ${p.id} from ${p.source} to ${p.target}`,
    markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
    data: {
      projection: p, diagnostics: diagnostics.byOwner.get(p.id) ?? [], onSelect: selectEdge,
      labelAt: doc.projections.some((q) => q.source === p.target && q.target === p.source && q.source !== q.target) ? 0.7 : 0.5,
      obstacles: boxes.filter((b) => b.id !== p.source && b.id !== p.target && b.width > 0),
    },
  })), [doc.projections, diagnostics, selectedEdges, selectEdge, boxes]);

  const onNodesChange = useCallback((changes: NodeChange<SnnFlowNode>[]) => {
    // Removal goes through onDelete (one undo step); everything else is view state.
    setNodes((ns) => applyNodeChanges(changes.filter((c) => c.type !== 'remove'), ns));
  }, []);

  const onEdgesChange = useCallback((changes: { type: string; id?: string; selected?: boolean }[]) => {
    setSelectedEdges((prev) => {
      const next = new Set(prev);
      for (const c of changes) if (c.type === 'select' && c.id) { if (c.selected) next.add(c.id); else next.delete(c.id); }
      return next;
    });
  }, []);

  const onConnect = useCallback((c: Connection) => {
    const r = model.connect(c.source, c.target);
    if (r.ok) notify(`Connected ${c.source} → ${c.target}`);
    else notify(`Cannot connect: ${r.reason}`, 'error');
  }, [model, notify]);

  const onDelete = useCallback(({ nodes: ns, edges: es }: { nodes: SnnFlowNode[]; edges: Edge[] }) => {
    model.remove([...ns.map((n) => n.id), ...es.map((e) => e.id)]);
  }, [model]);

  const onNodeDragStop = useCallback((_e: unknown, _n: SnnFlowNode, dragged: SnnFlowNode[]) => {
    model.move(Object.fromEntries(dragged.map((n) => [n.id, n.position])));
  }, [model]);

  const onSelectionChange = useCallback(({ nodes: ns, edges: es }: OnSelectionChangeParams) => {
    onSelection({ nodes: ns.map((n) => n.id), edges: es.map((e) => e.id) });
  }, [onSelection]);

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(PALETTE_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback((e: DragEvent) => {
    const raw = e.dataTransfer.getData(PALETTE_MIME);
    if (!raw) return;
    e.preventDefault();
    const item = JSON.parse(raw) as PaletteItem;
    const target = (e.target as HTMLElement).closest?.('.react-flow__node')?.getAttribute('data-id') ?? null;
    const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    onPaletteDrop(item, { x: Math.round(p.x / GRID) * GRID, y: Math.round(p.y / GRID) * GRID }, target);
  }, [flow, onPaletteDrop]);

  return (
    <ReactFlow<SnnFlowNode, ProjectionFlowEdge>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      onDelete={onDelete}
      onNodeDragStop={onNodeDragStop}
      onSelectionChange={onSelectionChange}
      onDragOver={onDragOver}
      onDrop={onDrop}
      deleteKeyCode={['Delete', 'Backspace']}
      multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
      snapToGrid
      snapGrid={[GRID, GRID]}
      defaultViewport={{ x: 48, y: 48, zoom: 1 }}
      minZoom={0.1}
      colorMode="dark"
    >
      <Background variant={BackgroundVariant.Dots} gap={GRID} size={1} />
      {showMinimap && <MiniMap pannable zoomable ariaLabel="Minimap" style={{ width: 168, height: 112 }} maskColor="#0c0e12cc" nodeColor="#3a4252" />}
      <Controls showInteractive={false} aria-label="Zoom controls" />
    </ReactFlow>
  );
}
