// Kernels for software adapters (SwiftShader on CI), where workgroup barriers are expensive and a tiled
// matmul is many times slower than plain loops: one thread per output *row*, accumulating the row's N
// outputs in a private array (N baked in), so each A value is loaded once and zeros (spikes are sparse)
// are skipped. The input layer reads the spikes' bits directly: h[r][·] = Σ over set bits i of W[i][·], and
// dW[i][·] = Σ over rows r whose bit i is set of GH[r][·] (bits stored a second time, column-major).
import { MATMUL_BINDINGS } from './matmul';
import { UNIFORMS_WGSL } from './uniforms';

const INDEX = 'let m = gid.y * nwg.x * WGX + gid.x;';

/** C = op(A)·op(B) (C += … with `add`), bindings as ./matmul.ts (0 A, 1 B, 2 C, 3 Dims {M, N, K}); N is fixed at build. */
export function rowMatmulWgsl(transA: boolean, transB: boolean, N: number, WG: number, add = false): string {
  return /* wgsl */ `
${MATMUL_BINDINGS}
const WGX = ${WG}u;
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  ${INDEX}
  if (m >= d.M) { return; }
  var acc: array<f32, ${N}>;
  for (var k = 0u; k < d.K; k++) {
    let a = A[${transA ? 'k * d.M + m' : 'm * d.K + k'}];
    if (a == 0.0) { continue; }
    for (var n = 0u; n < ${N}u; n++) { acc[n] += a * Bm[${transB ? 'n * d.K + k' : 'k * d.N + n'}]; }
  }
  for (var n = 0u; n < ${N}u; n++) { C[m * ${N}u + n] = ${add ? `C[m * ${N}u + n] + ` : ''}acc[n]; }
}
`;
}

/** Bindings: 0 bits (rows × words, row-major), 1 W (nIn × N), 2 H (rows × N; H += … with `add`), 3 p: Bits {rows, cols = nIn, words}. */
export function bitsCurrentWgsl(N: number, WG: number, add = false): string {
  return /* wgsl */ `
${UNIFORMS_WGSL}
@group(0) @binding(0) var<storage, read> bits: array<u32>;
@group(0) @binding(1) var<storage, read> W: array<f32>;
@group(0) @binding(2) var<storage, read_write> H: array<f32>;
@group(0) @binding(3) var<uniform> p: Bits;
const WGX = ${WG}u;
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  ${INDEX}
  if (m >= p.rows) { return; }
  var acc: array<f32, ${N}>;
  for (var w = 0u; w < p.words; w++) {
    var b = bits[m * p.words + w];
    while (b != 0u) {
      let base = (w * 32u + countTrailingZeros(b)) * ${N}u;
      for (var n = 0u; n < ${N}u; n++) { acc[n] += W[base + n]; }
      b &= b - 1u;
    }
  }
  for (var n = 0u; n < ${N}u; n++) { H[m * ${N}u + n] = ${add ? `H[m * ${N}u + n] + ` : ''}acc[n]; }
}
`;
}

/**
 * Bindings: 0 bitsT (nIn × wordsR, column-major over rows), 1 GH (rows × N), 2 G (nIn × N), 3 p: Bits {rows = nIn,
 * cols = batch rows, words = wordsR}.
 */
export function bitsGradWgsl(N: number, WG: number): string {
  return /* wgsl */ `
${UNIFORMS_WGSL}
@group(0) @binding(0) var<storage, read> bitsT: array<u32>;
@group(0) @binding(1) var<storage, read> GH: array<f32>;
@group(0) @binding(2) var<storage, read_write> G: array<f32>;
@group(0) @binding(3) var<uniform> p: Bits;
const WGX = ${WG}u;
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  ${INDEX}
  if (m >= p.rows) { return; }
  var acc: array<f32, ${N}>;
  for (var w = 0u; w < p.words; w++) {
    var b = bitsT[m * p.words + w];
    while (b != 0u) {
      let base = (w * 32u + countTrailingZeros(b)) * ${N}u;
      for (var n = 0u; n < ${N}u; n++) { acc[n] += GH[base + n]; }
      b &= b - 1u;
    }
  }
  for (var n = 0u; n < ${N}u; n++) { G[m * ${N}u + n] = acc[n]; }
}
`;
}
