import { describe, expect, it } from 'vitest';
import { loadDocument } from '../graph/validate';
import { planTraining } from './plan';
import { testDocument } from '../../../test/training/testing';

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
    const hh = plan((d) => { d.nodes[1].model = 'hodgkin_huxley'; d.nodes[1].params = {}; });
    expect(hh.diagnostics[0]).toMatchObject({ path: 'nodes[1].model', ownerId: 'hidden' });
    const stdp = plan((d) => { d.projections[0].plasticity = { rule: 'stdp' }; });
    expect(stdp.diagnostics.map((d) => d.path)).toContain('projections[0].plasticity');
    const cond = plan((d) => { d.projections[0].synapse = { kind: 'conductance', tau_ms: 5, e_rev: 0 }; });
    expect(cond.diagnostics.map((d) => d.path)).toContain('projections[0].synapse.kind');
    const wrongSize = plan((d) => { d.nodes[2].size = 5; });
    expect(wrongSize.diagnostics.map((d) => d.message).join()).toMatch(/readout needs 4 neurons/);
    const loose = plan((d) => { d.nodes.push({ id: 'extra', kind: 'population', model: 'lif', size: 3, params: {} }); });
    expect(loose.diagnostics.map((d) => d.path)).toContain('nodes[3]');
  });

  it('takes any DAG from the dataset: immediate reset, other rest/reset/R/refractoriness, skips, exponential synapses', () => {
    const r = plan((d) => {
      Object.assign(d.nodes[1].params, { reset_timing: 'immediate', v_reset: -0.5, v_rest: 0.1, r: 2, refractory_ms: 3 });
      d.nodes.push({ id: 'h2', kind: 'population', model: 'adaptive_lif', size: 5, params: {} });
      d.projections.push({ id: 'in_h2', source: 'inputs', target: 'h2', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 0.1 }, trainable: true, synapse: { kind: 'exponential', tau_ms: 5 } });
      d.projections.push({ id: 'h2_out', source: 'h2', target: 'output', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 0.1 }, trainable: true });
      d.projections.push({ id: 'h_h2', source: 'hidden', target: 'h2', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 0.1 }, trainable: true });
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.layers.map((l) => l.id)).toEqual(['hidden', 'h2', 'output']);
    expect(r.plan.layers[1].inputs.map((w) => [w.projection, w.synapse.kind])).toEqual([['in_h2', 'exponential'], ['h_h2', 'delta']]);
    expect(r.plan.layers[2].inputs.map((w) => w.projection)).toEqual(['hidden_output', 'h2_out']);
    expect(r.plan.layers[0].params).toMatchObject({ reset_timing: 0, v_reset: -0.5, refractory_ms: 3 });
  });

  it('refuses loops between populations, a second readout and inputs other than the dataset', () => {
    const edge = (id: string, source: string, target: string) => ({ id, source, target, connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 0.1 }, trainable: true });
    const loop = plan((d) => {
      d.nodes.push({ id: 'h2', kind: 'population', model: 'lif', size: 5, params: {} });
      d.projections.push(edge('h_h2', 'hidden', 'h2'), edge('h2_h', 'h2', 'hidden'), edge('h2_out', 'h2', 'output'));
    });
    expect(loop.ok).toBe(false);
    expect(loop.diagnostics.map((d) => d.message).join()).toMatch(/closes a loop between populations/);
    const two = plan((d) => {
      d.nodes.push({ id: 'side', kind: 'population', model: 'leaky_integrator', size: 4, params: {} });
      d.projections.push(edge('h_side', 'hidden', 'side'));
    });
    expect(two.diagnostics.map((d) => d.message).join()).toMatch(/needs one readout/);
    const poisson = plan((d) => {
      d.nodes.push({ id: 'noise', kind: 'input', model: 'poisson', size: 4, params: {} });
      d.projections.push(edge('noise_h', 'noise', 'hidden'));
    });
    expect(poisson.diagnostics[0]).toMatchObject({ path: 'nodes' });
  });
});
