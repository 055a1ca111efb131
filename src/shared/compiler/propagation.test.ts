// The propagation heuristic's choices on a few IRs, the forced modes, the densified matrix (same integers as
// the CPU engine), and what the Program, describeProgram and the kernels' header comments say about it.
import { describe, expect, it } from 'vitest';
import { loadDocument, type NetworkDocument } from '../graph';
import {
  AUTO_DENSE_MIN_POST, buildProgram, choosePropagation, compileNetwork, densify, describeProgram, PHASE, quantize, type ProjectionIR,
} from '.';
import { propagationNetwork } from './propagation-network';

function net(pre: number, post: number, connectivity: unknown, extra: Record<string, unknown> = {}): NetworkDocument {
  const r = loadDocument({ format: 'snn-network', version: 1, meta: { name: 't' }, simulation: { dt_ms: 0.1, duration_ms: 10, seed: 3 },
    nodes: [{ id: 'a', kind: 'input', model: 'poisson', size: pre }, { id: 'b', kind: 'population', model: 'lif', size: post }],
    projections: [{ id: 'p', source: 'a', target: 'b', connectivity, weight: { dist: 'uniform', low: 0, high: 0.1 }, ...extra }] });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}
const pj = (d: NetworkDocument): ProjectionIR => compileNetwork(d).projections[0];
const stdp = { plasticity: { rule: 'stdp', a_plus: 0.01, a_minus: 0.01, w_max: 0.1 } };

describe('choosePropagation (auto)', () => {
  it.each([
    ['all-to-all 1000 → 1000', net(1000, 1000, { rule: 'all_to_all' }), 'dense'],
    ['all-to-all 500 → 4000', net(500, 4000, { rule: 'all_to_all' }), 'dense'],
    ['all-to-all 2 → 100 (coincidence detection)', net(2, 100, { rule: 'all_to_all' }), 'dense'],
    ['all-to-all plastic 300 → 100', net(300, 100, { rule: 'all_to_all' }, stdp), 'dense'],
    ['all-to-all 200 → 1 (stdp example: one thread would loop over every spike)', net(200, 1, { rule: 'all_to_all' }, stdp), 'csr'],
    [`all-to-all 20 → ${AUTO_DENSE_MIN_POST - 1} (few threads but few spikes)`, net(20, AUTO_DENSE_MIN_POST - 1, { rule: 'all_to_all' }), 'dense'],
    ['COBA-like 2 % of 3200 × 3200', net(3200, 3200, { rule: 'fixed_probability', p: 0.02 }), 'csr'],
    ['small and dense: 50 % of 300 × 200', net(300, 200, { rule: 'fixed_probability', p: 0.5 }), 'dense'],
    ['small and 15 % dense: 1000 × 1000', net(1000, 1000, { rule: 'fixed_probability', p: 0.15 }), 'dense'],
    ['small but sparse: 5 % of 300 × 200', net(300, 200, { rule: 'fixed_probability', p: 0.05 }), 'csr'],
    ['dense but large: 50 % of 1100 × 1000', net(1100, 1000, { rule: 'fixed_probability', p: 0.5 }), 'csr'],
    ['small, dense and plastic (w_ must stay in CSR order)', net(300, 200, { rule: 'fixed_probability', p: 0.5 }, stdp), 'csr'],
  ] as const)('%s → %s', (_, d, want) => {
    expect(choosePropagation(pj(d)).strategy).toBe(want);
  });

  it('forced modes: csr everywhere; dense where exact, else csr with the reason', () => {
    const sparse = pj(net(3200, 800, { rule: 'fixed_probability', p: 0.02 }));
    expect(choosePropagation(sparse, 'csr')).toEqual({ strategy: 'csr', reason: 'forced csr' });
    expect(choosePropagation(sparse, 'dense').strategy).toBe('dense');
    expect(choosePropagation(pj(net(200, 1, { rule: 'all_to_all' }, stdp)), 'dense').strategy).toBe('dense');
    expect(choosePropagation(pj(net(30, 20, { rule: 'fixed_probability', p: 0.5 }, stdp)), 'dense')).toEqual({ strategy: 'csr', reason: 'forced dense but plastic sparse: csr' });
    expect(choosePropagation(pj(net(5000, 4000, { rule: 'fixed_probability', p: 0.001 })), 'dense').reason).toMatch(/matrix too large/);
    const dupDelays = net(3, 4, { rule: 'explicit', pre: [0, 0, 2], post: [1, 1, 3] }, { delay: { kind: 'explicit', ms: [0.1, 0.5, 1] } });
    expect(choosePropagation(pj(dupDelays), 'dense').reason).toMatch(/repeated pairs with per-synapse delays/);
  });
});

