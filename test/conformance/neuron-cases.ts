// Conformance cases of single neurons and inputs: LIF firing rate under constant current (analytic
// 1/(t_ref + τ·ln(RI/(RI−θ)))), the refractory period holding v at v_reset, and Poisson spike counts.
import type { ConformanceCase } from './types';
import { network } from './doc';

const DT = 0.1;

const lifUnderCurrent = (I: number, tau: number, refMs: number) => () => network({
  nodes: [
    { id: 'cur', kind: 'input', model: 'current', size: 1, params: { shape: 'constant', amplitude: I, offset: 0 } },
    { id: 'n', kind: 'population', model: 'lif', size: 1, params: { tau_ms: tau, v_th: 1, v_reset: 0, v_rest: 0, r: 1, refractory_ms: refMs } },
  ],
  projections: [{ id: 'drive', source: 'cur', target: 'n', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 1 }, synapse: { kind: 'current' } }],
  monitors: [{ id: 'v', kind: 'state', target: 'n', variable: 'v' }],
});

export const lifRate: ConformanceCase = {
  name: 'lif-constant-current-rate',
  description: 'LIF (τ 10 ms, θ 1, R 1, t_ref 2 ms) under I = 1.5 fires at 1/(t_ref + τ·ln(RI/(RI−θ))) = 77.0 Hz; the exact ' +
    'integrator crosses at the first whole step after the analytic time, so the interval is at most one step longer.',
  doc: lifUnderCurrent(1.5, 10, 2),
  steps: 5000,
  measure: ({ run }) => {
    const s = run.spikes.n.step, isiMs = ((s[s.length - 1] - s[0]) / (s.length - 1)) * DT;
    const expected = 2 + 10 * Math.log(1.5 / (1.5 - 1)), rate = 1000 / expected;
    return [
      { what: 'mean interspike interval (ms)', got: isiMs, expected, strict: DT, tolerant: 2 * DT },
      { what: 'firing rate (Hz)', got: 1000 / isiMs, expected: rate, strict: (rate * rate * DT) / 1000, tolerant: (2 * rate * rate * DT) / 1000 },
    ];
  },
};

export const refractory: ConformanceCase = {
  name: 'refractory-holds-v',
  description: 'After each spike a LIF with refractory_ms 3 (30 steps) holds v at v_reset for exactly 30 steps, although a ' +
    'constant current drives it; the next step v rises again.',
  doc: lifUnderCurrent(3, 10, 3),
  steps: 2000,
  measure: ({ run }) => {
    const v = run.traces.v[0], s = run.spikes.n.step.filter((k) => k + 40 < v.length);
    let minHeld = Infinity, maxHeld = 0;
    for (const k of s) {
      let held = 0;
      while (v[k + 1 + held] === 0) held++;
      minHeld = Math.min(minHeld, held); maxHeld = Math.max(maxHeld, held);
    }
    return [
      { what: 'spikes checked', got: s.length > 5 ? 1 : 0, expected: 1, strict: 0, tolerant: 0 },
      { what: 'shortest hold at v_reset (steps)', got: minHeld, expected: 30, strict: 0, tolerant: 0 },
      { what: 'longest hold at v_reset (steps)', got: maxHeld, expected: 30, strict: 0, tolerant: 0 },
    ];
  },
};

export const poissonRate: ConformanceCase = {
  name: 'poisson-rate',
  description: '400 Poisson neurons at 40 Hz for 100 ms: the spike count is Poisson with mean 1600 (σ 40); strict 3σ, tolerant 5σ.',
  doc: () => network({ nodes: [{ id: 'p', kind: 'input', model: 'poisson', size: 400, params: { rate_hz: 40 } }], monitors: [{ id: 's', kind: 'spikes', target: 'p' }] }),
  steps: 1000,
  measure: async ({ engine }) => {
    const total = Array.from(await engine.spikeCounts!('p')).reduce((a, b) => a + b, 0);
    return [{ what: 'spike count', got: total, expected: 1600, strict: 120, tolerant: 200 }];
  },
};
