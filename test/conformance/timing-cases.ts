// Conformance cases of timing rules: input arriving during the refractory period is discarded, the adaptive
// threshold decays exactly after a spike, a step current switches on and off at its steps (analytic charging
// curve), the delay ring buffer wraps around without losing or shifting spikes, and STDP clips at w_max.
import type { ConformanceCase } from './types';
import { network } from './doc';

const DT = 0.1;
const gen = (id: string, size: number, index: number[], time_ms: number[]) =>
  ({ id, kind: 'input', model: 'spike_generator', size, data: { spikes: { index, time_ms } } });
const link = (id: string, source: string, target: string, w: number, extra: Record<string, unknown> = {}) =>
  ({ id, source, target, connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: w }, ...extra });

export const refractoryDiscards: ConformanceCase = {
  name: 'refractory-discards-input',
  description: 'LIF (τ 20 ms, t_ref 5 ms): a w 2 spike fires it at step 11; a w 0.9 spike arriving at step 21 (refractory) ' +
    'is discarded, not stored; one arriving at step 101 raises v from 0 to exactly 0.9.',
  doc: () => network({
    nodes: [gen('kick', 1, [0], [1]), gen('sub', 1, [0, 0], [2, 10]),
      { id: 'n', kind: 'population', model: 'lif', size: 1, params: { tau_ms: 20, v_th: 1, refractory_ms: 5 } }],
    projections: [link('k', 'kick', 'n', 2), link('s', 'sub', 'n', 0.9)],
    monitors: [{ id: 'v', kind: 'state', target: 'n', variable: 'v' }],
  }),
  steps: 120,
  measure: ({ run }) => {
    const v = run.traces.v[0];
    return [
      { what: 'spike step', got: run.spikes.n.step[0], expected: 11, strict: 0, tolerant: 0 },
      { what: 'spikes', got: run.spikes.n.step.length, expected: 1, strict: 0, tolerant: 0 },
      { what: 'largest |v| from the spike to step 100', got: Math.max(...v.slice(11, 101).map(Math.abs)), expected: 0, strict: 0, tolerant: 0 },
      { what: 'v at step 101', got: v[101], expected: Math.fround(0.9), strict: 1e-7, tolerant: 1e-6 },
    ];
  },
};

export const adaptiveThreshold: ConformanceCase = {
  name: 'adaptive-threshold-decay',
  description: 'Adaptive LIF (τ_t 100 ms, v_th0 1, Δ 0.5) fired once at step 11: v_th(t) = 1 + 0.5·e^(−t/τ_t) after the spike, ' +
    'exactly; a second identical input 5 ms later does not fire it (the tutorial\'s exercise).',
  doc: () => network({
    nodes: [gen('g', 1, [0, 0], [1, 6]), { id: 'a', kind: 'population', model: 'adaptive_lif', size: 1, params: { tau_ms: 50, tau_t_ms: 100, delta_th: 0.5 } }],
    projections: [link('p', 'g', 'a', 1.2)],
    monitors: [{ id: 'th', kind: 'state', target: 'a', variable: 'v_th' }],
  }),
  steps: 600,
  measure: ({ run }) => {
    const th = run.traces.th[0], s = run.spikes.a.step;
    const at = (k: number) => 1 + 0.5 * Math.exp((-k * DT) / 100);
    return [
      { what: 'spike steps', got: s.length === 1 ? s[0] : -1, expected: 11, strict: 0, tolerant: 0 },
      ...[0, 50, 200, 588].map((k) => ({ what: `v_th ${k} steps after the spike`, got: th[11 + k], expected: at(k), strict: 3e-5, tolerant: 1e-4 })),
    ];
  },
};

