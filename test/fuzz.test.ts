// Fuzz test of issue 11: seeded mutations of the example documents (resources/examples/*.snn.json) through the
// real `snn` entry (in process). Every mutated file is validated; those that validate are also run on the CPU
// under --memory-limit 256MiB for a few milliseconds of simulated time. Asserted: exit ∈ {0, 2, 3, 4}
// (docs/cli.md, "Exit codes"), no stack trace and no "internal error" on stderr, and the input file unchanged.
// Bounded by a count and a time budget (whichever comes first): a bound on work, not a timed assertion.
// One fixed seed (reproducible) and one fresh seed, printed in the test's name so a failure can be replayed
// (SNN_FUZZ_SEED=N); a failing case also leaves its file in the temp folder named in the message.
import { appendFileSync, mkdtempSync, rmSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';
import { recordingIo } from './cli/test-io';
import { repoRoot } from './hostile-fixtures';

const FIXED_SEED = 20260101;
const examplesDir = join(repoRoot, 'resources/examples');
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.snn.json')).sort()
  .map((f) => ({ name: f, doc: JSON.parse(readFileSync(join(examplesDir, f), 'utf8')) as unknown }));
const dir = mkdtempSync(join(tmpdir(), 'snn-fuzz-'));
let started = 0, finished = 0;
// Kept when a case failed (its file is named in the message), removed otherwise.
afterAll(() => { if (finished === started) rmSync(dir, { recursive: true, force: true }); });

/** mulberry32: a tiny seeded generator, so a seed replays the same mutations. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] };
}
type Rng = ReturnType<typeof rng>;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Slot = { parent: Json[] | { [k: string]: Json }; key: string | number; value: Json };

function slots(v: Json, out: Slot[] = []): Slot[] {
  if (Array.isArray(v)) v.forEach((x, i) => { out.push({ parent: v, key: i, value: x }); slots(x, out); });
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.push({ parent: v, key: k, value: x }); slots(x, out); }
  return out;
}

const EXTREMES: Json[] = [0, -1, -0, 1e308, -1e308, 5e-324, 2.5, 1e7, 1e12, 4294967296, 'NaN', 'Infinity', '1e400', '', null, true, [], {}, 'x'.repeat(2000), '__proto__'];
const JUNK = ['{', '}', '[', ']', ',', ':', '"', '\\', '\u0000', '\uFEFF', '1e400', '-', 'NaN', '"__proto__":1,', '{"a":', ',,', 'null'];

/** One structural mutation of the document tree; returns what it did. */
function mutateTree(r: Rng, doc: Json): string {
  const all = slots(doc);
  if (!all.length) return 'nothing to mutate';
  const s = r.pick(all);
  const where = String(s.key);
  switch (r.int(6)) {
    case 0: // delete a field or element
      if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1); else delete s.parent[s.key as string];
      return `delete ${where}`;
    case 1: { // duplicate an array element (duplicate ids) or a field under another name
      if (Array.isArray(s.parent)) { s.parent.splice(s.key as number, 0, structuredClone(s.value)); return `duplicate [${where}]`; }
      s.parent[`${where}_2`] = structuredClone(s.value);
      return `copy ${where}`;
    }
    case 2: { // retype or flip to an extreme
      const v = r.pick(EXTREMES);
      (s.parent as Record<string | number, Json>)[s.key] = structuredClone(v);
      return `${where} = ${JSON.stringify(v).slice(0, 20)}`;
    }
    case 3: { // swap two strings (ids, sources, targets, models)
      const strs = all.filter((x) => typeof x.value === 'string');
      if (strs.length < 2) return 'no strings';
      const a = r.pick(strs), b = r.pick(strs);
      (a.parent as Record<string | number, Json>)[a.key] = b.value;
      (b.parent as Record<string | number, Json>)[b.key] = a.value;
      return `swap ${String(a.key)} ↔ ${String(b.key)}`;
    }
    case 4: { // scale a number
      const nums = all.filter((x) => typeof x.value === 'number');
      if (!nums.length) return 'no numbers';
      const n = r.pick(nums), f = r.pick([1e6, -1, 1e-6, 1e300, 0]);
      (n.parent as Record<string | number, Json>)[n.key] = (n.value as number) * f;
      return `${String(n.key)} ×= ${f}`;
    }
    default: { // a size or count flipped to something huge or odd
      const sizes = all.filter((x) => ['size', 'k', 'p', 'n_samples', 'train_samples', 'test_samples', 'batch_size', 'seed'].includes(String(x.key)));
      if (!sizes.length) return 'no sizes';
      const n = r.pick(sizes), v = r.pick([0, -1, 1e8, 1e9, 1e308, 0.5, 2 ** 31]);
      (n.parent as Record<string | number, Json>)[n.key] = v;
      return `${String(n.key)} = ${v}`;
    }
  }
}

