// A neuron model's dynamics as data (docs/models.md): three statement lists written in ./expr.ts's language,
// checked once when the catalogue loads (unknown names, assignments to parameters, type errors throw, so a
// broken model file fails every test at import):
// - `derived`: constants computed on the host in f64 from the parameters and `dt` (then stored as f32);
// - `init`: the initial value of every state variable, in f64 on the host;
// - `update`: one step of one neuron, f32, in order: `let x = e` (a local), `x = e` (a state variable, seen by
//   the statements after it), `spike = e` (the spike condition), `repeat N { … }` (N a parameter or derived
//   constant: Hodgkin-Huxley's sub-steps). Inputs: `I` (current held over the step), `delta` (delta-synapse
//   input arriving this step). Every executable form (CPU engine, WGSL kernel, trainer) is derived from it.
import { ARITH, COMPARE, parseExpr, symbols, type Expr, ModelSyntaxError } from './expr';

export type Ty = 'f' | 'b';

export type Stmt =
  | { k: 'let'; name: string; e: Expr; ty: Ty }
  | { k: 'set'; name: string; e: Expr; ty: Ty }
  | { k: 'spike'; e: Expr; ty: Ty }
  | { k: 'repeat'; count: string; body: Stmt[] };

export type StmtSource = string | { repeat: string; body: readonly StmtSource[] };

export interface DynamicsSource {
  /** State variables beyond the catalogue's `state` (e.g. a refractory counter): not shown to users. */
  internal?: readonly string[];
  derived?: readonly string[];
  init: readonly string[];
  update: readonly StmtSource[];
}

export interface Dynamics {
  /** Every state variable in buffer order: the catalogue's state, then `internal`. */
  vars: string[];
  internal: string[];
  /** Numeric parameter names the update may read (the catalogue's number/integer/boolean/enum params). */
  params: string[];
  derivedNames: string[];
  derived: Stmt[];
  init: Stmt[];
  update: Stmt[];
  spiking: boolean;
}

export const INPUTS = ['I', 'delta'] as const;
const RESERVED = new Set(['I', 'delta', 'dt', 'spike', 'repeat', 'let']);

function fail(model: string, msg: string): never {
  throw new ModelSyntaxError(`model "${model}": ${msg}`);
}

/** Parse and check a model's dynamics against its parameter and state names. */
export function buildDynamics(model: string, params: readonly string[], state: readonly string[], src: DynamicsSource): Dynamics {
  const internal = [...(src.internal ?? [])];
  const vars = [...state, ...internal];
  const names = new Set<string>();
  for (const n of [...params, ...vars]) {
    if (RESERVED.has(n)) fail(model, `"${n}" is reserved`);
    if (names.has(n)) fail(model, `"${n}" is both a parameter and a state variable (or listed twice)`);
    names.add(n);
  }
  const derivedNames: string[] = [];
  // derived: params + dt + earlier derived; only `name = expr` (new names).
  const dScope = new Map<string, Ty>([...params.map((p) => [p, 'f'] as const), ['dt', 'f']]);
  const derived = (src.derived ?? []).map((line) => {
    const s = parseStmt(model, line);
    if (s.k !== 'set' || names.has(s.name) || dScope.has(s.name)) fail(model, `derived "${line}" must define a new name`);
    check(model, s.e, dScope, line);
    dScope.set(s.name, 'f');
    derivedNames.push(s.name);
    return { ...s, ty: 'f' as Ty };
  });
  const consts = new Map<string, Ty>([...params.map((p) => [p, 'f'] as const), ...derivedNames.map((d) => [d, 'f'] as const)]);
  // init: every state variable set exactly once, from params, derived and locals.
  const iScope = new Map(consts);
  const initSet = new Set<string>();
  const init = src.init.map((line) => {
    const s = parseStmt(model, line);
    if (s.k === 'repeat' || s.k === 'spike') fail(model, `init "${line}": only let and state assignments`);
    const ty = check(model, s.e, iScope, line);
    if (s.k === 'let') { if (names.has(s.name) || iScope.has(s.name)) fail(model, `init "${line}": "${s.name}" already exists`); iScope.set(s.name, ty); }
    else { if (!vars.includes(s.name)) fail(model, `init "${line}": "${s.name}" is not a state variable`); initSet.add(s.name); }
    return { ...s, ty } as Stmt;
  });
  for (const v of vars) if (!initSet.has(v)) fail(model, `init does not set state variable "${v}"`);
  // update
  let spiking = false;
  const uScope = new Map<string, Ty>([...consts, ...vars.map((v) => [v, 'f'] as const), ['I', 'f'], ['delta', 'f']]);
  const build = (list: readonly StmtSource[], scope: Map<string, Ty>): Stmt[] => list.map((line) => {
    if (typeof line !== 'string') {
      if (!consts.has(line.repeat)) fail(model, `repeat count "${line.repeat}" must be a parameter or derived constant`);
      return { k: 'repeat', count: line.repeat, body: build(line.body, new Map(scope)) };
    }
    const s = parseStmt(model, line);
    if (s.k === 'repeat') fail(model, 'unreachable');
    const ty = check(model, s.e, scope, line);
    if (s.k === 'let') {
      if (scope.has(s.name)) fail(model, `update "${line}": "${s.name}" already exists`);
      scope.set(s.name, ty);
    } else if (s.k === 'set') {
      if (!vars.includes(s.name)) fail(model, `update "${line}": only state variables can be assigned, "${s.name}" is not one`);
      if (ty !== 'f') fail(model, `update "${line}": a state variable holds a number; write (cond ? 1 : 0)`);
    } else {
      if (ty !== 'b') fail(model, `update "${line}": the spike condition must be a comparison`);
      spiking = true;
    }
    return { ...s, ty } as Stmt;
  });
  const update = build(src.update, uScope);
  return { vars, internal, params: [...params], derivedNames, derived, init, update, spiking };
}

function parseStmt(model: string, line: string): Stmt {
  const m = /^\s*(let\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)\s*(.+)$/.exec(line);
  if (!m) fail(model, `cannot read statement "${line}" (want "let x = …", "x = …" or "spike = …")`);
  let e: Expr;
  try { e = parseExpr(m[3]); } catch (err) { fail(model, (err as Error).message); }
  if (m[2] === 'spike' && !m[1]) return { k: 'spike', e, ty: 'b' };
  return { k: m[1] ? 'let' : 'set', name: m[2], e, ty: 'f' };
}

/** Type of an expression (f32 number or boolean); every symbol must be in scope. */
function check(model: string, e: Expr, scope: Map<string, Ty>, line: string): Ty {
  for (const s of symbols(e)) if (!scope.has(s)) fail(model, `"${line}": unknown name "${s}"`);
  return typeOf(e, (n) => scope.get(n)!);
}

export function typeOf(e: Expr, sym: (name: string) => Ty): Ty {
  switch (e.k) {
    case 'num': return 'f';
    case 'sym': return sym(e.name);
    case 'neg': return 'f';
    case 'not': return 'b';
    case 'call': return 'f';
    case 'bin': return ARITH.has(e.op) ? 'f' : COMPARE.has(e.op) ? 'b' : 'b';
    case 'sel': {
      const a = typeOf(e.a, sym), b = typeOf(e.b, sym);
      return a === b ? a : 'f';
    }
  }
}
