// Raster bands: proportional heights with a floor, filling the plot exactly.
import { describe, it, expect } from 'vitest';
import { rasterBands, rasterKey } from './bands';
import { loadDocument } from '../../shared/graph';
import coincidence from '../../../resources/examples/coincidence-detection.snn.json';

describe('rasterBands', () => {
  it('splits by size when every band is above the floor', () => {
    const b = rasterBands([{ id: 'a', size: 100 }, { id: 'b', size: 300 }], 200);
    expect(b.map((x) => [x.id, x.firstRow, x.y, x.h])).toEqual([['a', 0, 0, 50], ['b', 100, 50, 150]]);
  });
  it('gives a tiny population the floor and the rest to the big one', () => {
    const b = rasterBands([{ id: 'ears', size: 2 }, { id: 'detectors', size: 100 }], 200, 20);
    expect(b[0].h).toBe(20);
    expect(b[1]).toMatchObject({ firstRow: 2, y: 20, h: 180 });
  });
  it('fills the height exactly and never goes negative with many small populations', () => {
    const pops = Array.from({ length: 30 }, (_, i) => ({ id: `p${i}`, size: i + 1 }));
    const b = rasterBands(pops, 100, 18);
    expect(b.reduce((a, x) => a + x.h, 0)).toBeCloseTo(100);
    expect(b.every((x) => x.h > 0)).toBe(true);
  });
});

describe('rasterKey', () => {
  const r = loadDocument(coincidence);
  if (!r.ok) throw new Error('example');
  const doc = r.doc;
  it('before a run: the document\'s spiking nodes in document order, by their labels', () => {
    expect(rasterKey(doc, null)).toEqual(doc.nodes.map((n) => ({ id: n.id, label: n.label || n.id })));
    expect(rasterKey(doc, null).map((k) => k.id)).toEqual(['ears', 'detectors']);
  });
  it('leaves out nodes that never spike (a current input, a leaky-integrator readout)', () => {
    const more = { ...doc, nodes: [...doc.nodes,
      { id: 'cur', kind: 'input' as const, model: 'current', size: 1, params: {} },
      { id: 'out', kind: 'population' as const, model: 'leaky_integrator', size: 2, params: {} }] };
    expect(rasterKey(more, null).map((k) => k.id)).toEqual(['ears', 'detectors']);
  });
  it('during and after a run: the run\'s bands, named by the document\'s labels (an id the document lost keeps its id)', () => {
    expect(rasterKey(doc, [{ id: 'detectors' }, { id: 'gone' }])).toEqual([
      { id: 'detectors', label: doc.nodes[1].label || 'detectors' }, { id: 'gone', label: 'gone' }]);
  });
});
