// Kernels for software adapters (SwiftShader on CI), where workgroup barriers are expensive and a tiled
// matmul is 4–10× slower than a plain loop: one thread per output element, 2-D dispatch. The input layer
// uses the spikes' bits directly (binary and sparse): h[r][n] = Σ over set bits i of W[i][n], and
// dW[i][n] = Σ over rows r whose bit i is set of GH[r][n] (bits stored a second time, column-major).
const INDEX = 'let i = gid.y * nwg.x * WGX + gid.x;';

/** C = op(A)·op(B), bindings as ./matmul.ts (0 A, 1 B, 2 C, 3 Dims {M, N, K}). */
export function naiveMatmulWgsl(transA: boolean, transB: boolean, WG: number): string {
  return /* wgsl */ `
struct Dims { M: u32, N: u32, K: u32, pad: u32 }
@group(0) @binding(0) var<storage, read> A: array<f32>;
@group(0) @binding(1) var<storage, read> Bm: array<f32>;
@group(0) @binding(2) var<storage, read_write> C: array<f32>;
@group(0) @binding(3) var<uniform> d: Dims;
const WGX = ${WG}u;
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  ${INDEX}
  if (i >= d.M * d.N) { return; }
  let m = i / d.N; let n = i % d.N;
  var acc = 0.0;
  for (var k = 0u; k < d.K; k++) { acc += A[${transA ? 'k * d.M + m' : 'm * d.K + k'}] * Bm[${transB ? 'n * d.K + k' : 'k * d.N + n'}]; }
  C[i] = acc;
}
`;
}

/** Bindings: 0 bits (rows × words, row-major), 1 W (nIn × N), 2 H (rows × N), 3 P {rows, N, words}. */
export function bitsCurrentWgsl(WG: number): string {
  return /* wgsl */ `
struct P { rows: u32, N: u32, words: u32, pad: u32 }
@group(0) @binding(0) var<storage, read> bits: array<u32>;
@group(0) @binding(1) var<storage, read> W: array<f32>;
@group(0) @binding(2) var<storage, read_write> H: array<f32>;
@group(0) @binding(3) var<uniform> p: P;
const WGX = ${WG}u;
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  ${INDEX}
  if (i >= p.rows * p.N) { return; }
  let r = i / p.N; let n = i % p.N;
  var acc = 0.0;
  for (var w = 0u; w < p.words; w++) {
    var m = bits[r * p.words + w];
    while (m != 0u) {
      acc += W[(w * 32u + countTrailingZeros(m)) * p.N + n];
      m &= m - 1u;
    }
  }
  H[i] = acc;
}
`;
}

/** Bindings: 0 bitsT (nIn × wordsR, column-major over rows), 1 GH (rows × N), 2 G (nIn × N), 3 P {nIn, N, wordsR}. */
export function bitsGradWgsl(WG: number): string {
  return /* wgsl */ `
struct P { nIn: u32, N: u32, words: u32, pad: u32 }
@group(0) @binding(0) var<storage, read> bitsT: array<u32>;
@group(0) @binding(1) var<storage, read> GH: array<f32>;
@group(0) @binding(2) var<storage, read_write> G: array<f32>;
@group(0) @binding(3) var<uniform> p: P;
const WGX = ${WG}u;
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  ${INDEX}
  if (i >= p.nIn * p.N) { return; }
  let inp = i / p.N; let n = i % p.N;
  var acc = 0.0;
  for (var w = 0u; w < p.words; w++) {
    var m = bitsT[inp * p.words + w];
    while (m != 0u) {
      acc += GH[(w * 32u + countTrailingZeros(m)) * p.N + n];
      m &= m - 1u;
    }
  }
  G[i] = acc;
}
`;
}
