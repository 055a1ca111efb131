// CPU forms of a model's dynamics (./program.ts), built without eval (the app's CSP forbids it):
// - host constants and initial values: the statements evaluated in f64 (derived, init);
// - the update: a "vector program" — one instruction per operation of the tree, each a tight loop over all
//   neurons of the population into a Float32Array register, so every operation rounds to f32 exactly as the
//   WGSL form does (docs/engine.md, "Tolerances"). Booleans are 0/1 in registers (WGSL: f32(bool), x != 0).
//   Measured faster than a per-neuron tree walk (docs/benchmarks.md, "CPU engine").
import { BIN, evalF64, FN, type Expr } from './expr';
import type { Dynamics, Stmt } from './program';

export type Params = Record<string, number>;

/** Derived constants (f64) from the params and dt. */
export function derivedConstants(d: Dynamics, p: Params, dtMs: number): Params {
  const env: Params = { ...p, dt: dtMs };
  const out: Params = {};
  for (const s of d.derived) if (s.k === 'set') out[s.name] = env[s.name] = evalF64(s.e, (n) => env[n]);
  return out;
}

/** Initial value of every state variable (f64; stored as f32 by the engines) from params + derived. */
export function initialState(d: Dynamics, p: Params): Params {
  const env: Params = { ...p }, out: Params = {};
  for (const s of d.init) {
    if (s.k !== 'let' && s.k !== 'set') continue;
    const v = evalF64(s.e, (n) => (n in env ? env[n] : NaN));
    if (s.k === 'let') env[s.name] = v; else out[s.name] = v;
  }
  return out;
}

export interface VectorStep {
  /** One step of every neuron: state arrays (in `vars` order) updated in place; `spiked[i]` set 0/1. */
  run(p: Params, I: Float32Array, delta: Float32Array, spiked: Uint8Array): void;
}

type Op = () => void;

/** Compile the update into a vector program bound to this population's state arrays. */
export function vectorStep(d: Dynamics, size: number, state: Float32Array[]): VectorStep {
  const N = size;
  const I = new Float32Array(N), delta = new Float32Array(N), spike = new Float32Array(N);
  const params = new Map<string, { reg: Float32Array; last: number }>();
  const consts = new Map<number, Float32Array>();
  const stateReg = new Map(d.vars.map((v, k) => [v, state[k]]));
  const paramRefresh: Op[] = [];
  let pCur: Params = {};

  const paramReg = (name: string): Float32Array => {
    let e = params.get(name);
    if (!e) {
      const ent = { reg: new Float32Array(N), last: NaN };
      e = ent;
      params.set(name, ent);
      paramRefresh.push(() => {
        const v = Math.fround(pCur[name]);
        if (!Object.is(v, ent.last)) { ent.reg.fill(v); ent.last = v; }
      });
    }
    return e.reg;
  };

  const compileBlock = (stmts: Stmt[], locals: Map<string, Float32Array>): Op[] => {
    const ops: Op[] = [];
    const sym = (name: string): Float32Array =>
      locals.get(name) ?? stateReg.get(name) ?? (name === 'I' ? I : name === 'delta' ? delta : paramReg(name));
    const expr = (e: Expr): Float32Array => {
      switch (e.k) {
        case 'num': {
          let r = consts.get(e.v);
          if (!r) { r = new Float32Array(N).fill(e.v); consts.set(e.v, r); }
          return r;
        }
        case 'sym': return sym(e.name);
        case 'neg': { const a = expr(e.a), o = new Float32Array(N); ops.push(() => { for (let i = 0; i < N; i++) o[i] = -a[i]; }); return o; }
        case 'not': { const a = expr(e.a), o = new Float32Array(N); ops.push(() => { for (let i = 0; i < N; i++) o[i] = a[i] !== 0 ? 0 : 1; }); return o; }
        case 'sel': {
          const c = expr(e.c), a = expr(e.a), b = expr(e.b), o = new Float32Array(N);
          ops.push(() => { for (let i = 0; i < N; i++) o[i] = c[i] !== 0 ? a[i] : b[i]; });
          return o;
        }
        case 'call': {
          const f = FN[e.fn], a = expr(e.args[0]), o = new Float32Array(N);
          if (e.args.length === 2) {
            const b = expr(e.args[1]);
            ops.push(() => { for (let i = 0; i < N; i++) o[i] = f(a[i], b[i]); });
          } else ops.push(() => { for (let i = 0; i < N; i++) o[i] = f(a[i], 0); });
          return o;
        }
        case 'bin': {
          const a = expr(e.a), b = expr(e.b), o = new Float32Array(N);
          ops.push(binOp(e.op, a, b, o, N));
          return o;
        }
      }
    };
    for (const s of stmts) {
      if (s.k === 'repeat') {
        const body = compileBlock(s.body, new Map(locals)), name = s.count;
        ops.push(() => { const n = pCur[name]; for (let k = 0; k < n; k++) for (const op of body) op(); });
        continue;
      }
      let r = expr(s.e);
      if (s.k === 'let') {
        // A local naming a state variable directly must keep the value it had here, not follow later assignments.
        if ([...stateReg.values()].includes(r)) { const src = r, o = new Float32Array(N); ops.push(() => o.set(src)); r = o; }
        locals.set(s.name, r);
        continue;
      }
      const dst = s.k === 'spike' ? spike : stateReg.get(s.name)!;
      if (dst !== r) ops.push(() => dst.set(r));
    }
    return ops;
  };

  const program = compileBlock(d.update, new Map());
  return {
    run(p, Iin, din, spiked) {
      pCur = p;
      for (const r of paramRefresh) r();
      I.set(Iin); delta.set(din);
      for (const op of program) op();
      if (d.spiking) for (let i = 0; i < N; i++) spiked[i] = spike[i] !== 0 ? 1 : 0;
      else spiked.fill(0);
    },
  };
}

function binOp(op: keyof typeof BIN, a: Float32Array, b: Float32Array, o: Float32Array, N: number): Op {
  switch (op) {
    case '+': return () => { for (let i = 0; i < N; i++) o[i] = a[i] + b[i]; };
    case '-': return () => { for (let i = 0; i < N; i++) o[i] = a[i] - b[i]; };
    case '*': return () => { for (let i = 0; i < N; i++) o[i] = a[i] * b[i]; };
    case '/': return () => { for (let i = 0; i < N; i++) o[i] = a[i] / b[i]; };
    case '>': return () => { for (let i = 0; i < N; i++) o[i] = a[i] > b[i] ? 1 : 0; };
    case '>=': return () => { for (let i = 0; i < N; i++) o[i] = a[i] >= b[i] ? 1 : 0; };
    case '<': return () => { for (let i = 0; i < N; i++) o[i] = a[i] < b[i] ? 1 : 0; };
    case '<=': return () => { for (let i = 0; i < N; i++) o[i] = a[i] <= b[i] ? 1 : 0; };
    case '==': return () => { for (let i = 0; i < N; i++) o[i] = a[i] === b[i] ? 1 : 0; };
    case '!=': return () => { for (let i = 0; i < N; i++) o[i] = a[i] !== b[i] ? 1 : 0; };
    case '&&': return () => { for (let i = 0; i < N; i++) o[i] = a[i] !== 0 && b[i] !== 0 ? 1 : 0; };
    case '||': return () => { for (let i = 0; i < N; i++) o[i] = a[i] !== 0 || b[i] !== 0 ? 1 : 0; };
  }
}
