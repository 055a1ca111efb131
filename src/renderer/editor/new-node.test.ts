import { describe, expect, it } from 'vitest';
import { addNode, emptyDocument } from './ops';
import lifExample from '../../../resources/examples/lif-neuron.snn.json';

describe('new nodes get the tutorial defaults', () => {
  it('a new LIF population has the tutorial neuron\'s tau (50 ms, as in the lif-neuron example), other params at the catalogue default', () => {
    const r = addNode(emptyDocument(), 'lif', { x: 0, y: 0 });
    if (!r.ok) throw new Error(r.reason);
    const lif = r.doc.nodes[0];
    const tutorial = lifExample.nodes.find((n) => n.model === 'lif')!.params as Record<string, unknown>;
    expect(lif.params).toEqual({ tau_ms: tutorial.tau_ms });
    expect(lif.params.tau_ms).toBe(50);
  });

  it('other models start at the catalogue defaults', () => {
    const r = addNode(emptyDocument(), 'poisson', { x: 0, y: 0 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.doc.nodes[0].params).toEqual({});
  });
});
