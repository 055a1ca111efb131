// The trainer's form of a neuron model's dynamics (../models/dynamics/program.ts, docs/training.md): the
// `update` statements compiled, without eval, into an f64 "lane program" over lanes = batch × neurons — one
// tight loop per operation into a Float64Array register, like the CPU engine's vector program
// (../models/dynamics/cpu.ts) but in f64 — and its reverse-mode derivative, one adjoint loop per operation in
// reverse order. Takes a model's Dynamics and the population's numeric params; gives a step function
// (state, delta, I → state, spike value) and its backward (adjoints of the outputs → adjoints of state, delta, I).
//
// Derivatives: + − × / neg exp log sqrt abs min max exactly; `c ? a : b` sends the adjoint to the taken branch
// only (its condition carries none); comparisons, !, &&, ||, round, floor, ceil carry none; `H(x)` — the spike —
// gets the surrogate derivative (./surrogate.ts). With `smooth` (tests only) H is σ(βx) forward and its exact
// derivative backward, so the gradient equals finite differences.
//
// Constant folding: parameters and derived constants are numbers at compile time, so `reset_timing == 1`,
// `refrac > 0` with no refractoriness, `v_rest + r * I` without synaptic current etc. fold away, and a state
// variable whose update always gives back its initial constant (the refractory counter when refractory_ms is
// 0) is a constant too (found by iterating to a fixed point). Identities x+0, x−0, x·1, x/1, x·0 fold as well
// (x·0 → 0 drops NaN/∞ propagation; the trainer's values are finite).
import { BIN, FN, symbols, type Expr } from '../models/dynamics/expr';
import type { Dynamics, Stmt } from '../models/dynamics/program';
import { derivedConstants, initialState, type Params } from '../models/dynamics/cpu';
import type { SurrogateKind } from './plan';
import { surrogateDerivative } from './surrogate';

/** A compile-time value: a scalar constant, or a register (index) that `active` when gradients can reach it. */
type Val = { c: number } | { r: number; active: boolean };

export interface LaneOptions {
  surrogate: { kind: SurrogateKind; beta: number };
  smooth?: boolean;
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
}

type Loop = () => void;

/** Compile a model's update for `L` lanes with these numeric params (incl. derived constants' inputs) and dt. */
export function laneProgram(d: Dynamics, params: Params, dtMs: number, L: number, membrane: string, usesI: boolean, opts: LaneOptions, lane?: { param: string; N: number }): LaneProgram {
  const consts: Params = { ...params, ...derivedConstants(d, params, dtMs) };
  // A per-neuron parameter and the derived constants that depend on it are registers, not constants.
  const varying = new Set<string>(lane ? [lane.param] : []);
  for (const s of d.derived) if (s.k === 'set' && [...symbols(s.e)].some((n) => varying.has(n))) varying.add(s.name);
  for (const n of varying) delete consts[n];
  const laneSpec = lane ? { ...lane, varying, dtMs, params } : undefined;
  const init = initialState(d, params);
  // Fixed point: state variables that stay at their initial constant.
  const constState = new Set(d.vars);
  for (;;) {
    const c = compile(d, consts, init, constState, L, membrane, usesI, opts, true, laneSpec);
    const drop = [...constState].filter((v) => { const o = c.stateOut.get(v)!; return !('c' in o) || !Object.is(o.c, init[v]); });
    if (drop.length === 0) break;
    for (const v of drop) constState.delete(v);
  }
  return compile(d, consts, init, constState, L, membrane, usesI, opts, false, laneSpec).program;
}

interface Compiled {
  stateOut: Map<string, Val>;
  program: LaneProgram;
}

interface LaneSpec { param: string; N: number; varying: Set<string>; dtMs: number; params: Params }

