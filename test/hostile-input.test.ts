// Issue 11, "Hostile input": every case of the issue through the real `snn` entry (src/cli/main.ts, in
// process), one row each — the exit code (docs/cli.md, "Exit codes"), the first line on stderr, and every
// input file byte-for-byte unchanged afterwards. Fixtures are generated into a temp folder by
// ./hostile-fixtures.ts. Memory-bound cases run under --memory-limit 256MiB; symlink and same-file cases use
// real links. Covered elsewhere, and why: the GPU divergence case needs the gpu project (SwiftShader) and
// spawns the real process — src/cli/commands/run.gpu.test.ts, "a run that diverges on the GPU exits 4";
// temp-file cleanup — src/cli/io.test.ts; the Electron main process's caps — src/main/services/*.test.ts.
import { createHash } from 'node:crypto';
import { spawnSync, execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';
import { recordingIo } from './cli/test-io';
import { example, lifDoc, repoRoot, writeHostileFixtures } from './hostile-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'snn-hostile-'));
const MEM = ['--memory-limit', '256MiB'];
const CPU = ['--backend', 'cpu', ...MEM];

// The fixtures hold ~50 MB of text (1e6 monitors): removed after the suite.
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  writeHostileFixtures(dir);
  writeFileSync(join(dir, 'lif.snn.json'), readFileSync(example('lif-neuron')));
  writeFileSync(join(dir, 'sound.snn.json'), readFileSync(example('sound-localisation')));
  linkSync(join(dir, 'lif.snn.json'), join(dir, 'hard-link.json'));
  symlinkSync(join(dir, 'lif.snn.json'), join(dir, 'link-to-input.json'));
  symlinkSync(join(dir, 'elsewhere.json'), join(dir, 'dangling-link.json'));
  mkdirSync(join(dir, 'folder'));
  execFileSync('mkfifo', [join(dir, 'pipe.snn.json')]);
  // Weights files: the seeded initial weights of the trainable example, then made hostile.
  expect(await main(['export', 'sound.snn.json', '--format', 'json', '--out', 'w.json'], recordingIo(dir))).toBe(0);
  const w = JSON.parse(readFileSync(join(dir, 'w.json'), 'utf8'));
  for (const p of Object.values(w.projections) as { weights: number[][] }[]) p.weights = p.weights.map((r) => r.map(() => 1e308));
  writeFileSync(join(dir, 'w-1e308.json'), JSON.stringify(w));
  const wt = readFileSync(join(dir, 'w.json'), 'utf8');
  writeFileSync(join(dir, 'w-duplicate.json'), wt.replace('"format":"snn-weights",', '"format":"snn-weights","format":"snn-weights",'));
  writeFileSync(join(dir, 'w-deep.json'), '['.repeat(10_000));
  const d = lifDoc();
  d.simulation.seed = 1;
  writeFileSync(join(dir, 'lif-pretty.snn.json'), JSON.stringify(d, null, 2));
}, 60_000);

/** What identifies an input's content: bytes (hash) for regular files up to 64 MiB, else size + mtime + inode. */
function fingerprint(path: string): string {
  const st = statSync(path);
  if (!st.isFile()) return `${st.mode}:${st.ino}`;
  if (st.size > 64 * 2 ** 20) return `${st.size}:${st.mtimeMs}:${st.ino}`;
  return createHash('sha256').update(readFileSync(path)).digest('hex') + `:${st.mtimeMs}`;
}

interface Row {
  /** The item this row covers. */
  item: string;
  what: string;
  argv: string[];
  code: 0 | 2 | 3 | 4;
  first: RegExp;
  /** Also somewhere on stderr (the located diagnostic after "invalid network:"). */
  err?: RegExp;
}

