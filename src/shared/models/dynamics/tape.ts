// The trainer's one derivative source (docs/training.md, "How the trainer's kernels are derived"): a neuron
// model's `update` statements (./program.ts) for one population — parameters and derived constants folded in —
// as a straight-line tape of operations on registers (SSA: each register is written once), and its reverse
// mode as a second list of adjoint operations, in the order they run. Derivative rules live here only; the
// CPU trainer turns both lists into f64 loops over lanes (../../training/lanes.ts) and the GPU trainer into
// WGSL (../../training/gpu/wgsl/scan.ts), so the two cannot disagree about a derivative.
//
// Derivatives: + − × / neg exp log sqrt abs min max exactly; `c ? a : b` sends the adjoint to the taken branch
// only (its condition carries none); comparisons, !, &&, ||, round, floor, ceil carry none; `H(x)` — the spike —
// gets the surrogate derivative (`fn: 'surr'`, the emitter's surrogate).
//
// Constant folding: parameters and derived constants are numbers, so `reset_timing == 1`, `refrac > 0` with no
// refractoriness, `v_rest + r * I` without synaptic current etc. fold away, and a state variable whose update
// always gives back its initial constant (the refractory counter when refractory_ms is 0) is a constant too
// (found by iterating to a fixed point). Identities x+0, x−0, x·1, x/1, x·0 fold as well (x·0 → 0 drops
// NaN/∞ propagation; the trainer's values are finite).
import { BIN, FN, type BinOp, type Expr, type Fn } from './expr';
import type { Dynamics, Stmt } from './program';
import type { Params } from './cpu';

/** An operand: a register index, or a constant. */
export type Ref = number | { c: number };

export type UnaryFn = Fn | 'neg' | 'not';
export type BinaryFn = BinOp | 'min' | 'max';

export type FwdOp =
  | { k: 'un'; fn: UnaryFn; a: number; y: number }
  | { k: 'bin'; op: BinaryFn; a: Ref; b: Ref; y: number }
  | { k: 'sel'; c: number; a: Ref; b: Ref; y: number };

/** The test an adjoint operation runs under (min/max/select: only the taken operand gets the adjoint). */
export interface AdjWhen { test: 'nz' | 'z' | 'le' | 'gt' | 'ge' | 'lt'; a: Ref; b?: Ref }

/**
 * adj[dst] += sign · adj[g] · mul / div · fn(x), when `when` holds. `fn`: 'surr' is the surrogate derivative
 * of H at x, 'sign' is sign(x) (abs).
 */
export interface AdjOp { dst: number; g: number; sign: 1 | -1; mul?: Ref; div?: Ref; fn?: 'surr' | 'sign'; x?: Ref; when?: AdjWhen }

export interface Tape {
  /** Registers; `active[r]`: gradients can reach r (it has an adjoint). */
  nRegs: number;
  active: boolean[];
  /** Kept state variables (not folded to constants), in the model's `vars` order, their input registers and initial values. */
  stateVars: string[];
  stateIn: number[];
  init: number[];
  /** The state after the step (register or constant), stateVars order. */
  stateOut: Ref[];
  /** What the population emits: the spike value H(…) (spiking models) or its membrane. */
  out: Ref;
  spiking: boolean;
  deltaIn: number;
  /** The synaptic current's register, or −1 when the population has no current input (I is 0). */
  IIn: number;
  /** Per-neuron values (a trained parameter and the derived constants that depend on it): name → register. */
  laneIn: Map<string, number>;
  fwd: FwdOp[];
  /** Reverse mode, in execution order. */
  adj: AdjOp[];
}

export interface TapeOptions {
  /** Population parameters (numeric) merged with the derived constants; names in `varying` are not folded. */
  consts: Params;
  /** Initial state (host f64). */
  init: Params;
  membrane: string;
  usesI: boolean;
  /** Names that vary per neuron (registers, not constants). */
  varying?: Iterable<string>;
}

type Val = { c: number } | { r: number };

