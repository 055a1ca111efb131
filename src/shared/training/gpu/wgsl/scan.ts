// The GPU trainer's time scans, generated from a population's tape (../../../models/dynamics/tape.ts: its
// model's `update` as straight-line operations and their adjoint operations — the same derivative source as
// the CPU trainer's ../../lanes.ts; docs/training.md). `stepWgsl` writes the per-neuron forward step and its
// reverse; `scanForwardWgsl` / `scanBackwardWgsl` run them over time in the CPU trainer's step order
// (../../cpu-model.ts): step t reads delta_t = H[t − 1] (the arrivals of step t − 1's outputs, 0 at t = 0).
//
// Layouts (b sample, t step, n neuron): H, O (the outputs: spike values or membrane), GOut, GH are [b][t][n];
// ST (the kept state after each step) is [k][b][t][n]. GH[b][t][n] = dL/dH[b][t][n] = dL/d(delta of step
// t + 1); its last row is 0.
//
// Without recurrence every (sample, neuron) lane scans on its own (a thread each, no barriers); with a
// recurrent projection one workgroup per sample shares the step's outputs in workgroup memory.
import { wgslFloat } from '../../../compiler/kernels/common.wgsl';
import type { Ref, Tape } from '../../../models/dynamics/tape';

const lit = (v: Ref) => (typeof v === 'number' ? `r${v}` : wgslFloat(v.c));
const b2f = (cond: string) => `select(0.0, 1.0, ${cond})`;

/**
 * `struct St` (the kept state), `fn step(s: ptr<function, St>, delta: f32, I: f32, n: u32) -> f32` (one step of
 * neuron n in place, returns the output) and `fn back(s: St, delta: f32, I: f32, g: ptr<function, St>, gout: f32,
 * n: u32) -> vec2f` (given the state before the step and dL/d(state after) in g, leaves dL/d(state before) in g,
 * returns (dL/d delta, dL/d I) and leaves dL/d(per-neuron values) in `lane_adj`; left out when !withBack). With
 * per-neuron values (tape.laneIn) the caller binds `LP: LaneParams` (laneParamsWgsl). Needs `fn surrogate(x: f32)
 * -> f32` (./surrogate.ts) when the model spikes.
 */
