// A membrane that lands exactly on the threshold, in f32: the CPU engine's three forms of a population's step
// (./wasm.ts InputStep: WebAssembly SIMD, scalar WebAssembly, typed-array loops from ./cpu.ts) against the
// model's definition of a spike. The random states of ./input-step.test.ts almost never hit the threshold
// exactly, so a strict comparison written as non-strict there (or the reverse) would pass it; here the
// parameters are constructed so that some neurons sit exactly on the threshold, others one step either side.
// Tolerance zero: the definitions compare f32 values, and each form computes them with the same f32 operations.
import { describe, expect, it } from 'vitest';
import { getModel } from '..';
import { NEURON_RULES } from '../../compiler/models';
import { inputStep } from './cpu';
import type { InputStep, SynapticInput } from './wasm';

const f = Math.fround;
const N = 11; // SIMD runs neurons 0–7 four at a time, 8–10 in its scalar tail
/** The edge neurons: lanes 1 and 2 of the two SIMD blocks, and one in the scalar tail. */
const EDGE = [1, 6, 9];
const ABOVE = [2, 10], BELOW = [5, 8];
/** One delta channel: arrivals in fixed point with 12 fraction bits (exact multiples of 2^-12 in f32). */
const INPUT = (membrane: string): SynapticInput => ({ kinds: ['delta'], membrane, ringSlots: 1, currents: 0 });
const SCALE = 2 ** -12;
const DT = 0.1;

function params(model: string, over: Record<string, number>): Record<string, number> {
  const m = getModel(model)!, p: Record<string, number> = {};
  for (const s of m.params) p[s.name] = s.type === 'enum' ? s.options!.indexOf(String(s.default)) : (s.default as number);
  Object.assign(p, over);
  return { ...p, ...NEURON_RULES[model].derived(p, DT), ch0_erev: 0, ch0_inv_scale: SCALE, ch0_decay: 0 };
}

/**
 * One step of each form from the same state (`vars` by name, per neuron) and delta arrivals (`k` per neuron, in
 * units of 2^-12). Asserts the forms agree bit for bit (state, flags, list) and returns the typed-array form's
 * state after the step and spike flags.
 */
function step(model: string, all: Record<string, number>, vars: Record<string, number[]>, k: number[]): { after: Record<string, Float32Array>; spiked: boolean[] } {
  const rule = NEURON_RULES[model];
  const forms: InputStep[] = [
    inputStep(rule.dynamics, N, INPUT('v')), inputStep(rule.dynamics, N, INPUT('v'), { simd: false }), inputStep(rule.dynamics, N, INPUT('v'), { wasm: false }),
  ];
  expect(forms.map((x) => x.form)).toEqual(['wasm-simd', 'wasm', 'js']);
  const counts = forms.map((x) => {
    rule.vars.forEach((v, q) => x.vars[q].set(vars[v]));
    x.ring.set(k);
    return x.run(all, 0, []);
  });
  const js = forms[2];
  for (const x of forms.slice(0, 2)) {
    expect(counts[forms.indexOf(x)], x.form).toBe(counts[2]);
    expect(Array.from(x.spiked), `${x.form}: spike flags`).toEqual(Array.from(js.spiked));
    expect(Array.from(x.spikeList.subarray(0, counts[2])), x.form).toEqual(Array.from(js.spikeList.subarray(0, counts[2])));
    rule.vars.forEach((v, q) => expect(Array.from(x.vars[q]), `${x.form}: ${v}`).toEqual(Array.from(js.vars[q])));
  }
  expect(counts[2]).toBe(js.spiked.reduce((a, b) => a + b, 0));
  return { after: Object.fromEntries(rule.vars.map((v, q) => [v, js.vars[q].slice()])), spiked: Array.from(js.spiked, (s) => s === 1) };
}

/** An f32 value's neighbours (the next f32 above and below). */
function nextF32(x: number, dir: 1 | -1): number {
  const a = new Float32Array([x]), u = new Int32Array(a.buffer);
  u[0] += (x > 0 ? 1 : -1) * dir;
  return a[0];
}

