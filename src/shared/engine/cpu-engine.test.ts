// CpuEngine against analytic solutions (LIF and adaptive LIF, the tutorial checks), the step-order rules
// (delays, refractoriness), Poisson statistics, the other models' basic behaviour and divergence reporting.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument, type NetworkDocument } from '../graph';
import { classifyEdit, compileNetwork } from '../compiler';
import { applyEdit } from './apply-edit';
import { EDIT_STEP, EDIT_TOTAL, editScenario } from '../../../test/engine/param-edit-scenario';
import { createCpuEngine } from './cpu-engine';
import { runAndCollect } from './collect';
import { EngineError } from './types';
import { analyticLif } from '../../../test/engine/analytic';

export function example(name: string): NetworkDocument {
  const r = loadDocument(JSON.parse(readFileSync(new URL(`../../../resources/examples/${name}.snn.json`, import.meta.url), 'utf8')));
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}

function doc(nodes: unknown[], projections: unknown[], monitors: unknown[] = [], sim = { dt_ms: 0.1, duration_ms: 100, seed: 1 }): NetworkDocument {
  const r = loadDocument({ format: 'snn-network', version: 1, meta: { name: 't' }, simulation: sim, nodes, projections, monitors });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}

describe('CpuEngine: analytic solutions', () => {
  it('LIF tutorial check (tau 50, w 0.5, inputs at 20/40/60 ms): v matches the exact exponential solution to f32 precision', async () => {
    const ir = compileNetwork(example('lif-neuron'));
    const r = await runAndCollect(createCpuEngine(ir), 1000);
    const exact = analyticLif({ dtMs: 0.1, steps: 1000, tauMs: 50, arrivals: [201, 401, 601], w: 0.5, vTh: 1 });
    const v = r.traces.neuron_v[0];
    for (let n = 0; n < 1000; n++) expect(Math.abs(v[n] - exact.v[n])).toBeLessThanOrEqual(3e-5 * Math.max(1, Math.abs(exact.v[n])));
    expect(v[201]).toBe(0.5);
    expect(r.spikes.neuron.step).toEqual(exact.spikes);
    expect(exact.spikes).toEqual([601]);
  });

  it('adaptive LIF: threshold and v follow the exact solution; the 2nd identical burst does not fire, the 3rd does', async () => {
    const ir = compileNetwork(example('adaptive-threshold'));
    const r = await runAndCollect(createCpuEngine(ir), 1200);
    const arrivals = [20, 22, 24, 28, 30, 32, 80, 82, 84].map((t) => t * 10 + 1);
    const exact = analyticLif({ dtMs: 0.1, steps: 1200, tauMs: 50, arrivals, w: 0.5, vTh: 1, tauTMs: 100, deltaTh: 0.5 });
    expect(r.spikes.neuron.step).toEqual(exact.spikes);
    expect(exact.spikes.length).toBe(2);
    expect(exact.spikes[0]).toBe(241);
    expect(exact.spikes[1]).toBeGreaterThan(800);
    for (let n = 0; n < 1200; n++) {
      expect(Math.abs(r.traces.neuron_v[0][n] - exact.v[n])).toBeLessThanOrEqual(3e-5 * Math.max(1, Math.abs(exact.v[n])));
      expect(Math.abs(r.traces.neuron_v_th[0][n] - exact.vTh[n])).toBeLessThanOrEqual(3e-5 * Math.abs(exact.vTh[n]));
    }
  });
});

describe('CpuEngine: step order', () => {
  const net = (delayMs: number, extra: Record<string, unknown> = {}) => doc(
    [{ id: 'g', kind: 'input', model: 'spike_generator', size: 1, data: { spikes: { index: [0], time_ms: [10] } } },
      { id: 'n', kind: 'population', model: 'lif', size: 1, params: { tau_ms: 10, ...extra } }],
    [{ id: 'p', source: 'g', target: 'n', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 0.25 }, delay: { kind: 'constant', ms: delayMs } }],
    [{ id: 'v', kind: 'state', target: 'n', variable: 'v' }]);

  it('a zero delay reaches the target at the next step; a delay of d steps at step + d', async () => {
    for (const [ms, arrive] of [[0, 101], [0.1, 101], [1, 110], [2.34, 123]] as const) {
      const r = await runAndCollect(createCpuEngine(compileNetwork(net(ms))), 200);
      const v = r.traces.v[0];
      expect(v[arrive - 1]).toBe(0);
      expect(v[arrive]).toBe(0.25);
    }
  });

  it('refractoriness holds v at v_reset for refractory_ms after a spike', async () => {
    const d = doc(
      [{ id: 'c', kind: 'input', model: 'current', size: 1, params: { shape: 'constant', amplitude: 5 } },
        { id: 'n', kind: 'population', model: 'lif', size: 1, params: { tau_ms: 10, refractory_ms: 2 } }],
      [{ id: 'p', source: 'c', target: 'n', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 1 }, synapse: { kind: 'current' } }],
      [{ id: 'v', kind: 'state', target: 'n', variable: 'v' }]);
    const r = await runAndCollect(createCpuEngine(compileNetwork(d)), 1000);
    const s = r.spikes.n.step;
    expect(s.length).toBeGreaterThan(5);
    // Time to threshold from 0 with v∞ = 5, tau 10: 10·ln(5/4) = 2.23 ms → 23 steps, plus 20 refractory steps.
    for (let k = 1; k < s.length; k++) expect(s[k] - s[k - 1]).toBe(s[1] - s[0]);
    expect(s[1] - s[0]).toBe(20 + 23);
    for (let q = 1; q <= 20; q++) expect(r.traces.v[0][s[0] + q]).toBe(0);
  });
});

