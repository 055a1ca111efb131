// Lists typed in the inspector, as text ↔ document arrays: a Poisson group's per-neuron rates
// (`data.rates_hz`), per-synapse weight or delay lists, and explicit connectivity (pre → post pairs with an
// optional weight and delay each). Parsing never throws: it gives the values or every problem found.

/** The most values a list typed in the inspector may expand to (one value for all of a huge population would
 *  otherwise become a list of 100 million numbers in the file). */
export const MAX_LIST_LENGTH = 1_000_000;

export type ListResult = { ok: true; values: number[] | undefined } | { ok: false; reason: string };

export interface NumberListOptions {
  /** How many values the list must hold; a single value is repeated this many times. */
  count: number;
  /** What one value is called in messages ("rate", "weight"). */
  noun: string;
  unit?: string;
  /** Why a value is not allowed, or null (the catalogue's `checkParam`, a range, …). */
  check?: (v: number) => string | null;
}

/**
 * Numbers separated by commas, semicolons or spaces; `v*n` (or `v×n`) repeats v n times. One value (or one
 * `v*n` whose n is 1) stands for every entry. The total must be `count`. Empty text gives `undefined` (no list).
 */
export function parseNumberList(text: string, o: NumberListOptions): ListResult {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0) return { ok: true, values: undefined };
  const runs: { v: number; n: number }[] = [];
  let total = 0;
  for (const part of parts) {
    const m = /^([^*×]+)(?:[*×](\d+))?$/.exec(part);
    const v = m ? Number(m[1]) : NaN;
    if (!m || !Number.isFinite(v) || m[1].trim() === '') return { ok: false, reason: `"${part}" is not a number${part.includes('*') || part.includes('×') ? ' or value*count' : ''}` };
    const n = m[2] === undefined ? 1 : Number(m[2]);
    if (n < 1) return { ok: false, reason: `"${part}" repeats a value 0 times` };
    const why = o.check?.(v);
    if (why) return { ok: false, reason: `${o.noun} ${total + 1}${n > 1 ? `-${total + n}` : ''}: ${why}` };
    runs.push({ v, n });
    total += n;
    if (total > MAX_LIST_LENGTH) return { ok: false, reason: `more than ${MAX_LIST_LENGTH.toLocaleString('en-US')} values` };
  }
  if (total === 1 && o.count > 1) {
    if (o.count > MAX_LIST_LENGTH) return { ok: false, reason: `${o.count.toLocaleString('en-US')} ${o.noun}s are too many to list here (limit ${MAX_LIST_LENGTH.toLocaleString('en-US')})` };
    return { ok: true, values: new Array<number>(o.count).fill(runs[0].v) };
  }
  if (total !== o.count) {
    return { ok: false, reason: `${total} ${o.noun}${total === 1 ? '' : 's'} for ${o.count} ${o.count === 1 ? 'entry' : 'entries'}: give ${o.count} or one for all` };
  }
  const values: number[] = [];
  for (const r of runs) for (let i = 0; i < r.n; i++) values.push(r.v);
  return { ok: true, values };
}

/** A list as text: a single value when they are all equal, else runs of three or more as `v*n`. */
export function formatNumberList(values: readonly number[] | undefined): string {
  if (!values || values.length === 0) return '';
  if (values.every((v) => v === values[0])) return String(values[0]);
  const parts: string[] = [];
  for (let i = 0; i < values.length;) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[i]) j++;
    const n = j - i + 1;
    if (n >= 3) parts.push(`${values[i]}*${n}`);
    else for (let k = i; k <= j; k++) parts.push(String(values[k]));
    i = j + 1;
  }
  return parts.join(', ');
}

export interface PairProblem { line: number; message: string }
export interface Pairs { pre: number[]; post: number[]; weights?: number[]; delays?: number[] }
export type PairsResult = { ok: true; pairs: Pairs } | { ok: false; problems: PairProblem[] };

const MAX_PROBLEMS = 20;

/**
 * Explicit connectivity, one synapse a line: `pre post`, optionally followed by a weight and a delay in ms,
 * positionally (`0 3 0.5 2`) or named (`0 3 w=0.5`, `0 3 d=2`, `0 3 w=0.5 d=2`). `pre` and `post` may be
 * separated by spaces, a comma or an arrow (`0 -> 3`, `0 → 3`). Blank lines and `#` comments are skipped.
 * Every line must give a weight or none do; the same for delays. Problems carry the 1-based line number.
 */