export function stepWgsl(tape: Tape, withBack = true): string {
  const K = tape.stateVars.length, lane = [...tape.laneIn.values()];
  const fields = K ? tape.stateVars.map((_, k) => `s${k}: f32`).join(', ') : 'unused: f32';
  const loads = [
    ...tape.stateIn.map((r, k) => `let r${r} = s.s${k};`),
    `let r${tape.deltaIn} = delta;`,
    ...(tape.IIn >= 0 ? [`let r${tape.IIn} = I;`] : []),
    // Per-neuron values (a trained parameter and what is derived from it): the scans bind LP (laneParamsWgsl).
    ...lane.map((r, j) => `let r${r} = LP.v[${j}][n];`),
  ];
  const fwd = tape.fwd.map((op) => {
    let e: string;
    if (op.k === 'un') {
      const x = `r${op.a}`;
      switch (op.fn) {
        case 'neg': e = `(-${x})`; break;
        case 'not': e = b2f(`${x} == 0.0`); break;
        case 'H': e = b2f(`${x} > 0.0`); break;
        default: e = `${op.fn}(${x})`;
      }
    } else if (op.k === 'sel') e = `select(${lit(op.b)}, ${lit(op.a)}, r${op.c} != 0.0)`;
    else {
      const a = lit(op.a), b = lit(op.b);
      switch (op.op) {
        case '+': case '-': case '*': case '/': e = `(${a} ${op.op} ${b})`; break;
        case 'min': case 'max': e = `${op.op}(${a}, ${b})`; break;
        case '&&': case '||': e = b2f(`(${a} != 0.0) ${op.op} (${b} != 0.0)`); break;
        default: e = b2f(`${a} ${op.op} ${b}`);
      }
    }
    return `let r${op.y} = ${e};`;
  });
  const g = (r: number) => `g${r}`;
  const seeds = [
    ...tape.stateOut.flatMap((v, k) => (typeof v === 'number' && tape.active[v] ? [`${g(v)} += (*gs).s${k};`] : [])),
    ...(typeof tape.out === 'number' && tape.active[tape.out] ? [`${g(tape.out)} += gout;`] : []),
  ];
  const adj = tape.adj.map((a) => {
    let term = `${a.sign < 0 ? '-' : ''}${g(a.g)}`;
    if (a.mul !== undefined) term += ` * ${lit(a.mul)}`;
    if (a.div !== undefined) term = `(${term}) / ${lit(a.div)}`;
    if (a.fn === 'surr') term += ` * surrogate(${lit(a.x!)})`;
    if (a.fn === 'sign') term += ` * sign(${lit(a.x!)})`;
    const line = `${g(a.dst)} += ${term};`;
    if (!a.when) return line;
    const x = lit(a.when.a), y = a.when.b !== undefined ? lit(a.when.b) : '';
    const cond = { nz: `${x} != 0.0`, z: `${x} == 0.0`, le: `${x} <= ${y}`, gt: `${x} > ${y}`, ge: `${x} >= ${y}`, lt: `${x} < ${y}` }[a.when.test];
    return `if (${cond}) { ${line} }`;
  });
  const gVars = tape.active.flatMap((on, r) => (on ? [`var ${g(r)} = 0.0;`] : []));
  return /* wgsl */ `
struct St { ${fields} }
${withBack && lane.length ? `var<private> lane_adj: array<f32, ${lane.length}>;` : ''}
fn st_init() -> St { return St(${K ? tape.init.map(wgslFloat).join(', ') : '0.0'}); }
fn step(sp: ptr<function, St>, delta: f32, I: f32, n: u32) -> f32 {
  let s = *sp;
  ${loads.join('\n  ')}
  ${fwd.join('\n  ')}
  ${tape.stateOut.map((v, k) => `(*sp).s${k} = ${lit(v)};`).join('\n  ')}
  return ${lit(tape.out)};
}
${withBack ? `fn back(s: St, delta: f32, I: f32, gs: ptr<function, St>, gout: f32, n: u32) -> vec2f {
  ${loads.join('\n  ')}
  ${fwd.join('\n  ')}
  ${gVars.join('\n  ')}
  ${seeds.join('\n  ')}
  ${adj.join('\n  ')}
  ${tape.stateIn.map((r, k) => `(*gs).s${k} = ${g(r)};`).join('\n  ')}
  ${lane.map((r, j) => `lane_adj[${j}] = ${g(r)};`).join('\n  ')}
  return vec2f(${g(tape.deltaIn)}, ${tape.IIn >= 0 ? g(tape.IIn) : '0.0'});
}` : ''}
`;
}

/**
 * The per-neuron values of a population whose parameter is trained (tape.laneIn: the parameter and what is
 * derived from it, in laneIn's order), declared once, in WGSL: v[j][n] is value j of neuron n, dv[j][n] its
 * derivative by the trained parameter (../../lanes.ts laneParamValues). The scans bind it as `LP`; the host fills
 * it through a view derived from this same text (../struct-views.ts laneParamsData).
 */
export function laneParamsWgsl(values: number, N: number): string {
  return `struct LaneParams { v: array<array<f32, ${N}>, ${values}>, dv: array<array<f32, ${N}>, ${values}> }`;
}

export interface ScanShape {
  B: number;
  T: number;
  N: number;
  /** Threads per workgroup. */
  WG: number;
  /** A recurrent (delta) projection N → N: then one workgroup per sample. */
  recurrent: boolean;
  /** With recurrence: whether a neuron's own output reaches it (allow_self); false masks the diagonal. */
  self?: boolean;
  /** Exponential-current channels (per synaptic τ) of feed-forward projections: each one's decay exp(−dt/τ_s). */
  channels?: number[];
}

const stIndex = (k: string) => `((${k} * B + b) * T + t) * N + n`;

/**
 * A storage buffer of a time scan: its WGSL name, access and type (an array of f32 unless said: of atomic u32, or
 * the struct LaneParams); its binding is its place in the list.
 */
export interface ScanBinding { name: string; access: 'read' | 'read_write'; atomic?: boolean; struct?: 'LaneParams' }

