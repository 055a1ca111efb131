// Static projections with explicit weights (trained weights applied to the document, docs/training.md "Running
// what you trained") are drawn like plastic ones: ribbons whose width follows |w| and whose colour gives the sign;
// only where the projection has explicit weights. Each drawn axon carries the engine's own weight.
import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { loadDocument, type NetworkDocument } from '../../shared/graph';
import { compileNetwork } from '../../shared/compiler';
import { explicitSummary } from './axons';
import { signedWeightColor } from './colors';
import { layoutKey, layoutNetwork } from './layout';
import { RIBBON_MAX_PX, RIBBON_MIN_PX, ribbonGeometry, setRibbonSigned, signedWidthPx } from './ribbon';
import { sampleSynapsesFromIR } from './ir';

/** inputs (poisson, nIn) → hidden (lif, nOut), all-to-all, with the given weight rule and optional STDP. */
function net(nIn: number, nOut: number, weight: unknown, plastic = false): NetworkDocument {
  const r = loadDocument({
    format: 'snn-network', version: 1, meta: { name: 't' },
    nodes: [{ id: 'inputs', kind: 'input', model: 'poisson', size: nIn }, { id: 'hidden', kind: 'population', model: 'lif', size: nOut }],
    projections: [{ id: 'in_hidden', source: 'inputs', target: 'hidden', connectivity: { rule: 'all_to_all' }, weight, delay: { kind: 'constant', ms: 1 },
      ...(plastic ? { plasticity: { rule: 'stdp', a_plus: 0.01, a_minus: 0.012, tau_plus_ms: 20, tau_minus_ms: 20, w_min: -1, w_max: 1 } } : {}) }],
    layout: { nodes: {} },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}

/** A deterministic signed list: pre-major, post ascending. */
const values = (n: number) => Array.from({ length: n }, (_, k) => Math.round(Math.sin(k * 1.7) * 1000) / 1000);

describe('explicit weights in the 3D view', () => {
  it('each drawn axon gets its synapse\'s value; the width scale is the list\'s largest |w|', () => {
    const v = values(12);
    const b = layoutNetwork(net(3, 4, { dist: 'explicit', values: v })).bundles[0];
    expect(b.explicit).not.toBeNull();
    expect(b.pre.length).toBe(12);
    for (let j = 0; j < 12; j++) expect(b.explicit![j]).toBe(Math.fround(v[b.pre[j] * 4 + b.post[j]]));
    expect(b.explicitMaxAbs).toBe(Math.max(...v.map(Math.abs)));
  });

  it('a sampled dense projection: the drawn axons\' values are the engine\'s weights at the worker sample\'s indices', () => {
    const v = values(40 * 30);
    const doc = net(40, 30, { dist: 'explicit', values: v });
    const ir = compileNetwork(doc, { seed: doc.simulation.seed });
    const synapses = sampleSynapsesFromIR(ir);
    const b = layoutNetwork(doc, { synapses }).bundles[0];
    expect(b.pre.length).toBe(200);
    const w = ir.projections[0].weight;
    for (let j = 0; j < b.pre.length; j++) expect(b.explicit![j]).toBe(w[b.synapse[j]]);
  });

  it('constant and random rules, and plastic projections (weights from the run), are not explicit', () => {
    expect(layoutNetwork(net(2, 2, { dist: 'constant', value: 0.3 })).bundles[0].explicit).toBeNull();
    expect(layoutNetwork(net(2, 2, { dist: 'uniform', low: 0, high: 1 })).bundles[0].explicit).toBeNull();
    expect(layoutNetwork(net(2, 2, { dist: 'explicit', values: [0.1, 0.2, 0.3, 0.4] }, true)).bundles[0].explicit).toBeNull();
  });

  it('applying other weights changes the layout key (the scene redraws); the same values do not', () => {
    const a = net(3, 4, { dist: 'explicit', values: values(12) });
    const b = net(3, 4, { dist: 'explicit', values: values(12).map((x) => x * 2) });
    const c = net(3, 4, { dist: 'constant', value: 0.1 });
    expect(layoutKey(a)).not.toBe(layoutKey(b));
    expect(layoutKey(a)).not.toBe(layoutKey(c));
    expect(layoutKey(a)).toBe(layoutKey(net(3, 4, { dist: 'explicit', values: values(12) })));
  });

  it('ribbons: width 1 px at 0 to 6 px at the largest |w|, colour by sign', () => {
    expect(signedWidthPx(0, 2)).toBe(RIBBON_MIN_PX);
    expect(signedWidthPx(-2, 2)).toBe(RIBBON_MAX_PX);
    expect(signedWidthPx(1, 2)).toBeCloseTo((RIBBON_MIN_PX + RIBBON_MAX_PX) / 2, 6);
    const pos = signedWeightColor(1, 1), neg = signedWeightColor(-1, 1);
    expect(pos[0]).toBeGreaterThan(pos[2]); // warm
    expect(neg[2]).toBeGreaterThan(neg[0]); // blue
    const S = 4, per = 2 * (S + 1);
    const geo = ribbonGeometry(new Float32Array(24), 2, S);
    setRibbonSigned(geo, S, Float32Array.of(-2, 0.5), 2);
    const width = geo.getAttribute('width').array as Float32Array;
    expect(width[0]).toBe(RIBBON_MAX_PX);
    expect(width[per]).toBeCloseTo(RIBBON_MIN_PX + (RIBBON_MAX_PX - RIBBON_MIN_PX) * 0.25, 6);
    const col = geo.getAttribute('color').array as Float32Array;
    expect(Array.from(col.subarray(0, 3))).toEqual(signedWeightColor(-2, 2).map((x) => Math.fround(x)));
    expect((geo.getAttribute('color') as THREE.BufferAttribute).version).toBeGreaterThan(0);
  });

  it('legend line: range, mean and the negative count over the whole list', () => {
    expect(explicitSummary('in_hidden', [-0.5, 0.25, 1])).toBe('in_hidden explicit weights: -0.500 to 1.00, mean 0.250; 1 of 3 negative');
  });
});