const rows: Row[] = [
  // Parsing (docs/file-format.md, "Limits")
  { item: 'deep JSON', what: '100,000 nested arrays', argv: ['validate', 'deep.snn.json'], code: 3, first: /^deep\.snn\.json: error: (\[0\]){64}: nested deeper than 64 levels at line 1, column 65$/ },
  { item: 'deep JSON', what: '100,000 nested objects', argv: ['run', 'deep-object.snn.json', ...CPU], code: 3, first: /^snn run: deep-object\.snn\.json: invalid network:$/, err: /nested deeper than 64 levels at line 1, column 321/ },
  { item: 'duplicate keys', what: 'a key twice in one object', argv: ['validate', 'duplicate-key.snn.json'], code: 3, first: /^duplicate-key\.snn\.json: error: nodes\[0\]\.size: the key "size" appears twice in one object, at line 1, column \d+ and at line 1, column \d+/ },
  { item: '__proto__', what: '"__proto__" as a key', argv: ['validate', 'proto-key.snn.json'], code: 3, first: /^proto-key\.snn\.json: error: nodes\[1\]\.params\.__proto__: the key "__proto__" at line 1, column \d+ is reserved/ },
  { item: '__proto__', what: '"constructor" as a key', argv: ['validate', 'constructor-key.snn.json'], code: 3, first: /^constructor-key\.snn\.json: error: meta\.constructor: the key "constructor" .* is reserved/ },
  { item: '__proto__ ids', what: 'a node id "__proto__"', argv: ['run', 'proto-id.snn.json', ...CPU], code: 3, first: /^snn run: proto-id\.snn\.json: invalid network:$/, err: /nodes\[1\]\.id: is reserved/ },
  { item: 'BOM', what: 'a leading byte-order mark is accepted', argv: ['validate', 'bom.snn.json'], code: 0, first: /^$/ },
  { item: '1e400', what: 'a number beyond the double range', argv: ['validate', 'number-1e400.snn.json'], code: 3, first: /^number-1e400\.snn\.json: error: nodes\[1\]\.params\.tau_ms: number 1e400 at line 1, column \d+ is out of range/ },
  { item: 'malformed JSON', what: 'a file cut in half', argv: ['validate', 'truncated.snn.json'], code: 3, first: /^truncated\.snn\.json: error: not valid JSON: .* at line 1, column \d+$/ },
  { item: 'malformed JSON', what: 'an empty file', argv: ['run', 'empty.snn.json', ...CPU], code: 3, first: /^snn run: empty\.snn\.json: invalid network:$/, err: /not valid JSON: unexpected end of text/ },
  { item: 'malformed JSON', what: 'bytes that are not UTF-8', argv: ['validate', 'not-utf8.snn.json'], code: 3, first: /^not-utf8\.snn\.json: error: not valid JSON: unexpected/ },
  { item: 'long/deep expressions', what: 'a 12,000-character delay expression', argv: ['validate', 'long-expression.snn.json'], code: 3, first: /^long-expression\.snn\.json: error: projections\[0\]\.delay\.expr: is 12001 characters long; the limit is 10000$/ },
  { item: 'long/deep expressions', what: '1000 nested parentheses', argv: ['validate', 'deep-expression.snn.json'], code: 3, first: /^deep-expression\.snn\.json: error: projections\[0\]\.delay\.expr: .*64 levels/ },
  // Input files (docs/cli.md, "Input files")
  { item: 'devices', what: '/dev/zero', argv: ['validate', '/dev/zero'], code: 3, first: /^snn validate: \/dev\/zero: cannot read the network document: it is a device, not a regular file$/ },
  { item: 'FIFOs', what: 'a FIFO with no writer (must not hang)', argv: ['run', 'pipe.snn.json', ...CPU], code: 3, first: /^snn run: pipe\.snn\.json: cannot read the network document: it is a FIFO \(named pipe\), not a regular file$/ },
  { item: 'folders', what: 'a folder as the network', argv: ['validate', 'folder'], code: 3, first: /^snn validate: folder: cannot read the network document: it is a folder$/ },
  { item: 'oversize files', what: 'a 300 MiB (sparse) file', argv: ['validate', 'oversize.snn.json'], code: 3, first: /^snn validate: oversize\.snn\.json: cannot read the network document: it is larger than the limit of 268435456 bytes \(256 MiB\)$/ },
  { item: 'weights files', what: 'a weights file with a duplicate key', argv: ['export', 'sound.snn.json', '--weights', 'w-duplicate.json', '--format', 'json', '--out', 'x.json'], code: 3, first: /^snn export: w-duplicate\.json: invalid weights file$/, err: /format: the key "format" appears twice/ },
  { item: 'weights files', what: 'an unterminated 10,000-deep weights file', argv: ['export', 'sound.snn.json', '--weights', 'w-deep.json', '--format', 'json', '--out', 'x.json'], code: 3, first: /^snn export: w-deep\.json: invalid weights file$/, err: /nested deeper than 64 levels/ },
  // Sizes and the budget before a run (docs/cli.md, "Limits")
  { item: 'huge sizes', what: 'a population of 1e12 neurons', argv: ['validate', 'huge-size.snn.json'], code: 3, first: /^huge-size\.snn\.json: error: nodes\[1\]\.size: is above the limit of 100,000,000 neurons$/ },
  { item: 'huge sizes', what: 'size 1e308', argv: ['validate', 'size-1e308.snn.json'], code: 3, first: /^size-1e308\.snn\.json: error: nodes\[1\]\.size: must be a whole number/ },
  { item: 'huge sizes', what: '--set neuron.size=1e12', argv: ['run', 'lif.snn.json', ...CPU, '--set', 'neuron.size=1e12'], code: 3, first: /^snn run: lif\.snn\.json: beyond the budget of this run: monitors\[0\]: the kept records need about [\d.]+ PiB of JS heap/ },
  { item: 'all-to-all 1e6', what: '1e6 × 1e6 all-to-all (was: invalid typed array length)', argv: ['run', 'all-to-all-1e6.snn.json', ...CPU], code: 3, first: /^snn run: all-to-all-1e6\.snn\.json: beyond the budget of this run: projections\[0\]\.connectivity: the run needs about 21\.8 TiB of memory, above the limit of 256 MiB/ },
  { item: 'duration 1e9', what: 'simulation.duration_ms 1e9 (was: never finishes)', argv: ['run', 'duration-1e9.snn.json', ...CPU], code: 3, first: /^snn run: duration-1e9\.snn\.json: beyond the budget of this run: simulation\.duration_ms: 1000000000 ms at dt 0\.1 ms is 1\.00e10 steps/ },
  { item: 'duration 1e9', what: '--duration 1e12', argv: ['run', 'lif.snn.json', ...CPU, '--duration', '1e12'], code: 3, first: /--duration: 1000000000000 ms at dt 0\.1 ms/ },
  { item: 'dt 1e-300', what: 'simulation.dt_ms 1e-300', argv: ['run', 'dt-1e-300.snn.json', ...CPU], code: 3, first: /simulation\.dt_ms: 100 ms at dt 1e-300 ms is 1\.00e302 steps, above the limit of 1\.00e8 steps; use a larger dt$/ },
  { item: 'dt 1e-300', what: '--dt 1e-300', argv: ['run', 'lif.snn.json', ...CPU, '--dt', '1e-300'], code: 3, first: /--dt: 100 ms at dt 1e-300 ms/ },
  { item: 'dt 1e-300', what: 'dt 2^32 ms for Hodgkin–Huxley (found by the fuzz test: 1.7e11 sub-steps)', argv: ['run', 'hh-dt-2e32.snn.json', ...CPU, '--duration', '2'], code: 3, first: /^snn run: hh-dt-2e32\.snn\.json: beyond the budget of this run: simulation\.dt_ms: at dt 4294967296 ms, nodes\[1\] \("neuron", hodgkin_huxley\) takes 1\.72e11 sub-steps a step/ },
  { item: '1e6 monitors', what: 'a document with 1,000,000 monitors', argv: ['run', 'monitors-1e6.snn.json', ...CPU], code: 3, first: /^snn run: monitors-1e6\.snn\.json: beyond the budget of this run: monitors: 1,000,000 monitors \(with --record\) are above the limit of 1,000/ },
  { item: 'records beyond memory', what: '1e5 neurons traced for 10 s (was: V8 heap crash)', argv: ['run', 'record-1e5-neurons.snn.json', ...CPU], code: 3, first: /beyond the budget of this run: monitors\[0\]: the kept records need about [\d.]+ GiB of JS heap/ },
  { item: 'delays', what: 'a delay of 1e300 ms', argv: ['run', 'delay-1e300.snn.json', ...CPU], code: 3, first: /^snn run: .*delay 1e\+300 ms = 1e\+301 steps of 0\.1 ms is beyond the limit of 65536 steps/ },
  { item: '1e308 weights', what: 'a weight of 1e308 (fixed-point accumulator)', argv: ['run', 'weight-1e308.snn.json', ...CPU], code: 4, first: /^snn run: population "neuron": summed input weights up to Infinity are too large for the fixed-point accumulator/ },
  { item: '1e308 weights', what: 'evaluate with trained weights of 1e308: non-finite metric', argv: ['evaluate', 'sound.snn.json', '--weights', 'w-1e308.json', ...CPU, '--test-samples', '16', '--batch-size', '16', '--out', 'e.json'], code: 4, first: /^backend: cpu( \(\d+ threads\))?$/, err: /^snn evaluate: numerical divergence: w-1e308\.json: test set: the .* became (NaN|-?Infinity)/m },
  { item: 'training sizes', what: '--train-samples 1e9', argv: ['train', 'sound.snn.json', ...CPU, '--train-samples', '1e9'], code: 3, first: /beyond the budget of this run: training\.train_samples: training needs about .* above the limit of 256 MiB/ },
  { item: 'training sizes', what: '--batch-size 1e9', argv: ['train', 'sound.snn.json', ...CPU, '--batch-size', '1e9'], code: 3, first: /^snn train: sound\.snn\.json: this network cannot be trained$/, err: /training\.batch_size: batch size 1000000000 is above the 4096 training samples/ },
  // Seeds and option values (docs/cli.md, "Option values")
  { item: 'seeds 1e300', what: 'simulation.seed 1e300', argv: ['validate', 'seed-1e300.snn.json'], code: 3, first: /^seed-1e300\.snn\.json: error: simulation\.seed: must be a whole number/ },
  { item: 'seeds 1e300', what: '--seed 1e300', argv: ['run', 'lif.snn.json', ...CPU, '--seed', '1e300'], code: 2, first: /^snn run: --seed 1e300: must be a whole number ≥ 0 and ≤ 4294967295$/ },
  { item: 'option values', what: '--duration NaN', argv: ['run', 'lif.snn.json', ...CPU, '--duration', 'NaN'], code: 2, first: /^snn run: --duration NaN: must be a finite number above 0$/ },
  { item: 'option values', what: '--dt Infinity', argv: ['run', 'lif.snn.json', ...CPU, '--dt', 'Infinity'], code: 2, first: /^snn run: --dt Infinity: must be a finite number above 0$/ },
  { item: 'option values', what: '--epochs 2.5', argv: ['train', 'sound.snn.json', ...CPU, '--epochs', '2.5'], code: 2, first: /^snn train: --epochs 2\.5: must be a whole number/ },
  { item: 'option values', what: '--memory-limit lots', argv: ['export', 'lif.snn.json', '--format', 'json', '--out', 'x.json', '--memory-limit', 'lots'], code: 2, first: /^snn export: --memory-limit lots: expected a size/ },
  { item: 'option values', what: '--record with an empty index list', argv: ['run', 'lif.snn.json', ...CPU, '--record', 'neuron.v:'], code: 2, first: /^snn run: --record "neuron\.v:": the index list after ":" is empty/ },
  { item: 'option values', what: '--record with an empty index', argv: ['run', 'lif.snn.json', ...CPU, '--record', 'neuron.v:0,,0'], code: 2, first: /^snn run: --record "neuron\.v:0,,0": an index in the list is empty$/ },
  { item: 'option values', what: '--set to 1e400', argv: ['run', 'lif.snn.json', ...CPU, '--set', 'neuron.tau_ms=1e400'], code: 2, first: /^snn run: .*neuron\.tau_ms=1e400/ },
  // Output files (docs/cli.md, "Output files")
  { item: 'same file', what: '--out is the network', argv: ['run', 'lif.snn.json', ...CPU, '--out', 'lif.snn.json'], code: 2, first: /^snn run: --out lif\.snn\.json is the same file as the network lif\.snn\.json; refusing to overwrite an input/ },
  { item: 'same file', what: '--out is a hard link to the network', argv: ['run', 'lif.snn.json', ...CPU, '--out', 'hard-link.json'], code: 2, first: /^snn run: --out hard-link\.json is the same file as the network lif\.snn\.json; refusing to overwrite an input/ },
  { item: 'symlinks', what: '--out is a symbolic link', argv: ['run', 'lif.snn.json', ...CPU, '--out', 'dangling-link.json'], code: 2, first: /^snn run: --out .*dangling-link\.json: is a symbolic link; refusing to replace it \(pass --follow-links/ },
  { item: 'symlinks', what: '--follow-links onto a link to the network', argv: ['run', 'lif.snn.json', ...CPU, '--follow-links', '--out', 'link-to-input.json'], code: 2, first: /^snn run: --out link-to-input\.json is the same file as the network lif\.snn\.json; refusing to overwrite an input/ },
  { item: 'special outputs', what: '--out /dev/null', argv: ['export', 'lif.snn.json', '--format', 'json', '--out', '/dev/null'], code: 2, first: /^snn export: --out \/dev\/null: is a device, not a regular file/ },
  { item: 'special outputs', what: '--out a folder', argv: ['run', 'lif.snn.json', ...CPU, '--out', 'folder'], code: 2, first: /^snn run: --out .*folder: is a folder, not a regular file/ },
  { item: 'special outputs', what: '--metrics -', argv: ['train', 'sound.snn.json', ...CPU, '--metrics', '-'], code: 2, first: /^snn train: --metrics -: only --out can go to stdout/ },
];

const inputsOf = (argv: string[]) => argv.map((a) => resolve(dir, a)).filter((p) => { try { statSync(p); return true; } catch { return false; } });

describe('hostile input (issue 11): exit code, first line, inputs unchanged', () => {
  it.each(rows.map((r) => [`${r.item}: ${r.what}`, r] as const))('%s', async (_name, row) => {
    const inputs = inputsOf(row.argv).filter((p) => !p.startsWith('/dev/'));
    const before = inputs.map(fingerprint);
    const io = recordingIo(dir);
    const code = await main(row.argv, io);
    const first = io.err.split('\n')[0];
    expect({ code, first }, io.err).toMatchObject({ code: row.code });
    expect(first).toMatch(row.first);
    if (row.err) expect(io.err).toMatch(row.err);
    expect(io.err).not.toMatch(/internal error|^\s+at /m);
    expect(inputs.map(fingerprint)).toEqual(before);
    if (row.code !== 0) expect(io.out).toBe('');
  });

  it('the real process on 100,000 nested arrays: exit 3, no signal, no stack overflow', () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'bin/snn.mjs'), 'validate', 'deep.snn.json'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/^deep\.snn\.json: error: .*nested deeper than 64 levels/);
    expect(r.stderr).not.toMatch(/RangeError|Maximum call stack|^\s+at /m);
  });
});