/**
 * The buffers a scan binds, in binding order — the one list both the kernel's declarations and the host's bind
 * group are made from (the host passes buffers by these names). Only what the kernel uses is listed: the state
 * ST when the tape keeps state, the spike counts when the model spikes, Wrec with recurrence, IS and a channel
 * buffer per exponential channel, the per-neuron values LP (and their gradient GT) with trained τ.
 *
 * Forward: H (rw: with recurrence the recurrent arrivals are added in, so that H holds every step's delta for
 * the backward), O (w), ST (w), counts (atomic u32 per sample: the outputs' sum; zeroed by the caller), Wrec,
 * IS (w: each step's synaptic current), HC0… (channel c's arrivals W·out_src[t], [b][t][n]), LP (laneParamsWgsl).
 * Backward: H (every step's delta), ST, GOut (dL/d outputs), GH (w), Wrec, IS, GHC0… (w: dL/d HC_c, its last
 * two rows 0), LP, GT (w: dL/dτ per (sample, neuron)).
 */
export function scanBindings(tape: Tape, shape: ScanShape, direction: 'forward' | 'backward'): ScanBinding[] {
  const fwd = direction === 'forward', channels = shape.channels ?? [];
  const r = (name: string): ScanBinding => ({ name, access: 'read' });
  const w = (name: string): ScanBinding => ({ name, access: 'read_write' });
  const state = tape.stateVars.length > 0, lanes = tape.laneIn.size > 0;
  return [
    fwd ? w('H') : r('H'),
    ...(fwd ? [w('O')] : []),
    ...(state ? [fwd ? w('ST') : r('ST')] : []),
    ...(fwd ? (tape.spiking ? [{ name: 'counts', access: 'read_write', atomic: true } as const] : []) : [r('GOut'), w('GH')]),
    ...(shape.recurrent ? [r('Wrec')] : []),
    ...(channels.length ? [fwd ? w('IS') : r('IS')] : []),
    ...channels.map((_, c) => (fwd ? r(`HC${c}`) : w(`GHC${c}`))),
    ...(lanes ? [{ name: 'LP', access: 'read', struct: 'LaneParams' } as const, ...(fwd ? [] : [w('GT')])] : []),
  ];
}

/** The WGSL declarations of a scan's bindings. */
function declareBindings(bindings: ScanBinding[]): string {
  return bindings.map((b, i) => `@group(0) @binding(${i}) var<storage, ${b.access}> ${b.name}: ${b.struct ?? `array<${b.atomic ? 'atomic<u32>' : 'f32'}>`};`).join('\n');
}

function header(shape: ScanShape, tape: Tape, direction: 'forward' | 'backward'): string {
  const { B, T, N, channels = [] } = shape;
  const store = tape.stateVars.map((_, k) => `ST[${stIndex(`${k}u`)}] = s.s${k};`).join(' ');
  const load = tape.stateVars.map((_, k) => `s.s${k} = ST[${stIndex(`${k}u`)}];`).join(' ');
  return /* wgsl */ `
const B = ${B}u;
const T = ${T}u;
const N = ${N}u;
${channels.map((d, c) => `const D${c} = ${wgslFloat(d)};`).join('\n')}
${tape.laneIn.size ? laneParamsWgsl(tape.laneIn.size, N) : ''}
${direction === 'forward' ? `fn store_state(s: St, b: u32, t: u32, n: u32) { ${store} }` : `fn load_state(b: u32, t: u32, n: u32) -> St { var s = st_init(); ${load} return s; }`}
${declareBindings(scanBindings(tape, shape, direction))}
`;
}

/**
 * The scans' entry point without recurrence: a thread per (sample b, neuron n) lane, lanes numbered over a 2-D
 * grid of workgroups; `base` starts sample b's [t][n] rows.
 */
const laneMain = (WG: number) => /* wgsl */ `@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * ${WG}u;
  if (i >= B * N) { return; }
  let b = i / N;
  let n = i % N;
  let base = b * T * N;`;