export function parsePairs(text: string, nPre: number, nPost: number): PairsResult {
  const pre: number[] = [], post: number[] = [], weights: (number | undefined)[] = [], delays: (number | undefined)[] = [];
  const problems: PairProblem[] = [];
  const lineOf: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let li = 0; li < lines.length && problems.length < MAX_PROBLEMS; li++) {
    const line = lines[li].replace(/#.*$/, '').trim();
    if (!line) continue;
    const n = li + 1;
    const bad = (message: string) => problems.push({ line: n, message });
    const tokens = line.replace(/->|→/g, ' ').split(/[\s,;]+/).filter(Boolean);
    const positional: string[] = [];
    let w: number | undefined, d: number | undefined;
    let ok = true;
    for (const t of tokens) {
      const kv = /^(w|weight|d|delay)=(.*)$/i.exec(t);
      if (!kv) { positional.push(t); continue; }
      const v = Number(kv[2]);
      const isW = kv[1].toLowerCase().startsWith('w');
      if (kv[2] === '' || !Number.isFinite(v)) { bad(`"${t}": ${isW ? 'the weight' : 'the delay'} is not a number`); ok = false; continue; }
      if (isW) w = v; else d = v;
    }
    if (!ok) continue;
    if (positional.length < 2) { bad(`needs "pre post", got "${line}"`); continue; }
    if (positional.length > 4 || (positional.length > 2 && w !== undefined) || (positional.length > 3 && d !== undefined)) {
      bad(`too many values: "pre post [weight [delay]]", got "${line}"`); continue;
    }
    const [a, b, c, e] = positional;
    const index = (t: string, what: 'pre' | 'post', size: number): number | undefined => {
      if (!/^\d+$/.test(t)) { bad(`${what} "${t}" is not a neuron index (a whole number ≥ 0)`); return undefined; }
      const i = Number(t);
      if (i >= size) { bad(`${what} ${i} is out of range: the ${what === 'pre' ? 'source' : 'target'} has ${size} neuron${size === 1 ? '' : 's'} (0-${size - 1})`); return undefined; }
      return i;
    };
    const p = index(a, 'pre', nPre), q = index(b, 'post', nPost);
    if (c !== undefined) {
      w = Number(c);
      if (!Number.isFinite(w)) { bad(`weight "${c}" is not a number`); continue; }
    }
    if (e !== undefined) {
      d = Number(e);
      if (!Number.isFinite(d)) { bad(`delay "${e}" is not a number`); continue; }
    }
    if (d !== undefined && d < 0) { bad(`delay ${d} ms is negative`); continue; }
    if (p === undefined || q === undefined) continue;
    pre.push(p); post.push(q); weights.push(w); delays.push(d); lineOf.push(n);
  }
  if (problems.length === 0) {
    const mixed = (list: (number | undefined)[], what: string) => {
      const first = list.findIndex((v) => v !== undefined);
      if (first < 0) return;
      const missing = list.findIndex((v) => v === undefined);
      if (missing >= 0) problems.push({ line: lineOf[missing], message: `gives no ${what}, but line ${lineOf[first]} does: give one on every line or none` });
    };
    mixed(weights, 'weight');
    mixed(delays, 'delay');
  }
  if (problems.length) return { ok: false, problems };
  const pairs: Pairs = { pre, post };
  if (weights.length && weights[0] !== undefined) pairs.weights = weights as number[];
  if (delays.length && delays[0] !== undefined) pairs.delays = delays as number[];
  return { ok: true, pairs };
}

/** "Line 3: …" lines of the problems, for a field's error. */
export function describePairProblems(problems: readonly PairProblem[]): string {
  return problems.map((p) => `Line ${p.line}: ${p.message}`).join('\n');
}

/** One `pre post` line a synapse, with `w=` and `d=` where weights or delays are listed. */
export function formatPairs(p: Pairs): string {
  return p.pre.map((a, k) => [
    `${a} ${p.post[k]}`,
    p.weights && p.weights[k] !== undefined ? ` w=${p.weights[k]}` : '',
    p.delays && p.delays[k] !== undefined ? ` d=${p.delays[k]}` : '',
  ].join('')).join('\n');
}
