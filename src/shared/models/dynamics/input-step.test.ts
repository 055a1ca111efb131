// The CPU engine's three forms of a population's step with its synaptic input (./wasm.ts InputStep): WebAssembly
// with SIMD (four neurons per instruction), scalar WebAssembly and the typed-array loops (./cpu.ts inputStep) give
// bit-identical state, channel state, cleared ring slots, spike flags and spike lists for every neuron model, with
// every channel kind and a current source (tolerance zero: the same f32 operations in the same order per neuron).
import { describe, expect, it } from 'vitest';
import { MODELS } from '..';
import { NEURON_RULES } from '../../compiler/models';
import { CounterRng } from '../../rng';
import { inputStep } from './cpu';
import type { SynapticInput } from './wasm';

const N = 777; // not a multiple of 4: the SIMD form's last neurons run in its scalar loop
const R = 3;

describe('every neuron model with synaptic input: WebAssembly SIMD = scalar WebAssembly = typed-array loops, bit for bit', () => {
  for (const m of MODELS.filter((x) => x.kind === 'neuron')) {
    it(m.id, () => {
      const rule = NEURON_RULES[m.id], roles = m.roles!;
      const input: SynapticInput = { kinds: ['conductance', 'exponential', 'delta'], membrane: roles.membrane ?? 'v', ringSlots: R, currents: 1 };
      const forms = [inputStep(rule.dynamics, N, input), inputStep(rule.dynamics, N, input, { simd: false }), inputStep(rule.dynamics, N, input, { wasm: false })];
      expect(forms.map((f) => f.form)).toEqual(['wasm-simd', 'wasm', 'js']);
      const r = new CounterRng(11, 0x5a);
      const params: Record<string, number> = {};
      for (const p of m.params) params[p.name] = p.type === 'enum' ? r.int(p.options!.length) : (p.default as number);
      const all: Record<string, number> = { ...params, ...rule.derived(params, 0.1) };
      const lo = roles.rest ? params[roles.rest] : 0, span = Math.max(1, (roles.threshold ? params[roles.threshold] : lo + 1) - lo);
      // Channel constants as the compiler gives them (f32): E_rev above and below rest, 2^-F, decay.
      Object.assign(all, { ch0_erev: Math.fround(lo + 4 * span), ch0_inv_scale: 2 ** -16, ch0_decay: Math.fround(Math.exp(-0.02)),
        ch1_erev: 0, ch1_inv_scale: 2 ** -14, ch1_decay: Math.fround(Math.exp(-0.05)), ch2_erev: 0, ch2_inv_scale: 2 ** -12, ch2_decay: 0 });
      const init = rule.init(all);
      const set = (pick: (f: (typeof forms)[number]) => Float32Array | Int32Array, x: (i: number) => number) => {
        const arrs = forms.map(pick);
        for (let i = 0; i < arrs[0].length; i++) { const v = x(i); for (const a of arrs) a[i] = v; }
      };
      rule.vars.forEach((v, q) => set((f) => f.vars[q], () => (v === roles.membrane ? lo - span + 3 * span * r.next() : v === 'refrac' ? r.int(3) : v === 'spk_prev' ? r.int(2) : init[v] * (0.5 + r.next()))));
      set((f) => f.g[0], () => 0.05 * r.next());
      set((f) => f.g[1], () => (r.next() - 0.3) * 0.5 * span);
      set((f) => f.currentWeights, () => r.next() - 0.4);
      let spikes = 0;
      for (let step = 0; step < 20; step++) {
        // Arrivals in every slot (negative ones too: inhibitory weights), fixed point.
        // Per arrival about 0.05 of conductance, half a span of current, 0.3 span of delta (in each channel's fixed point).
        const perArrival = [0.05 * 2 ** 16, 0.5 * span * 2 ** 14, 0.3 * span * 2 ** 12];
        set((f) => f.ring, (i) => (r.next() < 0.3 ? Math.round((r.next() - 0.4) * perArrival[Math.floor(i / (R * N))]) : 0));
        const counts = forms.map((f) => f.run(all, step % R, [Math.fround(0.3 * span * Math.sin(step))]));
        expect(counts[1]).toBe(counts[0]);
        expect(counts[2]).toBe(counts[0]);
        const [a, ...rest] = forms;
        for (const b of rest) {
          rule.vars.forEach((v, q) => expect(Array.from(b.vars[q]), `${m.id} ${v} step ${step} (${b.form})`).toEqual(Array.from(a.vars[q])));
          a.g.forEach((g, k) => expect(Array.from(b.g[k]), `${m.id} g${k} step ${step} (${b.form})`).toEqual(Array.from(g)));
          expect(Array.from(b.ring)).toEqual(Array.from(a.ring));
          expect(Array.from(b.spiked)).toEqual(Array.from(a.spiked));
          expect(Array.from(b.spikeList.subarray(0, counts[0]))).toEqual(Array.from(a.spikeList.subarray(0, counts[0])));
        }
        expect(counts[0], 'inputs in range: every state value stays finite').toBeGreaterThanOrEqual(0);
        spikes += counts[0];
      }
      if (rule.dynamics.spiking) expect(spikes).toBeGreaterThan(0);
    });
  }
});

describe('a value that is not finite is flagged by every form', () => {
  const rule = NEURON_RULES.lif, m = MODELS.find((x) => x.id === 'lif')!;
  const params: Record<string, number> = {};
  for (const p of m.params) params[p.name] = p.type === 'enum' ? 0 : (p.default as number);
  const all: Record<string, number> = { ...params, ...rule.derived(params, 0.1), ch0_erev: 0, ch0_inv_scale: 2 ** -16, ch0_decay: 0.9 };
  const input: SynapticInput = { kinds: ['exponential'], membrane: 'v', ringSlots: 1, currents: 0 };
  // Neuron 5: inside the SIMD loop; neuron 776: in its scalar tail. Channel state (g) or update state (v).
  it.each([[5, 'g'], [776, 'g'], [5, 'v'], [776, 'v']] as const)('neuron %i, %s', (at, where) => {
    for (const opts of [{}, { simd: false }, { wasm: false }]) {
      const f = inputStep(rule.dynamics, N, input, opts);
      rule.vars.forEach((v, q) => f.vars[q].fill(v === 'v' ? params.v_rest : 0));
      expect(f.run(all, 0, []), `${f.form}: all finite`).toBeGreaterThanOrEqual(0);
      if (where === 'g') f.g[0][at] = Infinity; else f.vars[rule.vars.indexOf('v')][at] = NaN;
      expect(f.run(all, 0, []), f.form).toBe(-1);
    }
  });
});
