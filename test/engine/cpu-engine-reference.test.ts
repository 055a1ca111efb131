// The CPU engine's fast loops (synaptic input fused into the WebAssembly update, SIMD, or channel by channel where
// WebAssembly cannot compile; spike lists; precomputed fixed-point weights and ring offsets) against the
// straightforward per-neuron / per-synapse loops they replaced (./reference-cpu-engine.ts): every example and
// random networks of every model, spikes, traces, final state and STDP weights bit for bit, for both forms
// (tolerance zero: all are the same f32 operations in the same order per neuron, so any difference is a bug).
// The same on two threads (docs/engine.md, "CPU engine on two threads"): a real worker thread owns the second
// slice of every population; ring sums are integers, so the order of delivery cannot change them either.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument, type NetworkDocument } from '../../src/shared/graph';
import { classifyEdit, compileNetwork, type NetworkIR } from '../../src/shared/compiler';
import { applyEdit } from '../../src/shared/engine/apply-edit';
import { runAndCollect } from '../../src/shared/engine/collect';
import { CpuEngine, engineThreads, AUTO_MIN_NEURONS } from '../../src/shared/engine/cpu-engine';
import { spawnEngineThread } from '../../src/cli/engine-thread';
import { EngineError, type Engine } from '../../src/shared/engine/types';
import type { PeerPort } from '../../src/shared/engine/step-link';
import { EDIT_STEP, EDIT_TOTAL, editScenario } from './param-edit-scenario';
import { randomNetwork } from './random-network';
import { ReferenceCpuEngine } from './reference-cpu-engine';

const dir = new URL('../../resources/examples/', import.meta.url);

function load(name: string): NetworkDocument {
  const r = loadDocument(JSON.parse(readFileSync(new URL(name, dir), 'utf8')));
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}

async function finalState(e: Engine, ir: NetworkIR) {
  const out: Record<string, number[]> = {};
  for (const pop of ir.populations) for (const v of pop.stateVars) out[`${pop.id}.${v}`] = [...await e.readState(pop.id, v)];
  for (const pj of ir.projections) out[`w:${pj.id}`] = [...await e.readWeights(pj.id)];
  return out;
}

async function compare(doc: NetworkDocument, steps: number, wasm: boolean, chunk = 97, threads: 1 | 2 = 1) {
  const irA = compileNetwork(doc), irB = compileNetwork(doc);
  const fast = new CpuEngine(irA, { wasm, threads, spawn: spawnEngineThread }), ref = new ReferenceCpuEngine(irB);
  expect(fast.threads).toBe(threads);
  try {
    const a = await runAndCollect(fast, steps, chunk), b = await runAndCollect(ref, steps, chunk);
    expect(a.spikes).toEqual(b.spikes);
    expect(a.traces).toEqual(b.traces);
    expect(await finalState(fast, irA)).toEqual(await finalState(ref, irB));
    return Object.values(a.spikes).reduce((n, s) => n + s.step.length, 0);
  } finally {
    fast.dispose();
  }
}

describe.each([['WebAssembly', true], ['typed-array fallback', false]] as const)('CpuEngine (%s) = the straightforward reference loops, bit for bit', (_, wasm) => {
  const names = readdirSync(dir).filter((n) => n.endsWith('.snn.json'));
  it.each(names)('example %s (300 steps)', async (name) => {
    await compare(load(name), 300, wasm);
  });

  it.each([1, 2, 3, 4, 5, 6])('random network seed %i (all synapse kinds, delays, STDP)', async (seed) => {
    const spikes = await compare(randomNetwork(seed, ['lif', 'adaptive_lif', 'izhikevich']), 300, wasm);
    expect(spikes).toBeGreaterThan(0); // the comparison covers propagation, not only silence
  });

  it('the form asked for is the one that ran (WebAssembly with SIMD where Node has it, as here)', () => {
    const e = new CpuEngine(compileNetwork(load('coba.snn.json')), { wasm });
    const forms = (e as unknown as { pops: { update?: { form: string } }[] }).pops.flatMap((p) => (p.update ? [p.update.form] : []));
    expect(forms).toEqual(['wasm-simd', 'wasm-simd'].map((f) => (wasm ? f : 'js')));
  });

  it('a parameter edit mid-run (cached fixed-point weights follow the new scale)', async () => {
    const verdict = classifyEdit(editScenario(false), editScenario(true));
    const runs = await Promise.all([new CpuEngine(compileNetwork(editScenario(false)), { wasm }), new ReferenceCpuEngine(compileNetwork(editScenario(false)))].map(async (e) => {
      const a = await runAndCollect(e, EDIT_STEP, 128);
      expect(applyEdit(e, verdict)).toBe(true);
      const b = await runAndCollect(e, EDIT_TOTAL - EDIT_STEP, 128);
      return [a, b].map((r) => ({ spikes: r.spikes, traces: r.traces }));
    }));
    expect(runs[0]).toEqual(runs[1]);
  });
});