describe('LIF (src/shared/models/lif.ts: spikes when v is strictly above v_th)', () => {
  const lif = (over: Record<string, number>) => params('lif', { v_rest: 0, r: 1, refractory_ms: 0, v_reset: -0.25, ...over });
  const others = (base: number) => Array.from({ length: N }, (_, i) => f(base + 0.031 * (i - 5)));

  it('immediate reset: v after the input lands exactly on v_th at some neurons — no spike there, spikes just above', () => {
    // lif.ts, with I = 0 (no current channel): v_int = (v_rest + (v − v_rest)·decay) + delta, each operation in f32;
    // the model spikes when v_int > v_th and then resets v to v_reset.
    const p0 = lif({ reset_timing: 0 }), decay = f(p0.decay);
    const vInt = (v: number, k: number) => f(f(0 + f(f(v - 0) * decay)) + k * SCALE);
    const v = others(0.5), k = Array.from({ length: N }, (_, i) => 2048 + 7 * (i - 5));
    for (const i of EDGE) { v[i] = f(0.5); k[i] = 2048; }
    for (const i of ABOVE) { v[i] = f(0.5); k[i] = 2049; }
    for (const i of BELOW) { v[i] = f(0.5); k[i] = 2047; }
    // The threshold is constructed as the edge neurons' v_int, an f32 value (parameters are f32 in every form).
    const vTh = vInt(0.5, 2048);
    const all: Record<string, number> = { ...p0, v_th: vTh };
    const expected = v.map((x, i) => vInt(x, k[i]) > vTh);
    expect(EDGE.map((i) => vInt(v[i], k[i]))).toEqual(EDGE.map(() => vTh));
    expect(expected.filter(Boolean).length, 'both sides of the threshold are present').toBeGreaterThan(2);
    expect(expected.filter((s) => !s).length).toBeGreaterThan(EDGE.length);
    const { after, spiked } = step('lif', all, { v, refrac: v.map(() => 0), spk_prev: v.map(() => 0) }, k);
    expect(spiked).toEqual(expected);
    expect(EDGE.map((i) => spiked[i])).toEqual(EDGE.map(() => false));
    expect(ABOVE.map((i) => spiked[i])).toEqual(ABOVE.map(() => true));
    // v after the step as the definition gives it: v_int without a spike, v_reset after one.
    expect(Array.from(after.v)).toEqual(v.map((x, i) => (expected[i] ? f(all.v_reset) : vInt(x, k[i]))));
  });

  it('tutorial reset: v at the start of the step exactly v_th at some neurons — no spike there, spikes one f32 above', () => {
    // lif.ts, reset_timing 'tutorial': the spike is H(v − v_th) from the v the step starts with.
    const vTh = f(0.7), all = lif({ reset_timing: 1, v_th: vTh });
    const v = others(0.7);
    for (const i of EDGE) v[i] = vTh;
    for (const i of ABOVE) v[i] = nextF32(vTh, 1);
    for (const i of BELOW) v[i] = nextF32(vTh, -1);
    const expected = v.map((x) => x > vTh);
    const { spiked } = step('lif', all, { v, refrac: v.map(() => 0), spk_prev: v.map(() => 0) }, v.map(() => 100));
    expect(spiked).toEqual(expected);
    expect(EDGE.map((i) => spiked[i])).toEqual(EDGE.map(() => false));
    expect(ABOVE.map((i) => spiked[i])).toEqual(ABOVE.map(() => true));
  });
});

describe('Hodgkin-Huxley (src/shared/models/hodgkin-huxley.ts: a spike is v_start <= threshold && v > threshold)', () => {
  const gates = (all: Record<string, number>) => NEURON_RULES.hodgkin_huxley.init(all);
  const state = (all: Record<string, number>, v: number[]) => {
    const g = gates(all);
    return { v, m: v.map(() => g.m), h: v.map(() => g.h), n: v.map(() => g.n) };
  };

  it('v at the start exactly on the threshold, then above it: a spike; one f32 above at the start: none', () => {
    const thr = f(-60), all = params('hodgkin_huxley', { spike_threshold_mv: thr });
    const v = Array.from({ length: N }, (_, i) => f(-60 + 0.5 * (i - 5)));
    for (const i of EDGE) v[i] = thr;
    for (const i of ABOVE) v[i] = nextF32(thr, 1);
    for (const i of BELOW) v[i] = nextF32(thr, -1);
    // 20 mV of delta input: every neuron ends the step above the threshold.
    const { after, spiked } = step('hodgkin_huxley', all, state(all, v), v.map(() => 20 / SCALE));
    expect(Array.from(after.v).every((x) => x > thr)).toBe(true);
    expect(spiked).toEqual(v.map((x) => x <= thr));
    expect(EDGE.map((i) => spiked[i])).toEqual(EDGE.map(() => true));
  });

  it('v after the step exactly on the threshold: no spike; one input step of 2^-12 more: a spike', () => {
    // The threshold only decides the spike, not v: a first step (threshold out of reach) gives v after the step,
    // and the threshold is then set to the edge neurons' value.
    const v = Array.from({ length: N }, () => f(-65));
    const k = Array.from({ length: N }, (_, i) => 20 / SCALE + 40 * (i - 5));
    for (const i of ABOVE) k[i] = 20 / SCALE + 1;
    for (const i of BELOW) k[i] = 20 / SCALE - 1;
    for (const i of EDGE) k[i] = 20 / SCALE;
    const probe = params('hodgkin_huxley', { spike_threshold_mv: 1000 });
    const first = step('hodgkin_huxley', probe, state(probe, v), k);
    expect(first.spiked.some(Boolean)).toBe(false);
    const thr = first.after.v[EDGE[0]];
    expect(EDGE.map((i) => first.after.v[i])).toEqual(EDGE.map(() => thr));
    const all = { ...probe, spike_threshold_mv: thr };
    const { after, spiked } = step('hodgkin_huxley', all, state(all, v), k);
    expect(Array.from(after.v)).toEqual(Array.from(first.after.v));
    const expected = v.map((x, i) => x <= thr && after.v[i] > thr);
    expect(spiked).toEqual(expected);
    expect(EDGE.map((i) => spiked[i])).toEqual(EDGE.map(() => false));
    expect(ABOVE.map((i) => spiked[i])).toEqual(ABOVE.map(() => true));
    expect(BELOW.map((i) => spiked[i])).toEqual(BELOW.map(() => false));
  });
});
