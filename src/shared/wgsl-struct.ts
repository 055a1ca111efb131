// A WGSL struct's layout and bytes, derived from its WGSL text by webgpu-utils' reflection
// (makeShaderDataDefinitions: each field's offset and type by the WGSL layout rules, padding included;
// makeStructuredView: typed views at those offsets), so that the host never repeats an offset or a type. Used by
// the GPU trainer (./training/gpu/struct-views.ts) and the 3D view's spike scatter (src/renderer/view3d/gpu-spikes.ts).
//
// The package's 1.x build, not its 2.x main: 2.x names `Float16Array` while loading, which Node 20 and 22 lack
// (package.json's engines allow both), so importing it fails there; 1.x has the same two functions without that.
// Neither build uses eval or new Function (the app's content security policy forbids them). The reflection reads
// the WebGPU global `GPUShaderStage`: present wherever WebGPU is (browsers, workers, and Node once the `webgpu`
// package's globals are installed, as the CLI does before it asks for an adapter), so callers run it lazily, on
// first use.
import {
  makeShaderDataDefinitions, makeStructuredView, type StructDefinition,
} from 'webgpu-utils/dist/1.x/webgpu-utils.module.js';

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