function compile(d: Dynamics, consts: Params, init: Params, constState: Set<string>, L: number, membrane: string, usesI: boolean, opts: LaneOptions, dry: boolean, lane?: LaneSpec): Compiled {
  const regs: Float64Array[] = [];
  const adj: (Float64Array | undefined)[] = [];
  const fwd: Loop[] = [], bwd: Loop[] = [];
  const newReg = (active: boolean): { r: number; active: boolean } => {
    const r = regs.length;
    regs.push(dry ? EMPTY : new Float64Array(L));
    adj.push(active && !dry ? new Float64Array(L) : undefined);
    return { r, active };
  };
  const stateVars = d.vars.filter((v) => !constState.has(v));
  const stateIn = new Map(stateVars.map((v) => [v, newReg(true)]));
  const deltaReg = newReg(true), IReg = newReg(true);
  const env = new Map<string, Val>();
  for (const v of d.vars) env.set(v, constState.has(v) ? { c: init[v] } : stateIn.get(v)!);
  env.set('delta', deltaReg);
  env.set('I', usesI ? IReg : { c: 0 });
  const laneRegs = new Map<string, { r: number; active: boolean }>();
  for (const n of lane?.varying ?? []) { const r = newReg(true); laneRegs.set(n, r); env.set(n, r); }
  const { kind, beta } = opts.smooth ? { kind: 'sigmoid' as const, beta: opts.surrogate.beta } : opts.surrogate;

  const isC = (v: Val): v is { c: number } => 'c' in v;
  const R = (v: Val) => regs[(v as { r: number }).r];
  const A = (v: Val) => (isC(v) ? undefined : adj[v.r]);

  const unary = (fn: string, a: Val): Val => {
    if (isC(a)) return { c: fn === 'neg' ? -a.c : fn === 'not' ? (a.c !== 0 ? 0 : 1) : FN[fn as keyof typeof FN](a.c, 0) };
    const noGrad = fn === 'not' || fn === 'round' || fn === 'floor' || fn === 'ceil';
    const o = newReg(a.active && !noGrad);
    if (dry) return o;
    const x = R(a), y = R(o), gx = A(a), gy = adj[o.r];
    switch (fn) {
      case 'neg': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = -x[i]; }); if (gx) bwd.push(() => { for (let i = 0; i < L; i++) gx[i] -= gy![i]; }); break;
      case 'not': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = x[i] !== 0 ? 0 : 1; }); break;
      case 'exp': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = Math.exp(x[i]); }); if (gx) bwd.push(() => { for (let i = 0; i < L; i++) gx[i] += gy![i] * y[i]; }); break;
      case 'log': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = Math.log(x[i]); }); if (gx) bwd.push(() => { for (let i = 0; i < L; i++) gx[i] += gy![i] / x[i]; }); break;
      case 'sqrt': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = Math.sqrt(x[i]); }); if (gx) bwd.push(() => { for (let i = 0; i < L; i++) gx[i] += (0.5 * gy![i]) / y[i]; }); break;
      case 'abs': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = Math.abs(x[i]); }); if (gx) bwd.push(() => { for (let i = 0; i < L; i++) gx[i] += x[i] < 0 ? -gy![i] : x[i] > 0 ? gy![i] : 0; }); break;
      case 'H':
        if (opts.smooth) fwd.push(() => { for (let i = 0; i < L; i++) y[i] = 1 / (1 + Math.exp(-beta * x[i])); });
        else fwd.push(() => { for (let i = 0; i < L; i++) y[i] = x[i] > 0 ? 1 : 0; });
        if (gx) bwd.push(() => { for (let i = 0; i < L; i++) { const g = gy![i]; if (g !== 0) gx[i] += g * surrogateDerivative(kind, beta, x[i]); } });
        break;
      default: { const f = FN[fn as keyof typeof FN]; fwd.push(() => { for (let i = 0; i < L; i++) y[i] = f(x[i], 0); }); }
    }
    return o;
  };

  const binary = (op: string, a: Val, b: Val): Val => {
    if (isC(a) && isC(b)) return { c: op in BIN ? BIN[op as keyof typeof BIN](a.c, b.c) : FN[op as 'min'](a.c, b.c) };
    // Identities that keep f64 values exact.
    if (op === '+' && isC(a) && a.c === 0) return b;
    if ((op === '+' || op === '-') && isC(b) && b.c === 0) return a;
    if (op === '*' && isC(a) && a.c === 1) return b;
    if ((op === '*' || op === '/') && isC(b) && b.c === 1) return a;
    if (op === '*' && ((isC(a) && a.c === 0) || (isC(b) && b.c === 0))) return { c: 0 };
    const arith = op === '+' || op === '-' || op === '*' || op === '/' || op === 'min' || op === 'max';
    const o = newReg(arith && ((!isC(a) && a.active) || (!isC(b) && b.active)));
    if (dry) return o;
    const y = regs[o.r], gy = adj[o.r];
    const ga = A(a), gb = A(b);
    if (isC(a) || isC(b)) {
      // One scalar operand: the common shapes v·decay, v − v_th, 1 − s.
      const s = isC(a) ? a.c : (b as { c: number }).c, x = isC(a) ? R(b) : R(a), gx = isC(a) ? gb : ga, left = isC(a);
      switch (op) {
        case '+': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = x[i] + s; }); if (gx) bwd.push(() => { for (let i = 0; i < L; i++) gx[i] += gy![i]; }); return o;
        case '*': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = x[i] * s; }); if (gx) bwd.push(() => { for (let i = 0; i < L; i++) gx[i] += gy![i] * s; }); return o;
        case '-':
          if (left) { fwd.push(() => { for (let i = 0; i < L; i++) y[i] = s - x[i]; }); if (gx) bwd.push(() => { for (let i = 0; i < L; i++) gx[i] -= gy![i]; }); }
          else { fwd.push(() => { for (let i = 0; i < L; i++) y[i] = x[i] - s; }); if (gx) bwd.push(() => { for (let i = 0; i < L; i++) gx[i] += gy![i]; }); }
          return o;
        default: break;
      }
    }
    const aR = isC(a) ? new Float64Array(L).fill(a.c) : R(a), bR = isC(b) ? new Float64Array(L).fill(b.c) : R(b);
    switch (op) {
      case '+': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = aR[i] + bR[i]; }); break;
      case '-': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = aR[i] - bR[i]; }); break;
      case '*': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = aR[i] * bR[i]; }); break;
      case '/': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = aR[i] / bR[i]; }); break;
      case 'min': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = Math.min(aR[i], bR[i]); }); break;
      case 'max': fwd.push(() => { for (let i = 0; i < L; i++) y[i] = Math.max(aR[i], bR[i]); }); break;
      default: { const f = BIN[op as keyof typeof BIN]; fwd.push(() => { for (let i = 0; i < L; i++) y[i] = f(aR[i], bR[i]); }); }
    }
    if (!gy) return o;
    switch (op) {
      case '+': bwd.push(() => { for (let i = 0; i < L; i++) { const g = gy[i]; if (ga) ga[i] += g; if (gb) gb[i] += g; } }); break;
      case '-': bwd.push(() => { for (let i = 0; i < L; i++) { const g = gy[i]; if (ga) ga[i] += g; if (gb) gb[i] -= g; } }); break;
      case '*':
        if (ga && gb) bwd.push(() => { for (let i = 0; i < L; i++) { const g = gy[i]; ga[i] += g * bR[i]; gb[i] += g * aR[i]; } });
        else if (ga) bwd.push(() => { for (let i = 0; i < L; i++) ga[i] += gy[i] * bR[i]; });
        else bwd.push(() => { for (let i = 0; i < L; i++) gb![i] += gy[i] * aR[i]; });
        break;
      case '/': bwd.push(() => { for (let i = 0; i < L; i++) { const g = gy[i] / bR[i]; if (ga) ga[i] += g; if (gb) gb[i] -= g * y[i]; } }); break;
      // min/max: the adjoint goes to the operand that was taken (a on ties).
      case 'min': bwd.push(() => { for (let i = 0; i < L; i++) { if (aR[i] <= bR[i]) { if (ga) ga[i] += gy[i]; } else if (gb) gb[i] += gy[i]; } }); break;
      case 'max': bwd.push(() => { for (let i = 0; i < L; i++) { if (aR[i] >= bR[i]) { if (ga) ga[i] += gy[i]; } else if (gb) gb[i] += gy[i]; } }); break;
    }
    return o;
  };

  const select = (c: Val, a: Val, b: Val): Val => {
    if (isC(c)) return c.c !== 0 ? a : b;
    if (isC(a) && isC(b) && Object.is(a.c, b.c)) return a;
    const o = newReg((!isC(a) && a.active) || (!isC(b) && b.active));
    if (dry) return o;
    const cR = R(c), aR = isC(a) ? new Float64Array(L).fill(a.c) : R(a), bR = isC(b) ? new Float64Array(L).fill(b.c) : R(b), y = regs[o.r];
    fwd.push(() => { for (let i = 0; i < L; i++) y[i] = cR[i] !== 0 ? aR[i] : bR[i]; });
    const gy = adj[o.r], ga = A(a), gb = A(b);
    if (gy) bwd.push(() => { for (let i = 0; i < L; i++) { if (cR[i] !== 0) { if (ga) ga[i] += gy[i]; } else if (gb) gb[i] += gy[i]; } });
    return o;
  };

  const expr = (e: Expr, scope: Map<string, Val>): Val => {
    switch (e.k) {
      case 'num': return { c: e.v };
      case 'sym': {
        const v = scope.get(e.name);
        if (v) return v;
        if (e.name in consts) return { c: consts[e.name] };
        throw new Error(`lane program: unknown name "${e.name}"`);
      }
      case 'neg': return unary('neg', expr(e.a, scope));
      case 'not': return unary('not', expr(e.a, scope));
      case 'sel': return select(expr(e.c, scope), expr(e.a, scope), expr(e.b, scope));
      case 'call': return e.args.length === 2 ? binary(e.fn, expr(e.args[0], scope), expr(e.args[1], scope)) : unary(e.fn, expr(e.args[0], scope));
      case 'bin': return binary(e.op, expr(e.a, scope), expr(e.b, scope));
    }
  };

  let spikeVal: Val | undefined;
  const run = (stmts: Stmt[], scope: Map<string, Val>) => {
    for (const s of stmts) {
      if (s.k === 'repeat') {
        // Sub-stepped models (Hodgkin-Huxley) are not trained (./plan.ts refuses them); unrolled here all the same.
        const n = consts[s.count];
        for (let k = 0; k < n; k++) run(s.body, new Map(scope));
        continue;
      }
      if (s.k === 'spike') {
        // The output to targets: `spike = x > 0` outputs the number x (H(…): 0/1 forward, surrogate backward).
        spikeVal = s.e.k === 'bin' && s.e.op === '>' && s.e.b.k === 'num' && s.e.b.v === 0 ? expr(s.e.a, scope) : expr(s.e, scope);
        continue;
      }
      const v = expr(s.e, scope);
      scope.set(s.name, v);
    }
  };
  run(d.update, env);
  const stateOut = new Map(d.vars.map((v) => [v, env.get(v)!]));
  const outVal = d.spiking ? spikeVal ?? { c: 0 } : stateOut.get(membrane)!;
  if (dry) return { stateOut, program: undefined as unknown as LaneProgram };

  const K = stateVars.length;
  const inRegs = stateVars.map((v) => regs[stateIn.get(v)!.r]);
  const outVals = stateVars.map((v) => stateOut.get(v)!);
  const activeAdj = adj.filter((a): a is Float64Array => !!a);
  const gInRegs = stateVars.map((v) => adj[stateIn.get(v)!.r]!);
  const dReg = regs[deltaReg.r], iReg = regs[IReg.r], gdReg = adj[deltaReg.r]!, giReg = adj[IReg.r]!;
  const load = (state: Float64Array[], delta: Float64Array, I: Float64Array | undefined) => {
    for (let k = 0; k < K; k++) inRegs[k].set(state[k]);
    dReg.set(delta);
    if (usesI && I) iReg.set(I);
    for (const f of fwd) f();
  };
  const write = (v: Val, dst: Float64Array) => { if (isC(v)) dst.fill(v.c); else dst.set(regs[v.r]); };
  // Per-neuron parameter: each varying name's value and d(value)/d(param) per neuron (forward-mode through
  // the derived statements), and the gradient accumulated over lanes and steps.
  const N = lane?.N ?? 1;
  const laneParamGrad = new Float64Array(lane ? N : 0);
  const laneD = [...laneRegs].map(([name, reg]) => ({ name, reg: regs[reg.r], adj: adj[reg.r]!, dv: new Float64Array(N) }));
  const program: LaneProgram = {
    L, stateVars, init: stateVars.map((v) => init[v]), spiking: d.spiking, usesI,
    step(state, delta, I, out) {
      load(state, delta, I);
      write(outVal, out);
      for (let k = 0; k < K; k++) write(outVals[k], state[k]);
    },
    backward(stateBefore, delta, I, gState, gOut, gDelta, gI) {
      load(stateBefore, delta, I);
      for (const a of activeAdj) a.fill(0);
      for (let k = 0; k < K; k++) { const o = outVals[k], g = A(o); if (g) { const s = gState[k]; for (let i = 0; i < L; i++) g[i] += s[i]; } }
      const go = A(outVal);
      if (go) for (let i = 0; i < L; i++) go[i] += gOut[i];
      for (let j = bwd.length - 1; j >= 0; j--) bwd[j]();
      for (let k = 0; k < K; k++) gState[k].set(gInRegs[k]);
      gDelta.set(gdReg);
      if (gI) gI.set(giReg);
      for (const x of laneD) for (let i = 0; i < L; i++) laneParamGrad[i % N] += x.adj[i] * x.dv[i % N];
    },
    laneParamGrad,
    setLaneParam(values) {
      if (!lane) throw new Error('lane program: no per-neuron parameter');
      laneParamGrad.fill(0);
      for (let n = 0; n < N; n++) {
        const env = new Map<string, [number, number]>(Object.entries(lane.params).map(([k, v]) => [k, [v, 0]]));
        env.set('dt', [lane.dtMs, 0]);
        env.set(lane.param, [values[n], 1]);
        for (const s of d.derived) if (s.k === 'set') env.set(s.name, dual(s.e, env));
        for (const x of laneD) {
          const [v, dv] = env.get(x.name)!;
          x.dv[n] = dv;
          for (let i = n; i < L; i += N) x.reg[i] = v;
        }
      }
    },
  };
  return { stateOut, program };
}

const EMPTY = new Float64Array(0);

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