/** One mutation of the text: truncate, insert junk, delete a span, or make a number overflow. */
function mutateText(r: Rng, text: string): [string, string] {
  const at = r.int(text.length + 1);
  switch (r.int(4)) {
    case 0: return [text.slice(0, at), `truncate at ${at}`];
    case 1: { const j = r.pick(JUNK); return [text.slice(0, at) + j + text.slice(at), `insert ${JSON.stringify(j)} at ${at}`]; }
    case 2: return [text.slice(0, at) + text.slice(at + 1 + r.int(40)), `delete near ${at}`];
    default: {
      const m = [...text.matchAll(/-?\d+(\.\d+)?(e[+-]?\d+)?/gi)];
      if (!m.length) return [text, 'no numbers'];
      const x = r.pick(m), v = r.pick(['1e400', '-1e999', '1' + '0'.repeat(400), '0.' + '0'.repeat(400) + '1', '-0']);
      return [text.slice(0, x.index) + v + text.slice(x.index! + x[0].length), `number → ${v.slice(0, 12)}`];
    }
  }
}

const BAD_ERR = /internal error|^\s+at |RangeError|TypeError|Maximum call stack/m;

async function fuzz(seed: number, maxCases: number, maxMs: number) {
  started++;
  const r = rng(seed), t0 = Date.now();
  let n = 0, valid = 0, ran = 0;
  for (; n < maxCases && Date.now() - t0 < maxMs; n++) {
    const ex = r.pick(examples), doc = structuredClone(ex.doc) as Json;
    const steps: string[] = [];
    for (let k = 1 + r.int(3); k > 0; k--) steps.push(mutateTree(r, doc));
    let text = JSON.stringify(doc, null, r.int(2) ? 2 : undefined);
    if (r.int(3) === 0) { const [t, what] = mutateText(r, text); text = t; steps.push(what); }
    const file = `case-${seed}-${n}.snn.json`, path = join(dir, file);
    writeFileSync(path, text);
    const what = `seed ${seed} case ${n} (${ex.name}: ${steps.join('; ')}), file ${path}`;
    if (process.env.SNN_FUZZ_TRACE) appendFileSync(process.env.SNN_FUZZ_TRACE, what + '\n');
    const v = recordingIo(dir);
    const vc = await main(['validate', file], v);
    expect([0, 3], `${what}: validate exit ${vc}\n${v.err}`).toContain(vc);
    expect(v.err, what).not.toMatch(BAD_ERR);
    if (vc === 0) {
      valid++;
      const d = JSON.parse(text.replace(/^\uFEFF/, '')) as { simulation?: { dt_ms?: unknown } };
      // A tiny dt is checked by validate and the budget (hostile-input.test.ts); here it would only make runs slow.
      const dt = typeof d.simulation?.dt_ms === 'number' && d.simulation.dt_ms < 0.05 ? ['--dt', '0.1'] : [];
      const io = recordingIo(dir);
      const rc = await main(['run', file, '--backend', 'cpu', '--duration', '2', '--memory-limit', '256MiB', ...dt], io);
      expect([0, 2, 3, 4], `${what}: run exit ${rc}\n${io.err}`).toContain(rc);
      expect(io.err, what).not.toMatch(BAD_ERR);
      if (rc === 0) ran++;
    }
    expect(readFileSync(path, 'utf8'), `${what}: the input changed`).toBe(text);
  }
  finished++;
  return { n, valid, ran };
}

describe('fuzz: mutated examples through snn validate and snn run', () => {
  it(`fixed seed ${FIXED_SEED}: ≤ 300 cases or 12 s`, async () => {
    const s = await fuzz(FIXED_SEED, 300, 12_000);
    // The mutations must reach the engine, not only the parser: some cases validate and some run.
    expect(s.valid).toBeGreaterThan(0);
    expect(s.ran).toBeGreaterThan(0);
  });

  // SNN_FUZZ_SEED replays a fresh seed; SNN_FUZZ_CASES runs a longer hunt (docs/testing.md).
  const fresh = Number(process.env.SNN_FUZZ_SEED) || 1 + Math.floor(Math.random() * 1e9);
  const cases = Number(process.env.SNN_FUZZ_CASES) || 300;
  const hunt = process.env.SNN_FUZZ_CASES !== undefined;
  it(`fresh seed ${fresh}: ≤ ${cases} cases or ${hunt ? 'no time limit' : '8 s'}`, async () => {
    await fuzz(fresh, cases, hunt ? Infinity : 8_000);
  }, hunt ? 3_600_000 : undefined);
});
