// The exported Brian2 and PyNN scripts RUN here on Debian's Brian2 and PyNN (/usr/bin/python3; .ci/run installs
// python3-brian and python3-pynn) and agree with our CPU engine (docs/formats.md, "PyNN and Brian2 scripts").
// Cases: coincidence detection (300 ms; the ears are the realised trains, so inputs are identical) and a reduced
// COBA (400 exc / 100 inh / 50 kick, p 0.04 so each neuron has the example's in-degree over a quarter of the
// neurons, 200 ms: still self-sustained after the kick).
// A third case runs every neuron model's Brian2 catalogue form (adaptive LIF, Izhikevich, AdEx, leaky integrator)
// with exponential, delta, conductance and current-source input (60 ms).
// Cost: each script runs once, with Brian2's numpy target (SNN_BRIAN2_TARGET=numpy: no C++ compilation), all five
// started together in beforeAll. Measured on this 2-core machine: ~35 s of CPU in all (PyNN's COBA ~17 s of it:
// PyNN's FromListConnector calls Brian2's connect once per target neuron, each generating code), so ~20–25 s wall
// on two idle cores; 3–4 min wall here under a load of 14 (other jobs sharing the two cores).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileNetwork, type NetworkIR } from '../../src/shared/compiler';
import { runAndCollect, type Collected } from '../../src/shared/engine/collect';
import { createCpuEngine } from '../../src/shared/engine/cpu-engine';
import { parseDocumentText, type NetworkDocument } from '../../src/shared/graph';
import { brian2Script } from '../../src/shared/interop/brian2';
import { pynnScript } from '../../src/shared/interop/pynn';
import { main } from '../../src/cli/main';
import { recordingIo } from '../cli/test-io';
import { missing, runScript } from './python';

const noBrian2 = missing('brian2');
const noPynn = noBrian2 ?? missing('pyNN.brian2');
const why = (r: string | null) => (r ? ` (skipped: ${r})` : '');

const dir = mkdtempSync(join(tmpdir(), 'snn-peers-'));
function example(name: string): NetworkDocument {
  const r = parseDocumentText(readFileSync(join(__dirname, `../../resources/examples/${name}.snn.json`), 'utf8'));
  if (!r.ok) throw new Error(`${name}: invalid example`);
  return r.doc;
}

/** (step, neuron) keys of spike times in ms per neuron. */
const keysOfTimes = (trains: number[][], dtMs: number) => new Set(trains.flatMap((ts, i) => ts.map((t) => `${Math.round(t / dtMs)},${i}`)));
const keysOfRun = (s: { step: number[]; index: number[] }) => new Set(s.step.map((n, k) => `${n},${s.index[k]}`));
const common = (a: Set<string>, b: Set<string>) => [...a].filter((x) => b.has(x)).length;
const total = (trains: number[][]) => trains.reduce((a, t) => a + t.length, 0);

const cd = compileNetwork(example('coincidence-detection'), { durationMs: 300 });
// Reduced COBA, exported through the CLI as a user would.
const cobaDoc = example('coba');
const sizes: Record<string, number> = { exc: 400, inh: 100, kick: 50 };
for (const n of cobaDoc.nodes) n.size = sizes[n.id];
for (const pr of cobaDoc.projections) if (pr.connectivity.rule === 'fixed_probability') pr.connectivity.p = 0.04;
cobaDoc.simulation.duration_ms = 200;
writeFileSync(join(dir, 'coba.snn.json'), JSON.stringify(cobaDoc));