/** With recurrence: a workgroup per sample b, its threads striding over the neurons (lid); `base` as above. */
const sampleMain = (WG: number) => /* wgsl */ `@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let b = wg.x;
  let base = b * T * N;`;

/**
 * Forward scan; bindings: scanBindings(tape, shape, 'forward').
 *
 * Exponential channels follow the CPU trainer (../../cpu-model.ts): the value at the start of step t is
 * c_t = c_{t−1}·decay + arrivals of step t − 1, which came from the sources' outputs of step t − 2; I_t = Σ c_t.
 */
export function scanForwardWgsl(tape: Tape, shape: ScanShape): string {
  const { WG, recurrent } = shape, channels = shape.channels ?? [];
  // A channel's value: a private variable per lane, or with recurrence one per neuron in workgroup memory.
  const cv = (c: number) => (recurrent ? `chv${c}[n]` : `c${c}`);
  const current = channels.length
    ? `${channels.map((_, c) => `if (t >= 2u) { ${cv(c)} = ${cv(c)} * D${c} + HC${c}[base + (t - 2u) * N + n]; }`).join('\n    ')}
    let I = ${channels.map((_, c) => cv(c)).join(' + ')};
    IS[base + t * N + n] = I;`
    : 'let I = 0.0;';
  const count = tape.spiking ? 'atomicAdd(&counts[b], mine);' : '';
  const common = `${stepWgsl(tape, false)}${header(shape, tape, 'forward')}`;
  if (!recurrent) {
    return /* wgsl */ `${common}
${laneMain(WG)}
  var s = st_init();
  var mine = 0u;
  ${channels.map((_, c) => `var c${c} = 0.0;`).join(' ')}
  for (var t = 0u; t < T; t++) {
    var delta = 0.0;
    if (t > 0u) { delta = H[base + (t - 1u) * N + n]; }
    ${current}
    let o = step(&s, delta, I, n);
    O[base + t * N + n] = o;
    store_state(s, b, t, n);
    mine += u32(o > 0.5);
  }
  ${count}
}
`;
  }
  return /* wgsl */ `${common}
var<workgroup> o_now: array<f32, ${shape.N}>;
var<workgroup> o_next: array<f32, ${shape.N}>;
var<workgroup> st: array<St, ${shape.N}>;
${channels.map((_, c) => `var<workgroup> chv${c}: array<f32, ${shape.N}>;`).join('\n')}

${sampleMain(WG)}
  var mine = 0u;
  for (var n = lid; n < N; n += ${WG}u) { st[n] = st_init(); o_now[n] = 0.0;${channels.map((_, c) => ` chv${c}[n] = 0.0;`).join('')} }
  workgroupBarrier();
  for (var t = 0u; t < T; t++) {
    for (var n = lid; n < N; n += ${WG}u) {
      var delta = 0.0;
      if (t > 0u) {
        let at = base + (t - 1u) * N + n;
        delta = H[at];
        for (var i = 0u; i < N; i++) { ${shape.self === false ? 'if (i != n) { ' : ''}delta += o_now[i] * Wrec[i * N + n];${shape.self === false ? ' }' : ''} }
        H[at] = delta;
      }
      ${current}
      var s = st[n];
      let o = step(&s, delta, I, n);
      st[n] = s;
      o_next[n] = o;
      O[base + t * N + n] = o;
      store_state(s, b, t, n);
      mine += u32(o > 0.5);
    }
    workgroupBarrier();
    for (var n = lid; n < N; n += ${WG}u) { o_now[n] = o_next[n]; }
    workgroupBarrier();
  }
  ${count}
}
`;
}

/**
 * Reverse scan; bindings: scanBindings(tape, shape, 'backward'). `reg` is added to every output's gradient (the
 * spike regulariser's dL/ds).
 */
