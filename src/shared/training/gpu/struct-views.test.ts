// Buffer layouts from WGSL (../../wgsl-struct.ts, ./struct-views.ts, ./wgsl/uniforms.ts, ./wgsl/scan.ts scanBindings and laneParamsWgsl):
// - the layouts webgpu-utils derives against the WGSL layout rules, computed here independently of the library
//   (WGSL spec, "Alignment and Size": AlignOf/SizeOf are 4/4 for f32, u32, i32; 8/8 for vec2; 16/12 for vec3;
//   16/16 for vec4; array<E, n> has E's alignment and n strides of SizeOf(E) rounded up to that alignment; a
//   member's offset is its end-of-previous rounded up to its alignment, a struct's size is its end rounded up to
//   its largest alignment) — on a struct mixing vec3/vec2/vec4/f32/u32, on every trainer struct and on LaneParams;
// - the bytes written for a value (u32 as integers, f32 as floats, at those offsets, padding left 0);
// - every kernel binding a uniform declares it with the shared struct, every scan binding LP with LaneParams;
// - the scans' bindings as the generated kernels declare and use them (the host binds them by that list).
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeShaderDataDefinitions } from 'webgpu-utils/dist/1.x/webgpu-utils.module.js';
import { getModel } from '../../models';
import { NEURON_RULES } from '../../compiler/models';
import { populationTape } from '../lanes';
import { packStruct, structDefinitions } from '../../wgsl-struct';
import { laneParamsData, laneParamsDefinition, uniformData, uniformSize } from './struct-views';
import { UNIFORM_STRUCTS, UNIFORMS_WGSL, type UniformStruct } from './wgsl/uniforms';
import { matmulWgsl } from './wgsl/matmul';
import { blockedMatmulWgsl } from './wgsl/matmul-blocked';
import { bitRowSumWgsl, rowMatmulWgsl } from './wgsl/simple';
import { adamWgsl, sgdWgsl, unpackWgsl } from './wgsl/elementwise';
import { lossWgsl } from './wgsl/readout';
import { laneParamsWgsl, scanBackwardWgsl, scanBindings, scanForwardWgsl, type ScanShape } from './wgsl/scan';
import { surrogateWgsl } from './wgsl/surrogate';

// The reflection reads WebGPU's GPUShaderStage global: in Node it exists once the `webgpu` package's globals
// are installed, as the CLI installs them before it asks for an adapter.
beforeAll(() => { Object.assign(globalThis, createRequire(import.meta.url)('webgpu').globals); });

/** AlignOf and SizeOf of a WGSL scalar, vector or fixed-size array type, by the WGSL rules (independent of webgpu-utils). */
function alignSize(type: string): { align: number; size: number } {
  const arr = /^array<(.+), (\d+)>$/.exec(type);
  if (arr) {
    const e = alignSize(arr[1]);
    return { align: e.align, size: Number(arr[2]) * roundUp(e.align, e.size) };
  }
  const m = /^(?:vec([234])(?:[fiu]|<(?:f32|i32|u32)>)|(f32|u32|i32))$/.exec(type);
  if (!m) throw new Error(`no rule here for ${type}`);
  if (m[2]) return { align: 4, size: 4 };
  const n = Number(m[1]);
  return { align: n === 2 ? 8 : 16, size: 4 * n };
}

function roundUp(k: number, n: number) { return Math.ceil(n / k) * k; }

/** Each member's offset and the struct's size, by the WGSL rules. */
function ruleLayout(fields: string): { offsets: Record<string, number>; size: number } {
  const offsets: Record<string, number> = {};
  let end = 0, align = 0;
  // Split at the commas between members, not those inside a type's <…>.
  for (const f of fields.split(/,(?![^<]*>)/)) {
    const [name, type] = f.split(':').map((s) => s.trim());
    const t = alignSize(type);
    offsets[name] = roundUp(t.align, end);
    end = offsets[name] + t.size;
    align = Math.max(align, t.align);
  }
  return { offsets, size: roundUp(align, end) };
}

