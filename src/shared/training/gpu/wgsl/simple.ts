// Kernels for software adapters (SwiftShader on CI), where workgroup barriers are expensive and a tiled
// matmul is many times slower than plain loops: one thread per output *row*, accumulating the row's N
// outputs in a private array (N baked in), so each A value is loaded once and zeros (spikes are sparse)
// are skipped. The input layer reads the spikes' bits directly: h[r][·] = Σ over set bits i of W[i][·], and
// dW[i][·] = Σ over rows r whose bit i is set of GH[r][·] (bits stored a second time, column-major).
import { MATMUL_BINDINGS, operandIndex } from './matmul';
import { UNIFORMS_WGSL } from './uniforms';

const INDEX = 'let m = gid.y * nwg.x * WGX + gid.x;';

/** C = op(A)·op(B) (C += … with `add`), bindings as ./matmul.ts (0 A, 1 B, 2 C, 3 Dims {M, N, K}); N is fixed at build. */
export function rowMatmulWgsl(transA: boolean, transB: boolean, N: number, WG: number, add = false): string {
  const idx = operandIndex(transA, transB);
  return /* wgsl */ `
${MATMUL_BINDINGS}
const WGX = ${WG}u;
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  ${INDEX}
  if (m >= d.M) { return; }
  var acc: array<f32, ${N}>;
  for (var k = 0u; k < d.K; k++) {
    let a = A[${idx.a}];
    if (a == 0.0) { continue; }
    for (var n = 0u; n < ${N}u; n++) { acc[n] += a * Bm[${idx.b}]; }
  }
  for (var n = 0u; n < ${N}u; n++) { C[m * ${N}u + n] = ${add ? `C[m * ${N}u + n] + ` : ''}acc[n]; }
}
`;
}

/**
 * sums[m][·] = Σ over the set bits i of row m of a bit matrix of rows[i][·] (sums += … with `add`). With the batch's
 * input spikes (bits, a row per sample and step) and the input weights W it is the input current; with their
 * transpose (bitsT, a row per input) and GH it is the input weights' gradient dW = Xᵀ·GH.
 * Bindings: 0 bits (p.rows rows of p.words u32 words, row-major), 1 rows (p.cols × N), 2 sums (p.rows × N),
 * 3 p: Bits.
 */
export function bitRowSumWgsl(N: number, WG: number, add = false): string {
  return /* wgsl */ `
${UNIFORMS_WGSL}
@group(0) @binding(0) var<storage, read> bits: array<u32>;
@group(0) @binding(1) var<storage, read> rows: array<f32>;
@group(0) @binding(2) var<storage, read_write> sums: array<f32>;
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
      for (var n = 0u; n < ${N}u; n++) { acc[n] += rows[base + n]; }
      b &= b - 1u;
    }
  }
  for (var n = 0u; n < ${N}u; n++) { sums[m * ${N}u + n] = ${add ? `sums[m * ${N}u + n] + ` : ''}acc[n]; }
}
`;
}
