// The compiler: connectivity rules → CSR, weights and delays, determinism by seed, --set overrides and their
// errors, delay limits, fixed-point scaling, and the Program's kernels.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument, type NetworkDocument } from '../graph';
import { buildProgram, lanesFor, compileNetwork, CompileError, describeProgram, MAX_DELAY_STEPS, parseOverride, quantize } from '.';

function doc(nodes: unknown[], projections: unknown[] = [], dt = 0.1): NetworkDocument {
  const r = loadDocument({ format: 'snn-network', version: 1, meta: { name: 't' }, simulation: { dt_ms: dt, duration_ms: 10, seed: 1 }, nodes, projections });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}
const pop = (id: string, size: number, model = 'lif') => ({ id, kind: 'population', model, size });
const proj = (connectivity: unknown, extra: Record<string, unknown> = {}) => ({ id: 'p', source: 'a', target: 'b', connectivity, weight: { dist: 'constant', value: 1 }, ...extra });
const rows = (rowPtr: Uint32Array, post: Uint32Array) => Array.from({ length: rowPtr.length - 1 }, (_, i) => Array.from(post.subarray(rowPtr[i], rowPtr[i + 1])));

describe('connectivity → CSR', () => {
  it('all_to_all, with and without self-connections', () => {
    const ir = compileNetwork(doc([pop('a', 3), pop('b', 2)], [proj({ rule: 'all_to_all' })]));
    expect(rows(ir.projections[0].rowPtr, ir.projections[0].post)).toEqual([[0, 1], [0, 1], [0, 1]]);
    expect(ir.projections[0].dense).toBe(true);
    const self = compileNetwork(doc([pop('a', 3)], [{ ...proj({ rule: 'all_to_all', allow_self: false }), target: 'a' }]));
    expect(rows(self.projections[0].rowPtr, self.projections[0].post)).toEqual([[1, 2], [0, 2], [0, 1]]);
    expect(self.projections[0].dense).toBe(false);
  });

  it('one_to_one and explicit (grouped by pre, explicit weights and delays follow their synapses)', () => {
    const ir = compileNetwork(doc([pop('a', 3), pop('b', 3)], [proj({ rule: 'explicit', pre: [2, 0, 2, 1], post: [0, 1, 2, 2] },
      { weight: { dist: 'explicit', values: [0.1, 0.2, 0.3, 0.4] }, delay: { kind: 'explicit', ms: [1, 2, 3, 4] } })]));
    const p = ir.projections[0];
    expect(rows(p.rowPtr, p.post)).toEqual([[1], [2], [0, 2]]);
    expect(Array.from(p.weight)).toEqual([0.2, 0.4, 0.1, 0.3].map(Math.fround));
    expect(Array.from(p.delay)).toEqual([20, 40, 10, 30]);
    const o = compileNetwork(doc([pop('a', 4), pop('b', 4)], [proj({ rule: 'one_to_one' })])).projections[0];
    expect(rows(o.rowPtr, o.post)).toEqual([[0], [1], [2], [3]]);
  });

  it('fixed_probability: about p·n_pre·n_post synapses, no self-connections when asked, same seed → same network', () => {
    const d = doc([pop('a', 400)], [{ ...proj({ rule: 'fixed_probability', p: 0.05, allow_self: false }), target: 'a' }]);
    const a = compileNetwork(d).projections[0], b = compileNetwork(d).projections[0], c = compileNetwork(d, { seed: 2 }).projections[0];
    const expected = 0.05 * 400 * 399;
    expect(Math.abs(a.post.length - expected)).toBeLessThan(5 * Math.sqrt(expected));
    expect(Array.from(a.post)).toEqual(Array.from(b.post));
    expect(Array.from(a.post)).not.toEqual(Array.from(c.post));
    rows(a.rowPtr, a.post).forEach((r, i) => { expect(r).not.toContain(i); expect([...r].sort((x, y) => x - y)).toEqual(r); });
  });

  it('fixed_indegree: every target has exactly k distinct sources', () => {
    const p = compileNetwork(doc([pop('a', 50), pop('b', 30)], [proj({ rule: 'fixed_indegree', k: 7 })])).projections[0];
    const inc = Array.from({ length: 30 }, () => new Set<number>());
    rows(p.rowPtr, p.post).forEach((r, i) => r.forEach((j) => inc[j].add(i)));
    expect(p.post.length).toBe(210);
    expect(inc.every((s) => s.size === 7)).toBe(true);
  });
});