describe('densify', () => {
  it('sums repeated pairs into one cell with the integers the CPU adds one by one; delays per cell', () => {
    const d = net(3, 4, { rule: 'explicit', pre: [0, 0, 2, 1], post: [1, 1, 3, 0] }, { weight: { dist: 'explicit', values: [0.3, -0.7, 0.25, 1e-9] } });
    const p = pj(d), scale = 2 ** 20;
    const m = densify(p, 20);
    expect(m.delay).toBeNull();
    const want = new Int32Array(12);
    want[1] = quantize(0.3, scale) + quantize(-0.7, scale);
    want[2 * 4 + 3] = quantize(0.25, scale);
    want[1 * 4 + 0] = quantize(1e-9, scale);
    expect(Array.from(m.q)).toEqual(Array.from(want));
    const withDelays = pj(net(3, 4, { rule: 'explicit', pre: [0, 2], post: [1, 3] }, { delay: { kind: 'explicit', ms: [0.5, 1.2] } }));
    expect(Array.from(densify(withDelays, 20).delay!)).toEqual([0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12]);
  });
});

describe('Program and describeProgram', () => {
  it('records the strategy per projection, in program.json and in each propagate kernel header', () => {
    const ir = compileNetwork(propagationNetwork(1));
    const p = buildProgram(ir, { chunkSteps: 10 });
    expect(p.propagation).toEqual({ in_A: 'dense', gen_B: 'csr', gen_A: 'csr', A_B: 'dense', in_B: 'csr' });
    const desc = JSON.parse(JSON.stringify(describeProgram(p)));
    expect(desc.propagation).toEqual(p.propagation);
    const head = (id: string, q = p) => q.kernels.find((k) => k.name === `propagate_${id}`)!.code.split('\n')[0];
    expect(head('in_A')).toMatch(/dense post-span .* f32 weights .* delay 3; auto: all-to-all\. Uses: ctrl, spk_in, w_in_A, ring_A\.$/);
    expect(head('A_B')).toMatch(/dense post-span .* densified i32 weights, per-synapse delays; auto: small .*Uses: ctrl, spk_A, wq_A_B, dly_A_B, ring_B\.$/);
    expect(head('in_B')).toMatch(/event-driven pre-span, CSR, \d+ lanes per spike; auto: sparse/);
    // The dense kernel is a fixed launch of nPost threads; the plastic all-to-all keeps rowptr/post for STDP.
    expect(p.step.find((s) => s.kernel === 'propagate_in_A')).toEqual({ kernel: 'propagate_in_A', threads: 70, phase: PHASE.propagate, gridStride: true });
    expect(p.buffers.map((b) => b.name)).toEqual(expect.arrayContaining(['rowptr_in_A', 'post_in_A', 'w_A_B', 'wq_A_B', 'dly_A_B']));
    expect(p.buffers.map((b) => b.name)).not.toContain('post_A_B');
    // Indirect launches only the CSR kernels, in order.
    const pi = buildProgram(ir, { chunkSteps: 10, propagate: 'indirect' });
    expect(pi.step.filter((s) => 'indirect' in s)).toEqual([
      { kernel: 'propagate_gen_B', indirect: 0 }, { kernel: 'propagate_gen_A', indirect: 1 }, { kernel: 'propagate_in_B', indirect: 2 }]
      .map((d) => ({ ...d, phase: PHASE.propagate, gridStride: true })));
    expect(pi.step.find((s) => s.kernel === 'propagate_A_B')).toEqual({ kernel: 'propagate_A_B', threads: 45, phase: PHASE.propagate, gridStride: true });
    const pc = buildProgram(ir, { chunkSteps: 10, propagation: 'csr' });
    expect(Object.values(pc.propagation).every((s) => s === 'csr')).toBe(true);
    expect(head('in_A', pc)).toMatch(/event-driven pre-span, all-to-all rows, .*; forced csr\./);
  });
});
