// A tiny, safe arithmetic expression language for per-synapse rules such as delays:
//   `pre == 1 ? 1000 * post / ((n_post - 1) * 50) : 0`
// Numbers, the variables a rule offers (pre, post, n_pre, n_post, pi), + - * / % **, comparisons, && || !,
// the ternary ?:, and functions abs min max floor ceil round sqrt exp log sin cos tan.
// It is parsed once into a closure tree: no eval, no access to anything but the given variables.
//
// Bounded for hostile files (docs/file-format.md, "Limits"): at most EXPRESSION_MAX_CHARS characters and
// EXPRESSION_MAX_DEPTH levels of nesting (parentheses, function arguments, unary operators, ?: and **). The
// tokenizer is one index-based pass and runs of one binary operator level (`1 + 2 + … + n`) are parsed and
// evaluated in loops, so neither parsing nor evaluation recurses more than the nesting limit allows.
// Every sub-expression without variables is evaluated once here: a non-finite value (`1/0`, `log(-1)`,
// `1e400`) is an error at its position, and the value is folded in.

export type ExprFn = (vars: Readonly<Record<string, number>>) => number;

export class ExpressionError extends Error {
  constructor(message: string, readonly position: number) {
    super(message);
  }
}

/** Longest expression accepted, in characters: far above any real rule, far below what could hurt. */
export const EXPRESSION_MAX_CHARS = 10_000;
/** Deepest nesting of parentheses, function calls, unary operators, ?: and ** accepted. */
export const EXPRESSION_MAX_DEPTH = 64;

/** Functions with how many arguments each takes ([min, max]). */
const FUNCS: Record<string, { f: (...a: number[]) => number; arity: [number, number] }> = {
  abs: { f: Math.abs, arity: [1, 1] }, min: { f: Math.min, arity: [1, Infinity] }, max: { f: Math.max, arity: [1, Infinity] },
  floor: { f: Math.floor, arity: [1, 1] }, ceil: { f: Math.ceil, arity: [1, 1] }, round: { f: Math.round, arity: [1, 1] },
  sqrt: { f: Math.sqrt, arity: [1, 1] }, exp: { f: Math.exp, arity: [1, 1] }, log: { f: Math.log, arity: [1, 1] },
  sin: { f: Math.sin, arity: [1, 1] }, cos: { f: Math.cos, arity: [1, 1] }, tan: { f: Math.tan, arity: [1, 1] },
};
const CONSTS: Record<string, number> = { pi: Math.PI, e: Math.E };
const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

type Tok = { t: 'num'; v: number; p: number; end: number } | { t: 'id'; v: string; p: number; end: number }
  | { t: 'op'; v: string; p: number; end: number } | { t: 'end'; p: number; end: number };

// Sticky (`y`) patterns match at lastIndex only, so nothing slices the rest of the string per token.
const NUM = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const ID = /[A-Za-z_][A-Za-z0-9_]*/y;
const OP = /\*\*|==|!=|<=|>=|&&|\|\||[-+*/%<>!?:(),]/y;
const SPACE = /\s+/y;

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const at = (re: RegExp) => { re.lastIndex = i; return re.exec(src); };
  while (i < src.length) {
    const s = at(SPACE);
    if (s) { i += s[0].length; continue; }
    const num = at(NUM);
    if (num) { out.push({ t: 'num', v: Number(num[0]), p: i, end: i + num[0].length }); i += num[0].length; continue; }
    const id = at(ID);
    if (id) { out.push({ t: 'id', v: id[0], p: i, end: i + id[0].length }); i += id[0].length; continue; }
    const op = at(OP);
    if (op) { out.push({ t: 'op', v: op[0], p: i, end: i + op[0].length }); i += op[0].length; continue; }
    throw new ExpressionError(`unexpected character "${src[i]}" at position ${i + 1}`, i);
  }
  out.push({ t: 'end', p: src.length, end: src.length });
  return out;
}

