// Copy and paste as JSON text (so it also works between windows and documents): a selection of nodes with
// the projections and monitors among them; pasting gives fresh ids where they clash and offsets positions.
import { NetworkNode, Projection, Monitor, Position, type NetworkDocument } from '../../shared/graph';
import { z } from 'zod';
import { uniqueId, usedIds } from './ids';
import type { OpResult, XY } from './ops';

export const CLIPBOARD_FORMAT = 'snn-clipboard';

const Clip = z.object({
  format: z.literal(CLIPBOARD_FORMAT),
  nodes: z.array(NetworkNode),
  projections: z.array(Projection),
  monitors: z.array(Monitor),
  positions: z.record(z.string(), Position),
});
type Clip = z.output<typeof Clip>;

/** The nodes `ids` (and projections/monitors entirely inside the selection) as clipboard JSON. */
export function copySelection(doc: NetworkDocument, ids: readonly string[]): string {
  const sel = new Set(ids);
  const nodes = doc.nodes.filter((n) => sel.has(n.id));
  const inside = new Set(nodes.map((n) => n.id));
  const clip: Clip = {
    format: CLIPBOARD_FORMAT,
    nodes,
    projections: doc.projections.filter((p) => inside.has(p.source) && inside.has(p.target)),
    monitors: doc.monitors.filter((m) => inside.has(m.target)),
    positions: Object.fromEntries(nodes.map((n) => [n.id, doc.layout.nodes[n.id] ?? { x: 0, y: 0 }])),
  };
  return JSON.stringify(clip, null, 2);
}

/** Paste clipboard JSON into `doc`, shifted by `offset`; the value is the ids of the pasted nodes. */
export function paste(doc: NetworkDocument, text: string, offset: XY = { x: 40, y: 40 }): OpResult<string[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the clipboard does not hold SNN Studio nodes' };
  }
  const parsed = Clip.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'the clipboard does not hold SNN Studio nodes' };
  const clip = parsed.data;
  const used = usedIds(doc);
  const fresh = (id: string) => {
    const next = uniqueId(id, used);
    used.add(next);
    return next;
  };
  const nodeIds = new Map(clip.nodes.map((n) => [n.id, fresh(n.id)]));
  const nodes = clip.nodes.map((n) => ({ ...n, id: nodeIds.get(n.id)! }));
  const projections = clip.projections.map((p) => ({
    ...p, id: fresh(p.id), source: nodeIds.get(p.source)!, target: nodeIds.get(p.target)!,
  }));
  const monitors = clip.monitors.map((m) => ({ ...m, id: fresh(m.id), target: nodeIds.get(m.target)! }));
  const layout = { ...doc.layout.nodes };
  for (const n of clip.nodes) {
    const p = clip.positions[n.id] ?? { x: 0, y: 0 };
    layout[nodeIds.get(n.id)!] = { x: p.x + offset.x, y: p.y + offset.y };
  }
  return {
    ok: true,
    value: nodes.map((n) => n.id),
    doc: {
      ...doc,
      nodes: [...doc.nodes, ...nodes],
      projections: [...doc.projections, ...projections],
      monitors: [...doc.monitors, ...monitors],
      layout: { ...doc.layout, nodes: layout },
    },
  };
}
