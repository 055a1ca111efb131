import { describe, expect, it } from 'vitest';
import { loadDocument } from '../graph/validate';
import { planTraining } from './plan';
import { testDocument } from './testing';

const base = () => JSON.parse(JSON.stringify(testDocument({ inputs: 20, hidden: [8], out: 4, steps: 10 })));
const plan = (mut: (d: any) => void) => {
  const d = base();
  mut(d);
  const r = loadDocument(d);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return planTraining(r.doc);
};

describe('training plan from a document', () => {
  it('reads the chain, time constants and the tutorial defaults', () => {
    const r = planTraining(testDocument({ inputs: 20, hidden: [8], out: 4, steps: 10 }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.layers.map((l) => [l.id, l.kind, l.size])).toEqual([['hidden', 'lif', 8], ['output', 'li', 4]]);
    expect(r.plan.layers[0].alpha).toBeCloseTo(Math.exp(-1 / 20), 12);
    expect(r.plan.config).toMatchObject({ loss: 'nll_mean', optimizer: 'adam', lr: 0.01, batchSize: 64, epochs: 10, surrogate: { kind: 'sigmoid', beta: 5 } });
  });

  it('names the projection or node that cannot be trained', () => {
    const sparse = plan((d) => { d.projections[0].connectivity = { rule: 'fixed_probability', p: 0.5 }; });
    expect(sparse.diagnostics.map((d) => d.path)).toContain('projections[0].connectivity.rule');
    expect(sparse.diagnostics.find((d) => d.path === 'projections[0].connectivity.rule')?.message).toMatch(/dense \(all_to_all\).*inputs_hidden.*fixed_probability/);
    const izh = plan((d) => { d.nodes[1].model = 'izhikevich'; d.nodes[1].params = {}; });
    expect(izh.ok).toBe(false);
    expect(izh.diagnostics[0]).toMatchObject({ path: 'nodes[1].model', ownerId: 'hidden' });
    const delayed = plan((d) => { d.projections[1].delay = { kind: 'constant', ms: 2 }; });
    expect(delayed.diagnostics.map((d) => d.path)).toContain('projections[1].delay');
    const reset = plan((d) => { d.nodes[1].params.v_reset = -0.5; });
    expect(reset.diagnostics.map((d) => d.path)).toContain('nodes[1].params.v_reset');
    const wrongSize = plan((d) => { d.nodes[2].size = 5; });
    expect(wrongSize.diagnostics.map((d) => d.message).join()).toMatch(/readout needs 4 neurons/);
    const loose = plan((d) => { d.nodes.push({ id: 'extra', kind: 'population', model: 'lif', size: 3, params: {} }); });
    expect(loose.diagnostics.map((d) => d.path)).toContain('nodes[3]');
  });
});
