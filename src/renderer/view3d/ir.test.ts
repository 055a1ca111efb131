// The IR bridge: the coincidence example's compiled synapses give the view the engine's own pairs and delays.
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../shared/graph';
import { compileNetwork } from '../../shared/compiler';
import coincidence from '../../../resources/examples/coincidence-detection.snn.json';
import { synapsesFromIR } from './ir';
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
