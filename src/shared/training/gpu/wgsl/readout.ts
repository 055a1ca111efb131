// Readout kernels: the reduction over time (mean/max/sum) and the loss with its gradient back to every step (thread per sample).
// Same formulas as ../../cpu-model.ts and ../../loss.ts.
import type { LossKind } from '../../plan';
import type { Reduction } from '../../loss';
import { UNIFORMS_WGSL } from './uniforms';

/**
 * Reduction over time and the loss, thread per sample. Bindings: 0 OUT (read, B×T×K), 1 labels (read, i32),
 * 2 ipd (read, f32), 3 lossOut (write, per sample, not divided by B), 4 M (write, B×K), 5 GOut (write, B×T×K),
 * 6 p: Loss {T, B, K, invB} (./uniforms.ts). Uses the configured batch size for 1/B: evaluation pads smaller batches.
 */
export function lossWgsl(loss: LossKind, r: Reduction, WG: number, K: number): string {
  const regression = loss === 'mse' || loss === 'circular';
  return /* wgsl */ `
${UNIFORMS_WGSL}
@group(0) @binding(0) var<storage, read> OUT: array<f32>;
@group(0) @binding(1) var<storage, read> labels: array<i32>;
@group(0) @binding(2) var<storage, read> ipd: array<f32>;
@group(0) @binding(3) var<storage, read_write> lossOut: array<f32>;
@group(0) @binding(4) var<storage, read_write> M: array<f32>;
@group(0) @binding(5) var<storage, read_write> GOut: array<f32>;
@group(0) @binding(6) var<uniform> p: Loss;
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let b = gid.x;
  if (b >= p.B) { return; }
  // Both bindings stay in the auto layout whichever loss uses them.
  _ = labels[b]; _ = ipd[b];
  var m: array<f32, ${K}>;
  var at: array<u32, ${K}>;
  for (var k = 0u; k < ${K}u; k++) {
    var acc = ${r === 'max' ? '-3.0e38' : '0.0'};
    var best = 0u;
    for (var t = 0u; t < p.T; t++) {
      let x = OUT[(b * p.T + t) * ${K}u + k];
      ${r === 'max' ? 'if (x > acc) { acc = x; best = t; }' : 'acc += x;'}
    }
    m[k] = ${r === 'mean' ? 'acc / f32(p.T)' : 'acc'};
    at[k] = best;
    M[b * ${K}u + k] = m[k];
  }
  var gm: array<f32, ${K}>;
  ${regression ? `
  let d = m[0] - ipd[b];
  ${loss === 'mse' ? 'lossOut[b] = d * d; gm[0] = 2.0 * d * p.invB;' : 'lossOut[b] = 1.0 - cos(d); gm[0] = sin(d) * p.invB;'}` : `
  var mx = -3.0e38;
  for (var k = 0u; k < ${K}u; k++) { mx = max(mx, m[k]); }
  var z = 0.0;
  for (var k = 0u; k < ${K}u; k++) { z += exp(m[k] - mx); }
  let lse = mx + log(z);
  let y = u32(labels[b]);
  lossOut[b] = lse - m[y];
  for (var k = 0u; k < ${K}u; k++) { gm[k] = (exp(m[k] - lse) - select(0.0, 1.0, k == y)) * p.invB; }`}
  for (var t = 0u; t < p.T; t++) {
    for (var k = 0u; k < ${K}u; k++) {
      ${r === 'max' ? 'GOut[(b * p.T + t) * ' + K + 'u + k] = select(0.0, gm[k], t == at[k]);'
        : `GOut[(b * p.T + t) * ${K}u + k] = ${r === 'mean' ? 'gm[k] / f32(p.T)' : 'gm[k]'};`}
    }
  }
}
`;
}