// Every other catalogue form, each input kind: spike lists through exponential (delay 1 ms), delta and conductance
// synapses, and a current step through weighted 'current' projections.
const formsDoc = ((): NetworkDocument => {
  const r = parseDocumentText(JSON.stringify({
    format: 'snn-network', version: 1, meta: { name: 'forms' }, simulation: {"dt_ms": 0.1, "duration_ms": 60, "seed": 2},
    nodes: [
      {"id": "gen", "kind": "input", "model": "spike_generator", "size": 2, "params": {}, "data": {"spikes": {"index": [0, 1, 0, 1, 0, 0, 1], "time_ms": [2, 3, 10, 10.5, 20, 21, 35]}}},
      {"id": "cur", "kind": "input", "model": "current", "size": 1, "params": {"shape": "step", "amplitude": 1, "start_ms": 5, "stop_ms": 45}},
      {"id": "alif", "kind": "population", "model": "adaptive_lif", "size": 2, "params": {"tau_ms": 10, "tau_t_ms": 30, "delta_th": 0.3, "refractory_ms": 1}},
      {"id": "izh", "kind": "population", "model": "izhikevich", "size": 2, "params": {}},
      {"id": "adex", "kind": "population", "model": "adex", "size": 1, "params": {}},
      {"id": "li", "kind": "population", "model": "leaky_integrator", "size": 1, "params": {"tau_ms": 5}},
    ],
    projections: [
      {"id": "gen_alif", "source": "gen", "target": "alif", "connectivity": {"rule": "all_to_all"}, "weight": {"dist": "constant", "value": 0.4}, "synapse": {"kind": "exponential", "tau_ms": 5}, "delay": {"kind": "constant", "ms": 1}},
      {"id": "cur_alif", "source": "cur", "target": "alif", "connectivity": {"rule": "all_to_all"}, "weight": {"dist": "constant", "value": 1.2}, "synapse": {"kind": "current"}},
      {"id": "cur_izh", "source": "cur", "target": "izh", "connectivity": {"rule": "all_to_all"}, "weight": {"dist": "constant", "value": 10}, "synapse": {"kind": "current"}},
      {"id": "gen_izh", "source": "gen", "target": "izh", "connectivity": {"rule": "one_to_one"}, "weight": {"dist": "constant", "value": 8}, "synapse": {"kind": "delta"}},
      {"id": "cur_adex", "source": "cur", "target": "adex", "connectivity": {"rule": "all_to_all"}, "weight": {"dist": "constant", "value": 1000}, "synapse": {"kind": "current"}},
      {"id": "gen_li", "source": "gen", "target": "li", "connectivity": {"rule": "all_to_all"}, "weight": {"dist": "constant", "value": 0.5}, "synapse": {"kind": "conductance", "tau_ms": 10, "e_rev": 2}},
    ],
    monitors: [
      {"id": "alif_spikes", "kind": "spikes", "target": "alif"},
      {"id": "izh_spikes", "kind": "spikes", "target": "izh"},
      {"id": "adex_spikes", "kind": "spikes", "target": "adex"},
      {"id": "alif_v", "kind": "state", "target": "alif", "variable": "v"},
      {"id": "alif_th", "kind": "state", "target": "alif", "variable": "v_th"},
      {"id": "izh_v", "kind": "state", "target": "izh", "variable": "v"},
      {"id": "adex_v", "kind": "state", "target": "adex", "variable": "v"},
      {"id": "li_v", "kind": "state", "target": "li", "variable": "v"},
    ],
  }));
  if (!r.ok) throw new Error('forms: invalid');
  return r.doc;
})();
const forms = compileNetwork(formsDoc);

type B2Out = { dt_ms: number; spikes: Record<string, number[][]>; traces: Record<string, { values: number[][] }> };
type PynnOut = Record<string, number[][]>;
const results: { b2cd?: B2Out; b2coba?: B2Out; b2forms?: B2Out; pncd?: PynnOut; pncoba?: PynnOut } = {};
let oursCd: Collected, oursCoba: Collected, oursForms: Collected, cobaIr: NetworkIR;

