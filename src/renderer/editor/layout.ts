// Auto-layout: nodes in columns by their depth from the inputs (longest path over projections, cycles
// broken), each column centred vertically; gives positions for the `move` command (one undo step).
import type { NetworkDocument } from '../../shared/graph';
import type { XY } from './ops';

const COL = 320;
const ROW = 150;

export function autoLayout(doc: NetworkDocument): Record<string, XY> {
  const ids = doc.nodes.map((n) => n.id);
  const depth = new Map<string, number>(ids.map((id) => [id, 0]));
  // Longest-path layering by relaxation; at most |V| rounds so recurrent loops cannot run forever.
  const edges = doc.projections.filter((p) => p.source !== p.target);
  for (let round = 0; round < ids.length; round++) {
    let changed = false;
    for (const p of edges) {
      const d = (depth.get(p.source) ?? 0) + 1;
      if (d > (depth.get(p.target) ?? 0) && d < ids.length) { depth.set(p.target, d); changed = true; }
    }
    if (!changed) break;
  }
  for (const n of doc.nodes) if (n.kind === 'input') depth.set(n.id, 0);
  const columns = new Map<number, string[]>();
  for (const id of ids) columns.set(depth.get(id)!, [...(columns.get(depth.get(id)!) ?? []), id]);
  const tallest = Math.max(0, ...[...columns.values()].map((c) => c.length));
  const out: Record<string, XY> = {};
  for (const [d, col] of columns) {
    const top = ((tallest - col.length) * ROW) / 2;
    col.forEach((id, i) => { out[id] = { x: d * COL, y: top + i * ROW }; });
  }
  return out;
}

/** Positions that line up `ids` on the leftmost x ('left') or the topmost y ('top'), spread evenly along the
 *  other axis in their current order. */
export function alignPositions(doc: NetworkDocument, ids: readonly string[], edge: 'left' | 'top'): Record<string, XY> {
  const pts = ids.map((id) => ({ id, p: doc.layout.nodes[id] })).filter((e): e is { id: string; p: XY } => !!e.p);
  if (pts.length < 2) return {};
  const out: Record<string, XY> = {};
  if (edge === 'left') {
    const x = Math.min(...pts.map((e) => e.p.x));
    const sorted = [...pts].sort((a, b) => a.p.y - b.p.y);
    const y0 = sorted[0].p.y;
    sorted.forEach((e, i) => { out[e.id] = { x, y: Math.max(e.p.y, y0 + i * ROW) }; });
  } else {
    const y = Math.min(...pts.map((e) => e.p.y));
    const sorted = [...pts].sort((a, b) => a.p.x - b.p.x);
    const x0 = sorted[0].p.x;
    sorted.forEach((e, i) => { out[e.id] = { x: Math.max(e.p.x, x0 + i * 240), y }; });
  }
  return out;
}
