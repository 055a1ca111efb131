// Conformance cases of synapses: exponential-current PSP peak (analytic difference of exponentials),
// conductance synapses settling at the fixed point between rest and E_rev, exact delays, connectivity counts
// seen through delivered input, and pair-based STDP against A±·exp(−|Δt|/τ±).
import type { ConformanceCase } from './types';
import { network } from './doc';

const DT = 0.1;
const gen = (id: string, size: number, index: number[], time_ms: number[]) =>
  ({ id, kind: 'input', model: 'spike_generator', size, data: { spikes: { index, time_ms } } });
const quiet = (id: string, size: number, params: Record<string, number> = {}) =>
  ({ id, kind: 'population', model: 'lif', size, params: { v_th: 1e6, ...params } });

export const expPsp: ConformanceCase = {
  name: 'exponential-psp',
  description: 'One spike (w 1) through an exponential synapse (τs 5 ms) into a LIF (τm 10 ms): v(t) = w·τs/(τm−τs)·' +
    '(e^(−t/τm) − e^(−t/τs)) peaks at t* = ln(τm/τs)·τm·τs/(τm−τs) = 6.93 ms with v* = 0.25. The current is held at its ' +
    'start-of-step value (first order in dt/τs: +1 % on the peak).',
  doc: () => network({
    nodes: [gen('g', 1, [0], [5]), quiet('n', 1, { tau_ms: 10 })],
    projections: [{ id: 'syn', source: 'g', target: 'n', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 1 }, synapse: { kind: 'exponential', tau_ms: 5 } }],
    monitors: [{ id: 'v', kind: 'state', target: 'n', variable: 'v' }],
  }),
  steps: 400,
  measure: ({ run }) => {
    const v = run.traces.v[0], arrival = 51; // spike at step 50, a zero delay arrives at the next step
    let k = 0;
    for (let i = 0; i < v.length; i++) if (v[i] > v[k]) k = i;
    const tStar = Math.log(2) * 10;
    return [
      { what: 'v before arrival', got: Math.max(...v.slice(0, arrival + 1).map(Math.abs)), expected: 0, strict: 0, tolerant: 0 },
      { what: 'peak time after arrival (ms)', got: (k - arrival) * DT, expected: tStar, strict: DT, tolerant: 2 * DT },
      { what: 'peak value', got: v[k], expected: 0.25, strict: 0.003, tolerant: 0.005 },
    ];
  },
};

const gSteady = (w: number, tau: number) => w / (1 - Math.exp(-DT / tau));
export const conductance: ConformanceCase = {
  name: 'conductance-towards-erev',
  description: 'An input spiking every step (10 kHz, p = 1) through conductance synapses (w 0.02, τ 5 ms) holds g at ' +
    'w/(1 − e^(−dt/τ)); v settles at R·g·E/(1 + R·g), between rest and E_rev and never beyond E_rev (E 0.5 excitatory, −0.3 inhibitory).',
  doc: () => network({
    nodes: [
      { id: 'drive', kind: 'input', model: 'poisson', size: 1, params: { rate_hz: 10000 } },
      quiet('ex', 1, { tau_ms: 10 }), quiet('inh', 1, { tau_ms: 10 }),
    ],
    projections: [
      { id: 'ge', source: 'drive', target: 'ex', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 0.02 }, synapse: { kind: 'conductance', tau_ms: 5, e_rev: 0.5 } },
      { id: 'gi', source: 'drive', target: 'inh', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 0.02 }, synapse: { kind: 'conductance', tau_ms: 5, e_rev: -0.3 } },
    ],
    monitors: [{ id: 've', kind: 'state', target: 'ex', variable: 'v' }, { id: 'vi', kind: 'state', target: 'inh', variable: 'v' },
      { id: 'g', kind: 'state', target: 'ex', variable: 'g_ge' }],
  }),
  steps: 2000,
  measure: ({ run }) => {
    const g = gSteady(0.02, 5), fix = (E: number) => (g * E) / (1 + g);
    const ve = run.traces.ve[0], vi = run.traces.vi[0], gt = run.traces.g[0];
    return [
      { what: 'g_ge (synaptic monitor): steady conductance', got: gt[gt.length - 1], expected: g, strict: 1e-5, tolerant: 1e-4 },
      { what: 'excitatory: final v', got: ve[ve.length - 1], expected: fix(0.5), strict: 1e-5, tolerant: 1e-4 },
      { what: 'inhibitory: final v', got: vi[vi.length - 1], expected: fix(-0.3), strict: 1e-5, tolerant: 1e-4 },
      { what: 'excitatory: largest overshoot beyond E_rev', got: Math.max(0, ...ve.map((x) => x - 0.5)), expected: 0, strict: 0, tolerant: 0 },
      { what: 'inhibitory: largest overshoot below E_rev', got: Math.max(0, ...vi.map((x) => -0.3 - x)), expected: 0, strict: 0, tolerant: 0 },
    ];
  },
};