/** A compiled sub-expression: its function, and whether it has no variables (then it was checked and folded). */
interface Node { fn: ExprFn; constant: boolean }

/** Parse `src`; `allowed` lists the variable names the caller will provide. Throws ExpressionError. */
export function compileExpression(src: string, allowed: readonly string[]): ExprFn {
  if (src.length > EXPRESSION_MAX_CHARS) {
    throw new ExpressionError(`is ${src.length} characters long; the limit is ${EXPRESSION_MAX_CHARS}`, 0);
  }
  const toks = tokenize(src);
  let k = 0, depth = 0;
  const peek = () => toks[k];
  const isOp = (v: string) => { const t = toks[k]; return t.t === 'op' && t.v === v; };
  const expect = (v: string) => {
    if (!isOp(v)) throw new ExpressionError(`expected "${v}" at position ${peek().p + 1}`, peek().p);
    k++;
  };
  /** Enter one level of nesting, refusing what would go beyond the limit. */
  const nest = <T>(inner: () => T): T => {
    if (++depth > EXPRESSION_MAX_DEPTH) {
      throw new ExpressionError(`nests deeper than ${EXPRESSION_MAX_DEPTH} levels at position ${peek().p + 1}`, peek().p);
    }
    const r = inner();
    depth--;
    return r;
  };
  /** A node from the tokens `from`…k-1: constant ones are evaluated now, refused when not finite, and folded. */
  const make = (fn: ExprFn, constant: boolean, from: number, why?: (value: number) => string | undefined): Node => {
    if (!constant) return { fn, constant };
    const value = fn({});
    if (!Number.isFinite(value)) {
      const text = src.slice(toks[from].p, toks[k - 1].end);
      const shown = text.length > 60 ? `${text.slice(0, 56)} …` : text;
      const reason = why?.(value);
      throw new ExpressionError(`"${shown}" (at position ${toks[from].p + 1}) is ${value}${reason ? ` (${reason})` : ''}, not a finite number`, toks[from].p);
    }
    return { fn: () => value, constant };
  };

  const ternary = (): Node => nest(() => {
    const from = k;
    const c = or();
    if (!isOp('?')) return c;
    k++;
    const a = ternary();
    expect(':');
    const b = ternary();
    const cf = c.fn, af = a.fn, bf = b.fn;
    return make((v) => (cf(v) ? af(v) : bf(v)), c.constant && a.constant && b.constant, from);
  });
  /** One precedence level: a loop over `a op b op c …`, evaluated left to right in a loop too. */
  const binary = (next: () => Node, table: Record<string, (a: number, b: number) => number>) => (): Node => {
    const from = k;
    const first = next();
    const fs: ExprFn[] = [first.fn], ops: ((a: number, b: number) => number)[] = [], names: string[] = [];
    let constant = first.constant;
    for (;;) {
      const t = peek();
      if (t.t !== 'op' || !has(table, t.v)) break;
      k++;
      const r = next();
      fs.push(r.fn); ops.push(table[t.v]); names.push(t.v);
      constant &&= r.constant;
    }
    if (fs.length === 1) return first;
    const fn: ExprFn = (v) => {
      let acc = fs[0](v);
      for (let j = 0; j < ops.length; j++) acc = ops[j](acc, fs[j + 1](v));
      return acc;
    };
    // Only for the message of a constant chain that is not finite (its operands are constant and finite).
    const divisionByZero = () => names.some((op, j) => (op === '/' || op === '%') && fs[j + 1]({}) === 0);
    return make(fn, constant, from, () => (divisionByZero() ? 'division by zero' : undefined));
  };
  const unary = (): Node => {
    const from = k;
    if (isOp('-')) { k++; const a = nest(unary), af = a.fn; return make((v) => -af(v), a.constant, from); }
    if (isOp('+')) { k++; return nest(unary); }
    if (isOp('!')) { k++; const a = nest(unary), af = a.fn; return make((v) => (af(v) ? 0 : 1), a.constant, from); }
    return power();
  };
  const power = (): Node => {
    const from = k;
    const base = primary();
    if (!isOp('**')) return base;
    k++;
    const ex = nest(unary), bf = base.fn, ef = ex.fn;
    return make((v) => bf(v) ** ef(v), base.constant && ex.constant, from);
  };
  const primary = (): Node => {
    const from = k;
    const t = peek();
    if (t.t === 'num') { k++; return make(() => t.v, true, from); }
    if (isOp('(')) { k++; const e = ternary(); expect(')'); return e; }
    if (t.t === 'id') {
      k++;
      if (isOp('(')) {
        const spec = has(FUNCS, t.v) ? FUNCS[t.v] : undefined;
        if (!spec) throw new ExpressionError(`unknown function "${t.v}" (known: ${Object.keys(FUNCS).join(', ')})`, t.p);
        k++;
        const args: Node[] = [];
        if (!isOp(')')) {
          args.push(ternary());
          while (isOp(',')) { k++; args.push(ternary()); }
        }
        expect(')');
        const [lo, hi] = spec.arity;
        if (args.length < lo || args.length > hi) {
          const wants = lo === hi ? `${lo} argument${lo === 1 ? '' : 's'}` : `at least ${lo} argument${lo === 1 ? '' : 's'}`;
          throw new ExpressionError(`${t.v}() takes ${wants}, got ${args.length} (at position ${t.p + 1})`, t.p);
        }
        const f = spec.f, afs = args.map((a) => a.fn);
        return make((v) => f(...afs.map((a) => a(v))), args.every((a) => a.constant), from,
          (value) => (Number.isNaN(value) || t.v === 'log' ? `outside the domain of ${t.v}` : 'too large'));
      }
      if (has(CONSTS, t.v)) { const c = CONSTS[t.v]; return { fn: () => c, constant: true }; }
      if (!allowed.includes(t.v)) {
        throw new ExpressionError(`unknown name "${t.v}" (known: ${[...allowed, ...Object.keys(CONSTS)].join(', ')})`, t.p);
      }
      const name = t.v;
      return { fn: (v) => v[name], constant: false };
    }
    throw new ExpressionError(t.t === 'end' ? 'unexpected end of expression' : `unexpected "${t.v}" at position ${t.p + 1}`, t.p);
  };
  const mul = binary(unary, { '*': (a, b) => a * b, '/': (a, b) => a / b, '%': (a, b) => a % b });
  const add = binary(mul, { '+': (a, b) => a + b, '-': (a, b) => a - b });
  const cmp = binary(add, { '<': (a, b) => +(a < b), '>': (a, b) => +(a > b), '<=': (a, b) => +(a <= b), '>=': (a, b) => +(a >= b) });
  const eq = binary(cmp, { '==': (a, b) => +(a === b), '!=': (a, b) => +(a !== b) });
  const and = binary(eq, { '&&': (a, b) => +(a !== 0 && b !== 0) });
  const or = binary(and, { '||': (a, b) => +(a !== 0 || b !== 0) });

  const root = ternary();
  if (peek().t !== 'end') throw new ExpressionError(`unexpected "${(peek() as { v: string }).v}" at position ${peek().p + 1}`, peek().p);
  return root.fn;
}

/** Variables offered to per-synapse expressions. */
export const SYNAPSE_VARS = ['pre', 'post', 'n_pre', 'n_post'] as const;

/**
 * Indices a per-synapse expression is tried at before a run (docs/file-format.md, "Delay expressions"): the
 * first two, the middle and the last two of `0 … n-1`, each once.
 */
export function sampleIndices(n: number): number[] {
  return [...new Set([0, 1, Math.floor((n - 1) / 2), n - 2, n - 1].filter((i) => i >= 0 && i < n))];
}