export const stepCurrent: ConformanceCase = {
  name: 'step-current-charging',
  description: 'A current step I = 0.8 on [5, 15) ms into a LIF (τ 10 ms, R 1, θ 1): v = RI(1 − e^(−t/τ)) while it is on ' +
    '(exact at every step), then decays as v(15)·e^(−t/τ); v stays 0 before 5 ms.',
  doc: () => network({
    nodes: [
      { id: 'cur', kind: 'input', model: 'current', size: 1, params: { shape: 'step', amplitude: 0.8, offset: 0, start_ms: 5, stop_ms: 15 } },
      { id: 'n', kind: 'population', model: 'lif', size: 1, params: { tau_ms: 10, v_th: 1 } },
    ],
    projections: [link('drive', 'cur', 'n', 1, { synapse: { kind: 'current' } })],
    monitors: [{ id: 'v', kind: 'state', target: 'n', variable: 'v' }],
  }),
  steps: 300,
  measure: ({ run }) => {
    const v = run.traces.v[0], on = (k: number) => 0.8 * (1 - Math.exp((-k * DT) / 10));
    // Step n integrates over [n·dt, (n+1)·dt] with I(n): the current is on in steps 50..149.
    return [
      { what: 'largest |v| before 5 ms', got: Math.max(...v.slice(0, 50).map(Math.abs)), expected: 0, strict: 0, tolerant: 0 },
      { what: 'v after 1 step on', got: v[50], expected: on(1), strict: 3e-6, tolerant: 1e-5 },
      { what: 'v after 100 steps on', got: v[149], expected: on(100), strict: 3e-5, tolerant: 1e-4 },
      { what: 'v 100 steps after switch-off', got: v[249], expected: on(100) * Math.exp(-1), strict: 3e-5, tolerant: 1e-4 },
    ];
  },
};

const TRAIN = Array.from({ length: 40 }, (_, k) => 1 + k * 0.3); // a spike every 3 steps from step 10
export const ringWrap: ConformanceCase = {
  name: 'delay-ring-wraparound',
  description: 'A train of 40 spikes every 3 steps through delays of 7 and 2 steps (ring of 8 slots, wrapped ~15 times): ' +
    'each target (w 2) repeats the train exactly 7 resp. 2 steps later.',
  doc: () => network({
    nodes: [gen('g', 1, TRAIN.map(() => 0), TRAIN),
      { id: 'd7', kind: 'population', model: 'lif', size: 1, params: { tau_ms: 1, v_th: 1 } },
      { id: 'd2', kind: 'population', model: 'lif', size: 1, params: { tau_ms: 1, v_th: 1 } }],
    projections: [link('p7', 'g', 'd7', 2, { delay: { kind: 'constant', ms: 0.7 } }), link('p2', 'g', 'd2', 2, { delay: { kind: 'constant', ms: 0.2 } })],
  }),
  steps: 200,
  measure: ({ run }) => {
    const src = run.spikes.g.step, shift = (id: string, d: number) =>
      run.spikes[id].step.length === src.length && run.spikes[id].step.every((s, k) => s === src[k] + d) ? 1 : 0;
    return [
      { what: 'source spikes', got: src.length, expected: 40, strict: 0, tolerant: 0 },
      { what: 'delay 7: train shifted by exactly 7 steps', got: shift('d7', 7), expected: 1, strict: 0, tolerant: 0 },
      { what: 'delay 2: train shifted by exactly 2 steps', got: shift('d2', 2), expected: 1, strict: 0, tolerant: 0 },
    ];
  },
};

export const stdpClip: ConformanceCase = {
  name: 'stdp-clips-at-wmax',
  description: 'Ten pre→post pairs (Δt 1 ms, A+ 0.05) would raise w from 0.9 by ~0.48; STDP clips it at w_max = 1 exactly.',
  doc: () => network({
    nodes: [
      gen('pre', 1, new Array<number>(10).fill(0), Array.from({ length: 10 }, (_, k) => 5 + 10 * k)),
      gen('kick', 1, new Array<number>(10).fill(0), Array.from({ length: 10 }, (_, k) => 5.9 + 10 * k)),
      { id: 'post', kind: 'population', model: 'lif', size: 1, params: { tau_ms: 1, v_th: 1 } },
    ],
    projections: [
      link('plastic', 'pre', 'post', 0.9, { plasticity: { rule: 'stdp', a_plus: 0.05, a_minus: 0, tau_plus_ms: 20, tau_minus_ms: 20, w_min: 0, w_max: 1 } }),
      link('force', 'kick', 'post', 5),
    ],
  }),
  steps: 1100,
  measure: async ({ run, engine }) => [
    { what: 'post spikes', got: run.spikes.post.step.length, expected: 10, strict: 0, tolerant: 0 },
    { what: 'final weight', got: (await engine.readWeights('plastic'))[0], expected: 1, strict: 0, tolerant: 0 },
  ],
};
