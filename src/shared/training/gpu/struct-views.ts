// Host-side views of the GPU trainer's WGSL structs (its uniforms, ./wgsl/uniforms.ts; a population's per-neuron
// values of a trained parameter, ./wgsl/scan.ts laneParamsWgsl), derived from their WGSL by webgpu-utils'
// reflection (../../wgsl-struct.ts) — nothing here repeats an offset or a type.
import type { StructDefinition } from 'webgpu-utils/dist/1.x/webgpu-utils.module.js';
import { packStruct, structDefinitions } from '../../wgsl-struct';
import { UNIFORMS_WGSL, type UniformStruct, type UniformValues } from './wgsl/uniforms';
import { laneParamsWgsl } from './wgsl/scan';

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