export function scanBackwardWgsl(tape: Tape, shape: ScanShape, surrogate: string, reg: number): string {
  const { WG, recurrent } = shape, channels = shape.channels ?? [];
  const gv = (c: number) => (recurrent ? `gcv${c}[n]` : `gc${c}`);
  const chanInit = channels.map((_, c) => `${recurrent ? '' : 'var '}${gv(c)} = 0.0; GHC${c}[base + (T - 1u) * N + n] = 0.0; if (T > 1u) { GHC${c}[base + (T - 2u) * N + n] = 0.0; }`).join(' ');
  // dL/d(channel value at step t), then the arrivals from the sources' outputs of step t − 2.
  const chanBack = channels.map((_, c) => `${gv(c)} = gd.y + D${c} * ${gv(c)}; if (t >= 2u) { GHC${c}[base + (t - 2u) * N + n] = ${gv(c)}; }`).join('\n    ');
  const Iat = channels.length ? 'IS[base + t * N + n]' : '0.0';
  // The trained parameter's gradient per (sample, neuron): Σ over steps of dL/d(value) · d(value)/d(parameter).
  const NL = tape.laneIn.size;
  const common = `${surrogate}${stepWgsl(tape)}${header(shape, tape, 'backward')}
${NL ? `fn lane_grad(n: u32) -> f32 { return ${Array.from({ length: NL }, (_, j) => `lane_adj[${j}] * LP.dv[${j}][n]`).join(' + ')}; }` : ''}
const REG = ${wgslFloat(reg)};
fn before(b: u32, t: u32, n: u32) -> St { if (t == 0u) { return st_init(); } return load_state(b, t - 1u, n); }
fn delta_at(base: u32, t: u32, n: u32) -> f32 { if (t == 0u) { return 0.0; } return H[base + (t - 1u) * N + n]; }
`;
  if (!recurrent) {
    return /* wgsl */ `${common}
${laneMain(WG)}
  var g: St;
  ${NL ? 'var gt = 0.0;' : ''}
  GH[base + (T - 1u) * N + n] = 0.0;
  ${chanInit}
  for (var k = 0u; k < T; k++) {
    let t = T - 1u - k;
    let gd = back(before(b, t, n), delta_at(base, t, n), ${Iat}, &g, GOut[base + t * N + n] + REG, n);
    if (t > 0u) { GH[base + (t - 1u) * N + n] = gd.x; }
    ${NL ? 'gt += lane_grad(n);' : ''}
    ${chanBack}
  }
  ${NL ? 'GT[b * N + n] = gt;' : ''}
}
`;
  }
  return /* wgsl */ `${common}
var<workgroup> gd_now: array<f32, ${shape.N}>;
var<workgroup> g_rec: array<f32, ${shape.N}>;
var<workgroup> gst: array<St, ${shape.N}>;
${NL ? `var<workgroup> gt_acc: array<f32, ${shape.N}>;` : ''}
${channels.map((_, c) => `var<workgroup> gcv${c}: array<f32, ${shape.N}>;`).join('\n')}

${sampleMain(WG)}
  for (var n = lid; n < N; n += ${WG}u) { var z: St; gst[n] = z; g_rec[n] = 0.0; GH[base + (T - 1u) * N + n] = 0.0;${NL ? ' gt_acc[n] = 0.0;' : ''} ${chanInit} }
  workgroupBarrier();
  for (var k = 0u; k < T; k++) {
    let t = T - 1u - k;
    for (var n = lid; n < N; n += ${WG}u) {
      var g = gst[n];
      let gd = back(before(b, t, n), delta_at(base, t, n), ${Iat}, &g, GOut[base + t * N + n] + REG + g_rec[n], n);
      gst[n] = g;
      ${chanBack}
      ${NL ? 'gt_acc[n] += lane_grad(n);' : ''}
      gd_now[n] = gd.x;
      if (t > 0u) { GH[base + (t - 1u) * N + n] = gd.x; }
    }
    workgroupBarrier();
    // dL/d(outputs of step t − 1) through the recurrent projection, before that step is reversed.
    for (var i = lid; i < N; i += ${WG}u) {
      var acc = 0.0;
      for (var n = 0u; n < N; n++) { ${shape.self === false ? 'if (n != i) { ' : ''}acc += Wrec[i * N + n] * gd_now[n];${shape.self === false ? ' }' : ''} }
      g_rec[i] = acc;
    }
    workgroupBarrier();
  }
  ${NL ? `for (var n = lid; n < N; n += ${WG}u) { GT[b * N + n] = gt_acc[n]; }` : ''}
}
`;
}
