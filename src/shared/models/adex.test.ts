// The model added last (docs/models.md, "Adding a model"): AdEx, one file and one registry line. Checked against
// an independent f64 forward-Euler integration written out here (same discretisation and step order as
// docs/engine.md: current at the step's start, Euler step, threshold v > v_peak, reset), and — outside the test
// suite, by scripts/brian2/adex.py — against Brian2 (docs/results.md).
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../graph/validate';
import { compileNetwork } from '../compiler';
import { createCpuEngine } from '../engine/cpu-engine';
import { runAndCollect } from '../engine/collect';

const DT = 0.1, STEPS = 4000, I_ON = 1000;
const current = (n: number) => (n * DT >= 20 && n * DT < 320 ? I_ON : 0);

/** Brette & Gerstner (2005) in f64: C 281 pF, g_L 30 nS, E_L −70.6 mV, V_T −50.4, Δ_T 2, τ_w 144 ms, a 4 nS, b 80.5 pA. */
function reference(): { spikes: number[]; v: number[] } {
  const C = 281, gL = 30, EL = -70.6, VT = -50.4, DT_ = 2, tauw = 144, a = 4, b = 80.5, vr = -70.6, vpeak = 20;
  let v = EL, w = 0;
  const spikes: number[] = [], trace: number[] = [];
  for (let n = 0; n < STEPS; n++) {
    const dv = (-gL * (v - EL) + gL * DT_ * Math.exp((v - VT) / DT_) - w + current(n)) / C;
    const dw = (a * (v - EL) - w) / tauw;
    v += DT * dv; w += DT * dw;
    if (v > vpeak) { spikes.push(n); v = vr; w += b; }
    trace.push(v);
  }
  return { spikes, v: trace };
}

describe('AdEx (the worked example of docs/models.md)', () => {
  it('the CPU engine follows an independent f64 Euler integration: same spike steps, v within 0.05 mV', async () => {
    const r = loadDocument({
      format: 'snn-network', version: 1, meta: { name: 'adex' }, simulation: { dt_ms: DT, duration_ms: STEPS * DT, seed: 1 },
      nodes: [
        { id: 'cur', kind: 'input', model: 'current', size: 1, params: { shape: 'step', amplitude: I_ON, offset: 0, start_ms: 20, stop_ms: 320 } },
        { id: 'n', kind: 'population', model: 'adex', size: 1 },
      ],
      projections: [{ id: 'drive', source: 'cur', target: 'n', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 1 }, synapse: { kind: 'current' } }],
      monitors: [{ id: 'v', kind: 'state', target: 'n', variable: 'v' }, { id: 's', kind: 'spikes', target: 'n' }],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const got = await runAndCollect(createCpuEngine(compileNetwork(r.doc)), STEPS);
    const ref = reference();
    expect(ref.spikes.length).toBeGreaterThan(8);
    expect(got.spikes.n.step).toEqual(ref.spikes);
    // Spike-frequency adaptation, the model's point: each interval longer than the one before.
    const isi = ref.spikes.slice(1).map((s, k) => s - ref.spikes[k]);
    isi.slice(1).forEach((d, k) => expect(d).toBeGreaterThan(isi[k]));
    // f32 vs f64 over 4000 Euler steps: the upstroke (tens of mV per step) magnifies rounding, so v is compared
    // away from spikes (2 ms after each), where the trajectories have re-converged towards the reset.
    let worst = 0;
    for (let n = 0; n < STEPS; n++) {
      if (ref.spikes.some((s) => n >= s - 30 && n < s + 20)) continue;
      worst = Math.max(worst, Math.abs(got.traces.v[0][n] - ref.v[n]));
    }
    expect(worst).toBeLessThan(0.05);
  });
});
