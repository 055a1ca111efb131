// The CPU engine's two derived forms of every neuron model — the WebAssembly module (./wasm.ts) and the vector
// program (./cpu.ts, used where WebAssembly cannot compile) — give bit-identical states and spikes: both round
// every operation to f32 and call the same Math.exp/Math.log.
import { describe, expect, it } from 'vitest';
import { MODELS } from '..';
import { NEURON_RULES } from '../../compiler/models';
import { CounterRng } from '../../rng';
import { neuronStep } from './cpu';

const N = 777; // not a multiple of the vector program's block

describe('every neuron model: WebAssembly form = vector program, bit for bit', () => {
  for (const m of MODELS.filter((x) => x.kind === 'neuron')) {
    it(m.id, () => {
      const rule = NEURON_RULES[m.id];
      const wasm = neuronStep(rule.dynamics, N), js = neuronStep(rule.dynamics, N, { wasm: false });
      expect(wasm.vars[0].buffer, 'the WebAssembly form compiled (its arrays are views of its memory)').not.toBe(js.vars[0].buffer);
      const r = new CounterRng(7, 0xa5);
      const params: Record<string, number> = {};
      for (const p of m.params) params[p.name] = p.type === 'enum' ? r.int(p.options!.length) : (p.default as number);
      const all = { ...params, ...rule.derived(params, 0.1) };
      const init = rule.init(all), roles = m.roles!;
      const lo = roles.rest ? params[roles.rest] : 0, span = Math.max(1, (roles.threshold ? params[roles.threshold] : lo + 1) - lo);
      rule.vars.forEach((v, q) => {
        for (let i = 0; i < N; i++) {
          const x = v === roles.membrane ? lo - span + 3 * span * r.next() : v === 'refrac' ? r.int(3) : v === 'spk_prev' ? r.int(2) : init[v] * (0.5 + r.next());
          wasm.vars[q][i] = js.vars[q][i] = x;
        }
      });
      let spikes = 0;
      for (let step = 0; step < 20; step++) {
        for (let i = 0; i < N; i++) {
          wasm.I[i] = js.I[i] = (r.next() - 0.3) * span * 2;
          wasm.delta[i] = js.delta[i] = r.next() < 0.2 ? 4 * span * r.next() : 0;
        }
        wasm.run(all); js.run(all);
        rule.vars.forEach((v, q) => expect(Array.from(wasm.vars[q]), `${m.id} ${v} after step ${step}`).toEqual(Array.from(js.vars[q])));
        expect(Array.from(wasm.spiked)).toEqual(Array.from(js.spiked));
        spikes += wasm.spiked.reduce((a, b) => a + b, 0);
      }
      if (rule.dynamics.spiking) expect(spikes).toBeGreaterThan(0);
    });
  }
});
