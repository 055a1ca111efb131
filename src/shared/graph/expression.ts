// A tiny, safe arithmetic expression language for per-synapse rules such as delays:
//   `pre == 1 ? 1000 * post / ((n_post - 1) * 50) : 0`
// Numbers, the variables a rule offers (pre, post, n_pre, n_post, pi), + - * / % **, comparisons, && || !,
// the ternary ?:, and functions abs min max floor ceil round sqrt exp log sin cos tan.
// It is parsed once into a closure tree: no eval, no access to anything but the given variables.

export type ExprFn = (vars: Readonly<Record<string, number>>) => number;

export class ExpressionError extends Error {
  constructor(message: string, readonly position: number) {
    super(message);
  }
}

const FUNCS: Record<string, (...a: number[]) => number> = {
  abs: Math.abs, min: Math.min, max: Math.max, floor: Math.floor, ceil: Math.ceil, round: Math.round,
  sqrt: Math.sqrt, exp: Math.exp, log: Math.log, sin: Math.sin, cos: Math.cos, tan: Math.tan,
};
const CONSTS: Record<string, number> = { pi: Math.PI, e: Math.E };

type Tok = { t: 'num'; v: number; p: number } | { t: 'id'; v: string; p: number } | { t: 'op'; v: string; p: number } | { t: 'end'; p: number };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  const ops = ['**', '==', '!=', '<=', '>=', '&&', '||', '+', '-', '*', '/', '%', '<', '>', '!', '?', ':', '(', ')', ','];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) { out.push({ t: 'num', v: Number(num[0]), p: i }); i += num[0].length; continue; }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) { out.push({ t: 'id', v: id[0], p: i }); i += id[0].length; continue; }
    const op = ops.find((o) => src.startsWith(o, i));
    if (op) { out.push({ t: 'op', v: op, p: i }); i += op.length; continue; }
    throw new ExpressionError(`unexpected character "${c}" at position ${i + 1}`, i);
  }
  out.push({ t: 'end', p: src.length });
  return out;
}

/** Parse `src`; `allowed` lists the variable names the caller will provide. Throws ExpressionError. */
export function compileExpression(src: string, allowed: readonly string[]): ExprFn {
  const toks = tokenize(src);
  let k = 0;
  const peek = () => toks[k];
  const isOp = (v: string) => { const t = toks[k]; return t.t === 'op' && t.v === v; };
  const expect = (v: string) => {
    if (!isOp(v)) throw new ExpressionError(`expected "${v}" at position ${peek().p + 1}`, peek().p);
    k++;
  };

  const ternary = (): ExprFn => {
    const c = or();
    if (isOp('?')) {
      k++;
      const a = ternary();
      expect(':');
      const b = ternary();
      return (v) => (c(v) ? a(v) : b(v));
    }
    return c;
  };
  const binary = (next: () => ExprFn, table: Record<string, (a: number, b: number) => number>) => (): ExprFn => {
    let left = next();
    for (;;) {
      const t = peek();
      if (t.t !== 'op' || !(t.v in table)) return left;
      k++;
      const f = table[t.v];
      const l = left, r = next();
      left = (v) => f(l(v), r(v));
    }
  };
  const unary = (): ExprFn => {
    if (isOp('-')) { k++; const a = unary(); return (v) => -a(v); }
    if (isOp('+')) { k++; return unary(); }
    if (isOp('!')) { k++; const a = unary(); return (v) => (a(v) ? 0 : 1); }
    return power();
  };
  const power = (): ExprFn => {
    const base = primary();
    if (isOp('**')) { k++; const ex = unary(); return (v) => base(v) ** ex(v); }
    return base;
  };
  const primary = (): ExprFn => {
    const t = peek();
    if (t.t === 'num') { k++; const n = t.v; return () => n; }
    if (isOp('(')) { k++; const e = ternary(); expect(')'); return e; }
    if (t.t === 'id') {
      k++;
      if (isOp('(')) {
        const f = Object.prototype.hasOwnProperty.call(FUNCS, t.v) ? FUNCS[t.v] : undefined;
        if (!f) throw new ExpressionError(`unknown function "${t.v}" (known: ${Object.keys(FUNCS).join(', ')})`, t.p);
        k++;
        const args: ExprFn[] = [];
        if (!isOp(')')) {
          args.push(ternary());
          while (isOp(',')) { k++; args.push(ternary()); }
        }
        expect(')');
        return (v) => f(...args.map((a) => a(v)));
      }
      if (Object.prototype.hasOwnProperty.call(CONSTS, t.v)) { const c = CONSTS[t.v]; return () => c; }
      if (!allowed.includes(t.v)) {
        throw new ExpressionError(`unknown name "${t.v}" (known: ${[...allowed, ...Object.keys(CONSTS)].join(', ')})`, t.p);
      }
      const name = t.v;
      return (v) => v[name];
    }
    throw new ExpressionError(t.t === 'end' ? 'unexpected end of expression' : `unexpected "${t.v}" at position ${t.p + 1}`, t.p);
  };
  const mul = binary(unary, { '*': (a, b) => a * b, '/': (a, b) => a / b, '%': (a, b) => a % b });
  const add = binary(mul, { '+': (a, b) => a + b, '-': (a, b) => a - b });
  const cmp = binary(add, { '<': (a, b) => +(a < b), '>': (a, b) => +(a > b), '<=': (a, b) => +(a <= b), '>=': (a, b) => +(a >= b) });
  const eq = binary(cmp, { '==': (a, b) => +(a === b), '!=': (a, b) => +(a !== b) });
  const and = binary(eq, { '&&': (a, b) => +(a !== 0 && b !== 0) });
  const or = binary(and, { '||': (a, b) => +(a !== 0 || b !== 0) });

  const fn = ternary();
  if (peek().t !== 'end') throw new ExpressionError(`unexpected "${(peek() as { v: string }).v}" at position ${peek().p + 1}`, peek().p);
  return fn;
}

/** Variables offered to per-synapse expressions. */
export const SYNAPSE_VARS = ['pre', 'post', 'n_pre', 'n_post'] as const;