/** Build the tape (after folding constant state variables to a fixed point). */
export function buildTape(d: Dynamics, o: TapeOptions): Tape {
  const constState = new Set(d.vars);
  for (;;) {
    const t = build(d, o, constState);
    const drop = [...constState].filter((v) => { const x = t.stateOut[t.allVars.indexOf(v)]; return typeof x === 'number' || !Object.is(x.c, o.init[v]); });
    if (drop.length === 0) return t.tape;
    for (const v of drop) constState.delete(v);
  }
}

function build(d: Dynamics, o: TapeOptions, constState: Set<string>): { tape: Tape; stateOut: Ref[]; allVars: string[] } {
  const active: boolean[] = [];
  const fwd: FwdOp[] = [];
  const rules: AdjOp[][] = []; // per forward op, its adjoint operations
  const reg = (act: boolean) => { active.push(act); return active.length - 1; };
  const stateVars = d.vars.filter((v) => !constState.has(v));
  const stateIn = stateVars.map(() => reg(true));
  const deltaIn = reg(true);
  const IIn = o.usesI ? reg(true) : -1;
  const laneIn = new Map<string, number>();
  for (const n of o.varying ?? []) laneIn.set(n, reg(true));
  const env = new Map<string, Val>();
  d.vars.forEach((v) => env.set(v, constState.has(v) ? { c: o.init[v] } : { r: stateIn[stateVars.indexOf(v)] }));
  env.set('delta', { r: deltaIn });
  env.set('I', IIn >= 0 ? { r: IIn } : { c: 0 });
  for (const [n, r] of laneIn) env.set(n, { r });

  const isC = (v: Val): v is { c: number } => 'c' in v;
  const ref = (v: Val): Ref => (isC(v) ? v : v.r);
  const act = (v: Val) => !isC(v) && active[v.r];
  const push = (op: FwdOp, adj: AdjOp[]) => { fwd.push(op); rules.push(active[op.y] ? adj.filter((a) => active[a.dst]) : []); };

  const unary = (fn: UnaryFn, a: Val): Val => {
    if (isC(a)) return { c: fn === 'neg' ? -a.c : fn === 'not' ? (a.c !== 0 ? 0 : 1) : FN[fn](a.c, 0) };
    const noGrad = fn === 'not' || fn === 'round' || fn === 'floor' || fn === 'ceil';
    const y = reg(act(a) && !noGrad), x = a.r;
    const rule: AdjOp[] = (() => {
      switch (fn) {
        case 'neg': return [{ dst: x, g: y, sign: -1 }];
        case 'exp': return [{ dst: x, g: y, sign: 1, mul: y }];
        case 'log': return [{ dst: x, g: y, sign: 1, div: x }];
        case 'sqrt': return [{ dst: x, g: y, sign: 1, mul: { c: 0.5 }, div: y }];
        case 'abs': return [{ dst: x, g: y, sign: 1, fn: 'sign', x }];
        case 'H': return [{ dst: x, g: y, sign: 1, fn: 'surr', x }];
        default: return [];
      }
    })();
    push({ k: 'un', fn, a: x, y }, rule);
    return { r: y };
  };

  const binary = (op: BinaryFn, a: Val, b: Val): Val => {
    if (isC(a) && isC(b)) return { c: op === 'min' || op === 'max' ? FN[op](a.c, b.c) : BIN[op](a.c, b.c) };
    // Identities that keep f64 values exact.
    if (op === '+' && isC(a) && a.c === 0) return b;
    if ((op === '+' || op === '-') && isC(b) && b.c === 0) return a;
    if (op === '*' && isC(a) && a.c === 1) return b;
    if ((op === '*' || op === '/') && isC(b) && b.c === 1) return a;
    if (op === '*' && ((isC(a) && a.c === 0) || (isC(b) && b.c === 0))) return { c: 0 };
    const arith = op === '+' || op === '-' || op === '*' || op === '/' || op === 'min' || op === 'max';
    const y = reg(arith && (act(a) || act(b)));
    const A = ref(a), B = ref(b);
    const da = (r: Omit<AdjOp, 'dst' | 'g'>): AdjOp[] => (isC(a) ? [] : [{ dst: a.r, g: y, ...r }]);
    const db = (r: Omit<AdjOp, 'dst' | 'g'>): AdjOp[] => (isC(b) ? [] : [{ dst: b.r, g: y, ...r }]);
    let rule: AdjOp[] = [];
    switch (op) {
      case '+': rule = [...da({ sign: 1 }), ...db({ sign: 1 })]; break;
      case '-': rule = [...da({ sign: 1 }), ...db({ sign: -1 })]; break;
      case '*': rule = [...da({ sign: 1, mul: B }), ...db({ sign: 1, mul: A })]; break;
      case '/': rule = [...da({ sign: 1, div: B }), ...db({ sign: -1, mul: y, div: B })]; break;
      // min/max: the adjoint goes to the operand that was taken (a on ties).
      case 'min': rule = [...da({ sign: 1, when: { test: 'le', a: A, b: B } }), ...db({ sign: 1, when: { test: 'gt', a: A, b: B } })]; break;
      case 'max': rule = [...da({ sign: 1, when: { test: 'ge', a: A, b: B } }), ...db({ sign: 1, when: { test: 'lt', a: A, b: B } })]; break;
      default: break;
    }
    push({ k: 'bin', op, a: A, b: B, y }, rule);
    return { r: y };
  };

  const select = (c: Val, a: Val, b: Val): Val => {
    if (isC(c)) return c.c !== 0 ? a : b;
    if (isC(a) && isC(b) && Object.is(a.c, b.c)) return a;
    const y = reg(act(a) || act(b));
    const rule: AdjOp[] = [
      ...(isC(a) ? [] : [{ dst: a.r, g: y, sign: 1 as const, when: { test: 'nz' as const, a: c.r } }]),
      ...(isC(b) ? [] : [{ dst: b.r, g: y, sign: 1 as const, when: { test: 'z' as const, a: c.r } }]),
    ];
    push({ k: 'sel', c: c.r, a: ref(a), b: ref(b), y }, rule);
    return { r: y };
  };

  const expr = (e: Expr, scope: Map<string, Val>): Val => {
    switch (e.k) {
      case 'num': return { c: e.v };
      case 'sym': {
        const v = scope.get(e.name);
        if (v) return v;
        if (e.name in o.consts) return { c: o.consts[e.name] };
        throw new Error(`dynamics tape: unknown name "${e.name}"`);
      }
      case 'neg': return unary('neg', expr(e.a, scope));
      case 'not': return unary('not', expr(e.a, scope));
      case 'sel': return select(expr(e.c, scope), expr(e.a, scope), expr(e.b, scope));
      case 'call': return e.args.length === 2 ? binary(e.fn as 'min' | 'max', expr(e.args[0], scope), expr(e.args[1], scope)) : unary(e.fn, expr(e.args[0], scope));
      case 'bin': return binary(e.op, expr(e.a, scope), expr(e.b, scope));
    }
  };

  let spikeVal: Val | undefined;
  const run = (stmts: Stmt[], scope: Map<string, Val>) => {
    for (const s of stmts) {
      if (s.k === 'repeat') {
        // Sub-stepped models (Hodgkin-Huxley) are not trained (../../training/plan.ts refuses them); unrolled all the same.
        const n = o.consts[s.count];
        for (let k = 0; k < n; k++) run(s.body, new Map(scope));
        continue;
      }
      if (s.k === 'spike') {
        // The output to targets: `spike = x > 0` outputs the number x (H(…): 0/1 forward, surrogate backward).
        spikeVal = s.e.k === 'bin' && s.e.op === '>' && s.e.b.k === 'num' && s.e.b.v === 0 ? expr(s.e.a, scope) : expr(s.e, scope);
        continue;
      }
      scope.set(s.name, expr(s.e, scope));
    }
  };
  run(d.update, env);
  const allOut = d.vars.map((v) => ref(env.get(v)!));
  const outVal = d.spiking ? spikeVal ?? { c: 0 } : env.get(o.membrane)!;
  const adj: AdjOp[] = [];
  for (let j = rules.length - 1; j >= 0; j--) adj.push(...rules[j]);
  const tape: Tape = {
    nRegs: active.length, active, stateVars, stateIn, init: stateVars.map((v) => o.init[v]),
    stateOut: stateVars.map((v) => allOut[d.vars.indexOf(v)]), out: ref(outVal), spiking: d.spiking,
    deltaIn, IIn, laneIn, fwd, adj,
  };
  return { tape, stateOut: allOut, allVars: d.vars };
}
