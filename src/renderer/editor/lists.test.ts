import { describe, expect, it } from 'vitest';
import { describePairProblems, formatNumberList, formatPairs, MAX_LIST_LENGTH, parseNumberList, parsePairs } from './lists';

const rates = (text: string, count: number) =>
  parseNumberList(text, { count, noun: 'rate', check: (v) => (v < 0 ? `${v} Hz is below the minimum 0 Hz` : v > 1e5 ? `${v} Hz is above the maximum 100000 Hz` : null) });

describe('number lists', () => {
  it('reads commas, spaces, semicolons and v*n runs; one value stands for all', () => {
    expect(rates('10, 0 5;7', 4)).toEqual({ ok: true, values: [10, 0, 5, 7] });
    expect(rates('20*2 0×3', 5)).toEqual({ ok: true, values: [20, 20, 0, 0, 0] });
    expect(rates(' 12.5 ', 3)).toEqual({ ok: true, values: [12.5, 12.5, 12.5] });
    expect(rates('1e2', 1)).toEqual({ ok: true, values: [100] });
    expect(rates('   ', 3)).toEqual({ ok: true, values: undefined });
  });

  it('refuses wrong counts, non-numbers and values out of range, naming the entry', () => {
    expect(rates('1, 2', 3)).toEqual({ ok: false, reason: '2 rates for 3 entries: give 3 or one for all' });
    expect(rates('1, x, 2', 3)).toEqual({ ok: false, reason: '"x" is not a number' });
    expect(rates('1, Infinity, 2', 3)).toEqual({ ok: false, reason: '"Infinity" is not a number' });
    expect(rates('5, -1, 2', 3)).toEqual({ ok: false, reason: 'rate 2: -1 Hz is below the minimum 0 Hz' });
    expect(rates('5*2, 2e5*3', 5)).toEqual({ ok: false, reason: 'rate 3-5: 200000 Hz is above the maximum 100000 Hz' });
    expect(rates('5*0', 1)).toEqual({ ok: false, reason: '"5*0" repeats a value 0 times' });
    expect(rates('5*', 1).ok).toBe(false);
    expect(rates('1', MAX_LIST_LENGTH + 1).ok).toBe(false);
  });

  it('formats one value for all, runs of three or more as v*n, and round-trips', () => {
    expect(formatNumberList([4, 4, 4, 4])).toBe('4');
    expect(formatNumberList([20, 20, 20, 0, 5, 5])).toBe('20*3, 0, 5, 5');
    expect(formatNumberList(undefined)).toBe('');
    const values = [1, 1, 1, 1, 2, 3, 3, 0.5];
    expect(rates(formatNumberList(values), values.length)).toEqual({ ok: true, values });
  });
});

describe('explicit pairs', () => {
  it('reads pre post lines with arrows, commas, comments, and optional weight/delay (positional or named)', () => {
    expect(parsePairs('0 1\n# comment\n\n2 -> 0\n1,2  # tail', 3, 3)).toEqual({ ok: true, pairs: { pre: [0, 2, 1], post: [1, 0, 2] } });
    expect(parsePairs('0 1 0.5 2\n1 → 0 -0.25 0', 2, 2)).toEqual({ ok: true, pairs: { pre: [0, 1], post: [1, 0], weights: [0.5, -0.25], delays: [2, 0] } });
    expect(parsePairs('0 1 w=0.5\n1 0 weight=1', 2, 2)).toEqual({ ok: true, pairs: { pre: [0, 1], post: [1, 0], weights: [0.5, 1] } });
    expect(parsePairs('0 1 d=2\n1 0 delay=1.5', 2, 2)).toEqual({ ok: true, pairs: { pre: [0, 1], post: [1, 0], delays: [2, 1.5] } });
    expect(parsePairs('', 2, 2)).toEqual({ ok: true, pairs: { pre: [], post: [] } });
  });

  it('reports every problem with its line number, checking each side against its own population', () => {
    const r = parsePairs('0 1\n5 0\n0 3\nx 1\n0\n1 1 w=a\n0 0 1 2 3\n0 0 0 -1', 3, 2);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(describePairProblems(r.problems).split('\n')).toEqual([
      'Line 2: pre 5 is out of range: the source has 3 neurons (0-2)',
      'Line 3: post 3 is out of range: the target has 2 neurons (0-1)',
      'Line 4: pre "x" is not a neuron index (a whole number ≥ 0)',
      'Line 5: needs "pre post", got "0"',
      'Line 6: "w=a": the weight is not a number',
      'Line 7: too many values: "pre post [weight [delay]]", got "0 0 1 2 3"',
      'Line 8: delay -1 ms is negative',
    ]);
  });

  it('asks for a weight (or delay) on every line or none', () => {
    expect(parsePairs('0 1 0.5\n1 0\n', 2, 2)).toEqual({ ok: false, problems: [{ line: 2, message: 'gives no weight, but line 1 does: give one on every line or none' }] });
    expect(parsePairs('0 1\n\n1 0 d=1', 2, 2)).toEqual({ ok: false, problems: [{ line: 1, message: 'gives no delay, but line 3 does: give one on every line or none' }] });
  });

  it('formats with w= and d= and round-trips', () => {
    const pairs = { pre: [0, 2], post: [1, 1], weights: [0.5, -1], delays: [1, 0] };
    expect(formatPairs(pairs)).toBe('0 1 w=0.5 d=1\n2 1 w=-1 d=0');
    expect(parsePairs(formatPairs(pairs), 3, 2)).toEqual({ ok: true, pairs });
    expect(formatPairs({ pre: [1], post: [0], delays: [3] })).toBe('1 0 d=3');
  });
});
