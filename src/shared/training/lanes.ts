// The CPU trainer's form of a neuron model's dynamics (docs/training.md): the model's tape
// (../models/dynamics/tape.ts — its `update` statements as straight-line operations with constants folded, and
// their reverse mode as adjoint operations; the one derivative source the GPU trainer's WGSL comes from too)
// turned, without eval, into f64 "lane programs" over lanes = batch × neurons: one tight loop per operation
// into a Float64Array register, like the CPU engine's vector program (../models/dynamics/cpu.ts) but in f64,
// and one loop per adjoint operation. Takes a model's Dynamics and the population's numeric params; gives a
// step function (state, delta, I → state, spike value) and its backward (adjoints of the outputs → adjoints of
// state, delta, I). `H(x)` gets the surrogate derivative (./surrogate.ts). With `smooth` (tests only) H is
// σ(βx) forward and its exact derivative backward, so the gradient equals finite differences.
import { BIN, FN, symbols, type Expr } from '../models/dynamics/expr';
import type { Dynamics } from '../models/dynamics/program';
import { derivedConstants, initialState, type Params } from '../models/dynamics/cpu';
import { buildTape, type AdjOp, type Ref, type Tape } from '../models/dynamics/tape';
import type { SurrogateKind } from './plan';
import { surrogateDerivative } from './surrogate';
import { wasmLanes, type WasmLanes } from './lanes-wasm';

export interface LaneOptions {
  surrogate: { kind: SurrogateKind; beta: number };
  smooth?: boolean;
  /** false: the JS loops even where the WebAssembly form (./lanes-wasm.ts) compiles (tests compare the two). */
  wasm?: boolean;
  /** Steps of a batch: the WebAssembly form then holds whole traces of that many steps (`LaneProgram.trace`). */
  steps?: number;
}

export interface LaneProgram {
  /** Lanes (batch × neurons). */
  readonly L: number;
  /** State variables kept per step (those not folded to constants), in the model's `vars` order. */
  readonly stateVars: string[];
  /** Their initial values (scalars: the init statements read parameters only). */
  readonly init: number[];
  /** Whether the population's output is a spike value (H) or its membrane (`roles.membrane`). */
  readonly spiking: boolean;
  readonly usesI: boolean;
  /**
   * One step: `state[k]` (length L each, stateVars order) is read and overwritten with the new state;
   * `out` gets the output (spike value or membrane).
   */
  step(state: Float64Array[], delta: Float64Array, I: Float64Array | undefined, out: Float64Array): void;
  /**
   * Reverse of one step, given the state before it (recomputes the step's intermediates): `gState[k]` holds
   * dL/d(state after the step) and becomes dL/d(state before it); `gOut` is dL/d(output of this step);
   * `gDelta`, `gI` receive dL/d(inputs) (overwritten).
   */
  backward(stateBefore: Float64Array[], delta: Float64Array, I: Float64Array | undefined, gState: Float64Array[], gOut: Float64Array, gDelta: Float64Array, gI: Float64Array | undefined): void;
  /**
   * With a per-neuron parameter (`laneParam`, e.g. a trained τ): set its N values (the derived constants that
   * depend on it follow, per neuron) and zero its gradient, which each backward() then adds dL/d(param) to.
   */
  setLaneParam(values: Float64Array): void;
  readonly laneParamGrad: Float64Array;
  /**
   * The WebAssembly form's traces of a batch (options.steps steps; views of its memory): `stepAt(t)` and
   * `backwardAt(t)` are step and backward on their rows t in place — nothing copied per step, where step and
   * backward copy their arguments in and out. Undefined for the JS loops.
   */
  readonly trace?: LaneTrace;
}

/** ./lanes-wasm.ts `WasmLanes`' arrays (which say what they hold) with step t and its reverse on them. */
export interface LaneTrace {
  state: Float64Array[]; delta: Float64Array; out: Float64Array; gOut: Float64Array; gDelta: Float64Array;
  I: Float64Array; gI: Float64Array; gState: Float64Array[];
  stepAt(t: number): void;
  backwardAt(t: number): void;
}

