// Placing nodes added without a drop point: never on top of another node.
import { describe, it, expect } from 'vitest';
import { freeSpot } from './placement';
import { addNode, emptyDocument } from './ops';

describe('freeSpot', () => {
  it('keeps the wanted spot when free and moves off occupied ones', () => {
    let doc = emptyDocument();
    expect(freeSpot(doc, { x: 0, y: 0 })).toEqual({ x: 0, y: 0 });
    const spots = [];
    for (let i = 0; i < 5; i++) {
      const at = freeSpot(doc, { x: 0, y: 0 });
      spots.push(at);
      const r = addNode(doc, 'lif', at);
      if (!r.ok) throw new Error(r.reason);
      doc = r.doc;
    }
    expect(new Set(spots.map((s) => `${s.x},${s.y}`)).size).toBe(5);
    for (const a of spots) for (const b of spots) {
      if (a !== b) expect(Math.abs(a.x - b.x) >= 208 || Math.abs(a.y - b.y) >= 112).toBe(true);
    }
  });
});