describe('weights and delays', () => {
  it('normal/uniform weights have the right moments; delays round to whole steps, zero becomes one step', () => {
    const ir = compileNetwork(doc([pop('a', 100), pop('b', 100)], [proj({ rule: 'all_to_all' }, { weight: { dist: 'normal', mean: 2, std: 0.5 }, delay: { kind: 'constant', ms: 0 } })]));
    const w = ir.projections[0].weight, n = w.length;
    const mean = w.reduce((a, x) => a + x, 0) / n, sd = Math.sqrt(w.reduce((a, x) => a + (x - mean) ** 2, 0) / n);
    expect(Math.abs(mean - 2)).toBeLessThan(0.02);
    expect(Math.abs(sd - 0.5)).toBeLessThan(0.02);
    expect(ir.projections[0].delayConst).toBe(1);
    expect(ir.maxDelay).toBe(1);
  });

  it('the coincidence detector delays ear 1 by best_itd(post), rounded to steps', () => {
    const d = loadDocument(JSON.parse(readFileSync(new URL('../../../resources/examples/coincidence-detection.snn.json', import.meta.url), 'utf8')));
    if (!d.ok) throw new Error();
    const p = compileNetwork(d.doc).projections[0];
    for (let j = 0; j < 100; j++) {
      expect(p.delay[j]).toBe(1);
      expect(p.delay[100 + j]).toBe(Math.max(1, Math.round((1000 * j) / (99 * 50) / 0.1)));
    }
    expect(compileNetwork(d.doc).maxDelay).toBe(200);
  });

  it('a delay beyond the ring-buffer limit is an invalid network, with the numbers', () => {
    const d = doc([pop('a', 1), pop('b', 1)], [proj({ rule: 'all_to_all' }, { delay: { kind: 'constant', ms: 10_000 } })]);
    expect(() => compileNetwork(d)).toThrow(CompileError);
    expect(() => compileNetwork(d)).toThrow(new RegExp(`delay 10000 ms = 100000 steps .* limit of ${MAX_DELAY_STEPS} steps`));
  });

  it('fixed-point bits leave room for the largest possible input; quantize rounds like the WGSL', () => {
    const ir = compileNetwork(doc([pop('a', 1000), pop('b', 1)], [proj({ rule: 'all_to_all' }, { weight: { dist: 'constant', value: 3 } })]));
    expect(ir.populations[1].channels[0].fixedBits).toBe(30 - Math.ceil(Math.log2(3000)));
    expect(quantize(0.5, 2 ** 24)).toBe(2 ** 23);
    expect(quantize(-0.3, 2 ** 10)).toBe(Math.floor(Math.fround(Math.fround(-0.3) * 1024) + 0.5));
  });
});