function derivedLayout(wgsl: string, struct: string) {
  const def = structDefinitions(wgsl)[struct];
  return { offsets: Object.fromEntries(Object.entries(def.fields).map(([k, f]) => [k, f.offset])), size: def.size };
}

describe('struct layouts derived from WGSL', () => {
  const MIXED = 'a: u32, b: vec3f, c: f32, d: vec2f, e: u32, f: vec4f, g: vec3u';
  it('a struct mixing vec3, vec2, vec4, f32 and u32: offsets and size with padding, as the WGSL rules give', () => {
    const derived = derivedLayout(`struct Mixed { ${MIXED} }`, 'Mixed');
    expect(derived).toEqual(ruleLayout(MIXED));
    // By hand: b (align 16) skips 4 bytes of padding after a; c fills b's last 4 bytes; f (align 16) skips 4 after
    // e; g ends at 76, rounded up to the struct's alignment 16.
    expect(derived).toEqual({ offsets: { a: 0, b: 16, c: 28, d: 32, e: 40, f: 48, g: 64 }, size: 80 });
    expect(derivedLayout('struct S { s: f32, v: vec3f }', 'S')).toEqual({ offsets: { s: 0, v: 16 }, size: 32 });
    expect(derivedLayout('struct S { v: vec3f, s: f32 }', 'S')).toEqual({ offsets: { v: 0, s: 12 }, size: 16 });
  });

  it('writes each field at its offset with its type, and leaves the padding 0', () => {
    const def = structDefinitions(`struct Mixed { ${MIXED} }`).Mixed;
    const bytes = packStruct(def, { a: 0xffffffff, b: [1.5, -2, 0.1], c: 1 / 3, d: [7, 8], e: 3, f: [1, 2, 3, 4], g: [5, 6, 2 ** 31] });
    const dv = new DataView(bytes);
    expect(bytes.byteLength).toBe(80);
    expect(dv.getUint32(0, true)).toBe(0xffffffff);
    expect([0, 1, 2].map((i) => dv.getFloat32(16 + 4 * i, true))).toEqual([1.5, -2, Math.fround(0.1)]);
    expect(dv.getFloat32(28, true)).toBe(Math.fround(1 / 3));
    expect([dv.getFloat32(32, true), dv.getFloat32(36, true)]).toEqual([7, 8]);
    expect(dv.getUint32(40, true)).toBe(3);
    expect([0, 1, 2, 3].map((i) => dv.getFloat32(48 + 4 * i, true))).toEqual([1, 2, 3, 4]);
    expect([0, 1, 2].map((i) => dv.getUint32(64 + 4 * i, true))).toEqual([5, 6, 2 ** 31]);
    for (const pad of [4, 8, 12, 44, 76]) expect(dv.getUint32(pad, true)).toBe(0);
  });

  it('refuses a value that misses a field or names one the struct lacks', () => {
    const def = structDefinitions(UNIFORMS_WGSL).Dims;
    expect(() => packStruct(def, { M: 1, N: 2 })).toThrow(/missing K/);
    expect(() => packStruct(def, { M: 1, N: 2, K: 3, pad: 0 })).toThrow(/unknown pad/);
  });

  it.each(Object.keys(UNIFORM_STRUCTS) as UniformStruct[])('trainer struct %s: the WGSL rules\' layout', (name) => {
    const derived = derivedLayout(UNIFORMS_WGSL, name);
    expect(derived).toEqual(ruleLayout(UNIFORM_STRUCTS[name]));
    expect(uniformSize(name)).toBe(derived.size);
  });

  it('the trainer\'s uniforms carry u32 fields as integers and f32 fields as floats', () => {
    const loss = new DataView(uniformData('Loss', { T: 100, B: 32, K: 20, invB: 1 / 3 }));
    expect([loss.getUint32(0, true), loss.getUint32(4, true), loss.getUint32(8, true), loss.getFloat32(12, true)]).toEqual([100, 32, 20, Math.fround(1 / 3)]);
    const adam = new DataView(uniformData('Adam', { n: 3_000_000_000, lr: 1e-3, c1: 0.1, c2: 0.001 }));
    expect([adam.getUint32(0, true), adam.getFloat32(4, true), adam.getFloat32(8, true), adam.getFloat32(12, true)])
      .toEqual([3_000_000_000, Math.fround(1e-3), Math.fround(0.1), Math.fround(0.001)]);
    const sgd = new DataView(uniformData('Sgd', { n: 5, lr: 0.5, momentum: 0.9 }));
    expect([sgd.byteLength, sgd.getUint32(0, true), sgd.getFloat32(4, true), sgd.getFloat32(8, true)]).toEqual([12, 5, 0.5, Math.fround(0.9)]);
    const bits = new DataView(uniformData('Bits', { rows: 7, cols: 700, words: 22 }));
    expect([0, 4, 8].map((o) => bits.getUint32(o, true))).toEqual([7, 700, 22]);
    // @ts-expect-error: the type of the values is read from the struct's WGSL, so a field it lacks does not compile
    expect(() => uniformData('Dims', { M: 1, N: 2, K: 3, pad: 0 })).toThrow(/unknown pad/);
  });
});

