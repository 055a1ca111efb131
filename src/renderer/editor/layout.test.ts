// Auto-layout: inputs first, each node one column right of its deepest source; loops do not hang it.
import { describe, it, expect } from 'vitest';
import { EditorModel } from './model';
import { alignPositions, autoLayout } from './layout';

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

describe('alignPositions', () => {
  it('lines nodes up on the left edge or the top without stacking them', () => {
    const m = new EditorModel();
    m.addNode('lif', { x: 40, y: 0 }, 'a');
    m.addNode('lif', { x: 0, y: 100 }, 'b');
    m.addNode('lif', { x: 90, y: 400 }, 'c');
    expect(alignPositions(m.document, ['a', 'b', 'c'], 'left')).toEqual({ a: { x: 0, y: 0 }, b: { x: 0, y: 150 }, c: { x: 0, y: 400 } });
    expect(alignPositions(m.document, ['a', 'b', 'c'], 'top')).toEqual({ b: { x: 0, y: 0 }, a: { x: 240, y: 0 }, c: { x: 480, y: 0 } });
    expect(alignPositions(m.document, ['a'], 'top')).toEqual({});
  });
});
