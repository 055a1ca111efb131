// Propagation benchmark: dense post-span matrix–vector vs event-driven CSR (src/shared/compiler/propagation.ts)
// on networks where the choice matters. Each case runs the GPU engine with propagation forced 'dense', forced
// 'csr' and 'auto' (and a baseline without the measured projection, to separate the propagation cost from the
// rest of the step), alternating modes over `--repeat` rounds and keeping each mode's fastest run. Spike counts of
// every population must be identical across modes (checked, printed). Prints a markdown table.
// Two timings per run: wall ms per step, and the process's CPU ms per step (process.cpuUsage: user + system of
// every thread). On SwiftShader the shaders run on this process's threads, so CPU time is the work done and
// stays meaningful when other jobs load the machine (wall time then mostly measures waiting for a core).
// Usage: npx tsx bench/engine/propagation.ts [--quick] [--cases a2a-1000,coba,...] [--steps N] [--repeat R]
import { readFileSync } from 'node:fs';
import { compileNetwork, type PropagationChoice } from '../../src/shared/compiler';
import { createGpuEngine } from '../../src/shared/engine/gpu-engine';
import { loadDocument, type NetworkDocument } from '../../src/shared/graph';
import { getNodeGpu, requestNodeDevice } from '../../src/cli/node-gpu';
import { nowMs } from '../../src/shared/engine/clock';
import { cobaDocument } from './coba';

const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined; };
const quick = process.argv.includes('--quick');
const stepsArg = arg('steps') ? Number(arg('steps')) : undefined;
const repeat = Number(arg('repeat') ?? (quick ? 1 : 2));

interface Case { name: string; what: string; doc: () => NetworkDocument; steps: number; measured: string }

