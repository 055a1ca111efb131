// The expression language of a neuron model's dynamics (docs/models.md): a small, C-like syntax parsed once,
// when the model is registered, into a tree that every executable form is derived from (CPU, WGSL, the
// trainer's derivatives). Not the document's rule-expression language (../../graph/expression.ts): model
// expressions are written by developers in model files, have booleans and `c ? a : b`, and no pre/post.
//
//   expr    := or ('?' expr ':' expr)?
//   or      := and ('||' and)*          and := cmp ('&&' cmp)*
//   cmp     := sum (('<' | '<=' | '>' | '>=' | '==' | '!=') sum)?
//   sum     := prod (('+' | '-') prod)*  prod := unary (('*' | '/') unary)*
//   unary   := ('-' | '!') unary | primary
//   primary := number | name | name '(' expr (',' expr)* ')' | '(' expr ')'

export type BinOp = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '&&' | '||';
export type Fn = 'exp' | 'abs' | 'round' | 'floor' | 'ceil' | 'min' | 'max' | 'sqrt' | 'log';

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'sym'; name: string }
  | { k: 'neg'; a: Expr }
  | { k: 'not'; a: Expr }
  | { k: 'bin'; op: BinOp; a: Expr; b: Expr }
  | { k: 'call'; fn: Fn; args: Expr[] }
  | { k: 'sel'; c: Expr; a: Expr; b: Expr };

export const FN_ARITY: Record<Fn, number> = { exp: 1, abs: 1, round: 1, floor: 1, ceil: 1, min: 2, max: 2, sqrt: 1, log: 1 };

export const ARITH = new Set<BinOp>(['+', '-', '*', '/']);
export const COMPARE = new Set<BinOp>(['<', '<=', '>', '>=', '==', '!=']);

export class ModelSyntaxError extends Error {}

type Tok = { t: 'num'; v: number } | { t: 'name'; v: string } | { t: 'op'; v: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ') { i++; continue; }
    const num = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(src.slice(i, i + 40));
    if (num) { out.push({ t: 'num', v: Number(num[0]) }); i += num[0].length; continue; }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 64));
    if (name) { out.push({ t: 'name', v: name[0] }); i += name[0].length; continue; }
    const two = src.slice(i, i + 2);
    if (['<=', '>=', '==', '!=', '&&', '||'].includes(two)) { out.push({ t: 'op', v: two }); i += 2; continue; }
    if ('+-*/<>!?:(),'.includes(c)) { out.push({ t: 'op', v: c }); i++; continue; }
    throw new ModelSyntaxError(`unexpected "${c}" at column ${i + 1} of "${src}"`);
  }
  return out;
}

/** Parse one expression; throws ModelSyntaxError naming the text. */
export function parseExpr(src: string): Expr {
  const toks = tokenize(src);
  let i = 0;
  const peek = (v: string) => toks[i]?.t === 'op' && toks[i].v === v;
  const expect = (v: string) => {
    if (!peek(v)) throw new ModelSyntaxError(`expected "${v}" in "${src}"`);
    i++;
  };
  const ternary = (): Expr => {
    const c = binary(0);
    if (!peek('?')) return c;
    i++;
    const a = ternary();
    expect(':');
    return { k: 'sel', c, a, b: ternary() };
  };
  const levels: string[][] = [['||'], ['&&'], ['<', '<=', '>', '>=', '==', '!='], ['+', '-'], ['*', '/']];
  const binary = (level: number): Expr => {
    if (level === levels.length) return unary();
    let a = binary(level + 1);
    for (let t = toks[i]; t?.t === 'op' && levels[level].includes(t.v); t = toks[i]) {
      const op = toks[i++].v as BinOp;
      a = { k: 'bin', op, a, b: binary(level + 1) };
      if (level === 2) break; // comparisons do not chain
    }
    return a;
  };
  const unary = (): Expr => {
    if (peek('-')) { i++; return { k: 'neg', a: unary() }; }
    if (peek('!')) { i++; return { k: 'not', a: unary() }; }
    return primary();
  };
  const primary = (): Expr => {
    const t = toks[i++];
    if (!t) throw new ModelSyntaxError(`"${src}" ends too early`);
    if (t.t === 'num') return { k: 'num', v: t.v };
    if (t.t === 'op' && t.v === '(') { const e = ternary(); expect(')'); return e; }
    if (t.t === 'name') {
      if (!peek('(')) return { k: 'sym', name: t.v };
      i++;
      const fn = t.v as Fn;
      if (!(fn in FN_ARITY)) throw new ModelSyntaxError(`unknown function ${t.v}() in "${src}"`);
      const args = [ternary()];
      while (peek(',')) { i++; args.push(ternary()); }
      expect(')');
      if (args.length !== FN_ARITY[fn]) throw new ModelSyntaxError(`${fn}() takes ${FN_ARITY[fn]} argument(s) in "${src}"`);
      return { k: 'call', fn, args };
    }
    throw new ModelSyntaxError(`unexpected "${t.v}" in "${src}"`);
  };
  const e = ternary();
  if (i < toks.length) throw new ModelSyntaxError(`unexpected "${(toks[i] as { v: unknown }).v}" in "${src}"`);
  return e;
}

/** Every symbol an expression reads. */
export function symbols(e: Expr, out = new Set<string>()): Set<string> {
  switch (e.k) {
    case 'num': break;
    case 'sym': out.add(e.name); break;
    case 'neg': case 'not': symbols(e.a, out); break;
    case 'bin': symbols(e.a, out); symbols(e.b, out); break;
    case 'call': e.args.forEach((a) => symbols(a, out)); break;
    case 'sel': symbols(e.c, out); symbols(e.a, out); symbols(e.b, out); break;
  }
  return out;
}

/** f64 value of an expression (host-side constants and initial values); booleans are 1/0. */
export function evalF64(e: Expr, env: (name: string) => number): number {
  switch (e.k) {
    case 'num': return e.v;
    case 'sym': return env(e.name);
    case 'neg': return -evalF64(e.a, env);
    case 'not': return evalF64(e.a, env) !== 0 ? 0 : 1;
    case 'sel': return evalF64(e.c, env) !== 0 ? evalF64(e.a, env) : evalF64(e.b, env);
    case 'call': {
      const x = e.args.map((a) => evalF64(a, env));
      return FN[e.fn](x[0], x[1]);
    }
    case 'bin': return BIN[e.op](evalF64(e.a, env), evalF64(e.b, env));
  }
}

/** Host semantics of each function and operator (the CPU forms share them; WGSL has its own built-ins). */
export const FN: Record<Fn, (a: number, b: number) => number> = {
  exp: Math.exp, abs: Math.abs, sqrt: Math.sqrt, log: Math.log, min: Math.min, max: Math.max, floor: Math.floor, ceil: Math.ceil,
  // WGSL's round() rounds halves to even; so does this.
  round: (a) => { const r = Math.round(a); return r - a === 0.5 && r % 2 !== 0 ? r - 1 : r; },
};

export const BIN: Record<BinOp, (a: number, b: number) => number> = {
  '+': (a, b) => a + b, '-': (a, b) => a - b, '*': (a, b) => a * b, '/': (a, b) => a / b,
  '<': (a, b) => +(a < b), '<=': (a, b) => +(a <= b), '>': (a, b) => +(a > b), '>=': (a, b) => +(a >= b),
  '==': (a, b) => +(a === b), '!=': (a, b) => +(a !== b),
  '&&': (a, b) => +(a !== 0 && b !== 0), '||': (a, b) => +(a !== 0 || b !== 0),
};
