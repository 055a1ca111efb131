// The STDP constants (./stdp-constants.ts), defined once by name: the values against their definitions
// (decay = exp(−dt/τ), rounded to f32), the buffer's bytes against the WGSL struct Stdp as webgpu-utils lays it
// out (offsets by the WGSL rules: every field f32, AlignOf 4, SizeOf 4, in order), and every generated STDP
// kernel reading each constant it uses from that field's word and nowhere else by position. The GPU = CPU
// suites (../engine/gpu-engine.gpu.test.ts, ./propagation.gpu.test.ts) run the kernels against the CPU engine.
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeShaderDataDefinitions, makeStructuredView } from 'webgpu-utils/dist/1.x/webgpu-utils.module.js';
import { compileNetwork } from './index';
import { propagationNetwork } from './propagation-network';
import { stdpKernels } from './kernels/stdp.wgsl';
import { packStdp, STDP_BYTES, STDP_FIELDS, STDP_WGSL, stdpConstants, stdpLetsWgsl } from './stdp-constants';

// The reflection reads WebGPU's GPUShaderStage global, which the `webgpu` package installs in Node.
beforeAll(() => { Object.assign(globalThis, createRequire(import.meta.url)('webgpu').globals); });

const ir = compileNetwork(propagationNetwork(3));
const pj = ir.projections.find((p) => p.plasticity)!;

describe('STDP constants', () => {
  it('are the rule\'s parameters and exp(−dt/τ), as f32', () => {
    const c = stdpConstants(pj, ir.dtMs);
    // propagationNetwork's rule: a_plus 0.005, a_minus 0.00525, τ± 20 ms, w in [0, 0.05]; dt 0.1 ms.
    expect(c).toEqual({
      a_plus: Math.fround(0.005), a_minus: Math.fround(0.00525), decay_plus: Math.fround(Math.exp(-0.1 / 20)),
      decay_minus: Math.fround(Math.exp(-0.1 / 20)), w_min: 0, w_max: Math.fround(0.05),
    });
    expect(() => stdpConstants(ir.projections.find((p) => !p.plasticity)!, ir.dtMs)).toThrow(/no plasticity rule/);
  });

  it('are packed as the WGSL struct Stdp is laid out', () => {
    const def = makeShaderDataDefinitions(STDP_WGSL).structs.Stdp;
    expect(Object.keys(def.fields)).toEqual([...STDP_FIELDS]);
    expect(def.size).toBe(STDP_BYTES);
    STDP_FIELDS.forEach((f, k) => expect(def.fields[f].offset, f).toBe(4 * k));
    const c = stdpConstants(pj, ir.dtMs);
    const view = makeStructuredView(def);
    view.set(c);
    expect(new Uint8Array(packStdp(c).buffer)).toEqual(new Uint8Array(view.arrayBuffer));
  });

  it('every STDP kernel reads each constant from its field\'s word, by name, and the buffer nowhere else', () => {
    const def = makeShaderDataDefinitions(STDP_WGSL).structs.Stdp;
    const k = stdpKernels(pj, 'in', 'A');
    for (const kern of [k.pre, k.post, k.trace]) {
      const lets = [...kern.code.matchAll(/let (\w+) = c\[(\d+)u\];/g)];
      expect(lets.length, kern.name).toBeGreaterThan(0);
      for (const [, name, word] of lets) expect(4 * Number(word), `${kern.name} ${name}`).toBe(def.fields[name].offset);
      expect(kern.code.match(/\bc\[/g)!.length, `${kern.name}: c[ only in the constants' lets`).toBe(lets.length);
      for (const [, name] of lets) expect(kern.code.split(name).length - 1, `${kern.name} uses ${name}`).toBeGreaterThan(1);
    }
    expect(stdpLetsWgsl('c', ['w_max'])).toBe(`  let w_max = c[${STDP_FIELDS.indexOf('w_max')}u];`);
  });
});