/** Poisson source → LIF target through one projection (`p`); the baseline drops it. */
function pair(name: string, nPre: number, nPost: number, rateHz: number, connectivity: unknown, extra: Record<string, unknown> = {}, withProjection = true): NetworkDocument {
  const r = loadDocument({
    format: 'snn-network', version: 1, meta: { name }, simulation: { dt_ms: 0.1, duration_ms: 100, seed: 5 },
    nodes: [{ id: 'src', kind: 'input', model: 'poisson', size: nPre, params: { rate_hz: rateHz } },
      { id: 'tgt', kind: 'population', model: 'lif', size: nPost, params: { tau_ms: 10 } }],
    projections: withProjection ? [{ id: 'p', source: 'src', target: 'tgt', connectivity, weight: { dist: 'uniform', low: 0, high: 0.002 }, ...extra }] : [],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}

function example(name: string): NetworkDocument {
  const r = loadDocument(JSON.parse(readFileSync(new URL(`../../resources/examples/${name}.snn.json`, import.meta.url), 'utf8')));
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}

const a2a = { rule: 'all_to_all' };
const fp = (p: number) => ({ rule: 'fixed_probability', p });
const S = (n: number) => stepsArg ?? (quick ? Math.max(50, Math.round(n / 4)) : n);
const cases: Case[] = [
  { name: 'a2a-1000-50hz', what: 'all-to-all 1,000 → 1,000, Poisson 50 Hz (5 spikes/step)', doc: () => pair('a2a-1000-50hz', 1000, 1000, 50, a2a), steps: S(400), measured: 'p' },
  { name: 'a2a-1000', what: 'all-to-all 1,000 → 1,000, Poisson 200 Hz (20 spikes/step)', doc: () => pair('a2a-1000', 1000, 1000, 200, a2a), steps: S(400), measured: 'p' },
  { name: 'a2a-500-4000', what: 'all-to-all 500 → 4,000, Poisson 200 Hz (10 spikes/step)', doc: () => pair('a2a-500-4000', 500, 4000, 200, a2a), steps: S(300), measured: 'p' },
  { name: 'a2a-2000-4000', what: 'all-to-all 2,000 → 4,000, Poisson 200 Hz (40 spikes/step)', doc: () => pair('a2a-2000-4000', 2000, 4000, 200, a2a), steps: S(150), measured: 'p' },
  { name: 'a2a-1000-stdp', what: 'all-to-all 1,000 → 1,000 with STDP, Poisson 50 Hz', doc: () => pair('a2a-1000-stdp', 1000, 1000, 50, a2a, { plasticity: { rule: 'stdp', a_plus: 0.0001, a_minus: 0.000105, w_max: 0.002 } }), steps: S(300), measured: 'p' },
  { name: 'a2a-2000-1', what: 'all-to-all 2,000 → 1, Poisson 200 Hz (40 spikes/step onto one neuron)', doc: () => pair('a2a-2000-1', 2000, 1, 200, a2a), steps: S(400), measured: 'p' },
  { name: 'a2a-2000-16', what: 'all-to-all 2,000 → 16, Poisson 200 Hz', doc: () => pair('a2a-2000-16', 2000, 16, 200, a2a), steps: S(400), measured: 'p' },
  ...[0.05, 0.1, 0.25, 0.5].map((p) => ({ name: `sparse-300x200-p${p}`, what: `fixed p = ${p}, 300 → 200 (60 k cells), Poisson 200 Hz`, doc: () => pair(`sparse-300x200-p${p}`, 300, 200, 200, fp(p)), steps: S(400), measured: 'p' })),
  ...[0.1, 0.25, 0.5].map((p) => ({ name: `sparse-1000x1000-p${p}`, what: `fixed p = ${p}, 1,000 → 1,000 (1 M cells), Poisson 200 Hz`, doc: () => pair(`sparse-1000x1000-p${p}`, 1000, 1000, 200, fp(p)), steps: S(300), measured: 'p' })),
  { name: 'coincidence-detection', what: 'example: 2 ears → 100 detectors, all-to-all, per-synapse delays', doc: () => example('coincidence-detection'), steps: S(1000), measured: 'ears_detectors' },
  { name: 'coba', what: 'example: COBA 4,000 LIF, 2 % random, conductance', doc: () => cobaDocument(4000, 1000), steps: S(300), measured: '' },
];

const only = arg('cases')?.split(',');
const g = await getNodeGpu();
if (!g.ok) throw new Error(g.reason);
const device = await requestNodeDevice(g.value.adapter, 'propagation-bench');
const adapter = g.value.description;
console.log(`adapter: ${adapter}; ${repeat} round(s), fastest run per mode`);

/** Wall ms per step of one timed run (after a warm-up and reset) and a hash of every population's spike counts. */
async function timeRun(doc: NetworkDocument, steps: number, propagation: PropagationChoice) {
  const ir = compileNetwork(doc);
  const e = await createGpuEngine(device, ir, { adapter, propagation });
  await e.run({ steps: Math.min(20, steps) });
  e.reset();
  const t0 = nowMs(), c0 = process.cpuUsage();
  await e.run({ steps });
  const ms = (nowMs() - t0) / steps, cu = process.cpuUsage(c0), cpu = (cu.user + cu.system) / 1000 / steps;
  let h = 2166136261, spikes = 0;
  for (const p of ir.populations) {
    if (!p.spiking) continue;
    for (const c of await e.spikeCounts(p.id)) { h = Math.imul(h ^ c, 16777619) >>> 0; spikes += c; }
  }
  const strategy = e.program.propagation;
  e.dispose();
  return { ms, cpu, hash: h, spikes, strategy };
}

const rows: string[] = [];
for (const c of cases) {
  if (only && !only.includes(c.name)) continue;
  const doc = c.doc();
  const modes: PropagationChoice[] = ['csr', 'dense', 'auto'];
  const best: Record<string, number> = {}, bestCpu: Record<string, number> = {};
  const hashes = new Set<number>();
  let auto: Record<string, string> = {}, spikes = 0;
  // Baseline: the same network without the measured projection (pair networks only).
  const base = c.measured === 'p' ? pair(`${c.name}-base`, ...(() => { const ir = compileNetwork(doc); return [ir.populations[0].size, ir.populations[1].size] as const; })(), 0, a2a, {}, false) : null;
  for (let r = 0; r < repeat; r++) {
    for (const m of modes) {
      const t = await timeRun(doc, c.steps, m);
      best[m] = Math.min(best[m] ?? Infinity, t.ms);
      bestCpu[m] = Math.min(bestCpu[m] ?? Infinity, t.cpu);
      hashes.add(t.hash);
      spikes = t.spikes;
      if (m === 'auto') auto = t.strategy;
    }
    if (base) {
      const t = await timeRun(base, c.steps, 'auto');
      best.base = Math.min(best.base ?? Infinity, t.ms);
      bestCpu.base = Math.min(bestCpu.base ?? Infinity, t.cpu);
    }
  }
  const ir = compileNetwork(doc);
  const pj = c.measured ? ir.projections.find((p) => p.id === c.measured)! : null;
  const autoSays = pj ? auto[pj.id] : [...new Set(Object.values(auto))].join('/');
  // CPU ms/step (the propagation's share: minus the baseline without the projection), then wall ms/step.
  const cell = (m: string) => `${bestCpu[m].toFixed(2)}${bestCpu.base !== undefined ? ` (${(bestCpu[m] - bestCpu.base).toFixed(2)})` : ''} / ${best[m].toFixed(2)}`;
  // The ratio of whole-step CPU times: robust to noise, unlike the ratio of the differences to the baseline.
  const ratio = (t: Record<string, number>) => t.csr / t.dense;
  const syn = pj ? pj.post.length : ir.projections.reduce((a, p) => a + p.post.length, 0);
  const row = `| ${c.what} | ${syn.toLocaleString('en')} | ${c.steps} | ${(spikes / c.steps).toFixed(1)} | ${bestCpu.base !== undefined ? `${bestCpu.base.toFixed(2)} / ${best.base.toFixed(2)}` : '—'} | ${cell('csr')} | ${cell('dense')} | ${ratio(bestCpu).toFixed(2)}× | ${autoSays} | ${hashes.size === 1 ? 'yes' : 'NO'} |`;
  rows.push(row);
  console.log(row);
}
console.log('\n| network | synapses | steps | spikes/step (all pops) | baseline CPU / wall ms per step (no projection) | csr: CPU (propagation) / wall ms per step | dense: CPU (propagation) / wall ms per step | csr/dense (CPU per step) | auto picks | identical spike counts |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
device.destroy();
