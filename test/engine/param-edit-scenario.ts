// A mid-run parameter edit that a fresh run can reproduce exactly, shared by the CPU and GPU tests: the
// Poisson input is silent until 30 ms (step 300) and the neurons rest at v_rest, so before step 300 the edited
// params (LIF tau and threshold, adaptive LIF tau and tau_t, the input rate) cannot have mattered yet.
import { loadDocument, type NetworkDocument } from '../../src/shared/graph';

export const EDIT_STEP = 300;
export const EDIT_TOTAL = 700;

export function editScenario(edited: boolean): NetworkDocument {
  const r = loadDocument({
    format: 'snn-network', version: 1, meta: { name: 'param-edit' }, simulation: { dt_ms: 0.1, duration_ms: 70, seed: 7 },
    nodes: [
      { id: 'in', kind: 'input', model: 'poisson', size: 20, params: { shape: 'step', start_ms: 30, rate_hz: edited ? 300 : 150 } },
      { id: 'exc', kind: 'population', model: 'lif', size: 7, params: { tau_ms: edited ? 8 : 20, v_th: edited ? 0.7 : 1 } },
      { id: 'ada', kind: 'population', model: 'adaptive_lif', size: 5, params: { tau_ms: edited ? 15 : 30, tau_t_ms: edited ? 40 : 100 } },
    ],
    projections: [
      { id: 'pe', source: 'in', target: 'exc', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 0.15 }, delay: { kind: 'constant', ms: 0.5 } },
      { id: 'pa', source: 'in', target: 'ada', connectivity: { rule: 'fixed_indegree', k: 10 }, weight: { dist: 'uniform', low: 0.1, high: 0.4 }, synapse: { kind: 'exponential', tau_ms: 3 } },
    ],
    monitors: [{ id: 'ada_v', kind: 'state', target: 'ada', variable: 'v' }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}