type Loop = () => void;

/** The tape of a population's update: its params' constants folded, `lane.param` (and what depends on it) per neuron. */
export function populationTape(d: Dynamics, params: Params, dtMs: number, membrane: string, usesI: boolean, laneParam?: string): Tape {
  const consts: Params = { ...params, ...derivedConstants(d, params, dtMs) };
  const varying = new Set<string>(laneParam ? [laneParam] : []);
  for (const s of d.derived) if (s.k === 'set' && [...symbols(s.e)].some((n) => varying.has(n))) varying.add(s.name);
  for (const n of varying) delete consts[n];
  return buildTape(d, { consts, init: initialState(d, params), membrane, usesI, varying });
}

/** Compile a model's update for `L` lanes with these numeric params (incl. derived constants' inputs) and dt. */
export function laneProgram(d: Dynamics, params: Params, dtMs: number, L: number, membrane: string, usesI: boolean, opts: LaneOptions, lane?: { param: string; N: number }): LaneProgram {
  const tape = populationTape(d, params, dtMs, membrane, usesI, lane?.param);
  return emit(tape, d, L, opts, lane ? { ...lane, dtMs, params } : undefined);
}

interface LaneSpec { param: string; N: number; dtMs: number; params: Params }

function emit(tape: Tape, d: Dynamics, L: number, opts: LaneOptions, lane?: LaneSpec): LaneProgram {
  const w = opts.wasm === false || lane ? null : wasmLanes(tape, L, opts.surrogate, !!opts.smooth, opts.steps ?? 1);
  if (w) return wasmProgram(tape, L, w);
  const regs: Float64Array[] = tape.active.map(() => new Float64Array(L));
  const adj: (Float64Array | undefined)[] = tape.active.map((a) => (a ? new Float64Array(L) : undefined));
  const fwd: Loop[] = [], bwd: Loop[] = [];
  const { kind, beta } = opts.smooth ? { kind: 'sigmoid' as const, beta: opts.surrogate.beta } : opts.surrogate;
  const isC = (v: Ref): v is { c: number } => typeof v !== 'number';
  /** A register, or a constant spread over the lanes. */
  const arr = (v: Ref) => (isC(v) ? new Float64Array(L).fill(v.c) : regs[v]);

  for (const op of tape.fwd) {
    const y = regs[op.y];
    if (op.k === 'un') {
      const x = regs[op.a];
      switch (op.fn) {
        case 'neg': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = -x[i]; }); break;
        case 'not': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = x[i] !== 0 ? 0 : 1; }); break;
        case 'exp': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = Math.exp(x[i]); }); break;
        case 'H':
          if (opts.smooth) fwd.push(() => { for (let i = 0; i < L; i++) y[i] = 1 / (1 + Math.exp(-beta * x[i])); });
          else fwd.push(() => { for (let i = 0; i < L; i++) y[i] = x[i] > 0 ? 1 : 0; });
          break;
        default: { const f = FN[op.fn]; fwd.push(() => { for (let i = 0; i < L; i++) y[i] = f(x[i], 0); }); }
      }
    } else if (op.k === 'sel') {
      const c = regs[op.c], a = arr(op.a), b = arr(op.b);
      fwd.push(() => { for (let i = 0; i < L; i++) y[i] = c[i] !== 0 ? a[i] : b[i]; });
    } else {
      const { op: o, a, b } = op;
      if ((isC(a) || isC(b)) && (o === '+' || o === '*' || o === '-')) {
        // One scalar operand: the common shapes v·decay, v − v_th, 1 − s.
        const s = isC(a) ? a.c : (b as { c: number }).c, x = regs[(isC(a) ? b : a) as number];
        if (o === '+') fwd.push(() => { for (let i = 0; i < L; i++) y[i] = x[i] + s; });
        else if (o === '*') fwd.push(() => { for (let i = 0; i < L; i++) y[i] = x[i] * s; });
        else if (isC(a)) fwd.push(() => { for (let i = 0; i < L; i++) y[i] = s - x[i]; });
        else fwd.push(() => { for (let i = 0; i < L; i++) y[i] = x[i] - s; });
        continue;
      }
      const aR = arr(a), bR = arr(b);
      switch (o) {
        case '+': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = aR[i] + bR[i]; }); break;
        case '-': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = aR[i] - bR[i]; }); break;
        case '*': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = aR[i] * bR[i]; }); break;
        case '/': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = aR[i] / bR[i]; }); break;
        case 'min': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = Math.min(aR[i], bR[i]); }); break;
        case 'max': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = Math.max(aR[i], bR[i]); }); break;
        default: { const f = BIN[o]; fwd.push(() => { for (let i = 0; i < L; i++) y[i] = f(aR[i], bR[i]); }); }
      }
    }
  }
  for (const a of tape.adj) bwd.push(adjointLoop(a, regs, adj, L, kind, beta, arr));

  const K = tape.stateVars.length;
  const inRegs = tape.stateIn.map((r) => regs[r]);
  const gInRegs = tape.stateIn.map((r) => adj[r]!);
  const activeAdj = adj.filter((a): a is Float64Array => !!a);
  const dReg = regs[tape.deltaIn], gdReg = adj[tape.deltaIn]!;
  const usesI = tape.IIn >= 0, iReg = usesI ? regs[tape.IIn] : undefined, giReg = usesI ? adj[tape.IIn] : undefined;
  const load = (state: Float64Array[], delta: Float64Array, I: Float64Array | undefined) => {
    for (let k = 0; k < K; k++) inRegs[k].set(state[k]);
    dReg.set(delta);
    if (iReg && I) iReg.set(I);
    for (const f of fwd) f();
  };
  const write = (v: Ref, dst: Float64Array) => { if (isC(v)) dst.fill(v.c); else dst.set(regs[v]); };
  const adjOf = (v: Ref) => (isC(v) ? undefined : adj[v]);
  // Per-neuron parameter: each varying name's value and d(value)/d(param) per neuron (forward-mode through
  // the derived statements), and the gradient accumulated over lanes and steps.
  const N = lane?.N ?? 1;
  const laneParamGrad = new Float64Array(lane ? N : 0);
  const laneD = [...tape.laneIn].map(([name, r]) => ({ name, reg: regs[r], adj: adj[r]!, dv: new Float64Array(N) }));
  return {
    L, stateVars: tape.stateVars, init: tape.init, spiking: tape.spiking, usesI,
    step(state, delta, I, out) {
      load(state, delta, I);
      write(tape.out, out);
      for (let k = 0; k < K; k++) write(tape.stateOut[k], state[k]);
    },
    backward(stateBefore, delta, I, gState, gOut, gDelta, gI) {
      load(stateBefore, delta, I);
      for (const a of activeAdj) a.fill(0);
      for (let k = 0; k < K; k++) { const g = adjOf(tape.stateOut[k]); if (g) { const s = gState[k]; for (let i = 0; i < L; i++) g[i] += s[i]; } }
      const go = adjOf(tape.out);
      if (go) for (let i = 0; i < L; i++) go[i] += gOut[i];
      for (const f of bwd) f();
      for (let k = 0; k < K; k++) gState[k].set(gInRegs[k]);
      gDelta.set(gdReg);
      if (gI && giReg) gI.set(giReg);
      for (const x of laneD) for (let i = 0; i < L; i++) laneParamGrad[i % N] += x.adj[i] * x.dv[i % N];
    },
    laneParamGrad,
    setLaneParam(values) {
      if (!lane) throw new Error('lane program: no per-neuron parameter');
      laneParamGrad.fill(0);
      const lv = laneParamValues(d, lane.params, lane.dtMs, lane.param, values, laneD.map((x) => x.name));
      laneD.forEach((x, j) => {
        x.dv.set(lv.dv[j]);
        for (let n = 0; n < N; n++) { const v = lv.v[j][n]; for (let i = n; i < L; i += N) x.reg[i] = v; }
      });
    },
  };
}

