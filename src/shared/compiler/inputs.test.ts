// Host-side input tables: the two-ear sound source (with its onset rule, docs/engine.md "Inputs"), the dataset
// sample (example 2, via src/shared/tasks), spike generators and current waveforms.
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../graph';
import { compileNetwork, currentAt, fillInputTable } from '.';
import { sampleMeta, soundParamsFrom, spikeProbability } from '../tasks/sound-localisation';

const net = (node: Record<string, unknown>, sim = { dt_ms: 0.1, duration_ms: 100, seed: 3 }) => {
  const r = loadDocument({ format: 'snn-network', version: 1, meta: { name: 'i' }, simulation: sim, nodes: [node] });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return compileNetwork(r.doc);
};

describe('input tables', () => {
  it('sound source: rate_max·0.5·(1 + sin(2πft + e·ipd))·dt, the delayed ear at rate_max/2 before itd, the other after duration − itd', () => {
    const ir = net({ id: 'ears', kind: 'input', model: 'sound_source', size: 2, params: { ipd_deg: 90, rate_max_hz: 400, freq_hz: 50 } });
    const steps = 1000, tab = new Float32Array(2 * steps);
    fillInputTable(ir, ir.populations[0], 0, steps, tab);
    const itdSteps = 0.25 / 50 * 1000 / 0.1; // 90° of a 50 Hz tone = 5 ms = 50 steps
    for (let n = 0; n < steps; n++) {
      const t = n * 1e-4;
      const p0 = n < itdSteps ? 0.02 : 400 * 0.5 * (1 + Math.sin(2 * Math.PI * 50 * t)) * 1e-4;
      const p1 = n * 0.1 > 100 - 5 ? 0.02 : 400 * 0.5 * (1 + Math.sin(2 * Math.PI * 50 * t + Math.PI / 2)) * 1e-4;
      expect(tab[2 * n]).toBeCloseTo(p0, 7);
      expect(tab[2 * n + 1]).toBeCloseTo(p1, 7);
    }
  });

  it('dataset: one sample of the sound-localisation stimulus, as the task module defines it', () => {
    const ir = net({ id: 'inputs', kind: 'input', model: 'dataset', size: 200, params: { ipd_deg: 30 } }, { dt_ms: 1, duration_ms: 100, seed: 5 });
    const tab = new Float32Array(200 * 100);
    fillInputTable(ir, ir.populations[0], 0, 100, tab);
    const sp = soundParamsFrom(200, ir.populations[0].params, 1, 100);
    const { phi0 } = sampleMeta(sp, 5, 'test', 0);
    for (const [n, i] of [[0, 0], [17, 3], [99, 150], [50, 199]]) expect(tab[n * 200 + i]).toBe(Math.fround(spikeProbability(sp, Math.PI / 6, phi0, n, i)));
  });

  it('spike generator: probability 1 exactly at the listed steps (times rounded to steps)', () => {
    const ir = net({ id: 'g', kind: 'input', model: 'spike_generator', size: 2, data: { spikes: { index: [1, 0, 1], time_ms: [0.26, 5, 0.3] } } });
    const tab = new Float32Array(2 * 60);
    fillInputTable(ir, ir.populations[0], 0, 60, tab);
    const ones = [...tab.keys()].filter((k) => tab[k] === 1).map((k) => [Math.floor(k / 2), k % 2]);
    expect(ones).toEqual([[3, 1], [50, 0]]);
  });

  it('current waveforms: step, ramp, sine', () => {
    const mk = (params: Record<string, unknown>) => net({ id: 'c', kind: 'input', model: 'current', size: 1, params }).populations[0];
    const step = mk({ shape: 'step', amplitude: 2, offset: 0.5, start_ms: 1, stop_ms: 2 });
    expect([currentAt(step, 9, 0.1), currentAt(step, 10, 0.1), currentAt(step, 19, 0.1), currentAt(step, 20, 0.1)]).toEqual([0.5, 2.5, 2.5, 0.5]);
    const ramp = mk({ shape: 'ramp', amplitude: 4, start_ms: 0, stop_ms: 4 });
    expect(currentAt(ramp, 10, 0.1)).toBeCloseTo(1, 12);
    expect(currentAt(ramp, 100, 0.1)).toBe(4);
    const sine = mk({ shape: 'sine', amplitude: 1, start_ms: 0, freq_hz: 250 });
    expect(currentAt(sine, 10, 0.1)).toBeCloseTo(1, 12);
  });
});
