// The IR bridge: the coincidence example's compiled synapses give the view the engine's own pairs and delays;
// the worker's bounded sample (stdp example) is the view's own sample, with IR delays and weights in its order.
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../shared/graph';
import { compileNetwork } from '../../shared/compiler';
import coincidence from '../../../resources/examples/coincidence-detection.snn.json';
import stdp from '../../../resources/examples/stdp.snn.json';
import { sampleSynapsesFromIR, sampleWeights, synapsesFromIR, VIEW_MAX_AXONS } from './ir';
import { chooseIndices, viewStream, weightSummary } from './axons';
import { layoutNetwork } from './layout';

describe('synapsesFromIR', () => {
  it('gives pre, post and delays (steps × dt) in IR order, and the layout draws them', () => {
    const r = loadDocument(structuredClone(coincidence));
    if (!r.ok) throw new Error('example does not load');
    const ir = compileNetwork(r.doc);
    const syn = synapsesFromIR(ir).ears_detectors;
    const pj = ir.projections[0];
    expect(syn.pre.length).toBe(pj.post.length);
    for (let i = 0; i < pj.nPre; i++) {
      for (let k = pj.rowPtr[i]; k < pj.rowPtr[i + 1]; k++) {
        expect(syn.pre[k]).toBe(i);
        expect(syn.delayMs![k]).toBeCloseTo(pj.delay[k] * ir.dtMs, 5);
      }
    }
    const b = layoutNetwork(r.doc, { synapses: synapsesFromIR(ir) }).bundles[0];
    expect(b.caption).toBe('ears_detectors: all 200 synapses shown');
    // Ear 1 to detector 99 waits 20 ms in the document's rule; the IR rounds to whole steps.
    const j = Array.from(b.pre).findIndex((p, a) => p === 1 && b.post[a] === 99);
    expect(b.delayMs[j]).toBeCloseTo(20, 1);
  });
});

describe('sampleSynapsesFromIR (what the engine worker sends at ready)', () => {
  // The STDP example with 1,000 inputs and varied delays: 1,000 synapses, more than the view draws.
  function bigStdp() {
    const d = structuredClone(stdp) as typeof stdp;
    d.nodes.find((n) => n.id === 'inputs')!.size = 1000;
    (d.projections[0] as { delay: unknown }).delay = { kind: 'expression', expr: 'pre % 7 * 0.33' };
    const r = loadDocument(d);
    if (!r.ok) throw new Error('example does not load');
    return { doc: r.doc, ir: compileNetwork(r.doc, { seed: r.doc.simulation.seed }) };
  }

  it('is the view\'s own seeded sample, ≤ 200 a projection, with pre, post and delays from the IR', () => {
    const { ir } = bigStdp();
    const pj = ir.projections[0];
    const s = sampleSynapsesFromIR(ir).inputs_neuron;
    expect(s.total).toBe(1000);
    expect(Array.from(s.index!)).toEqual(chooseIndices(ir.seed, viewStream('inputs_neuron'), 1000, VIEW_MAX_AXONS));
    expect(s.index!.length).toBe(200);
    const full = synapsesFromIR(ir).inputs_neuron;
    for (let e = 0; e < s.index!.length; e++) {
      const k = s.index![e];
      expect(s.pre[e]).toBe(full.pre[k]);
      expect(s.post[e]).toBe(pj.post[k]);
      expect(s.delayMs![e]).toBeCloseTo(pj.delay[k] * ir.dtMs, 5);
    }
    expect(new Set(Array.from(s.delayMs!)).size).toBeGreaterThan(1);
  });

  it('draws exactly what the whole IR draws, and the sampled weights land on the same axons', () => {
    const { doc, ir } = bigStdp();
    const viaSample = layoutNetwork(doc, { synapses: sampleSynapsesFromIR(ir) }).bundles[0];
    const viaFull = layoutNetwork(doc, { synapses: synapsesFromIR(ir) }).bundles[0];
    expect(viaSample.caption).toBe('inputs_neuron: showing 200 of 1,000 synapses (seeded sample)');
    expect(viaSample.caption).toBe(viaFull.caption);
    expect([...viaSample.synapse]).toEqual([...viaFull.synapse]);
    expect([...viaSample.pre]).toEqual([...viaFull.pre]);
    expect([...viaSample.post]).toEqual([...viaFull.post]);
    expect([...viaSample.delayMs]).toEqual([...viaFull.delayMs]);
    // Weights as engine.readWeights gives them (IR order), reduced to the sample as the worker posts them.
    const all = Float32Array.from({ length: 1000 }, (_, k) => k / 1000);
    const sampled = sampleWeights(all, sampleSynapsesFromIR(ir).inputs_neuron.index!);
    expect(sampled.length).toBe(200);
    for (let j = 0; j < viaSample.pre.length; j++) {
      expect(sampled[viaSample.weightIndex[j]]).toBe(all[viaFull.weightIndex[j]]);
    }
  });

  it('gives the engine\'s whole-step delays, not the document\'s rule (a 0 ms delay arrives one step later)', () => {
    const r = loadDocument(structuredClone(stdp));
    if (!r.ok) throw new Error('example does not load');
    const ir = compileNetwork(r.doc, { seed: r.doc.simulation.seed });
    const s = sampleSynapsesFromIR(ir).inputs_neuron;
    expect(s.index!.length).toBe(200);
    expect(new Set(Array.from(s.delayMs!, (v) => v.toFixed(3)))).toEqual(new Set(['0.100']));
    const b = layoutNetwork(r.doc, { synapses: sampleSynapsesFromIR(ir) }).bundles[0];
    expect(b.caption).toBe('inputs_neuron: all 200 synapses shown');
    expect(b.plastic).toBe(true);
    expect(Array.from(b.delayMs).every((v) => Math.abs(v - 0.1) < 1e-6)).toBe(true);
    // Without the IR the view falls back on the document's rule.
    expect(layoutNetwork(r.doc).bundles[0].delayMs[0]).toBe(0);
  });
});

describe('weightSummary', () => {
  it('gives the range, mean and the count at a bound', () => {
    expect(weightSummary('p', Float32Array.of(0, 0.05, 0.025, 0.01), 0, 0.05))
      .toBe('p weights: 0.00 to 0.0500, mean 0.0213; 2 of 4 at w_min or w_max');
    expect(weightSummary('p', [], 0, 1)).toBe('p: no drawn synapses');
  });
});