// Every example and random network on the WebAssembly form; the typed-array form on two random networks (the
// slicing is the engine's, the same for both forms; each case starts a worker thread, ~0.5 s here).
describe('CpuEngine on two threads = the straightforward reference loops, bit for bit', () => {
  const names = readdirSync(dir).filter((n) => n.endsWith('.snn.json'));
  it.each(names)('example %s (300 steps)', async (name) => {
    await compare(load(name), 300, true, 97, 2);
  });

  it.each([[1, true], [2, true], [3, true], [4, true], [5, true], [6, true], [1, false], [4, false]] as const)('random network seed %i, WebAssembly %s (all synapse kinds, delays, STDP)', async (seed, wasm) => {
    const spikes = await compare(randomNetwork(seed, ['lif', 'adaptive_lif', 'izhikevich']), 300, wasm, 97, 2);
    expect(spikes).toBeGreaterThan(0);
  });

  it('a parameter edit mid-run reaches the second thread', async () => {
    const verdict = classifyEdit(editScenario(false), editScenario(true));
    const two = new CpuEngine(compileNetwork(editScenario(false)), { threads: 2, spawn: spawnEngineThread });
    try {
      const runs = await Promise.all([two, new ReferenceCpuEngine(compileNetwork(editScenario(false)))].map(async (e) => {
        const a = await runAndCollect(e, EDIT_STEP, 128);
        expect(applyEdit(e, verdict)).toBe(true);
        const b = await runAndCollect(e, EDIT_TOTAL - EDIT_STEP, 128);
        return [a, b].map((r) => ({ spikes: r.spikes, traces: r.traces }));
      }));
      expect(runs[0]).toEqual(runs[1]);
      two.reset(); // reset reaches it too: the same run again
      const again = await runAndCollect(two, EDIT_STEP, 128);
      expect({ spikes: again.spikes, traces: again.traces }).toEqual(runs[0][0]);
    } finally {
      two.dispose();
    }
  });

  // The divergence test of src/shared/engine/cpu-engine.test.ts on two threads: 3 neurons (the first thread's
  // slice diverges too: its full report) and 1 neuron (only the second thread's slice has it: population and step).
  it.each([3, 1])('divergence of %i neurons stops both threads at the step one thread stops at', async (size) => {
    const r = loadDocument({ format: 'snn-network', version: 1, meta: { name: 't' }, simulation: { dt_ms: 0.1, duration_ms: 100, seed: 1 },
      nodes: [{ id: 'g', kind: 'input', model: 'spike_generator', size: 1, data: { spikes: { index: [0], time_ms: [1] } } },
        { id: 'out', kind: 'population', model: 'leaky_integrator', size }],
      projections: [{ id: 'p', source: 'g', target: 'out', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 100000 }, synapse: { kind: 'conductance', tau_ms: 5, e_rev: 100 } }],
      monitors: [] });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const one = await new CpuEngine(compileNetwork(r.doc)).run({ steps: 1000 }).catch((x) => x);
    const two = new CpuEngine(compileNetwork(r.doc), { threads: 2, spawn: spawnEngineThread });
    try {
      const err = await two.run({ steps: 1000 }).catch((x) => x);
      expect(err.kind).toBe('divergence');
      expect(err.where.population).toBe('out');
      expect(err.where.step).toBe(one.where.step);
      if (size === 3) expect(err.message).toBe(one.message);
    } finally {
      two.dispose();
    }
  });

  it('a second thread that cannot build the network fails the run instead of leaving the first one waiting', async () => {
    const spawn = (): PeerPort => {
      const p = spawnEngineThread();
      return { ...p, post: (m) => p.post(m.kind === 'init' ? { ...m, ir: null as unknown as NetworkIR } : m) };
    };
    const two = new CpuEngine(compileNetwork(load('coba.snn.json')), { threads: 2, spawn });
    try {
      const err = await two.run({ steps: 100 }).catch((x) => x);
      expect(err).toBeInstanceOf(EngineError);
      expect(err.message).toMatch(/second thread failed/);
    } finally {
      two.dispose();
    }
  });

  it("'auto': two threads from AUTO_MIN_NEURONS neurons where a core is idle, given a way to start one", () => {
    const ir = compileNetwork(load('coba.snn.json')), neurons = ir.populations.reduce((a, p) => a + p.size, 0);
    const big = { ...ir, populations: ir.populations.map((p, k) => (k === 0 ? { ...p, size: p.size + AUTO_MIN_NEURONS - neurons } : p)) };
    const spawn = spawnEngineThread;
    expect(engineThreads(ir, { threads: 'auto', spawn, idleCores: 8 })).toBe(1);
    expect(engineThreads(big, { threads: 'auto', spawn, idleCores: 1 })).toBe(2);
    expect(engineThreads(big, { threads: 'auto', spawn, idleCores: 0.9 })).toBe(1);
    expect(engineThreads(big, { threads: 'auto', spawn })).toBe(1);
    expect(engineThreads(big, { threads: 'auto', idleCores: 8 })).toBe(1);
    expect(engineThreads(ir, { threads: 2, spawn })).toBe(2);
    expect(engineThreads(big, { spawn, idleCores: 8 })).toBe(1);
  });
});
