// The control block's layout (./common.wgsl.ts), defined once and used by the kernels and the host: the WGSL
// structs stating it, reflected by webgpu-utils, against the word indices kernels and host use and against the
// WGSL layout rules computed here (WGSL spec, "Alignment and Size": u32 AlignOf 4, SizeOf 4; a struct of u32 is
// AlignOf 4, SizeOf 4 per member; array<S, N> has stride SizeOf(S) rounded to AlignOf(S)). The GPU = CPU suites
// (../../engine/gpu-engine.gpu.test.ts, ../schedule.gpu.test.ts) run the kernels that use it.
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeShaderDataDefinitions } from 'webgpu-utils/dist/1.x/webgpu-utils.module.js';
import {
  ctrlBase, ctrlBlockWgsl, ctrlWords, CTRL_CHUNK_START, CTRL_CUR, CTRL_DIV, CTRL_DROPPED, CTRL_HEADER, CTRL_HEADER_FIELDS,
  CTRL_POP_FIELDS, CTRL_REC, CTRL_STEP, CTRL_STEPS, LOAD_CHUNK_START_WGSL, LOAD_STEP_WGSL,
} from './common.wgsl';

// The reflection reads WebGPU's GPUShaderStage global, which the `webgpu` package installs in Node.
beforeAll(() => { Object.assign(globalThis, createRequire(import.meta.url)('webgpu').globals); });

describe('control block ctrl', () => {
  for (const pops of [1, 3]) {
    it(`${pops} population(s): WGSL struct layout = host word indices = WGSL rules`, () => {
      const defs = makeShaderDataDefinitions(ctrlBlockWgsl(pops)).structs;
      const ctrl = defs.Ctrl, pop = defs.PopCtrl;
      expect(Object.keys(ctrl.fields)).toEqual([...CTRL_HEADER_FIELDS, 'pops']);
      expect(ctrl.size).toBe(4 * ctrlWords(pops));
      expect(ctrl.size).toBe(4 * (4 + 4 * pops));
      CTRL_HEADER_FIELDS.forEach((f, k) => expect(ctrl.fields[f].offset, f).toBe(4 * k));
      expect(ctrl.fields.pops.offset).toBe(4 * CTRL_HEADER);
      expect(pop.size).toBe(4 * CTRL_POP_FIELDS.length);
      for (let p = 0; p < pops; p++) expect(4 * ctrlBase(p), `population ${p}`).toBe(ctrl.fields.pops.offset + p * pop.size);
      expect(Object.keys(pop.fields)).toEqual([...CTRL_POP_FIELDS]);
      CTRL_POP_FIELDS.forEach((f, k) => expect(pop.fields[f].offset, f).toBe(4 * k));
    });
  }

  it('the named word indices are the fields the kernels and the host mean', () => {
    expect([CTRL_STEP, CTRL_CHUNK_START, CTRL_STEPS].map((k) => CTRL_HEADER_FIELDS[k])).toEqual(['step', 'chunk_start', 'chunk_steps']);
    expect([CTRL_CUR, CTRL_REC, CTRL_DROPPED, CTRL_DIV].map((k) => CTRL_POP_FIELDS[k])).toEqual(['cur', 'rec', 'dropped', 'div']);
    expect(LOAD_STEP_WGSL).toBe(`let n = atomicLoad(&ctrl[${CTRL_STEP}u]);`);
    expect(LOAD_CHUNK_START_WGSL).toBe(`let cs = atomicLoad(&ctrl[${CTRL_CHUNK_START}u]);`);
  });
});
