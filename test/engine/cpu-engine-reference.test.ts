// The CPU engine's fast loops (synaptic input fused into the WebAssembly update, SIMD, or channel by channel where
// WebAssembly cannot compile; spike lists; precomputed fixed-point weights and ring offsets) against the
// straightforward per-neuron / per-synapse loops they replaced (./reference-cpu-engine.ts): every example and
// random networks of every model, spikes, traces, final state and STDP weights bit for bit, for both forms
// (tolerance zero: all are the same f32 operations in the same order per neuron, so any difference is a bug).
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument, type NetworkDocument } from '../../src/shared/graph';
import { classifyEdit, compileNetwork, type NetworkIR } from '../../src/shared/compiler';
import { applyEdit } from '../../src/shared/engine/apply-edit';
import { runAndCollect } from '../../src/shared/engine/collect';
import { CpuEngine } from '../../src/shared/engine/cpu-engine';
import type { Engine } from '../../src/shared/engine/types';
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

async function compare(doc: NetworkDocument, steps: number, wasm: boolean, chunk = 97) {
  const irA = compileNetwork(doc), irB = compileNetwork(doc);
  const fast = new CpuEngine(irA, { wasm }), ref = new ReferenceCpuEngine(irB);
  const a = await runAndCollect(fast, steps, chunk), b = await runAndCollect(ref, steps, chunk);
  expect(a.spikes).toEqual(b.spikes);
  expect(a.traces).toEqual(b.traces);
  expect(await finalState(fast, irA)).toEqual(await finalState(ref, irB));
  return Object.values(a.spikes).reduce((n, s) => n + s.step.length, 0);
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
