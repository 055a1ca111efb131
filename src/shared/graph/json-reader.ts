// A bounded JSON reader for files users hand us (docs/file-format.md, "Limits"). JSON.parse silently keeps
// the last of two equal keys, turns 1e400 into Infinity (which later reads as "received null"), rejects a
// leading byte-order mark and happily builds values nested thousands deep that later recursive code (zod,
// JSON.stringify in migrations) overflows the stack on. This reader is one linear pass with an explicit
// stack (no recursion at all), and refuses, with the JSON path and the line and column:
//   - nesting deeper than `maxDepth` (JSON_MAX_DEPTH), text longer than `maxChars`;
//   - a key given twice in one object (both places are named);
//   - the keys __proto__, constructor and prototype (RESERVED_NAMES), which name parts of every JavaScript
//     object, so no object it returns can carry them;
//   - numbers too large for a double (±Infinity).
// A leading BOM (U+FEFF, what some editors write) is skipped. Everything else follows RFC 8259 exactly, so a
// valid file reads deep-equal to JSON.parse.
import type { PathPart } from './diagnostics';

/**
 * How deep arrays and objects may nest. A network document needs 6 (`nodes[0].data.spikes.index`); 64 leaves
 * room for future formats while keeping every later recursive walk far from the stack's limit. Raising it
 * is safe for this reader (it has no recursion) but needs the walkers after it checked.
 */
export const JSON_MAX_DEPTH = 64;

/** Object keys (and document ids) that are refused: they name parts of every JavaScript object. */
export const RESERVED_NAMES: readonly string[] = ['__proto__', 'constructor', 'prototype'];

export const isReservedName = (name: string): boolean => RESERVED_NAMES.includes(name);

export interface JsonLimits {
  maxDepth: number;
  /** Longest text accepted, in UTF-16 code units (characters of a JavaScript string). */
  maxChars: number;
}

export type JsonReadResult =
  | { ok: true; value: unknown }
  /** `syntax`: the text is not JSON at all (then `path` is where the reader was, often empty). */
  | { ok: false; syntax: boolean; path: PathPart[]; message: string };

class Refusal {
  constructor(readonly syntax: boolean, readonly message: string, readonly pos: number) {}
}

/** 1-based line and column (in characters) of offset `pos`. Only runs on the error path. */
export function lineColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1, lineStart = 0;
  for (let k = text.indexOf('\n'); k !== -1 && k < pos; k = text.indexOf('\n', k + 1)) { line++; lineStart = k + 1; }
  return { line, column: pos - lineStart + 1 };
}

const describe = (text: string, pos: number): string => {
  if (pos >= text.length) return 'unexpected end of text';
  const code = text.charCodeAt(pos);
  return code < 0x20 ? `unexpected control character U+${code.toString(16).padStart(4, '0')}` : `unexpected "${text[pos]}"`;
};

const ESCAPES: Record<number, string> = { 34: '"', 92: '\\', 47: '/', 98: '\b', 102: '\f', 110: '\n', 114: '\r', 116: '\t' };

