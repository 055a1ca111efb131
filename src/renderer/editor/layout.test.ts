// Auto-layout: inputs first, each node one column right of its deepest source; loops do not hang it.
import { describe, it, expect } from 'vitest';
import { EditorModel } from './model';
import { autoLayout } from './layout';

describe('autoLayout', () => {
  it('puts a feed-forward chain in columns and centres short columns', () => {
    const m = new EditorModel();
    m.addNode('poisson', undefined, 'in');
    m.addNode('lif', undefined, 'hidden');
    m.addNode('lif', undefined, 'hidden2');
    m.addNode('leaky_integrator', undefined, 'out');
    m.connect('in', 'hidden');
    m.connect('in', 'hidden2');
    m.connect('hidden', 'out');
    m.connect('hidden2', 'out');
    expect(autoLayout(m.document)).toEqual({
      in: { x: 0, y: 75 }, hidden: { x: 320, y: 0 }, hidden2: { x: 320, y: 150 }, out: { x: 640, y: 75 },
    });
  });
  it('handles recurrent loops', () => {
    const m = new EditorModel();
    m.addNode('lif', undefined, 'a');
    m.addNode('lif', undefined, 'b');
    m.connect('a', 'b');
    m.connect('b', 'a');
    m.connect('a', 'a');
    const pos = autoLayout(m.document);
    expect(Object.keys(pos).sort()).toEqual(['a', 'b']);
    expect(pos.a.x).not.toBe(pos.b.x);
  });
});
