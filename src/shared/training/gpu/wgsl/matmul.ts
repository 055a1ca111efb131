// Tiled matrix product C = op(A)·op(B) with 16×16 tiles in workgroup memory. Bindings: 0 A (read),
// 1 B (read), 2 C (write), 3 Dims {M, N, K} (uniform, ./uniforms.ts). op transposes when asked: the forward currents are
// X·W, the weight gradients Xᵀ·GH, the input gradients GH·Wᵀ.
import { UNIFORMS_WGSL } from './uniforms';

export const TILE = 16;

/** The bindings every matmul variant uses (tiled, register-blocked, row-per-thread): C = op(A)·op(B). */
export const MATMUL_BINDINGS = /* wgsl */ `${UNIFORMS_WGSL}
@group(0) @binding(0) var<storage, read> A: array<f32>;
@group(0) @binding(1) var<storage, read> Bm: array<f32>;
@group(0) @binding(2) var<storage, read_write> C: array<f32>;
@group(0) @binding(3) var<uniform> d: Dims;`;

/** Where op(A)[m][k] and op(B)[k][n] are stored: A is M×K (K×M stored when transposed), B is K×N (N×K stored when transposed). */
export function operandIndex(transA: boolean, transB: boolean): { a: string; b: string } {
  return { a: transA ? 'k * d.M + m' : 'm * d.K + k', b: transB ? 'n * d.K + k' : 'k * d.N + n' };
}

/** MATMUL_BINDINGS and a_at(m, k), b_at(k, n): the elements of op(A) and op(B), 0 past their edges (partial tiles). */
export function matmulOperandsWgsl(transA: boolean, transB: boolean): string {
  const idx = operandIndex(transA, transB);
  return /* wgsl */ `${MATMUL_BINDINGS}
fn a_at(m: u32, k: u32) -> f32 {
  if (m >= d.M || k >= d.K) { return 0.0; }
  return A[${idx.a}];
}
fn b_at(k: u32, n: u32) -> f32 {
  if (k >= d.K || n >= d.N) { return 0.0; }
  return Bm[${idx.b}];
}`;
}

/** `add`: C += op(A)·op(B) (several projections into one population, gradients from several targets). */
export interface MatmulVariant { transA: boolean; transB: boolean; tile?: number; add?: boolean }

export function matmulWgsl({ transA, transB, tile = TILE, add = false }: MatmulVariant): string {
  const TILE = tile;
  return /* wgsl */ `
${matmulOperandsWgsl(transA, transB)}
var<workgroup> tA: array<array<f32, ${TILE}>, ${TILE}>;
var<workgroup> tB: array<array<f32, ${TILE}>, ${TILE}>;

@compute @workgroup_size(${TILE}, ${TILE})
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_id) l: vec3u) {
  let row = wg.y * ${TILE}u + l.y;
  let col = wg.x * ${TILE}u + l.x;
  var acc = 0.0;
  let tiles = (d.K + ${TILE - 1}u) / ${TILE}u;
  for (var t = 0u; t < tiles; t++) {
    tA[l.y][l.x] = a_at(row, t * ${TILE}u + l.x);
    tB[l.y][l.x] = b_at(t * ${TILE}u + l.y, col);
    workgroupBarrier();
    for (var k = 0u; k < ${TILE}u; k++) { acc += tA[l.y][k] * tB[k][l.x]; }
    workgroupBarrier();
  }
  if (row < d.M && col < d.N) { C[row * d.N + col] = ${add ? `C[row * d.N + col] + ` : ''}acc; }
}
`;
}
