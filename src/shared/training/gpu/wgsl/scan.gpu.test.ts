// The GPU trainer's generated step (./scan.ts stepWgsl, real WGSL on the test device) against the CPU trainer's
// lane program (../../lanes.ts) — both emitted from the same tape — one step from random states, for every
// trainable model and reset timing: the forward (output and new state) and the backward (dL/d state before,
// dL/d delta, dL/d I from random adjoints of the outputs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTestDevice } from '../../../../../test/gpu';
import { getModel } from '../../../models';
import { NEURON_RULES } from '../../../compiler/models';
import { CounterRng } from '../../../rng';
import { laneProgram, populationTape } from '../../lanes';
import type { SurrogateKind } from '../../plan';
import { stepWgsl } from './scan';
import { surrogateWgsl } from './surrogate';

let device: GPUDevice;
beforeAll(async () => { device = await getTestDevice('training-step'); });
afterAll(() => device?.destroy());

const L = 1024;
const DT = 1;

interface Case { name: string; model: string; params: Record<string, number | string>; usesI: boolean; surrogate: SurrogateKind }

const CASES: Case[] = [
  { name: 'LIF, tutorial reset', model: 'lif', params: { reset_timing: 'tutorial' }, usesI: false, surrogate: 'sigmoid' },
  { name: 'LIF, immediate reset, rest/R/reset off zero, refractoriness, current input', model: 'lif', params: { v_rest: -0.2, v_reset: -0.4, r: 2, refractory_ms: 2 }, usesI: true, surrogate: 'fast_sigmoid' },
  { name: 'adaptive LIF, tutorial reset', model: 'adaptive_lif', params: { reset_timing: 'tutorial', v_rest: 0.1 }, usesI: false, surrogate: 'arctan' },
  { name: 'adaptive LIF, immediate reset, refractoriness, current input', model: 'adaptive_lif', params: { refractory_ms: 3 }, usesI: true, surrogate: 'sigmoid' },
  { name: 'leaky-integrator readout, current input, rest and R off default', model: 'leaky_integrator', params: { v_rest: 0.3, r: 1.5 }, usesI: true, surrogate: 'sigmoid' },
];

function numericParams(model: string, over: Record<string, number | string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of getModel(model)!.params) {
    const v = over[p.name] ?? p.default;
    out[p.name] = typeof v === 'number' ? v : typeof v === 'boolean' ? +v : Math.max(0, p.options?.indexOf(String(v)) ?? 0);
  }
  return out;
}

const f32 = (x: number) => Math.fround(x);

async function gpuStep(code: string, inputs: Float32Array, outWords: number): Promise<Float32Array> {
  const buf = (size: number, usage: number) => device.createBuffer({ size, usage });
  const bIn = buf(inputs.byteLength, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
  device.queue.writeBuffer(bIn, 0, inputs);
  const bOut = buf(outWords * L * 4, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC);
  const read = buf(outWords * L * 4, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code }), entryPoint: 'main' } });
  const bg = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [bIn, bOut].map((b, binding) => ({ binding, resource: { buffer: b } })) });
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass();
  pass.setPipeline(pipeline); pass.setBindGroup(0, bg); pass.dispatchWorkgroups(L / 64); pass.end();
  enc.copyBufferToBuffer(bOut, 0, read, 0, outWords * L * 4);
  device.queue.submit([enc.finish()]);
  await read.mapAsync(GPUMapMode.READ);
  const out = new Float32Array(read.getMappedRange().slice(0));
  for (const b of [bIn, bOut, read]) b.destroy();
  return out;
}

