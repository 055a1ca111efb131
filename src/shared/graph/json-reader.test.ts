// The bounded JSON reader: exactly JSON.parse on valid text, and a located refusal for everything JSON.parse
// gets quietly wrong or that would hurt later code (docs/file-format.md, "Limits").
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { copyJson, JSON_MAX_DEPTH, readJson } from './json-reader';

const examplesDir = join(__dirname, '../../../resources/examples');
const refusal = (text: string) => {
  const r = readJson(text);
  if (r.ok) throw new Error(`accepted ${text.slice(0, 40)}`);
  return r;
};

describe('the bounded JSON reader', () => {
  it('reads every example document deep-equal to JSON.parse', () => {
    const files = readdirSync(examplesDir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const f of files) {
      const text = readFileSync(join(examplesDir, f), 'utf8');
      expect(readJson(text), f).toEqual({ ok: true, value: JSON.parse(text) });
    }
  });

  it('reads the corners of the grammar as JSON.parse does', () => {
    for (const text of [
      '0', '-0', '1.5e-3', '-12E+2', '1e-400', 'true', 'false', 'null', '""', '"a\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00"',
      ' [ ] ', '{}', '{"a":[1,{"b":null}],"c":"d"}', '\t\r\n[1,\n2]\n', '"\u2028 é 漢"', '{"": 1, "0": 2, "1": [[]]}',
    ]) {
      expect(readJson(text), text).toEqual({ ok: true, value: JSON.parse(text) });
    }
  });

  it('refuses what JSON.parse refuses, with line and column', () => {
    for (const [text, where] of [
      ['{"a": 1,}', 'line 1, column 9'], ['[1,]', 'line 1, column 4'], ['01', 'line 1, column 2'], ['{"a" 1}', 'line 1, column 6'],
      ["{'a': 1}", 'line 1, column 2'], ['[1 2]', 'line 1, column 4'], ['"a\nb"', 'line 1, column 3'], ['"\\x"', 'line 1, column 2'],
      ['[-]', 'line 1, column 3'], ['1.', 'line 1, column 3'], ['tru', 'line 1, column 1'], ['', 'line 1, column 1'],
      ['{\n  "a": [\n    1,\n    nope', 'line 4, column 5'], ['"abc', 'line 1, column 5'], ['[NaN]', 'line 1, column 2'],
    ] as const) {
      expect(() => JSON.parse(text), text).toThrow();
      const r = refusal(text);
      expect(r.syntax, text).toBe(true);
      expect(r.message, text).toContain(`at ${where}`);
    }
  });

  it('skips a leading byte-order mark (what some editors write)', () => {
    expect(readJson('\ufeff{"a": [1]}')).toEqual({ ok: true, value: { a: [1] } });
    expect(readJson('[1, "\ufeff"]')).toEqual({ ok: true, value: [1, '\ufeff'] });
    expect(refusal('[1]\ufeff').syntax).toBe(true);
  });

  it('refuses a key given twice, naming the path and both places', () => {
    const r = refusal('{"nodes": [\n  {"id": "a",\n   "size": 10,\n   "size": 100000000}\n]}');
    expect(r).toEqual({
      ok: false, syntax: false, path: ['nodes', 0, 'size'],
      message: 'the key "size" appears twice in one object, at line 3, column 4 and at line 4, column 4; JSON does not say which one counts, so keep one',
    });
    // The same key in different objects is fine.
    expect(readJson('[{"a": 1}, {"a": 2}]').ok).toBe(true);
  });

  it('refuses the keys __proto__, constructor and prototype anywhere', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const r = refusal(`{"layout": {"nodes": {"${key}": {"x": 0, "y": 0}}}}`);
      expect(r.path).toEqual(['layout', 'nodes', key]);
      expect(r.message).toMatch(new RegExp(`^the key "${key}" at line 1, column 23 is reserved`));
    }
    // As values they are plain strings.
    expect(readJson('{"id": "__proto__"}')).toEqual({ ok: true, value: { id: '__proto__' } });
  });

  it('reports a number beyond the double range with its line and column instead of reading Infinity', () => {
    const r = refusal('{\n  "simulation": {"seed": 1e400}\n}');
    expect(r).toEqual({ ok: false, syntax: false, path: ['simulation', 'seed'], message: 'number 1e400 at line 2, column 26 is out of range (beyond ±1.8e308)' });
    expect(refusal(`[-${'9'.repeat(400)}]`).message).toMatch(/^number -9{19}… \(401 characters\) at line 1, column 2 is out of range/);
  });

  it('refuses nesting beyond the limit with the path, without overflowing the stack', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const r = refusal(deep);
    expect(r.path).toEqual(new Array(JSON_MAX_DEPTH).fill(0));
    expect(r.message).toBe(`nested deeper than ${JSON_MAX_DEPTH} levels at line 1, column ${JSON_MAX_DEPTH + 1}`);
    const objects = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    expect(refusal(objects).path).toEqual(new Array(JSON_MAX_DEPTH).fill('a'));
    // Exactly at the limit is fine.
    expect(readJson('['.repeat(JSON_MAX_DEPTH) + ']'.repeat(JSON_MAX_DEPTH)).ok).toBe(true);
  });

  it('refuses text beyond its length limit before reading it', () => {
    expect(readJson('[1, 2, 3]', { maxChars: 8 })).toEqual({ ok: false, syntax: false, path: [], message: 'the text is 9 characters long; the limit is 8' });
  });

  it('reads a 10 MB document of numbers and objects', () => {
    // Timing is measured by hand (about 3× JSON.parse), never asserted (docs/testing.md); this checks it completes.
    const value = { data: Array.from({ length: 600_000 }, (_, k) => k / 7), objs: Array.from({ length: 40_000 }, (_, k) => ({ id: `n${k}`, s: 'a\\"b' })) };
    const text = JSON.stringify(value);
    expect(text.length).toBeGreaterThan(10_000_000);
    expect(readJson(text)).toEqual({ ok: true, value });
  });
});

describe('copyJson (values that did not come through the reader)', () => {
  it('copies deeply and refuses depth and reserved keys with the path', () => {
    const v = { a: [1, { b: 'c' }], d: null };
    const c = copyJson(v);
    expect(c).toEqual({ ok: true, value: v });
    expect(c.ok && c.value !== v && (c.value as typeof v).a !== v.a).toBe(true);
    expect(copyJson(JSON.parse('{"x": {"__proto__": 1}}'))).toEqual({ ok: false, path: ['x', '__proto__'], message: expect.stringMatching(/^the key "__proto__" is reserved/) });
    const deep = JSON.parse('['.repeat(5000) + ']'.repeat(5000));
    expect(copyJson(deep)).toEqual({ ok: false, path: new Array(JSON_MAX_DEPTH).fill(0), message: `nested deeper than ${JSON_MAX_DEPTH} levels` });
  });
});
