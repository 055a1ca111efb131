// Register-blocked tiled matrix product for hardware GPUs: a 64×64 block of C per workgroup of 16×16 threads,
// each thread accumulating 4×4 outputs in registers; K advances 16 at a time through workgroup memory.
// Same bindings and semantics as ./matmul.ts (0 A, 1 B, 2 C, 3 Dims {M, N, K}; optional transposes).
import { matmulOperandsWgsl, type MatmulVariant } from './matmul';

export const BLOCK = 64;

export function blockedMatmulWgsl({ transA, transB, add = false }: MatmulVariant): string {
  return /* wgsl */ `
${matmulOperandsWgsl(transA, transB)}
// tA[k][m] and tB[k][n] for one 16-deep slice of K.
var<workgroup> tA: array<array<f32, 64>, 16>;
var<workgroup> tB: array<array<f32, 64>, 16>;

@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_id) l: vec3u) {
  let m0 = wg.y * 64u;
  let n0 = wg.x * 64u;
  let lid = l.y * 16u + l.x;
  var acc: array<array<f32, 4>, 4>;
  let slices = (d.K + 15u) / 16u;
  for (var s = 0u; s < slices; s++) {
    let k0 = s * 16u;
    // 256 threads load 1024 values of each tile: 4 each.
    for (var j = 0u; j < 4u; j++) {
      let e = lid + j * 256u;
      let kk = e / 64u; let mm = e % 64u;
      tA[kk][mm] = a_at(m0 + mm, k0 + kk);
      tB[kk][mm] = b_at(k0 + kk, n0 + mm);
    }
    workgroupBarrier();
    for (var kk = 0u; kk < 16u; kk++) {
      var a: array<f32, 4>;
      var b: array<f32, 4>;
      for (var i = 0u; i < 4u; i++) { a[i] = tA[kk][l.y * 4u + i]; b[i] = tB[kk][l.x * 4u + i]; }
      for (var i = 0u; i < 4u; i++) {
        for (var j = 0u; j < 4u; j++) { acc[i][j] += a[i] * b[j]; }
      }
    }
    workgroupBarrier();
  }
  for (var i = 0u; i < 4u; i++) {
    let m = m0 + l.y * 4u + i;
    if (m >= d.M) { continue; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + l.x * 4u + j;
      if (n < d.N) { C[m * d.N + n] = ${add ? 'C[m * d.N + n] + ' : ''}acc[i][j]; }
    }
  }
}
`;
}
