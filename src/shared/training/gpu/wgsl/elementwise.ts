// Element-wise kernels over long arrays, dispatched 2-D (x·y workgroups) past 65,535 workgroups:
// unpacking the batch's spike bits to f32 rows, Adam and SGD-with-momentum updates.
import { UNIFORMS_WGSL } from './uniforms';

const INDEX = 'let i = (gid.y * nwg.x * WGX + gid.x);';

/** Bindings: 0 bits (read, u32 words, rows of ceil(nIn/32)), 1 X (write, rows × nIn), 2 p: Bits {rows, cols = nIn, words}. */
export function unpackWgsl(WG: number): string {
  return /* wgsl */ `
${UNIFORMS_WGSL}
@group(0) @binding(0) var<storage, read> bits: array<u32>;
@group(0) @binding(1) var<storage, read_write> X: array<f32>;
@group(0) @binding(2) var<uniform> p: Bits;
const WGX = ${WG}u;
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  ${INDEX}
  if (i >= p.rows * p.cols) { return; }
  let r = i / p.cols; let c = i % p.cols;
  X[i] = f32((bits[r * p.words + c / 32u] >> (c % 32u)) & 1u);
}
`;
}

/** Adam (torch's): bindings 0 W, 1 G, 2 M, 3 V, 4 p: Adam {n, lr, c1, c2}; c1 = 1 − β1^t, c2 = 1 − β2^t. */
export function adamWgsl(WG: number): string {
  return /* wgsl */ `
${UNIFORMS_WGSL}
@group(0) @binding(0) var<storage, read_write> W: array<f32>;
@group(0) @binding(1) var<storage, read> G: array<f32>;
@group(0) @binding(2) var<storage, read_write> M: array<f32>;
@group(0) @binding(3) var<storage, read_write> V: array<f32>;
@group(0) @binding(4) var<uniform> p: Adam;
const WGX = ${WG}u;
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  ${INDEX}
  if (i >= p.n) { return; }
  let g = G[i];
  let m = 0.9 * M[i] + 0.1 * g;
  let v = 0.999 * V[i] + 0.001 * g * g;
  M[i] = m; V[i] = v;
  W[i] = W[i] - p.lr * (m / p.c1) / (sqrt(v / p.c2) + 1e-8);
}
`;
}

/** SGD with momentum: bindings 0 W, 1 G, 2 M (momentum buffer), 3 p: Sgd {n, lr, momentum}. */
export function sgdWgsl(WG: number): string {
  return /* wgsl */ `
${UNIFORMS_WGSL}
@group(0) @binding(0) var<storage, read_write> W: array<f32>;
@group(0) @binding(1) var<storage, read> G: array<f32>;
@group(0) @binding(2) var<storage, read_write> M: array<f32>;
@group(0) @binding(3) var<uniform> p: Sgd;
const WGX = ${WG}u;
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  ${INDEX}
  if (i >= p.n) { return; }
  let m = p.momentum * M[i] + G[i];
  M[i] = m;
  W[i] = W[i] - p.lr * m;
}
`;
}

/** Zeroes the diagonal of an N×N gradient (a recurrent projection without self-connections). Bindings: 0 G. */
export function zeroDiagonalWgsl(N: number, WG: number): string {
  return /* wgsl */ `
@group(0) @binding(0) var<storage, read_write> G: array<f32>;
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x < ${N}u) { G[gid.x * ${N}u + gid.x] = 0.0; }
}
`;
}
