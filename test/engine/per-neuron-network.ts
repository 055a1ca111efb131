// Test documents for per-neuron parameters (docs/file-format.md, "Per-neuron parameters"): one population
// whose parameters are given per neuron, next to one single-neuron population per neuron holding that neuron's
// values as plain numbers. Every population gets the same input spikes (one Poisson source, same weight), so
// neuron i of the per-neuron population must behave exactly as single population i: an independent reference
// that uses only the long-tested uniform path.
import type { NetworkDocumentInput } from '../../src/shared/graph/schema';

export interface PerNeuronCase { model: 'lif' | 'adaptive_lif'; per: Record<string, number[]>; uniform?: Record<string, number | string> }

export function perNeuronDocument(c: PerNeuronCase, steps = 400): NetworkDocumentInput {
  const n = Object.values(c.per)[0].length;
  const single = Array.from({ length: n }, (_, i) => ({
    id: `n${i}`, kind: 'population' as const, model: c.model, size: 1,
    params: { ...c.uniform, ...Object.fromEntries(Object.entries(c.per).map(([k, v]) => [k, v[i]])) },
  }));
  const targets = ['pop', ...single.map((s) => s.id)];
  return {
    format: 'snn-network', version: 1, meta: { name: 'per-neuron' },
    simulation: { dt_ms: 0.1, duration_ms: steps * 0.1, seed: 3 },
    nodes: [
      { id: 'src', kind: 'input', model: 'poisson', size: 8, params: { rate_hz: 400 } },
      { id: 'pop', kind: 'population', model: c.model, size: n, params: { ...c.uniform, ...Object.fromEntries(Object.entries(c.per).map(([k, v]) => [k, { per_neuron: v }])) } },
      ...single,
    ],
    projections: targets.map((t) => ({
      id: `src_${t}`, source: 'src', target: t, connectivity: { rule: 'all_to_all' as const }, weight: { dist: 'constant' as const, value: 0.15 },
    })),
    monitors: targets.flatMap((t) => [
      { id: `${t}_v`, kind: 'state' as const, target: t, variable: 'v' },
      { id: `${t}_s`, kind: 'spikes' as const, target: t },
    ]),
  };
}

/** Parameters that vary per neuron, in range, for the models the trainer trains. */
export const PER_NEURON_CASES: PerNeuronCase[] = [
  { model: 'lif', per: { tau_ms: [2, 5, 10, 20, 40, 80], v_th: [0.5, 0.8, 1, 1.1, 0.9, 0.7], v_init: [0, 0.2, -0.1, 0.4, 0, 0.3] }, uniform: { refractory_ms: 1 } },
  { model: 'adaptive_lif', per: { tau_ms: [3, 7, 15, 30, 60], tau_t_ms: [20, 50, 100, 200, 400] }, uniform: { delta_th: 0.2 } },
];