/** Read `text` as JSON within `limits`. Never throws for bad input. */
export function readJson(text: string, limits: Partial<JsonLimits> = {}): JsonReadResult {
  const maxDepth = limits.maxDepth ?? JSON_MAX_DEPTH;
  const maxChars = limits.maxChars ?? Infinity;
  if (text.length > maxChars) {
    return { ok: false, syntax: false, path: [], message: `the text is ${text.length} characters long; the limit is ${maxChars}` };
  }
  const n = text.length;
  // The open containers, innermost last, with the key (or index) being read in each and, for objects, where
  // each key was seen (to name the first place of a duplicate).
  const containers: (Record<string, unknown> | unknown[])[] = [];
  const keys: (PathPart | undefined)[] = [];
  const keyPositions: (Map<string, number> | null)[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else return;
    }
  };
  const at = (pos: number) => { const { line, column } = lineColumn(text, pos); return `line ${line}, column ${column}`; };

  const readString = (): string => {
    // `i` is at the opening quote. Plain runs are sliced whole; escapes are decoded into `parts`.
    let start = ++i, parts: string[] | null = null;
    for (;;) {
      if (i >= n) throw new Refusal(true, 'unterminated string', n);
      const c = text.charCodeAt(i);
      if (c === 34) {
        const last = text.slice(start, i++);
        return parts ? parts.join('') + last : last;
      }
      if (c < 0x20) throw new Refusal(true, `${describe(text, i)} in a string`, i);
      if (c !== 92) { i++; continue; }
      (parts ??= []).push(text.slice(start, i));
      const e = text.charCodeAt(i + 1);
      if (e === 117) {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Refusal(true, 'bad \\u escape in a string', i);
        parts.push(String.fromCharCode(parseInt(hex, 16)));
        i += 6;
      } else {
        const s = ESCAPES[e];
        if (s === undefined) throw new Refusal(true, 'bad escape in a string', i);
        parts.push(s);
        i += 2;
      }
      start = i;
    }
  };

  const digits = () => { const s = i; while (i < n) { const c = text.charCodeAt(i); if (c < 48 || c > 57) break; i++; } return i > s; };
  const readNumber = (): number => {
    const start = i;
    if (text.charCodeAt(i) === 45) i++;
    const first = text.charCodeAt(i);
    if (first === 48) i++;
    else if (!(first >= 49 && first <= 57 && digits())) throw new Refusal(true, `${describe(text, i)} (expected a digit)`, i);
    if (text.charCodeAt(i) === 46) { i++; if (!digits()) throw new Refusal(true, `${describe(text, i)} (expected a digit after ".")`, i); }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 43 || sign === 45) i++;
      if (!digits()) throw new Refusal(true, `${describe(text, i)} (expected a digit in the exponent)`, i);
    }
    const literal = text.slice(start, i);
    const v = Number(literal);
    if (!Number.isFinite(v)) {
      const shown = literal.length > 24 ? `${literal.slice(0, 20)}… (${literal.length} characters)` : literal;
      throw new Refusal(false, `number ${shown} at ${at(start)} is out of range (beyond ±1.8e308)`, start);
    }
    return v;
  };

  const literal = (word: string, value: unknown): unknown => {
    if (!text.startsWith(word, i)) throw new Refusal(true, describe(text, i), i);
    i += word.length;
    return value;
  };

  /** At a key's opening quote inside the innermost object: read it, check it, and the colon after it. */
  const readKey = () => {
    const top = containers.length - 1;
    keys[top] = undefined;
    if (text.charCodeAt(i) !== 34) throw new Refusal(true, `${describe(text, i)} (expected a key in double quotes)`, i);
    const pos = i;
    const key = readString();
    keys[top] = key;
    if (isReservedName(key)) {
      throw new Refusal(false, `the key "${key}" at ${at(pos)} is reserved (${RESERVED_NAMES.join(', ')} name parts of every JavaScript object)`, pos);
    }
    const seen = (keyPositions[top] ??= new Map());
    const firstPos = seen.get(key);
    if (firstPos !== undefined) {
      throw new Refusal(false, `the key "${key}" appears twice in one object, at ${at(firstPos)} and at ${at(pos)}; ` +
        'JSON does not say which one counts, so keep one', pos);
    }
    seen.set(key, pos);
    ws();
    if (text.charCodeAt(i) !== 58) throw new Refusal(true, `${describe(text, i)} (expected ":" after a key)`, i);
    i++;
  };

  const open = (container: Record<string, unknown> | unknown[], key: PathPart | undefined) => {
    if (containers.length >= maxDepth) {
      throw new Refusal(false, `nested deeper than ${maxDepth} levels at ${at(i)}`, i);
    }
    containers.push(container);
    keys.push(key);
    keyPositions.push(null);
    i++;
  };

  try {
    for (;;) {
      // Read one value, or open a container and go round to read its first member.
      ws();
      let value: unknown;
      const c = text.charCodeAt(i);
      if (c === 123) {
        open({}, undefined);
        ws();
        if (text.charCodeAt(i) !== 125) { readKey(); continue; }
        i++;
        value = containers.pop(); keys.pop(); keyPositions.pop();
      } else if (c === 91) {
        open([], 0);
        ws();
        if (text.charCodeAt(i) !== 93) continue;
        i++;
        value = containers.pop(); keys.pop(); keyPositions.pop();
      } else if (c === 34) value = readString();
      else if (c === 45 || (c >= 48 && c <= 57)) value = readNumber();
      else if (c === 116) value = literal('true', true);
      else if (c === 102) value = literal('false', false);
      else if (c === 110) value = literal('null', null);
      else throw new Refusal(true, `${describe(text, i)} (expected a value)`, i);

      // Store the value in its container; close every container that ends here.
      for (;;) {
        const top = containers.length - 1;
        if (top < 0) {
          ws();
          if (i < n) throw new Refusal(true, `${describe(text, i)} after the end of the JSON value`, i);
          return { ok: true, value };
        }
        const container = containers[top];
        ws();
        const next = text.charCodeAt(i);
        if (Array.isArray(container)) {
          container.push(value);
          if (next === 44) { i++; keys[top] = container.length; break; }
          if (next !== 93) throw new Refusal(true, `${describe(text, i)} (expected "," or "]")`, i);
        } else {
          container[keys[top] as string] = value;
          if (next === 44) { i++; ws(); readKey(); break; }
          if (next !== 125) throw new Refusal(true, `${describe(text, i)} (expected "," or "}")`, i);
        }
        i++;
        value = containers.pop(); keys.pop(); keyPositions.pop();
      }
    }
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    const path = keys.filter((k): k is PathPart => k !== undefined);
    const message = e.syntax ? `${e.message} at ${at(e.pos)}` : e.message;
    return { ok: false, syntax: e.syntax, path, message };
  }
}

export type JsonCopyResult = { ok: true; value: unknown } | { ok: false; path: PathPart[]; message: string };

/**
 * A deep copy of a JSON value that did not come through readJson (JSON.parse in older code, values built in
 * memory), with readJson's limits on depth and keys. Iterative, so no input can overflow the stack.
 */
export function copyJson(value: unknown, maxDepth = JSON_MAX_DEPTH): JsonCopyResult {
  const isContainer = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (!isContainer(value)) return { ok: true, value };
  const root: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  // Each entry: the source container, its copy, the path to it and its depth (root = 1).
  const work: { src: Record<string, unknown>; dst: Record<string, unknown>; path: PathPart[] }[] = [
    { src: value, dst: root as Record<string, unknown>, path: [] },
  ];
  while (work.length) {
    const { src, dst, path } = work.pop()!;
    if (path.length >= maxDepth) return { ok: false, path, message: `nested deeper than ${maxDepth} levels` };
    const array = Array.isArray(src);
    for (const key of Object.keys(src)) {
      if (!array && isReservedName(key)) {
        return { ok: false, path: [...path, key], message: `the key "${key}" is reserved (${RESERVED_NAMES.join(', ')} name parts of every JavaScript object)` };
      }
      const v = src[key];
      const part: PathPart = array ? Number(key) : key;
      if (isContainer(v)) {
        const copy: Record<string, unknown> | unknown[] = Array.isArray(v) ? [] : {};
        dst[key] = copy;
        work.push({ src: v, dst: copy as Record<string, unknown>, path: [...path, part] });
      } else dst[key] = v;
    }
  }
  return { ok: true, value: root };
}