/**
 * The lane program over the WebAssembly form: `stepAt`/`backwardAt` on its traces in place; `step`/`backward`
 * copy their arguments into its rows 0 and back (arguments that are its own lane arrays are not copied).
 */
function wasmProgram(tape: Tape, L: number, w: WasmLanes): LaneProgram {
  const K = tape.stateVars.length, usesI = tape.IIn >= 0;
  const row0 = (a: Float64Array) => a.subarray(0, L), row1 = (a: Float64Array) => a.subarray(L, 2 * L);
  const before = w.state.map(row0), after = w.state.map(row1), delta = row0(w.delta), out = row0(w.out), gOut = row0(w.gOut), gDelta = row0(w.gDelta);
  return {
    L, stateVars: tape.stateVars, init: tape.init, spiking: tape.spiking, usesI,
    trace: {
      state: w.state, delta: w.delta, out: w.out, gOut: w.gOut, gDelta: w.gDelta, I: w.I, gI: w.gI, gState: w.gState,
      stepAt: w.step, backwardAt: w.backward,
    },
    step(state, d, I, o) {
      for (let k = 0; k < K; k++) before[k].set(state[k]);
      delta.set(d);
      if (usesI && I && I !== w.I) w.I.set(I);
      w.step(0);
      o.set(out);
      for (let k = 0; k < K; k++) state[k].set(after[k]);
    },
    backward(stateBefore, d, I, gState, gO, gD, gI) {
      for (let k = 0; k < K; k++) { before[k].set(stateBefore[k]); if (gState[k] !== w.gState[k]) w.gState[k].set(gState[k]); }
      delta.set(d);
      if (usesI && I && I !== w.I) w.I.set(I);
      gOut.set(gO);
      w.backward(0);
      for (let k = 0; k < K; k++) if (gState[k] !== w.gState[k]) gState[k].set(w.gState[k]);
      gD.set(gDelta);
      if (gI && usesI && gI !== w.gI) gI.set(w.gI);
    },
    laneParamGrad: new Float64Array(0),
    setLaneParam() { throw new Error('lane program: no per-neuron parameter'); },
  };
}

