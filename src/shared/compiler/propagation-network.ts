// A small network that exercises every propagation case (for the propagation tests): an all-to-all STDP
// projection onto enough neurons for the dense kernel under 'auto', explicit connectivity with repeated
// (pre, post) pairs (constant delay: densifiable by summing; per-synapse delays: must stay CSR), a small dense
// random projection with per-synapse delays reaching the ring's last slot, a sparse one, and delta,
// exponential and conductance channels. Sizes are not multiples of 64.
import { loadDocument, type NetworkDocument } from '../graph';

export function propagationNetwork(seed: number): NetworkDocument {
  const raw = {
    format: 'snn-network', version: 1, meta: { name: `propagation-${seed}` },
    simulation: { dt_ms: 0.1, duration_ms: 40, seed },
    nodes: [
      { id: 'in', kind: 'input', model: 'poisson', size: 131, params: { rate_hz: 90 } },
      { id: 'gen', kind: 'input', model: 'spike_generator', size: 5,
        data: { spikes: { index: [0, 1, 2, 4, 0, 2, 3, 1, 4, 2], time_ms: [1, 2.5, 2.5, 3, 7, 9.1, 12, 15, 20.2, 33] } } },
      { id: 'A', kind: 'population', model: 'lif', size: 70, params: { tau_ms: 10, refractory_ms: 1 } },
      { id: 'B', kind: 'population', model: 'adaptive_lif', size: 45, params: { tau_ms: 8 } },
    ],
    projections: [
      { id: 'in_A', source: 'in', target: 'A', connectivity: { rule: 'all_to_all' }, weight: { dist: 'uniform', low: 0, high: 0.05 },
        delay: { kind: 'constant', ms: 0.3 },
        plasticity: { rule: 'stdp', a_plus: 0.005, a_minus: 0.00525, tau_plus_ms: 20, tau_minus_ms: 20, w_min: 0, w_max: 0.05 } },
      { id: 'gen_B', source: 'gen', target: 'B', connectivity: { rule: 'explicit', pre: [0, 0, 1, 2, 2, 2, 4, 4, 3], post: [3, 3, 7, 0, 0, 44, 44, 44, 10] },
        weight: { dist: 'explicit', values: [0.7, 0.4, 1.2, 0.3, 0.3, 0.9, 0.2, -0.1, 2] }, delay: { kind: 'constant', ms: 0.2 },
        synapse: { kind: 'exponential', tau_ms: 3 } },
      { id: 'gen_A', source: 'gen', target: 'A', connectivity: { rule: 'explicit', pre: [1, 1, 3, 0], post: [5, 5, 69, 0] },
        weight: { dist: 'explicit', values: [0.6, 0.5, 1.5, 2] }, delay: { kind: 'explicit', ms: [0.5, 1.7, 0.1, 0] } },
      { id: 'A_B', source: 'A', target: 'B', connectivity: { rule: 'fixed_probability', p: 0.5 }, weight: { dist: 'uniform', low: 0, high: 0.4 },
        delay: { kind: 'expression', expr: '((pre * 5 + post) % 31) * 0.1' }, synapse: { kind: 'conductance', tau_ms: 4, e_rev: 3 } },
      { id: 'in_B', source: 'in', target: 'B', connectivity: { rule: 'fixed_probability', p: 0.06 }, weight: { dist: 'normal', mean: 0.2, std: 0.1 },
        delay: { kind: 'expression', expr: '(pre % 7) * 0.1' } },
    ],
    monitors: [
      { id: 'A_v', kind: 'state', target: 'A', variable: 'v', indices: [0, 5, 69] },
      { id: 'B_v', kind: 'state', target: 'B', variable: 'v' },
      { id: 'B_g', kind: 'state', target: 'B', variable: 'g_A_B', indices: [0, 44] },
    ],
  };
  const r = loadDocument(raw);
  if (!r.ok) throw new Error(`propagation network is invalid: ${JSON.stringify(r.diagnostics)}`);
  return r.doc;
}
