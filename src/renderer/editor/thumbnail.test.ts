// Gallery thumbnails: nodes keep the document's layout (left to right), fit the box, and projections join them.
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../shared/graph';
import { EXAMPLES } from './examples';
import { thumbnail } from './thumbnail';

const doc = (file: string) => {
  const r = loadDocument(EXAMPLES.find((e) => e.file === file)!.json);
  if (!r.ok) throw new Error(file);
  return r.doc;
};

describe('thumbnail', () => {
  it('draws lif-neuron as input on the left, neuron on the right, joined by its projection, inside the box', () => {
    const t = thumbnail(doc('lif-neuron.snn.json'));
    expect(t.nodes.map((n) => [n.id, n.kind])).toEqual([['input', 'input'], ['neuron', 'population']]);
    const [a, b] = t.nodes;
    expect(a.x).toBeLessThan(b.x);
    expect(a.y).toBe(b.y);
    expect(t.edges).toEqual([{ x1: a.x, y1: a.y, x2: b.x, y2: b.y, self: false }]);
  });

  it('keeps every node of every example inside the box, bigger populations drawn bigger', () => {
    for (const ex of EXAMPLES) {
      const t = thumbnail(doc(ex.file));
      for (const n of t.nodes) {
        expect(n.x - n.r, ex.file).toBeGreaterThanOrEqual(0);
        expect(n.x + n.r, ex.file).toBeLessThanOrEqual(t.width);
        expect(n.y - n.r, ex.file).toBeGreaterThanOrEqual(0);
        expect(n.y + n.r, ex.file).toBeLessThanOrEqual(t.height);
      }
    }
    const coba = thumbnail(doc('coba.snn.json'));
    const r = Object.fromEntries(coba.nodes.map((n) => [n.id, n.r]));
    expect(r.exc).toBeGreaterThan(r.inh);
  });
});
