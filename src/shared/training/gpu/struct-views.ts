// Host-side views of the GPU trainer's uniform structs, derived from their WGSL (./wgsl/uniforms.ts) by
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

/** Every struct declared in a WGSL text, with its fields' offsets and sizes and its size (padding included). */
export function structDefinitions(wgsl: string): Record<string, StructDefinition> {
  return makeShaderDataDefinitions(wgsl).structs;
}

/** The bytes of one struct value: each field written at its offset with its WGSL type (u32, i32, f32, vectors). */
export function packStruct(def: StructDefinition, values: Record<string, number | number[]>): ArrayBuffer {
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
