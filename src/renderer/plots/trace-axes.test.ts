import { describe, expect, it } from 'vitest';
import { loadDocument, type NetworkDocument } from '../../shared/graph';
import hh from '../../../resources/examples/hodgkin-huxley.snn.json';
import lif from '../../../resources/examples/lif-neuron.snn.json';
import { traceAxisLabel, traceColors } from './trace-axes';
import { hexToRgb, populationColors } from './palette';

const load = (json: unknown): NetworkDocument => {
  const r = loadDocument(json);
  if (!r.ok) throw new Error('example does not load');
  return r.doc;
};

describe('trace axis label', () => {
  it('names the membrane potential by the model role and gives the catalogue unit (mV for Hodgkin-Huxley)', () => {
    const doc = load(hh);
    const pop = doc.nodes.find((n) => n.model === 'hodgkin_huxley')!.id;
    expect(traceAxisLabel(doc, [{ population: pop, variable: 'v' }])).toBe('membrane potential v (mV)');
    expect(traceAxisLabel(doc, [{ population: pop, variable: 'v' }, { population: pop, variable: 'm' }]))
      .toBe('membrane potential v (mV) · m (dimensionless)');
  });

  it('says "dimensionless" for the unitless LIF, and "unit unknown" for a node the document does not have', () => {
    const doc = load(lif);
    expect(traceAxisLabel(doc, [{ population: 'neuron', variable: 'v' }])).toBe('membrane potential v (dimensionless)');
    expect(traceAxisLabel(doc, [{ population: 'gone', variable: 'v' }])).toBe('v (unit unknown)');
  });
});

describe('trace colours', () => {
  it('one trace of a population takes the population colour; several take distinct shades; no two traces share one', () => {
    const ids = ['a', 'b'];
    const colorOf = (id: string) => populationColors(ids).get(id)!;
    const series = [{ population: 'a', variable: 'v' }, { population: 'b', variable: 'v' }, { population: 'b', variable: 'v' }];
    const c = traceColors(series, colorOf);
    expect(c[0]).toBe(colorOf('a'));
    expect(new Set(c).size).toBe(3);
    expect(Math.hypot(...hexToRgb(c[1]).map((v, k) => v - hexToRgb(c[2])[k]))).toBeGreaterThan(0.08);
  });
});