/**
 * Per-neuron values of a population's varying names (a trained parameter and the derived constants that depend
 * on it) for the parameter's N values, and their derivatives with respect to it (forward mode through the
 * `derived` statements): what the CPU lanes and the GPU scans (./gpu/gpu-backend.ts) read per neuron.
 */
export function laneParamValues(d: Dynamics, params: Params, dtMs: number, param: string, values: ArrayLike<number>, names: string[]): { v: Float64Array[]; dv: Float64Array[] } {
  const N = values.length;
  const v = names.map(() => new Float64Array(N)), dv = names.map(() => new Float64Array(N));
  for (let n = 0; n < N; n++) {
    const env = new Map<string, [number, number]>(Object.entries(params).map(([k, x]) => [k, [x, 0]]));
    env.set('dt', [dtMs, 0]);
    env.set(param, [values[n], 1]);
    for (const s of d.derived) if (s.k === 'set') env.set(s.name, dual(s.e, env));
    names.forEach((name, j) => { const [x, dx] = env.get(name)!; v[j][n] = x; dv[j][n] = dx; });
  }
  return { v, dv };
}

/** One adjoint operation as a loop: adj[dst] += sign · adj[g] · mul / div · fn(x), where `when` holds. */
function adjointLoop(a: AdjOp, regs: Float64Array[], adj: (Float64Array | undefined)[], L: number, kind: SurrogateKind, beta: number, arr: (v: Ref) => Float64Array): Loop {
  const gx = adj[a.dst]!, gy = adj[a.g]!, sg = a.sign;
  const constOf = (v: Ref | undefined) => (v !== undefined && typeof v !== 'number' ? v.c : undefined);
  if (a.when) {
    const w = a.when, x = arr(w.a), y = w.b !== undefined ? arr(w.b) : x;
    const test = w.test;
    return () => {
      for (let i = 0; i < L; i++) {
        const ok = test === 'nz' ? x[i] !== 0 : test === 'z' ? x[i] === 0 : test === 'le' ? x[i] <= y[i] : test === 'gt' ? x[i] > y[i] : test === 'ge' ? x[i] >= y[i] : x[i] < y[i];
        if (ok) gx[i] += sg * gy[i];
      }
    };
  }
  if (a.fn === 'surr') {
    const x = arr(a.x!);
    return () => { for (let i = 0; i < L; i++) { const g = gy[i]; if (g !== 0) gx[i] += sg * g * surrogateDerivative(kind, beta, x[i]); } };
  }
  if (a.fn === 'sign') {
    const x = arr(a.x!);
    return () => { for (let i = 0; i < L; i++) gx[i] += x[i] < 0 ? -sg * gy[i] : x[i] > 0 ? sg * gy[i] : 0; };
  }
  if (a.div !== undefined) {
    const dv = arr(a.div), m = a.mul === undefined ? undefined : arr(a.mul);
    if (m) return () => { for (let i = 0; i < L; i++) gx[i] += (sg * gy[i] * m[i]) / dv[i]; };
    return () => { for (let i = 0; i < L; i++) gx[i] += (sg * gy[i]) / dv[i]; };
  }
  if (a.mul !== undefined) {
    const c = constOf(a.mul);
    if (c !== undefined) { const s = sg * c; return () => { for (let i = 0; i < L; i++) gx[i] += gy[i] * s; }; }
    const m = regs[a.mul as number];
    if (sg === 1) return () => { for (let i = 0; i < L; i++) gx[i] += gy[i] * m[i]; };
    return () => { for (let i = 0; i < L; i++) gx[i] -= gy[i] * m[i]; };
  }
  if (sg === 1) return () => { for (let i = 0; i < L; i++) gx[i] += gy[i]; };
  return () => { for (let i = 0; i < L; i++) gx[i] -= gy[i]; };
}