describe('a population\'s per-neuron values of a trained parameter (LaneParams)', () => {
  const fieldsOf = (wgsl: string) => /^struct LaneParams \{ (.*) \}$/.exec(wgsl)![1];
  it.each([[1, 1], [2, 3], [3, 700]])('%i values of %i neurons: the WGSL rules\' layout', (values, N) => {
    const def = laneParamsDefinition(values, N);
    const derived = { offsets: Object.fromEntries(Object.entries(def.fields).map(([k, f]) => [k, f.offset])), size: def.size };
    expect(derived).toEqual(ruleLayout(fieldsOf(laneParamsWgsl(values, N))));
    // By hand: f32 rows of N, `values` of them, v then dv, with no padding (every alignment is 4).
    expect(derived).toEqual({ offsets: { v: 0, dv: 4 * values * N }, size: 8 * values * N });
  });

  it('writes value j of neuron n at row j, its derivative at row values + j, rounded to f32', () => {
    const v = [Float64Array.of(0.1, 2, -3), Float64Array.of(1 / 3, 5, 6)], dv = [Float64Array.of(7, 8, 1e-3), Float64Array.of(10, 11, -12.5)];
    const got = new Float32Array(laneParamsData(v, dv));
    expect(got).toHaveLength(12);
    for (let j = 0; j < 2; j++) {
      for (let n = 0; n < 3; n++) {
        expect(got[j * 3 + n]).toBe(Math.fround(v[j][n]));
        expect(got[(2 + j) * 3 + n]).toBe(Math.fround(dv[j][n]));
      }
    }
  });

  it('refuses rows of different lengths or a derivative missing', () => {
    expect(() => laneParamsData([Float64Array.of(1, 2)], [Float64Array.of(1)])).toThrow(/every row holds 2 neurons/);
    expect(() => laneParamsData([Float64Array.of(1)], [])).toThrow(/1 values and 0 derivatives/);
  });
});

describe('kernels bind the shared structs', () => {
  const KERNELS: [string, string, UniformStruct][] = [
    ['tiled matmul', matmulWgsl({ transA: true, transB: false }), 'Dims'],
    ['blocked matmul', blockedMatmulWgsl({ transA: false, transB: true, add: true }), 'Dims'],
    ['row matmul', rowMatmulWgsl(false, false, 20, 64), 'Dims'],
    ['unpack', unpackWgsl(64), 'Bits'],
    ['sums of rows picked by bits (input currents, adding)', bitRowSumWgsl(20, 64, true), 'Bits'],
    ['sums of rows picked by bits (input weight gradients)', bitRowSumWgsl(20, 64), 'Bits'],
    ['loss', lossWgsl('nll_max', 'max', 64, 20), 'Loss'],
    ['Adam', adamWgsl(64), 'Adam'],
    ['SGD', sgdWgsl(64), 'Sgd'],
  ];
  it.each(KERNELS)('%s', (_, code, struct) => {
    const uniforms = Object.values(makeShaderDataDefinitions(code).uniforms);
    expect(uniforms).toHaveLength(1);
    expect(uniforms[0].typeDefinition).toEqual(structDefinitions(UNIFORMS_WGSL)[struct]);
  });
});

