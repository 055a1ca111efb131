// Where to put a node added without a drop point: the wanted spot, or the nearest free one below/right of it.
import type { NetworkDocument } from '../../shared/graph';
import type { XY } from './ops';

export const NODE_BOX = { w: 208, h: 112 };

export function freeSpot(doc: NetworkDocument, want: XY): XY {
  const taken = Object.values(doc.layout.nodes);
  const clash = (p: XY) => taken.some((q) => Math.abs(q.x - p.x) < NODE_BOX.w && Math.abs(q.y - p.y) < NODE_BOX.h);
  for (let ring = 0; ring < 12; ring++) {
    for (let col = 0; col <= ring; col++) {
      const p = { x: want.x + col * (NODE_BOX.w + 32), y: want.y + (ring - col) * NODE_BOX.h };
      if (!clash(p)) return p;
    }
  }
  return { x: want.x, y: want.y + taken.length * NODE_BOX.h };
}
