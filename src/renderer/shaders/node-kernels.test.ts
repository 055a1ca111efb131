// Which generated kernels belong to a population or a projection, and their layout tables, against the real
// compiler output for shipped examples (no hand-written WGSL): every binding row must name a Program buffer
// and carry that buffer's exact byte size.
import { describe, expect, it } from 'vitest';
import { loadDocument, type NetworkDocument } from '../../shared/graph';
import { buildProgram, compileNetwork } from '../../shared/compiler';
import stdp from '../../../resources/examples/stdp.snn.json';
import hh from '../../../resources/examples/hodgkin-huxley.snn.json';
import { kernelLayout, shadersForNode } from './node-kernels';

function load(json: unknown): NetworkDocument {
  const r = loadDocument(structuredClone(json));
  if (!r.ok) throw new Error('example does not load');
  return r.doc;
}

describe('shadersForNode', () => {
  const doc = load(stdp);

  it('gives a neuron population its update kernel and the record kernel of its state monitor', () => {
    const r = shadersForNode(doc, 'neuron');
    if (!r.ok) throw new Error(r.message);
    expect(r.kernels.map((k) => k.name)).toEqual(['update_neuron', 'record_neuron_v']);
    const update = r.kernels[0];
    expect(update.code).toContain('const SIZE: u32 = 1u;');
    // The LIF parameters are read from the P buffer by name.
    expect(update.code).toMatch(/let p_v_th = P\[\d+\];/);
    expect(update.layout.slice(0, 3).map((l) => [l.group, l.binding, l.variable, l.buffer])).toEqual([
      [0, 0, 'ctrl', 'ctrl'], [0, 1, 'P', 'P_neuron'], [0, 2, 'S', 'S_neuron'],
    ]);
    const S = update.layout[2];
    expect(S.access).toBe('storage, read_write');
    expect(S.type).toBe('array<f32>');
  });

  it('gives an input population its input kernel only', () => {
    const r = shadersForNode(doc, 'inputs');
    if (!r.ok) throw new Error(r.message);
    expect(r.kernels.map((k) => k.name)).toEqual(['update_inputs']);
    expect(r.kernels[0].code).toContain('const SIZE');
  });

  it('gives a plastic projection its propagate kernel and the three STDP kernels', () => {
    const r = shadersForNode(doc, 'inputs_neuron');
    if (!r.ok) throw new Error(r.message);
    expect(r.kernels.map((k) => k.name)).toEqual(['propagate_inputs_neuron', 'stdp_pre_inputs_neuron', 'stdp_post_inputs_neuron', 'stdp_trace_inputs_neuron']);
    expect(r.kernels[0].layout.map((l) => l.buffer)).toContain('spk_inputs');
  });

  it('a current input and a current projection have no kernel of their own, and say where their current goes', () => {
    const d = load(hh);
    const src = shadersForNode(d, 'current'), pj = shadersForNode(d, 'current_neuron'), tgt = shadersForNode(d, 'neuron');
    if (!src.ok || !pj.ok || !tgt.ok) throw new Error('hodgkin-huxley does not compile');
    expect(src.kernels).toEqual([]);
    expect(src.note).toMatch(/current input/);
    expect(pj.kernels).toEqual([]);
    expect(pj.note).toMatch(/update kernel of "neuron"/);
    // …and the target's update kernel binds the current buffers.
    expect(tgt.kernels[0].layout.map((l) => l.buffer)).toEqual(expect.arrayContaining(['cur_neuron', 'curw_neuron']));
  });

  it('layout rows match the Program: every binding declared, in order, with the buffer\'s byte size', () => {
    const program = buildProgram(compileNetwork(doc, { seed: doc.simulation.seed }), { chunkSteps: 1000 });
    const bytes = new Map(program.buffers.map((b) => [b.name, b.bytes]));
    for (const k of program.kernels) {
      const rows = kernelLayout(k, program);
      expect(rows.map((r) => r.binding)).toEqual(k.bindings.map((_, i) => i));
      expect(rows.map((r) => r.buffer)).toEqual(k.bindings);
      for (const row of rows) expect(row.bytes).toBe(bytes.get(row.buffer));
    }
    // The record capacity chosen for 200 inputs × 1000 steps: rec_ holds 8 bytes an entry.
    const rec = shadersForNode(doc, 'inputs');
    if (!rec.ok) throw new Error(rec.message);
    expect(rec.kernels[0].layout.find((l) => l.variable === 'rec')!.bytes).toBe(8 * program.recCap.inputs);
  });

  it('follows the document: a new size is baked into the kernel', () => {
    const d = structuredClone(doc);
    d.nodes.find((n) => n.id === 'inputs')!.size = 321;
    const r = shadersForNode(d, 'inputs');
    if (!r.ok) throw new Error(r.message);
    expect(r.kernels[0].code).toContain('const SIZE: u32 = 321u;');
  });

  it('reports a document with problems, and a compile error, as a message; an unknown id as no kernels', () => {
    // One-to-one between 200 inputs and 1 neuron: the document check's error, as Run would refuse it.
    const bad = structuredClone(doc);
    bad.projections[0].connectivity = { rule: 'one_to_one' };
    const r = shadersForNode(bad, 'inputs_neuron');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^The network has 1 problem \(listed in the Inspector\): .*equal sizes.*Fix it/);
    // dt = 0 passes the document check and is refused by the compiler: its message, not a throw.
    const dt = structuredClone(doc);
    dt.simulation.dt_ms = 0;
    const c = shadersForNode(dt, 'neuron');
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.message).toBe('The network does not compile: dt must be above 0 ms, got 0');
    const u = shadersForNode(doc, 'nobody');
    expect(u.ok).toBe(false);
  });
});