describe('the scans\' bindings', () => {
  function tape(model: string, usesI: boolean, trainTau: boolean) {
    const m = getModel(model)!;
    const params = Object.fromEntries(m.params.map((p) => [p.name, typeof p.default === 'number' ? p.default : Math.max(0, p.options?.indexOf(String(p.default)) ?? 0)]));
    return populationTape(NEURON_RULES[model].dynamics, params, 1, m.roles!.membrane, usesI, trainTau ? m.roles!.tau : undefined);
  }
  const CASES: [string, ReturnType<typeof tape>, ScanShape][] = [
    ['LIF, plain', tape('lif', false, false), { B: 2, T: 5, N: 8, WG: 64, recurrent: false }],
    ['adaptive LIF, recurrent, two channels, trained τ', tape('adaptive_lif', true, true), { B: 2, T: 5, N: 8, WG: 32, recurrent: true, self: false, channels: [0.8, 0.9] }],
    ['readout, one channel', tape('leaky_integrator', true, false), { B: 2, T: 5, N: 3, WG: 64, recurrent: false, channels: [0.5] }],
  ];
  const DECL = /@binding\((\d+)\) var<storage, (read|read_write)> (\w+): (array<(?:f32|atomic<u32>)>|LaneParams);/g;
  it.each(CASES)('%s: declared in list order, each used by the kernel', (_, t, shape) => {
    for (const [direction, code] of [['forward', scanForwardWgsl(t, shape)], ['backward', scanBackwardWgsl(t, shape, surrogateWgsl('sigmoid', 5), 0)]] as const) {
      const declared = [...code.matchAll(DECL)].map((m) => ({ binding: Number(m[1]), name: m[3], access: m[2], type: m[4] }));
      const listed = scanBindings(t, shape, direction).map((b, binding) => ({ binding, name: b.name, access: b.access, type: b.struct ?? (b.atomic ? 'array<atomic<u32>>' : 'array<f32>') }));
      expect(declared).toEqual(listed);
      // The per-neuron values are the LaneParams the host fills (its layout for this population's shape).
      const storages = makeShaderDataDefinitions(code).storages;
      if (t.laneIn.size) expect(storages.LP.typeDefinition).toEqual(laneParamsDefinition(t.laneIn.size, shape.N));
      else expect(storages.LP).toBeUndefined();
      // Used beyond its declaration: the pipeline's automatic layout keeps only used bindings, and the host binds every listed one.
      for (const b of listed) expect(code.match(new RegExp(`\\b${b.name}\\b`, 'g'))!.length, `${direction} ${b.name}`).toBeGreaterThan(1);
    }
  });
  it('lists what the population has: channels, recurrence, spike counts, state and trained τ', () => {
    const names = (t: ReturnType<typeof tape>, s: ScanShape, d: 'forward' | 'backward') => scanBindings(t, s, d).map((b) => b.name);
    expect(names(CASES[0][1], CASES[0][2], 'forward')).toEqual(['H', 'O', 'ST', 'counts']);
    expect(names(CASES[0][1], CASES[0][2], 'backward')).toEqual(['H', 'ST', 'GOut', 'GH']);
    expect(names(CASES[1][1], CASES[1][2], 'forward')).toEqual(['H', 'O', 'ST', 'counts', 'Wrec', 'IS', 'HC0', 'HC1', 'LP']);
    expect(names(CASES[1][1], CASES[1][2], 'backward')).toEqual(['H', 'ST', 'GOut', 'GH', 'Wrec', 'IS', 'GHC0', 'GHC1', 'LP', 'GT']);
    expect(names(CASES[2][1], CASES[2][2], 'forward')).toEqual(['H', 'O', 'ST', 'IS', 'HC0']);
  });
});
