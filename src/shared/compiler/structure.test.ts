// The structural hash as a table of edits (GeNN's tests/unit/modelSpecMerged.cc): each row edits a base
// document and states whether the edit needs nothing, a parameter rewrite (setParam) or a recompile.
import { describe, expect, it } from 'vitest';
import { loadDocument, type NetworkDocument } from '../graph';
import { classifyEdit, resultsKey, structureHash, type EditClass } from '.';

function base(): NetworkDocument {
  const r = loadDocument({
    format: 'snn-network', version: 1, meta: { name: 'base' }, simulation: { dt_ms: 0.1, duration_ms: 50, seed: 3 },
    nodes: [
      { id: 'in', kind: 'input', model: 'poisson', size: 20, params: { rate_hz: 50 } },
      { id: 'exc', kind: 'population', model: 'lif', size: 10, params: { tau_ms: 20 } },
    ],
    projections: [{ id: 'p', source: 'in', target: 'exc', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 0.2 }, delay: { kind: 'constant', ms: 1 } }],
    monitors: [{ id: 'm', kind: 'spikes', target: 'exc' }],
    layout: { nodes: { in: { x: 0, y: 0 } } },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}

type Row = [string, (d: NetworkDocument) => void, EditClass];
const node = (d: NetworkDocument, id: string) => d.nodes.find((n) => n.id === id)!;
const ROWS: Row[] = [
  ['no edit', () => {}, 'none'],
  ['rename the network', (d) => { d.meta.name = 'other'; }, 'none'],
  ['move a node in the layout', (d) => { d.layout.nodes.in = { x: 5, y: 9 }; }, 'none'],
  ['label a node', (d) => { node(d, 'exc').label = 'Excitatory'; }, 'none'],
  ['set a param to its default explicitly', (d) => { node(d, 'exc').params.v_th = 1; }, 'none'],
  ['LIF tau_ms', (d) => { node(d, 'exc').params.tau_ms = 30; }, 'params'],
  ['LIF v_th and refractory_ms', (d) => { node(d, 'exc').params.v_th = 0.8; node(d, 'exc').params.refractory_ms = 2; }, 'params'],
  ['Poisson rate_hz', (d) => { node(d, 'in').params.rate_hz = 80; }, 'params'],
  ['Poisson step window (start_ms)', (d) => { node(d, 'in').params.start_ms = 10; }, 'params'],
  ['Poisson shape constant → sine (enum: input mode)', (d) => { node(d, 'in').params.shape = 'sine'; }, 'recompile'],
  ['population size', (d) => { node(d, 'exc').size = 11; }, 'recompile'],
  ['neuron model lif → adaptive_lif', (d) => { node(d, 'exc').model = 'adaptive_lif'; node(d, 'exc').params = {}; }, 'recompile'],
  ['connectivity all_to_all → fixed_indegree', (d) => { d.projections[0].connectivity = { rule: 'fixed_indegree', k: 3, allow_self: true }; }, 'recompile'],
  ['synapse kind delta → exponential', (d) => { d.projections[0].synapse = { kind: 'exponential', tau_ms: 5 }; }, 'recompile'],
  ['delay 1 ms → 3 ms (ring size)', (d) => { d.projections[0].delay = { kind: 'constant', ms: 3 }; }, 'recompile'],
  ['STDP switched on', (d) => { d.projections[0].plasticity = { rule: 'stdp', a_plus: 0.01, a_minus: 0.0105, tau_plus_ms: 20, tau_minus_ms: 20, w_min: 0, w_max: 1 }; }, 'recompile'],
  ['constant weight 0.2 → 0.3 (CSR weights and fixed-point scale are built at compile time)', (d) => { d.projections[0].weight = { dist: 'constant', value: 0.3 }; }, 'recompile'],
  ['add a state monitor', (d) => { d.monitors.push({ id: 'v', kind: 'state', target: 'exc', variable: 'v' }); }, 'recompile'],
  ['dt', (d) => { d.simulation.dt_ms = 0.05; }, 'recompile'],
  ['seed (connectivity, weights and Poisson streams)', (d) => { d.simulation.seed = 4; }, 'recompile'],
  ['add a node', (d) => { d.nodes.push({ id: 'x', kind: 'population', model: 'lif', size: 1, params: {} }); }, 'recompile'],
  ['mark a projection trainable (trainer only)', (d) => { d.projections[0].trainable = true; }, 'none'],
];

describe('classifyEdit / structureHash: a table of edits', () => {
  it.each(ROWS)('%s → %s', (_name, edit, expected) => {
    const a = base(), b = base();
    edit(b);
    const v = classifyEdit(a, b);
    expect(v.kind).toBe(expected);
    expect(structureHash(a) === structureHash(b)).toBe(expected !== 'recompile');
    if (expected === 'recompile') expect(v.reasons.length).toBeGreaterThan(0);
  });

  // The run results' key (the app keeps finished runs under it): any edit that changes what is simulated — a
  // parameter rewrite as much as a recompile — changes it; cosmetic edits do not.
  it.each(ROWS)('resultsKey: %s → %s', (_name, edit, expected) => {
    const a = base(), b = base();
    edit(b);
    expect(resultsKey(a) === resultsKey(b)).toBe(expected === 'none');
  });

  it('a parameter edit lists the setParam calls that apply it', () => {
    const a = base(), b = base();
    node(b, 'exc').params.v_th = 0.8; node(b, 'in').params.rate_hz = 80;
    expect(classifyEdit(a, b).params).toEqual([
      { population: 'in', param: 'rate_hz', value: 80 }, { population: 'exc', param: 'v_th', value: 0.8 },
    ]);
  });

  it('the hash ignores key order and is 16 hex digits', () => {
    const a = base(), b = base();
    b.projections[0] = Object.fromEntries(Object.entries(b.projections[0]).reverse()) as typeof b.projections[0];
    expect(structureHash(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(structureHash(b)).toBe(structureHash(a));
  });
});