describe('--set overrides', () => {
  const d = () => doc([{ id: 'ears', kind: 'input', model: 'sound_source', size: 2 }, pop('det', 4)], [{ ...proj({ rule: 'all_to_all' }), source: 'ears', target: 'det' }]);
  it('parses NODE.PARAM=VALUE and applies numbers, sizes and booleans', () => {
    const ir = compileNetwork(d(), { overrides: ['ears.ipd_deg=90', 'det.size=7', 'ears.onset_delay=false', 'det.tau_ms=2.5'].map(parseOverride) });
    expect(ir.populations[0].params.ipd_deg).toBe(90);
    expect(ir.populations[0].params.onset_delay).toBe(false);
    expect(ir.populations[1].size).toBe(7);
    expect(ir.populations[1].params.tau_ms).toBe(2.5);
  });
  it.each([
    ['nope.x=1', /no node "nope" \(nodes: ears, det\)/],
    ['ears.ipdx=1', /has no parameter "ipdx" \(it has: size, ipd_deg/],
    ['ears.ipd_deg=ninety', /must be a number/],
    ['ears.ipd_deg=900', /above the maximum 360/],
    ['det.size=0', /size must be a whole number/],
    ['ears.onset_delay=maybe', /must be true or false/],
    ['garbage', /expected NODE.PARAM=VALUE/],
  ])('%s is a usage error', (text, re) => {
    const err = (() => { try { compileNetwork(d(), { overrides: [parseOverride(text)] }); } catch (e) { return e as CompileError; } })();
    expect(err).toBeInstanceOf(CompileError);
    expect(err!.kind).toBe('usage');
    expect(err!.message).toMatch(re);
  });
  it('a size that breaks the document is reported as invalid', () => {
    expect(() => compileNetwork(d(), { overrides: [parseOverride('ears.size=3')] })).toThrow(/after --set the network is invalid/);
  });
});

describe('Program', () => {
  it('lists WGSL kernels that each open with their bindings, and a step schedule ending in end_step', () => {
    const ir = compileNetwork(doc([{ id: 'a', kind: 'input', model: 'poisson', size: 10 }, pop('b', 5)], [proj({ rule: 'fixed_probability', p: 0.5 })]));
    const p = buildProgram(ir, { chunkSteps: 50, propagation: 'csr' });
    expect(p.kernels.map((k) => k.name)).toEqual(['update_a', 'update_b', 'propagate_p', 'end_step']);
    expect(p.step.find((d) => d.kernel === 'propagate_p')).toEqual({ kernel: 'propagate_p', threads: 10 * lanesFor(ir.projections[0]), phase: 1, gridStride: true });
    const pi = buildProgram(ir, { chunkSteps: 50, propagate: 'indirect', propagation: 'csr' });
    expect(pi.kernels.map((k) => k.name)).toEqual(['update_a', 'update_b', 'indirect', 'propagate_p', 'end_step']);
    expect(pi.step.find((d) => d.kernel === 'propagate_p')).toEqual({ kernel: 'propagate_p', indirect: 0, phase: 1, gridStride: true });
    for (const k of p.kernels) expect(k.code.split('\n')[0]).toMatch(new RegExp(`^// ${k.name}: .*`));
    expect(p.step.at(-1)).toEqual({ kernel: 'end_step', threads: 1, phase: 2 });
    expect(JSON.parse(JSON.stringify(describeProgram(p))).buffers.find((b: { name: string }) => b.name === 'ring_b').bytes).toBe(4 * 2 * 5);
  });

  it('updates write spike flags only for populations an STDP kernel reads them from', () => {
    const flagWrite = /spk\[[^\]]*\] = select\(0u, 1u, spiked\)/;
    const stdp = { plasticity: { rule: 'stdp', a_plus: 0.01, a_minus: 0.012, tau_plus_ms: 20, tau_minus_ms: 20, w_min: 0, w_max: 1 } };
    const nets = [
      [[pop('a', 10), pop('b', 5), pop('c', 3)], [proj({ rule: 'all_to_all' }, stdp), { ...proj({ rule: 'all_to_all' }), id: 'q', source: 'b', target: 'c' }]],
      [[pop('a', 10), pop('b', 5), pop('c', 3)], [proj({ rule: 'all_to_all' }), { ...proj({ rule: 'all_to_all' }), id: 'q', source: 'b', target: 'c' }]],
    ] as const;
    const flagged = nets.map(([nodes, projections]) => {
      const p = buildProgram(compileNetwork(doc([...nodes], [...projections])), { chunkSteps: 10 });
      return ['a', 'b', 'c'].filter((id) => flagWrite.test(p.kernels.find((k) => k.name === `update_${id}`)!.code));
    });
    expect(flagged).toEqual([['a', 'b'], []]);
  });
});