describe('CpuEngine: Poisson input', () => {
  it('constant rate: total count within 5σ of rate·duration, per-neuron mean and variance Poisson-like', async () => {
    const d = doc([{ id: 'p', kind: 'input', model: 'poisson', size: 500, params: { rate_hz: 40 } }], [], [], { dt_ms: 0.1, duration_ms: 2000, seed: 7 });
    const e = createCpuEngine(compileNetwork(d));
    await e.run({ steps: 20000 });
    const c = Array.from(await e.spikeCounts('p'));
    const lambda = 40 * 2, total = c.reduce((a, b) => a + b, 0);
    expect(Math.abs(total - 500 * lambda)).toBeLessThan(5 * Math.sqrt(500 * lambda));
    const mean = total / 500, variance = c.reduce((a, x) => a + (x - mean) ** 2, 0) / 499;
    expect(variance / mean).toBeGreaterThan(0.75);
    expect(variance / mean).toBeLessThan(1.25);
  });

  it('sine rate: mean over whole periods equals rate_hz; counts follow the phase per neuron', async () => {
    const d = doc([{ id: 'p', kind: 'input', model: 'poisson', size: 2, params: { shape: 'sine', rate_hz: 100, depth: 1, freq_hz: 10, phase_step_rad: Math.PI } }], [], [], { dt_ms: 0.1, duration_ms: 20000, seed: 3 });
    const r = await runAndCollect(createCpuEngine(compileNetwork(d)), 200000, 20000);
    const idx = r.spikes.p.index, st = r.spikes.p.step;
    const n0 = idx.filter((i) => i === 0).length;
    expect(Math.abs(n0 - 2000)).toBeLessThan(5 * Math.sqrt(2000));
    // Neuron 0 peaks in the first half of each 100 ms cycle, neuron 1 (phase π) in the second.
    const firstHalf = (k: number) => (st[k] % 1000) < 500;
    const a = idx.filter((i, k) => i === 0 && firstHalf(k)).length, b = idx.filter((i, k) => i === 1 && firstHalf(k)).length;
    expect(a).toBeGreaterThan(3 * b);
  });
});

