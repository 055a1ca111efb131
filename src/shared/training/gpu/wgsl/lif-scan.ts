// LIF time scans, one workgroup per sample, each thread owning neurons lid, lid+WG, … (the recurrent sum
// needs every neuron's spike of the step, shared in workgroup memory). Same order as ../../cpu-model.ts.
// Forward bindings: 0 H (rw: feed-forward in, + recurrent out), 1 V (w), 2 S (w), 3 Wrec (read, recurrent only), 4 counts (w),
// 5 P {T, B, alpha, vth, …, c0, vreset, vinit}. Backward: 0 H, 1 V, 2 S, 3 GOut (read), 4 GH (w), 5 Wrec,
// 6 P {T, B, alpha, vth, reg, …, c0, vreset}. c0 = (1 − α)·v_rest: the leak towards v_rest (delta synapses: I = 0,
// so R drops out); v_reset is where the previous step's spike sets v (reset_timing 'tutorial'), v_init is v(0).
// Adaptive LIF adds binding 6 (forward) / 7 (backward): the threshold b per step, and ρ, δ in P.
export interface ScanShape { N: number; WG: number; recurrent: boolean; adaptive?: boolean }

export function lifForwardWgsl({ N, WG, recurrent, adaptive = false }: ScanShape): string {
  return /* wgsl */ `
struct P { T: u32, B: u32, alpha: f32, vth: f32, rho: f32, delta: f32, c0: f32, vreset: f32, vinit: f32, p0: f32, p1: f32, p2: f32 }
@group(0) @binding(0) var<storage, read_write> H: array<f32>;
@group(0) @binding(1) var<storage, read_write> V: array<f32>;
@group(0) @binding(2) var<storage, read_write> S: array<f32>;
${recurrent ? '@group(0) @binding(3) var<storage, read> Wrec: array<f32>;' : ''}
@group(0) @binding(4) var<storage, read_write> counts: array<u32>;
@group(0) @binding(5) var<uniform> p: P;
${adaptive ? `@group(0) @binding(6) var<storage, read_write> Bthr: array<f32>;
var<workgroup> b_now: array<f32, ${N}>;` : ''}
const N = ${N}u;
var<workgroup> s_now: array<f32, ${N}>;
var<workgroup> s_next: array<f32, ${N}>;
var<workgroup> v_now: array<f32, ${N}>;
var<workgroup> cnt: atomic<u32>;

@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let b = wg.x;
  if (lid == 0u) { atomicStore(&cnt, 0u); }
  let base = b * p.T * N;
  // Step 0 has no input (the CPU trainer's order, ../../cpu-model.ts): v(0) decays towards v_rest and spikes if
  // above the threshold; rows 1… then take the previous step's input.
  var mine = 0u;
  for (var n = lid; n < N; n += ${WG}u) {
    let s0 = select(0.0, 1.0, p.vinit - p.vth > 0.0);
    let v0 = p.alpha * p.vinit + p.c0;
    s_now[n] = s0; v_now[n] = v0; V[base + n] = v0; S[base + n] = s0;
    mine += u32(s0);
    ${adaptive ? 'b_now[n] = p.vth + p.delta * s0; Bthr[base + n] = b_now[n];' : ''}
  }
  workgroupBarrier();
  for (var t = 0u; t + 1u < p.T; t++) {
    let row = base + t * N;
    for (var n = lid; n < N; n += ${WG}u) {
      var h = H[row + n];
      ${recurrent ? `for (var i = 0u; i < N; i++) { h += s_now[i] * Wrec[i * N + n]; }
      H[row + n] = h;` : ''}
      let v = v_now[n];
      let s_new = select(0.0, 1.0, v - ${adaptive ? 'b_now[n]' : 'p.vth'} > 0.0);
      let v_new = (p.alpha * v + p.c0 + h) * (1.0 - s_now[n]) + p.vreset * s_now[n];
      s_next[n] = s_new; v_now[n] = v_new;
      ${adaptive ? `let b_new = p.vth + p.rho * (b_now[n] - p.vth) + p.delta * s_new;
      b_now[n] = b_new; Bthr[row + N + n] = b_new;` : ''}
      V[row + N + n] = v_new; S[row + N + n] = s_new;
      mine += u32(s_new);
    }
    workgroupBarrier();
    for (var n = lid; n < N; n += ${WG}u) { s_now[n] = s_next[n]; }
    workgroupBarrier();
  }
  atomicAdd(&cnt, mine);
  workgroupBarrier();
  if (lid == 0u) { counts[b] = atomicLoad(&cnt); }
}
`;
}

export function lifBackwardWgsl({ N, WG, recurrent, adaptive = false }: ScanShape, surrogate: string): string {
  return /* wgsl */ `
struct P { T: u32, B: u32, alpha: f32, vth: f32, reg: f32, rho: f32, delta: f32, c0: f32, vreset: f32, p1: f32, p2: f32, p3: f32 }
@group(0) @binding(0) var<storage, read> H: array<f32>;
@group(0) @binding(1) var<storage, read> V: array<f32>;
@group(0) @binding(2) var<storage, read> S: array<f32>;
@group(0) @binding(3) var<storage, read> GOut: array<f32>;
@group(0) @binding(4) var<storage, read_write> GH: array<f32>;
${recurrent ? '@group(0) @binding(5) var<storage, read> Wrec: array<f32>;' : ''}
@group(0) @binding(6) var<uniform> p: P;
${adaptive ? `@group(0) @binding(7) var<storage, read> Bthr: array<f32>;
var<workgroup> gb: array<f32, ${N}>;` : ''}
const N = ${N}u;
var<workgroup> gv: array<f32, ${N}>;
var<workgroup> gs: array<f32, ${N}>;
var<workgroup> gh: array<f32, ${N}>;
${surrogate}

@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let b = wg.x;
  let base = b * p.T * N;
  let last = base + (p.T - 1u) * N;
  for (var n = lid; n < N; n += ${WG}u) {
    gv[n] = 0.0; gs[n] = GOut[last + n] + p.reg; GH[last + n] = 0.0;
    ${adaptive ? 'gb[n] = 0.0;' : ''}
  }
  workgroupBarrier();
  for (var k = 0u; k + 1u < p.T; k++) {
    let row = base + (p.T - 2u - k) * N;
    for (var n = lid; n < N; n += ${WG}u) {
      let v = V[row + n];
      let a = p.alpha * v + p.c0 + H[row + n];
      let g = gv[n] * (1.0 - S[row + n]);
      GH[row + n] = g;
      gh[n] = g;
      let gv_old = gv[n];
      ${adaptive ? `let gs_tot = gs[n] + p.delta * gb[n];
      let sd = surrogate(v - Bthr[row + n]);
      gv[n] = p.alpha * g + gs_tot * sd;
      gb[n] = p.rho * gb[n] - gs_tot * sd;` : 'gv[n] = p.alpha * g + gs[n] * surrogate(v - p.vth);'}
      gs[n] = GOut[row + n] + p.reg + (p.vreset - a) * gv_old;
    }
    ${recurrent ? `workgroupBarrier();
    for (var i = lid; i < N; i += ${WG}u) {
      var acc = 0.0;
      for (var n = 0u; n < N; n++) { acc += Wrec[i * N + n] * gh[n]; }
      gs[i] += acc;
    }` : ''}
    workgroupBarrier();
  }
}
`;
}
