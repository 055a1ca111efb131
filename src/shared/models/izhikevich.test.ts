// Izhikevich's time-step limit (`maxDt` in ./izhikevich.ts): why it is where it is. The CPU engine runs five of
// Izhikevich's (2003) firing patterns at the limit and at five times it; an independent f64 forward Euler
// integration written out here at dt 0.001 ms (step order of docs/engine.md: current at the step's start, Euler
// step, v > v_peak → reset) is the reference. At the limit every pattern keeps its spike count within one; at
// 0.5 ms some lose several — the limit is where the model stops being accurate, not an arbitrary number.
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../graph/validate';
import { compileNetwork } from '../compiler';
import { createCpuEngine } from '../engine/cpu-engine';
import { runAndCollect } from '../engine/collect';
import { getModel } from '.';

const T_MS = 200, I = 10;
/** Regular spiking, intrinsically bursting, chattering, fast spiking, low-threshold spiking: (a, b, c, d). */
const PATTERNS = { RS: [0.02, 0.2, -65, 8], IB: [0.02, 0.2, -55, 4], CH: [0.02, 0.2, -50, 2], FS: [0.1, 0.2, -65, 2], LTS: [0.02, 0.25, -65, 2] } as const;
const names = Object.keys(PATTERNS) as (keyof typeof PATTERNS)[];

function referenceCount([a, b, c, d]: readonly number[], dt: number): number {
  let v = -65, u = b * v, n = 0;
  for (let k = 0, steps = Math.round(T_MS / dt); k < steps; k++) {
    const dv = 0.04 * v * v + 5 * v + 140 - u + I, du = a * (b * v - u);
    v += dt * dv; u += dt * du;
    if (v > 30) { n++; v = c; u += d; }
  }
  return n;
}

/** Spike counts of the five patterns (one neuron each, per-neuron a, b, c, d) from the CPU engine at `dt`. */
async function engineCounts(dt: number): Promise<number[]> {
  const col = (i: number) => ({ per_neuron: names.map((k) => PATTERNS[k][i]) });
  const r = loadDocument({
    format: 'snn-network', version: 1, meta: { name: 'izhikevich patterns' }, simulation: { dt_ms: dt, duration_ms: T_MS, seed: 1 },
    nodes: [
      { id: 'cur', kind: 'input', model: 'current', size: 1, params: { shape: 'step', amplitude: I, offset: 0, start_ms: 0, stop_ms: T_MS } },
      { id: 'n', kind: 'population', model: 'izhikevich', size: names.length, params: { a: col(0), b: col(1), c: col(2), d: col(3) } },
    ],
    projections: [{ id: 'drive', source: 'cur', target: 'n', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 1 }, synapse: { kind: 'current' } }],
    monitors: [{ id: 's', kind: 'spikes', target: 'n' }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  const got = await runAndCollect(createCpuEngine(compileNetwork(r.doc)), Math.round(T_MS / dt));
  const counts = names.map(() => 0);
  for (const i of got.spikes.n.index) counts[i]++;
  return counts;
}

describe('Izhikevich: the time-step limit', () => {
  const limit = getModel('izhikevich')!.maxDt!.ms;
  const reference = names.map((k) => referenceCount(PATTERNS[k], 0.001));

  it('at the limit every firing pattern keeps its spike count within one of a 0.001 ms integration', async () => {
    expect(reference.every((n) => n >= 5)).toBe(true); // each pattern fires: counts are worth comparing
    const got = await engineCounts(limit);
    got.forEach((n, i) => expect(Math.abs(n - reference[i]), `${names[i]}: ${n} spikes, reference ${reference[i]}`).toBeLessThanOrEqual(1));
  });

  it('at five times the limit the fast patterns lose several spikes (the limit matters)', async () => {
    const got = await engineCounts(5 * limit);
    const worst = Math.max(...got.map((n, i) => (reference[i] - n) / reference[i]));
    expect(worst).toBeGreaterThan(0.15);
  });
});
