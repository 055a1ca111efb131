import { describe, expect, it } from 'vitest';
import { compileExpression, EXPRESSION_MAX_CHARS, EXPRESSION_MAX_DEPTH, ExpressionError, sampleIndices, SYNAPSE_VARS } from './expression';

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

  it('refuses constant parts that are not finite, at their position', () => {
    expect(() => compileExpression('log(-1)', [])).toThrow('"log(-1)" (at position 1) is NaN (outside the domain of log), not a finite number');
    expect(() => compileExpression('post + 1/0', SYNAPSE_VARS)).toThrow('"1/0" (at position 8) is Infinity (division by zero), not a finite number');
    expect(() => compileExpression('pre ? sqrt(-1) : 1', SYNAPSE_VARS)).toThrow(/"sqrt\(-1\)" \(at position 7\) is NaN/);
    expect(() => compileExpression('2 * 1e400', [])).toThrow(/"1e400" \(at position 5\) is Infinity/);
    expect(() => compileExpression('exp(1000)', [])).toThrow(/is Infinity \(too large\)/);
    expect(() => compileExpression('log()', [])).toThrow('log() takes 1 argument, got 0 (at position 1)');
    // A part with a variable is left to the sampling at validate time (./validate.ts).
    expect(compileExpression('1 / pre', SYNAPSE_VARS)({ pre: 0, post: 0, n_pre: 1, n_post: 1 })).toBe(Infinity);
  });

  it('stays within its length and nesting limits, never overflowing the stack', () => {
    const deepParens = '('.repeat(2000) + '1' + ')'.repeat(2000);
    expect(() => compileExpression(deepParens, [])).toThrow(`nests deeper than ${EXPRESSION_MAX_DEPTH} levels at position ${EXPRESSION_MAX_DEPTH + 1}`);
    expect(() => compileExpression('-'.repeat(2000) + '1', [])).toThrow(/nests deeper than/);
    expect(() => compileExpression('2 ** '.repeat(1000) + '1', [])).toThrow(/nests deeper than/);
    expect(() => compileExpression('pre ? 1 : '.repeat(500) + '1', SYNAPSE_VARS)).toThrow(/nests deeper than/);
    expect(ev('('.repeat(EXPRESSION_MAX_DEPTH - 1) + '1' + ')'.repeat(EXPRESSION_MAX_DEPTH - 1))).toBe(1);
    // A long run of one operator parses and evaluates in loops: the longest sum the limit allows.
    const terms = Math.floor((EXPRESSION_MAX_CHARS - 3) / 4);
    const sum = 'pre' + ' + 1'.repeat(terms);
    expect(sum.length).toBeLessThanOrEqual(EXPRESSION_MAX_CHARS);
    expect(compileExpression(sum, ['pre'])({ pre: 2 })).toBe(terms + 2);
    // 100,000 terms and 10 MB are refused by the length limit before any parsing.
    expect(() => compileExpression(Array(100_000).fill('1').join('+'), [])).toThrow(`is 199999 characters long; the limit is ${EXPRESSION_MAX_CHARS}`);
    expect(() => compileExpression('1+'.repeat(5_000_000) + '1', [])).toThrow(/is 10000001 characters long/);
  });

  it('samples the first two, middle and last two indices', () => {
    expect(sampleIndices(100)).toEqual([0, 1, 49, 98, 99]);
    expect(sampleIndices(2)).toEqual([0, 1]);
    expect(sampleIndices(1)).toEqual([0]);
    expect(sampleIndices(0)).toEqual([]);
  });
});