describe('generated GPU step = the CPU trainer\'s step, forward and backward, from random states', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const d = NEURON_RULES[c.model].dynamics, model = getModel(c.model)!;
      const params = numericParams(c.model, c.params);
      const beta = 5;
      const tape = populationTape(d, params, DT, model.roles!.membrane, c.usesI);
      const cpu = laneProgram(d, params, DT, L, model.roles!.membrane, c.usesI, { surrogate: { kind: c.surrogate, beta } });
      const K = tape.stateVars.length;
      expect(cpu.stateVars).toEqual(tape.stateVars);
      // Random f32 inputs (so both sides start from the same values): the membrane and thresholds spread around
      // rest … threshold, refractory counters 0 (half the lanes) or 1–3, the previous spike 0/1; delta and I of either sign; random adjoints.
      const r = new CounterRng(7, c.name.length);
      const vth = params.v_th ?? params.v_th0 ?? 1;
      const state = tape.stateVars.map((v) => Float64Array.from({ length: L }, () => f32(
        v === 'refrac' ? (r.next() < 0.5 ? 0 : 1 + r.int(3)) : v === 'spk_prev' ? r.int(2) : v === 'v_th' ? vth + 0.5 * r.next() : -1 + 3 * vth * r.next())));
      const delta = Float64Array.from({ length: L }, () => f32(r.next() < 0.5 ? 0 : 1.2 * (r.next() - 0.3)));
      const I = Float64Array.from({ length: L }, () => f32(c.usesI ? 0.8 * (r.next() - 0.3) : 0));
      const gAfter = tape.stateVars.map(() => Float64Array.from({ length: L }, () => f32(r.next() - 0.5)));
      const gOut = Float64Array.from({ length: L }, () => f32(r.next() - 0.5));

      // CPU (f64): forward, then backward from the same state.
      const out = new Float64Array(L), sNew = state.map((s) => s.slice());
      cpu.step(sNew, delta, c.usesI ? I : undefined, out);
      const gState = gAfter.map((g) => g.slice()), gDelta = new Float64Array(L), gI = new Float64Array(L);
      cpu.backward(state, delta, c.usesI ? I : undefined, gState, gOut, gDelta, c.usesI ? gI : undefined);

      // GPU: inputs laid out [K state | delta | I | K adjoints | gOut] × L; outputs [out | K state | K gState | gDelta | gI].
      const W = 2 * K + 4;
      const inputs = new Float32Array((2 * K + 3) * L);
      state.forEach((s, k) => inputs.set(s, k * L));
      inputs.set(delta, K * L); inputs.set(I, (K + 1) * L);
      gAfter.forEach((g, k) => inputs.set(g, (K + 2 + k) * L));
      inputs.set(gOut, (2 * K + 2) * L);
      const at = (j: number) => `${j}u * ${L}u + i`;
      const code = /* wgsl */ `${surrogateWgsl(c.surrogate, beta)}${stepWgsl(tape)}
@group(0) @binding(0) var<storage, read> IN: array<f32>;
@group(0) @binding(1) var<storage, read_write> OUT: array<f32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  var s = st_init();
  ${tape.stateVars.map((_, k) => `s.s${k} = IN[${at(k)}];`).join(' ')}
  let s0 = s;
  let delta = IN[${at(K)}];
  let I = IN[${at(K + 1)}];
  OUT[${at(0)}] = step(&s, delta, I, i);
  ${tape.stateVars.map((_, k) => `OUT[${at(1 + k)}] = s.s${k};`).join(' ')}
  var g = st_init();
  ${tape.stateVars.map((_, k) => `g.s${k} = IN[${at(K + 2 + k)}];`).join(' ')}
  let gd = back(s0, delta, I, &g, IN[${at(2 * K + 2)}], i);
  ${tape.stateVars.map((_, k) => `OUT[${at(1 + K + k)}] = g.s${k};`).join(' ')}
  OUT[${at(2 * K + 1)}] = gd.x;
  OUT[${at(2 * K + 2)}] = gd.y;
  OUT[${at(2 * K + 3)}] = 0.0;
}`;
      const got = await gpuStep(code, inputs, W);
      const gpu = (j: number, i: number) => got[j * L + i];

      // Bound, relative to S = 1 + the largest |input| of the lane. Forward: at most ~10 f32 operations (+ − × and
      // selects; the decay constants come from the host), each rounding once (ε = 6e-8): ≤ 6e-7·S; we allow
      // 1e-6·S (measured ≤ 1e-7·S on SwiftShader). Backward: the same recomputation, then the adjoints through
      // the chain's constants (decay < 1, R ≤ 2) and the surrogate, whose exp() WGSL allows 3 + 2|x| ulp
      // (|βx| ≤ 15 here: ~33 ulp ≈ 2e-6), times β ≤ 5: 2e-5·S (measured ≤ 4e-7·S). A spike is 0/1 on both sides
      // unless the threshold's argument lies within f32 rounding of 0 — with these seeded draws none does; a
      // flipped spike fails the output check.
      let spikes = 0, worstF = 0, worstB = 0;
      for (let i = 0; i < L; i++) {
        const S = 1 + Math.max(Math.abs(delta[i]), Math.abs(I[i]), ...state.map((s) => Math.abs(s[i])), ...gAfter.map((g) => Math.abs(g[i])), Math.abs(gOut[i]));
        if (tape.spiking) { expect(gpu(0, i), `lane ${i}: spike`).toBe(out[i]); spikes += out[i]; }
        worstF = Math.max(worstF, Math.abs(gpu(0, i) - out[i]) / S);
        for (let k = 0; k < K; k++) worstF = Math.max(worstF, Math.abs(gpu(1 + k, i) - sNew[k][i]) / S);
        for (let k = 0; k < K; k++) worstB = Math.max(worstB, Math.abs(gpu(1 + K + k, i) - gState[k][i]) / S);
        worstB = Math.max(worstB, Math.abs(gpu(2 * K + 1, i) - gDelta[i]) / S);
        if (c.usesI) worstB = Math.max(worstB, Math.abs(gpu(2 * K + 2, i) - gI[i]) / S);
      }
      expect(worstF, 'forward').toBeLessThan(1e-6);
      expect(worstB, 'backward').toBeLessThan(2e-5);
      if (tape.spiking) { expect(spikes).toBeGreaterThan(L / 20); expect(spikes).toBeLessThan(L - L / 20); }
      // The backward is not trivially zero: the adjoints reach delta on every lane that is not refractory.
      expect(gDelta.filter((x) => x !== 0).length).toBeGreaterThan(L / 3);
    });
  }
});
