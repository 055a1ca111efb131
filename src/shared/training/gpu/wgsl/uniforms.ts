// The GPU trainer's uniform structs, declared once, in WGSL: the kernels that take parameters include
// UNIFORMS_WGSL and bind the struct they need; the host fills their buffers through views derived from this
// same text (../struct-views.ts), so no field offset or type is written twice.

/** Each struct's WGSL fields, by struct name. */
export const UNIFORM_STRUCTS = {
  /** A matrix product C (M×N) = op(A) (M×K) · op(B) (K×N): ./matmul.ts, ./matmul-blocked.ts, ./simple.ts. */
  Dims: 'M: u32, N: u32, K: u32',
  /**
   * A bit matrix of `rows` rows of `cols` bits, each row in `words` u32 words: the batch's input spikes
   * (./elementwise.ts unpackWgsl, ./simple.ts bitRowSumWgsl) and their transpose (./simple.ts bitRowSumWgsl).
   */
  Bits: 'rows: u32, cols: u32, words: u32',
  /** The loss (./readout.ts): steps, the configured batch size, outputs, and 1/B. */
  Loss: 'T: u32, B: u32, K: u32, invB: f32',
  /** Adam (./elementwise.ts): n values (0 for a frozen matrix: nothing is touched), lr, c1 = 1 − β1^t, c2 = 1 − β2^t. */
  Adam: 'n: u32, lr: f32, c1: f32, c2: f32',
  /** SGD with momentum (./elementwise.ts): n values (0: frozen), lr, momentum. */
  Sgd: 'n: u32, lr: f32, momentum: f32',
} as const;

export type UniformStruct = keyof typeof UNIFORM_STRUCTS;

/** The field names of a WGSL field list such as 'M: u32, N: u32' (a type, read from the same text). */
type FieldNames<S extends string> = S extends `${infer F}: ${string}, ${infer Rest}` ? F | FieldNames<Rest> : S extends `${infer F}: ${string}` ? F : never;

/** One value per field of the struct, by name (u32 fields take integers). */
export type UniformValues<S extends UniformStruct> = Record<FieldNames<(typeof UNIFORM_STRUCTS)[S]>, number>;

/** Every struct's declaration, for the kernels to include (WGSL ignores the structs a kernel does not use). */
export const UNIFORMS_WGSL = Object.entries(UNIFORM_STRUCTS).map(([name, fields]) => `struct ${name} { ${fields} }`).join('\n');