beforeAll(async () => {
  writeFileSync(join(dir, 'cd_brian2.py'), brian2Script(cd));
  writeFileSync(join(dir, 'cd_pynn.py'), pynnScript(cd));
  writeFileSync(join(dir, 'forms_brian2.py'), brian2Script(forms));
  for (const format of ['brian2', 'pynn']) {
    const code = await main(['export', join(dir, 'coba.snn.json'), '--format', format, '--out', join(dir, `coba_${format}.py`)], recordingIo(dir));
    if (code !== 0) throw new Error(`snn export --format ${format} exited ${code}`);
  }
  const jobs: Promise<void>[] = [];
  if (!noBrian2) {
    jobs.push(runScript(join(dir, 'cd_brian2.py'), join(dir, 'cd_brian2.json')).then((r) => { results.b2cd = r as B2Out; }));
    jobs.push(runScript(join(dir, 'coba_brian2.py'), join(dir, 'coba_brian2.json')).then((r) => { results.b2coba = r as B2Out; }));
    jobs.push(runScript(join(dir, 'forms_brian2.py'), join(dir, 'forms_brian2.json')).then((r) => { results.b2forms = r as B2Out; }));
  }
  if (!noPynn) {
    jobs.push(runScript(join(dir, 'cd_pynn.py'), join(dir, 'cd_pynn.json')).then((r) => { results.pncd = r as PynnOut; }));
    jobs.push(runScript(join(dir, 'coba_pynn.py'), join(dir, 'coba_pynn.json')).then((r) => { results.pncoba = r as PynnOut; }));
  }
  oursCd = await runAndCollect(createCpuEngine(cd), 3000);
  cobaIr = compileNetwork(cobaDoc);
  oursCoba = await runAndCollect(createCpuEngine(cobaIr), 2000);
  oursForms = await runAndCollect(createCpuEngine(forms), 600);
  await Promise.all(jobs);
}, 300_000);

describe('exported Brian2 scripts run on Brian2 and agree with our engine', () => {
  it.skipIf(!!noBrian2)(`coincidence detection: the same ear spikes, and ≥ 99 % of the detector spikes at the same step${why(noBrian2)}`, () => {
    const b = results.b2cd!;
    // The ears are our realised trains: identical by construction of the script, checked here end to end.
    expect(keysOfTimes(b.spikes.ears, cd.dtMs)).toEqual(keysOfRun(oursCd.spikes.ears));
    // Same inputs, connectivity and step order (synapses before the threshold, delay d − 1, refractory + 1 step),
    // so the detectors fire at the same steps; what is left is f64 (Brian2) against f32 (ours): a crossing
    // within rounding of the threshold can move by a step (1 of 3,100 spikes over 1,000 ms when measured).
    const ours = keysOfRun(oursCd.spikes.detectors), theirs = keysOfTimes(b.spikes.detectors, cd.dtMs);
    expect(ours.size).toBeGreaterThan(500);
    expect(common(ours, theirs)).toBeGreaterThanOrEqual(0.99 * ours.size);
    expect(Math.abs(theirs.size - ours.size)).toBeLessThanOrEqual(0.01 * ours.size);
  });

  it.skipIf(!!noBrian2)(`COBA (reduced): excitatory and inhibitory rates within 15 %${why(noBrian2)}`, () => {
    const b = results.b2coba!;
    // Same synapses, weights and delays, but the kick is drawn by Brian2's generator (a Poisson group), and
    // COBA is chaotic: spike trains part within tens of ms, so rates are what must agree. The kick itself:
    // 50 sources · 200 Hz · 50 ms = 500 expected spikes; ours within 5σ (σ ≈ 22) of it.
    const kick = oursCoba.spikes.kick.step.length;
    expect(Math.abs(kick - 500)).toBeLessThan(112);
    for (const pop of ['exc', 'inh']) {
      const ours = oursCoba.spikes[pop].step.length, theirs = total(b.spikes[pop]);
      // 15 %: the kick's count noise (~4 %) drives the self-sustained phase, which amplifies it; measured −3.4 %
      // (exc) and +1 % (inh) on this configuration.
      expect(ours).toBeGreaterThan(500);
      expect(Math.abs(theirs - ours) / ours).toBeLessThan(0.15);
    }
    // The recorded v: 3 neurons × 2,000 steps, and identical to ours until the first synaptic input arrives.
    const tr = b.traces.exc_v.values;
    expect(tr.length).toBe(3);
    expect(tr[0].length).toBe(2000);
    expect(tr[0][0]).toBe(oursCoba.traces.exc_v[0][0]);
  });

  it.skipIf(!!noBrian2)(`every catalogue form (adaptive LIF, Izhikevich, AdEx, leaky integrator): the same spike steps, traces within f32 rounding${why(noBrian2)}`, () => {
    const b = results.b2forms!;
    for (const pop of ['alif', 'izh', 'adex']) {
      expect(oursForms.spikes[pop].step.length, pop).toBeGreaterThan(0);
      expect(keysOfTimes(b.spikes[pop], forms.dtMs), pop).toEqual(keysOfRun(oursForms.spikes[pop]));
    }
    // Per value |ours − Brian2| / (1 + |Brian2|) over 600 steps: we compute in f32, Brian2 in f64. The linear
    // models stay within a few f32 roundings (measured 3e-7); AdEx's exp and Izhikevich's 0.04·v² amplify them
    // on the upstroke (measured 5e-5 and 5e-3).
    const bound: Record<string, number> = { alif_v: 1e-5, alif_th: 1e-5, li_v: 1e-5, adex_v: 1e-3, izh_v: 2e-2 };
    for (const [id, tol] of Object.entries(bound)) {
      const ours = oursForms.traces[id], theirs = b.traces[id].values;
      expect(theirs.length, id).toBe(ours.length);
      let worst = 0;
      ours.forEach((row, r) => row.forEach((x, n) => { worst = Math.max(worst, Math.abs(x - theirs[r][n]) / (1 + Math.abs(theirs[r][n]))); }));
      expect(worst, id).toBeLessThan(tol);
    }
  });
});

