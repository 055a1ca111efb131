// Per-neuron parameters (docs/file-format.md, "Per-neuron parameters"): validated with the JSON path, carried
// through the compiler into the CPU engine's both forms (WebAssembly and vector program), counted by the budget,
// and a structural change (recompile) when made uniform. The reference for the engine is independent of the
// per-neuron path: one single-neuron population per neuron with that neuron's values as plain numbers
// (test/engine/per-neuron-network.ts); with the same input spikes every trace must match bit for bit, since both
// paths compute the same f64 constants (exp(−dt/τ) per neuron), round them to the same f32 and run the same
// f32 operations.
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../graph/validate';
import { classifyEdit, compileNetwork, estimateRun, perNeuronColumns, settableError } from '.';
import { createCpuEngine } from '../engine/cpu-engine';
import { runAndCollect } from '../engine/collect';
import { NEURON_RULES } from './models';
import { neuronStep } from '../models/dynamics/cpu';
import { CounterRng } from '../rng';
import { PER_NEURON_CASES, perNeuronDocument } from '../../../test/engine/per-neuron-network';

const load = (raw: unknown) => {
  const r = loadDocument(raw);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.path}: ${d.message}`).join('\n'));
  return r.doc;
};

describe('per-neuron parameters: validation names the JSON path', () => {
  const base = () => perNeuronDocument(PER_NEURON_CASES[0]) as unknown as { nodes: { params: Record<string, unknown> }[] };
  const errors = (raw: unknown) => {
    const r = loadDocument(raw);
    return (r.ok ? r.diagnostics.filter((d) => d.severity === 'error') : r.diagnostics).map((d) => `${d.path}: ${d.message}`);
  };
  it('a valid document loads', () => expect(errors(base())).toEqual([]));
  it('length ≠ population size', () => {
    const d = base(); d.nodes[1].params.tau_ms = { per_neuron: [1, 2, 3] };
    expect(errors(d)).toEqual([expect.stringMatching(/^nodes\[1\]\.params\.tau_ms\.per_neuron: needs one value per neuron \(6\), got 3$/)]);
  });
  it('a value out of the parameter\'s range, with its index', () => {
    const d = base(); d.nodes[1].params.tau_ms = { per_neuron: [1, 2, 0, 4, -1, 6] };
    expect(errors(d)).toEqual([
      expect.stringMatching(/^nodes\[1\]\.params\.tau_ms\.per_neuron\[2\]: 0 ms is not above the minimum 0 ms$/),
      expect.stringMatching(/^nodes\[1\]\.params\.tau_ms\.per_neuron\[4\]: -1 ms is not above the minimum 0 ms$/),
    ]);
  });
  it('a value that is not a finite number', () => {
    const d = base(); d.nodes[1].params.tau_ms = { per_neuron: [1, 2, 'x', 4, 5, 6] };
    expect(errors(d)).toEqual([expect.stringMatching(/^nodes\[1\]\.params\.tau_ms\.per_neuron\[2\]: /)]);
  });
  it('parameters that take one value: enums, whole numbers, input nodes, unknown keys', () => {
    const d = base(); d.nodes[1].params.reset_timing = { per_neuron: [0, 0, 0, 0, 0, 0] };
    expect(errors(d)).toEqual([expect.stringMatching(/^nodes\[1\]\.params\.reset_timing: "reset_timing" is an enum: it takes one value for the population$/)]);
    const e = base(); e.nodes[0].params.rate_hz = { per_neuron: new Array(8).fill(10) };
    expect(errors(e)).toEqual([expect.stringMatching(/^nodes\[0\]\.params\.rate_hz: Poisson .*per-neuron values are for neuron populations$/)]);
    const f = base(); f.nodes[1].params.tau_ms = { per_neuron: [1, 2, 3, 4, 5, 6], extra: 1 };
    expect(errors(f)).toEqual([expect.stringMatching(/^nodes\[1\]\.params\.tau_ms: .*extra/)]);
  });
});

describe('per-neuron parameters in the CPU engine = one uniform population per neuron', () => {
  for (const c of PER_NEURON_CASES) {
    it(`${c.model}: ${Object.keys(c.per).join(', ')} per neuron`, async () => {
      const doc = load(perNeuronDocument(c));
      const ir = compileNetwork(doc);
      expect(Object.keys(ir.populations[1].perNeuron ?? {})).toEqual(Object.keys(c.per));
      const got = await runAndCollect(createCpuEngine(ir), 400);
      const n = Object.values(c.per)[0].length;
      let spikes = 0;
      for (let i = 0; i < n; i++) {
        expect(got.traces.pop_v[i], `neuron ${i}`).toEqual(got.traces[`n${i}_v`][0]);
        const mine = got.spikes.pop.step.filter((_, k) => got.spikes.pop.index[k] === i);
        expect(mine, `spikes of neuron ${i}`).toEqual(got.spikes[`n${i}`]?.step ?? []);
        spikes += mine.length;
      }
      expect(spikes, 'the input makes them spike').toBeGreaterThan(2 * n);
      // The per-neuron values made a difference: not every neuron has the same trace.
      expect(new Set(got.traces.pop_v.map((t) => t.join())).size).toBe(n);
    });
  }

  it('WebAssembly form = vector program with per-neuron columns, bit for bit', () => {
    const ir = compileNetwork(load(perNeuronDocument(PER_NEURON_CASES[1])));
    const pop = ir.populations[1], rule = NEURON_RULES[pop.model], cols = perNeuronColumns(pop, ir.dtMs);
    expect(cols.names).toEqual(expect.arrayContaining(['tau_ms', 'tau_t_ms', 'decay']));
    const N = 300, big = { ...pop, size: N, perNeuron: { tau_ms: Float64Array.from({ length: N }, (_, i) => 1 + i), tau_t_ms: Float64Array.from({ length: N }, (_, i) => 500 - i) } };
    const c = perNeuronColumns(big, ir.dtMs);
    const wasm = neuronStep(rule.dynamics, N, { perNeuron: c.names }), js = neuronStep(rule.dynamics, N, { wasm: false, perNeuron: c.names });
    expect(wasm.vars[0].buffer).not.toBe(js.vars[0].buffer);
    for (const s of [wasm, js]) s.cols.forEach((a, k) => a.set(c.values.subarray(k * N, (k + 1) * N)));
    const p = Object.fromEntries(Object.entries(rule.derived({ ...Object.fromEntries(Object.entries(pop.params).filter(([, v]) => typeof v === 'number')) as Record<string, number> }, ir.dtMs)));
    const all = { ...(Object.fromEntries(Object.entries(pop.params).map(([k, v]) => [k, typeof v === 'number' ? v : 0]))), ...p };
    const r = new CounterRng(3, 9);
    for (let step = 0; step < 30; step++) {
      for (let i = 0; i < N; i++) { wasm.I[i] = js.I[i] = r.next() * 0.3; wasm.delta[i] = js.delta[i] = r.next() < 0.1 ? r.next() : 0; }
      wasm.run(all); js.run(all);
      rule.vars.forEach((v, q) => expect(Array.from(wasm.vars[q]), `${v} after step ${step}`).toEqual(Array.from(js.vars[q])));
    }
  });
});

describe('per-neuron parameters: edits, setParam and the budget', () => {
  it('making a per-neuron parameter uniform recompiles; a uniform edit of another stays a setParam', () => {
    const a = load(perNeuronDocument(PER_NEURON_CASES[0]));
    const b = { ...a, nodes: a.nodes.map((n) => (n.id === 'pop' ? { ...n, params: { ...n.params, tau_ms: 10 } } : n)) };
    expect(classifyEdit(a, b).kind).toBe('recompile');
    const c = { ...a, nodes: a.nodes.map((n) => (n.id === 'pop' ? { ...n, params: { ...n.params, v_rest: 0.1 } } : n)) };
    expect(classifyEdit(a, c)).toMatchObject({ kind: 'params', params: [{ population: 'pop', param: 'v_rest', value: 0.1 }] });
  });

  it('setParam refuses a per-neuron parameter and recomputes the columns after another edit', async () => {
    const ir = compileNetwork(load(perNeuronDocument(PER_NEURON_CASES[0])));
    expect(settableError(ir.populations[1], 'pop', 'tau_ms', 3)).toMatch(/given per neuron: changing it needs a recompile/);
    const e = createCpuEngine(ir);
    e.setParam('pop', 'v_rest', 0.05);
    await runAndCollect(e, 10);
  });

  it('the budget counts the per-neuron buffer', () => {
    const doc = load(perNeuronDocument(PER_NEURON_CASES[0]));
    const uniform = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'pop' ? { ...n, params: { ...n.params, tau_ms: 5, v_th: 1, v_init: 0 } } : n)) };
    const st = (d: typeof doc) => estimateRun(d).items.find((i) => i.kind === 'state' && i.what.startsWith('population "pop"'))!.bytes;
    // The 3 given params as f64, and 4 f32 columns (tau_ms, v_th, v_init and decay = exp(−dt/tau_ms)), for 6 neurons.
    expect(st(doc) - st(uniform)).toBe(6 * (8 * 3 + 4 * 4));
  });
});
