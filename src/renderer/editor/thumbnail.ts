// A small picture of a network for the examples gallery: its nodes where the document places them (auto-layout
// when it does not), scaled into a fixed box, and its projections as lines. Pure, so the gallery and its test
// draw the same thing; ../components/Thumbnail.tsx turns it into SVG.
import type { NetworkDocument } from '../../shared/graph';
import { autoLayout } from './layout';

export interface Thumb {
  width: number;
  height: number;
  nodes: { id: string; x: number; y: number; r: number; kind: 'input' | 'population' }[];
  edges: { x1: number; y1: number; x2: number; y2: number; self: boolean }[];
}

export function thumbnail(doc: NetworkDocument, width = 96, height = 56): Thumb {
  const auto = autoLayout(doc);
  const pos = Object.fromEntries(doc.nodes.map((n) => [n.id, doc.layout.nodes[n.id] ?? auto[n.id]]));
  const xs = doc.nodes.map((n) => pos[n.id].x), ys = doc.nodes.map((n) => pos[n.id].y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const pad = 10;
  // One scale for both axes (the picture keeps the layout's shape), centred in the box.
  const s = Math.min((width - 2 * pad) / Math.max(1, x1 - x0), (height - 2 * pad) / Math.max(1, y1 - y0));
  const ox = (width - (x1 - x0) * s) / 2, oy = (height - (y1 - y0) * s) / 2;
  const at = (id: string) => ({ x: +(ox + (pos[id].x - x0) * s).toFixed(1), y: +(oy + (pos[id].y - y0) * s).toFixed(1) });
  // Radius grows with the population's size on a log scale: 1 neuron → 3, 4000 → ~8.
  const nodes = doc.nodes.map((n) => ({ id: n.id, ...at(n.id), r: +(3 + Math.log10(Math.max(1, n.size)) * 1.4).toFixed(1), kind: n.kind }));
  const edges = doc.projections.map((p) => { const a = at(p.source), b = at(p.target); return { x1: a.x, y1: a.y, x2: b.x, y2: b.y, self: p.source === p.target }; });
  return { width, height, nodes, edges };
}