describe('exported PyNN scripts run on PyNN\'s Brian2 backend and agree with our engine', () => {
  it.skipIf(!!noPynn)(`coincidence detection: the same ear spikes; the detectors equal our engine with PyNN's delivery order (≥ 97 %)${why(noPynn)}`, async () => {
    const p = results.pncd!;
    expect(keysOfTimes(p.ears, cd.dtMs)).toEqual(keysOfRun(oursCd.spikes.ears));
    // PyNN keeps Brian2's standard schedule: a delay-d spike reaches v after the threshold of step n + d, and the
    // next step's update decays it by exp(−dt/τ) before any threshold sees it (docs/formats.md). In our step
    // order that is the network with every delay one step longer and every weight × exp(−dt/τ): run it and
    // compare spike for spike (f64 against f32 leaves a few near-threshold steps; 496 of 497 when measured).
    const shifted = compileNetwork(example('coincidence-detection'), { durationMs: 300 });
    const tau = shifted.populations[1].params.tau_ms as number;
    for (const pr of shifted.projections) {
      for (let k = 0; k < pr.delay.length; k++) { pr.delay[k] += 1; pr.weight[k] *= Math.exp(-shifted.dtMs / tau); }
      if (pr.delayConst !== null) pr.delayConst += 1;
    }
    shifted.maxDelay += 1;
    const ours = keysOfRun((await runAndCollect(createCpuEngine(shifted), 3000)).spikes.detectors);
    const theirs = keysOfTimes(p.detectors, cd.dtMs);
    expect(ours.size).toBeGreaterThan(300);
    expect(common(ours, theirs)).toBeGreaterThanOrEqual(0.97 * ours.size);
    expect(Math.abs(theirs.size - ours.size)).toBeLessThanOrEqual(0.03 * ours.size);
    // And the unshifted run fires more: the one-step-late, decayed delivery is real, not noise.
    expect(oursCd.spikes.detectors.step.length).toBeGreaterThan(1.2 * theirs.size);
  });

  it.skipIf(!!noPynn)(`COBA (reduced): excitatory and inhibitory rates within 20 %${why(noPynn)}`, () => {
    const p = results.pncoba!;
    // As for Brian2 (own kick draw, chaos), plus PyNN's own choices: IF_cond_exp integrated by forward Euler
    // and tau_refrac counted from the spike step (one step shorter than ours), both raising the rate a little;
    // measured −0.7 % (exc) and −0.5 % (inh) on this configuration (+8 % and +3 % at 800/200 neurons).
    for (const pop of ['exc', 'inh']) {
      const ours = oursCoba.spikes[pop].step.length, theirs = total(p[pop]);
      expect(Math.abs(theirs - ours) / ours).toBeLessThan(0.2);
    }
  });
});
