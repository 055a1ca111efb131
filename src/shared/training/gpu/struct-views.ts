// Host-side views of the GPU trainer's WGSL structs (its uniforms, ./wgsl/uniforms.ts; a population's per-neuron
// values of a trained parameter, ./wgsl/scan.ts laneParamsWgsl), derived from their WGSL by
// webgpu-utils' reflection (makeShaderDataDefinitions: each field's offset and type by the WGSL layout rules,
// padding included; makeStructuredView: typed views at those offsets) — nothing here repeats an offset or a type.
//
// The package's 1.x build, not its 2.x main: 2.x names `Float16Array` while loading, which Node 20 and 22 lack
// (package.json's engines allow both), so importing it fails there; 1.x has the same two functions without that.
// Neither build uses eval or new Function (the app's content security policy forbids them). The reflection reads
// the WebGPU global `GPUShaderStage`: present wherever WebGPU is (browsers, workers, and Node once the `webgpu`
// package's globals are installed, as the CLI does before it asks for an adapter), so it runs lazily, on first use.
import {
  makeShaderDataDefinitions, makeStructuredView, type StructDefinition,
} from 'webgpu-utils/dist/1.x/webgpu-utils.module.js';
import { UNIFORMS_WGSL, type UniformStruct, type UniformValues } from './wgsl/uniforms';
import { laneParamsWgsl } from './wgsl/scan';

/** Every struct declared in a WGSL text, with its fields' offsets and sizes and its size (padding included). */
export function structDefinitions(wgsl: string): Record<string, StructDefinition> {
  return makeShaderDataDefinitions(wgsl).structs;
}

/** A field's value: a number, a vector's or an array's elements, or an array of arrays' rows. */
export type FieldValue = number | ArrayLike<number> | ArrayLike<number>[];

/**
 * The bytes of one struct value: each field written at its offset with its WGSL type (u32, i32, f32, vectors,
 * arrays of them).
 */
export function packStruct(def: StructDefinition, values: Record<string, FieldValue>): ArrayBuffer {
  const missing = Object.keys(def.fields).filter((f) => !(f in values));
  const unknown = Object.keys(values).filter((f) => !(f in def.fields));
  if (missing.length || unknown.length) {
    throw new Error(`struct fields ${Object.keys(def.fields).join(', ')}: ${[missing.length ? `missing ${missing.join(', ')}` : '', unknown.length ? `unknown ${unknown.join(', ')}` : ''].filter(Boolean).join('; ')}`);
  }
  const view = makeStructuredView(def);
  view.set(values);
  return view.arrayBuffer;
}

let trainerStructs: Record<string, StructDefinition> | undefined;
const trainerStruct = (struct: UniformStruct) => (trainerStructs ??= structDefinitions(UNIFORMS_WGSL))[struct];

/** The bytes of a uniform of the trainer's kernels (a struct of ./wgsl/uniforms.ts), for `writeBuffer`. */
export function uniformData<S extends UniformStruct>(struct: S, values: UniformValues<S>): ArrayBuffer {
  return packStruct(trainerStruct(struct), values);
}

/** The size in bytes of one of those structs, padding included. */
export function uniformSize(struct: UniformStruct): number {
  return trainerStruct(struct).size;
}

const laneParamsDefs = new Map<string, StructDefinition>();
/** The layout of a population's LaneParams (./wgsl/scan.ts laneParamsWgsl): `values` values for each of N neurons. */
export function laneParamsDefinition(values: number, N: number): StructDefinition {
  const key = `${values} ${N}`;
  let def = laneParamsDefs.get(key);
  if (!def) laneParamsDefs.set(key, (def = structDefinitions(laneParamsWgsl(values, N)).LaneParams));
  return def;
}

/**
 * The bytes of a population's LaneParams, for `writeBuffer`: v[j][n] value j of neuron n, dv[j][n] its derivative
 * by the trained parameter (as ../lanes.ts laneParamValues gives them), rounded to f32.
 */
export function laneParamsData(v: ArrayLike<number>[], dv: ArrayLike<number>[]): ArrayBuffer {
  if (!v.length || v.length !== dv.length) throw new Error(`LaneParams: ${v.length} values and ${dv.length} derivatives`);
  const N = v[0].length;
  if ([...v, ...dv].some((a) => a.length !== N)) throw new Error(`LaneParams: every row holds ${N} neurons`);
  return packStruct(laneParamsDefinition(v.length, N), { v, dv });
}
