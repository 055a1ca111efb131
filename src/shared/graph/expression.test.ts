import { describe, expect, it } from 'vitest';
import { compileExpression, ExpressionError, SYNAPSE_VARS } from './expression';

const ev = (src: string, vars: Record<string, number> = {}) => compileExpression(src, Object.keys(vars))(vars);

describe('rule expressions', () => {
  it('follows the usual precedence and associativity', () => {
    expect(ev('1 + 2 * 3')).toBe(7);
    expect(ev('(1 + 2) * 3')).toBe(9);
    expect(ev('10 - 4 - 3')).toBe(3);
    expect(ev('2 ** 3 ** 2')).toBe(512);
    expect(ev('-2 ** 2')).toBe(-4);
    expect(ev('7 % 4 + 1e-1')).toBeCloseTo(3.1, 12);
    expect(ev('1 < 2 && 3 >= 3 || 0')).toBe(1);
    expect(ev('!0 + !5')).toBe(1);
  });

  it('evaluates the coincidence detector delay rule', () => {
    const f = compileExpression('pre == 1 ? 1000 * post / ((n_post - 1) * 50) : 0', SYNAPSE_VARS);
    expect(f({ pre: 0, post: 99, n_pre: 2, n_post: 100 })).toBe(0);
    expect(f({ pre: 1, post: 99, n_pre: 2, n_post: 100 })).toBeCloseTo(20, 12);
    expect(f({ pre: 1, post: 33, n_pre: 2, n_post: 100 })).toBeCloseTo(1000 * 33 / (99 * 50), 12);
  });

  it('offers functions and constants', () => {
    expect(ev('max(1, 5, 3) + abs(-2) + floor(2.7)')).toBe(9);
    expect(ev('sin(pi / 2)')).toBeCloseTo(1, 15);
    expect(ev('a ? b : c ? 1 : 2', { a: 0, b: 9, c: 0 })).toBe(2);
  });

  it('rejects unknown names, functions and bad syntax with a position', () => {
    expect(() => compileExpression('post + x', SYNAPSE_VARS)).toThrow(/unknown name "x"/);
    expect(() => compileExpression('eval(1)', [])).toThrow(/unknown function "eval"/);
    expect(() => compileExpression('1 +', [])).toThrow(/unexpected end/);
    expect(() => compileExpression('(1', [])).toThrow(/expected "\)"/);
    expect(() => compileExpression('1 2', [])).toThrow(ExpressionError);
    expect(() => compileExpression('a; b', ['a', 'b'])).toThrow(/unexpected character ";" at position 2/);
    // Names of Object.prototype must not leak in as constants or functions.
    expect(() => compileExpression('constructor', [])).toThrow(/unknown name/);
    expect(() => compileExpression('toString(1)', [])).toThrow(/unknown function/);
  });
});