export const delays: ConformanceCase = {
  name: 'delay-exact-steps',
  description: 'A spike at 5 ms (step 50) reaches its target round(d/dt) steps later (1.3 ms → 13 steps; 0 ms → the next step): ' +
    'the target (w 2 > θ) fires at exactly that step.',
  doc: () => network({
    nodes: [gen('g', 1, [0], [5]), quiet('d13', 1, { v_th: 1 }), quiet('d0', 1, { v_th: 1 })],
    projections: [
      { id: 'p13', source: 'g', target: 'd13', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 2 }, delay: { kind: 'constant', ms: 1.3 } },
      { id: 'p0', source: 'g', target: 'd0', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 2 }, delay: { kind: 'constant', ms: 0 } },
    ],
  }),
  steps: 100,
  measure: ({ run }) => [
    { what: 'generator spike step', got: run.spikes.g.step[0], expected: 50, strict: 0, tolerant: 0 },
    { what: 'delay 1.3 ms: response step − spike step', got: run.spikes.d13.step[0] - run.spikes.g.step[0], expected: 13, strict: 0, tolerant: 0 },
    { what: 'delay 0: response step − spike step', got: run.spikes.d0.step[0] - run.spikes.g.step[0], expected: 1, strict: 0, tolerant: 0 },
    { what: 'responses in all', got: run.spikes.d13.step.length + run.spikes.d0.step.length, expected: 2, strict: 0, tolerant: 0 },
  ],
};

export const connectivityCounts: ConformanceCase = {
  name: 'connectivity-counts',
  description: 'Every source neuron spikes once (w 1): one_to_one delivers exactly 1 to each target, fixed_indegree k = 7 ' +
    'exactly 7, all_to_all exactly n_pre (30). Read from v at the arrival step (fixed-point sums of whole weights are exact).',
  doc: () => network({
    nodes: [
      gen('g', 30, Array.from({ length: 30 }, (_, i) => i), new Array<number>(30).fill(1)),
      quiet('one', 30), quiet('k7', 25), quiet('all', 3),
    ],
    projections: ['one_to_one', 'fixed_indegree', 'all_to_all'].map((rule, q) => ({
      id: `c${q}`, source: 'g', target: ['one', 'k7', 'all'][q],
      connectivity: rule === 'fixed_indegree' ? { rule, k: 7 } : { rule }, weight: { dist: 'constant', value: 1 },
    })),
    monitors: ['one', 'k7', 'all'].map((t) => ({ id: `v_${t}`, kind: 'state', target: t, variable: 'v' })),
  }),
  steps: 20,
  measure: ({ run }) => {
    const at = 11; // spikes at step 10, arrival at step 11 (the neurons' decay over 0.1 ms is applied before the input is added)
    const range = (id: string) => run.traces[id].map((row) => row[at]);
    return (['one', 'k7', 'all'] as const).flatMap((t, q) => {
      const v = range(`v_${t}`), k = [1, 7, 30][q];
      return [
        { what: `${t}: smallest input`, got: Math.min(...v), expected: k, strict: 0, tolerant: 0 },
        { what: `${t}: largest input`, got: Math.max(...v), expected: k, strict: 0, tolerant: 0 },
      ];
    });
  },
};

export const stdpPair: ConformanceCase = {
  name: 'stdp-single-pair',
  description: 'Pair-based STDP (A+ 0.01, A− 0.0105, τ± 20 ms), one pre–post pair per synapse: pre 5 ms before post changes ' +
    'w by +A+·e^(−5/τ+); post 5 ms before pre by −A−·e^(−5/τ−). Post spikes are forced by a second generator (w 5).',
  doc: () => network({
    nodes: [
      gen('pre', 2, [0, 1], [10, 15]), gen('kick', 2, [0, 1], [14.9, 9.9]),
      { id: 'post', kind: 'population', model: 'lif', size: 2, params: { tau_ms: 10, v_th: 1 } },
    ],
    projections: [
      { id: 'plastic', source: 'pre', target: 'post', connectivity: { rule: 'one_to_one' }, weight: { dist: 'constant', value: 0.1 },
        plasticity: { rule: 'stdp', a_plus: 0.01, a_minus: 0.0105, tau_plus_ms: 20, tau_minus_ms: 20, w_min: 0, w_max: 1 } },
      { id: 'force', source: 'kick', target: 'post', connectivity: { rule: 'one_to_one' }, weight: { dist: 'constant', value: 5 } },
    ],
  }),
  steps: 300,
  measure: async ({ run, engine }) => {
    const w = await engine.readWeights('plastic');
    const post = run.spikes.post, at = (i: number) => post.step[post.index.indexOf(i)];
    return [
      { what: 'post spikes (forced)', got: post.step.length, expected: 2, strict: 0, tolerant: 0 },
      { what: 'post 0 spike step', got: at(0), expected: 150, strict: 0, tolerant: 0 },
      { what: 'post 1 spike step', got: at(1), expected: 100, strict: 0, tolerant: 0 },
      { what: 'Δw, pre 5 ms before post', got: w[0] - Math.fround(0.1), expected: 0.01 * Math.exp(-5 / 20), strict: 1e-6, tolerant: 1e-5 },
      { what: 'Δw, post 5 ms before pre', got: w[1] - Math.fround(0.1), expected: -0.0105 * Math.exp(-5 / 20), strict: 1e-6, tolerant: 1e-5 },
    ];
  },
};