describe('CpuEngine: other models', () => {
  it('Hodgkin-Huxley rests near −65 mV without input and fires repetitively under a 10 µA/cm² step', async () => {
    const ir = compileNetwork(example('hodgkin-huxley'));
    const r = await runAndCollect(createCpuEngine(ir), 8000);
    const v = r.traces.neuron_v[0];
    expect(Math.abs(v[999] + 65)).toBeLessThan(0.5);
    const s = r.spikes.neuron.step.map((x) => x * 0.01);
    expect(s.length).toBeGreaterThanOrEqual(3);
    expect(s.every((t) => t > 10 && t < 62)).toBe(true);
    expect(Math.max(...v)).toBeGreaterThan(30);
    // Regular firing: interspike intervals of 14–19 ms at 10 µA/cm² (the classic f-I curve, ~60–70 Hz).
    for (let k = 2; k < s.length; k++) expect(s[k] - s[k - 1]).toBeGreaterThan(12);
  });

  it('Izhikevich regular spiking fires under a constant current and resets to c', async () => {
    const d = doc(
      [{ id: 'c', kind: 'input', model: 'current', size: 1, params: { shape: 'constant', amplitude: 10 } },
        { id: 'n', kind: 'population', model: 'izhikevich', size: 1 }],
      [{ id: 'p', source: 'c', target: 'n', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 1 }, synapse: { kind: 'current' } }],
      [{ id: 'v', kind: 'state', target: 'n', variable: 'v' }], { dt_ms: 0.1, duration_ms: 300, seed: 1 });
    const r = await runAndCollect(createCpuEngine(compileNetwork(d)), 3000);
    expect(r.spikes.n.step.length).toBeGreaterThan(3);
    expect(r.traces.v[0][r.spikes.n.step[0]]).toBe(-65);
  });

  it('divergence stops the run and names population, variable and step', async () => {
    const d = doc(
      [{ id: 'g', kind: 'input', model: 'spike_generator', size: 1, data: { spikes: { index: [0], time_ms: [1] } } },
        { id: 'out', kind: 'population', model: 'leaky_integrator', size: 3 }],
      [{ id: 'p', source: 'g', target: 'out', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 100000 }, synapse: { kind: 'conductance', tau_ms: 5, e_rev: 100 } }]);
    const e = createCpuEngine(compileNetwork(d));
    const err = await e.run({ steps: 1000 }).catch((x) => x);
    expect(err).toBeInstanceOf(EngineError);
    expect(err.kind).toBe('divergence');
    expect(err.where.population).toBe('out');
    expect(err.where.variable).toBe('v');
    expect(err.where.step).toBeGreaterThan(11);
    expect(err.message).toMatch(/out\.v .* step \d+/);
  });
});

describe('CpuEngine: setParam', () => {
  it('rate_hz and a step window of a Poisson input take effect without recompiling', async () => {
    const d = doc([{ id: 'p', kind: 'input', model: 'poisson', size: 100, params: { shape: 'step', rate_hz: 100, start_ms: 0, stop_ms: 50 } }], []);
    const e = createCpuEngine(compileNetwork(d));
    await e.run({ steps: 1000 });
    const before = Array.from(await e.spikeCounts('p')).reduce((a, b) => a + b, 0);
    e.reset();
    e.setParam('p', 'stop_ms', 100);
    e.setParam('p', 'rate_hz', 200);
    await e.run({ steps: 1000 });
    const after = Array.from(await e.spikeCounts('p')).reduce((a, b) => a + b, 0);
    expect(Math.abs(before - 500)).toBeLessThan(5 * Math.sqrt(500));
    expect(Math.abs(after - 2000)).toBeLessThan(5 * Math.sqrt(2000));
  });
});

describe('CpuEngine: parameter edits mid-run (structural hash says "params")', () => {
  it('pause, apply the edit with setParam, resume = a fresh run of the edited document; the edit changed the spikes', async () => {
    const verdict = classifyEdit(editScenario(false), editScenario(true));
    expect(verdict.kind).toBe('params');
    const e = createCpuEngine(compileNetwork(editScenario(false)));
    const a = await runAndCollect(e, EDIT_STEP, 128);
    expect(applyEdit(e, verdict)).toBe(true);
    const b = await runAndCollect(e, EDIT_TOTAL - EDIT_STEP, 128);
    const fresh = await runAndCollect(createCpuEngine(compileNetwork(editScenario(true))), EDIT_TOTAL);
    const unedited = await runAndCollect(createCpuEngine(compileNetwork(editScenario(false))), EDIT_TOTAL);
    for (const id of ['in', 'exc', 'ada']) {
      expect([...(a.spikes[id]?.step ?? []), ...b.spikes[id].step], id).toEqual(fresh.spikes[id].step);
      expect([...(a.spikes[id]?.index ?? []), ...b.spikes[id].index], id).toEqual(fresh.spikes[id].index);
      expect(fresh.spikes[id].step.length, id).not.toBe(unedited.spikes[id].step.length);
    }
    expect(a.traces.ada_v[0].concat(b.traces.ada_v[0])).toEqual(fresh.traces.ada_v[0]);
  });

  it('enum/boolean params and unknown names throw EngineError("unsupported") naming the param', () => {
    const e = createCpuEngine(compileNetwork(editScenario(false)));
    const err = (f: () => void) => { try { f(); } catch (x) { return x as EngineError; } throw new Error('no error'); };
    const shape = err(() => e.setParam('in', 'shape', 1));
    expect(shape.kind).toBe('unsupported');
    expect(shape.message).toMatch(/"shape" of "in" is not numeric: changing it needs a recompile/);
    expect(err(() => e.setParam('exc', 'nope', 1)).message).toMatch(/no parameter "nope" on "exc"/);
    expect(err(() => e.setParam('exc', 'v_th', NaN)).message).toMatch(/not a finite number/);
  });
});
