// Statistical conformance cases: fixed-probability connectivity (binomial synapse count, read through the input
// it delivers) and a sine-modulated Poisson group (counts per half period against the integral of the rate).
// Bounds: strict 3σ, tolerant 5σ (the seed is fixed, so a case either always passes or always fails).
import type { ConformanceCase } from './types';
import { network } from './doc';

export const fixedProbability: ConformanceCase = {
  name: 'fixed-probability-count',
  description: '200 → 50 neurons with p = 0.1: the synapse count is Binomial(10 000, 0.1), mean 1000, σ 30; every source ' +
    'spikes once (w 1), so the summed input at the arrival step counts the synapses.',
  doc: () => network({
    nodes: [
      { id: 'g', kind: 'input', model: 'spike_generator', size: 200, data: { spikes: { index: Array.from({ length: 200 }, (_, i) => i), time_ms: new Array<number>(200).fill(1) } } },
      { id: 't', kind: 'population', model: 'lif', size: 50, params: { v_th: 1e6 } },
    ],
    projections: [{ id: 'p', source: 'g', target: 't', connectivity: { rule: 'fixed_probability', p: 0.1 }, weight: { dist: 'constant', value: 1 } }],
    monitors: [{ id: 'v', kind: 'state', target: 't', variable: 'v' }],
  }),
  steps: 15,
  measure: ({ run, ir }) => {
    const total = run.traces.v.reduce((a, row) => a + row[11], 0);
    return [
      { what: 'delivered input = synapses built', got: total, expected: ir.projections[0].post.length, strict: 0, tolerant: 0 },
      { what: 'synapse count', got: total, expected: 1000, strict: 90, tolerant: 150 },
    ];
  },
};

const RATE = 100, F = 10, N = 200;
// ∫ rate·(1 + sin 2πft) dt over the first and second half period (50 ms each), per neuron.
const halfCounts = [RATE * (0.05 + 1 / (Math.PI * F)), RATE * (0.05 - 1 / (Math.PI * F))].map((c) => c * N);
export const sinePoisson: ConformanceCase = {
  name: 'sine-poisson-half-periods',
  description: `${N} Poisson neurons at ${RATE}·(1 + sin 2π·${F} Hz·t): over one period the count is ${RATE * N * 0.1}; the first half ` +
    `period holds ${halfCounts[0].toFixed(0)} spikes and the second ${halfCounts[1].toFixed(0)} (phase sign and depth).`,
  doc: () => network({ nodes: [{ id: 'p', kind: 'input', model: 'poisson', size: N, params: { shape: 'sine', rate_hz: RATE, depth: 1, freq_hz: F } }] }),
  steps: 1000,
  measure: ({ run }) => {
    const s = run.spikes.p.step, first = s.filter((k) => k < 500).length, second = s.length - first;
    return [
      { what: 'first half period', got: first, expected: halfCounts[0], strict: 3 * Math.sqrt(halfCounts[0]), tolerant: 5 * Math.sqrt(halfCounts[0]) },
      { what: 'second half period', got: second, expected: halfCounts[1], strict: 3 * Math.sqrt(halfCounts[1]), tolerant: 5 * Math.sqrt(halfCounts[1]) },
    ];
  },
};