/** Value and derivative (forward mode, one input) of a host expression: the derived constants of a lane parameter. */
function dual(e: Expr, env: Map<string, [number, number]>): [number, number] {
  switch (e.k) {
    case 'num': return [e.v, 0];
    case 'sym': return env.get(e.name) ?? [NaN, 0];
    case 'neg': { const [a, da] = dual(e.a, env); return [-a, -da]; }
    case 'not': { const [a] = dual(e.a, env); return [a !== 0 ? 0 : 1, 0]; }
    case 'sel': return dual(e.c, env)[0] !== 0 ? dual(e.a, env) : dual(e.b, env);
    case 'bin': {
      const [a, da] = dual(e.a, env), [b, db] = dual(e.b, env);
      switch (e.op) {
        case '+': return [a + b, da + db];
        case '-': return [a - b, da - db];
        case '*': return [a * b, da * b + a * db];
        case '/': return [a / b, (da * b - a * db) / (b * b)];
        default: return [BIN[e.op](a, b), 0];
      }
    }
    case 'call': {
      const [a, da] = dual(e.args[0], env);
      const [b, db] = e.args.length > 1 ? dual(e.args[1], env) : [0, 0];
      switch (e.fn) {
        case 'exp': { const y = Math.exp(a); return [y, y * da]; }
        case 'log': return [Math.log(a), da / a];
        case 'sqrt': { const y = Math.sqrt(a); return [y, (0.5 * da) / y]; }
        case 'abs': return [Math.abs(a), a < 0 ? -da : a > 0 ? da : 0];
        case 'min': return a <= b ? [a, da] : [b, db];
        case 'max': return a >= b ? [a, da] : [b, db];
        default: return [FN[e.fn](a, b), 0];
      }
    }
  }
}
