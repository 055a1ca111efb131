// Output files of the `snn` verbs on real files in temp folders (docs/cli.md "Output files"): an output that
// names an input is refused before any work (exit 2, input bytes unchanged); a symbolic link is refused, or
// with --follow-links its target is replaced atomically and the link stays; devices and folders are refused;
// stale temp files of killed writes are removed on the next write to the same target.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, symlinkSync,
  utimesSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main';
import { recordingIo } from '../../test/cli/test-io';
import { cleanStaleTemps, writeFileAtomic } from './io';
import { tempNameFor } from '../shared/io/temp-files';

const ex = (f: string) => join(__dirname, '../../resources/examples', f);
const SOUND = ['--backend', 'cpu', '--train-samples', '64', '--test-samples', '16', '--batch-size', '16', '--epochs', '1', '--seed', '3'];
let dir: string;
const cli = async (...args: string[]) => { const io = recordingIo(dir); const code = await main(args, io); return { code, io, first: io.err.split('\n')[0] }; };
const bytes = (f: string) => readFileSync(join(dir, f));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'snn-io-'));
  copyFileSync(ex('lif-neuron.snn.json'), join(dir, 'lif.snn.json'));
  copyFileSync(ex('sound-localisation.snn.json'), join(dir, 'sound.snn.json'));
  const w = await cli('export', 'sound.snn.json', '--format', 'json', '--out', 'w.json');
  expect(w.code, w.io.err).toBe(0);
});

describe('an output never overwrites an input', () => {
  it.each([
    ['run', ['run', 'lif.snn.json', '--backend', 'cpu', '--out', 'lif.snn.json'], 'lif.snn.json', /^snn run: --out lif\.snn\.json is the same file as the network lif\.snn\.json; refusing/],
    ['train --out', ['train', 'sound.snn.json', ...SOUND, '--out', 'sound.snn.json'], 'sound.snn.json', /^snn train: --out sound\.snn\.json is the same file as the network/],
    ['train --metrics', ['train', 'sound.snn.json', ...SOUND, '--metrics', './sound.snn.json'], 'sound.snn.json', /^snn train: --metrics \.\/sound\.snn\.json is the same file as the network/],
    ['train --checkpoint', ['train', 'sound.snn.json', ...SOUND, '--checkpoint', 'sound.snn.json'], 'sound.snn.json', /^snn train: --checkpoint sound\.snn\.json is the same file as the network/],
    ['train --resume as --out', ['train', 'sound.snn.json', ...SOUND, '--resume', 'w.json', '--out', 'w.json'], 'w.json', /^snn train: --out w\.json is the same file as the --resume w\.json/],
    ['evaluate --out WEIGHTS', ['evaluate', 'sound.snn.json', '--weights', 'w.json', '--backend', 'cpu', '--out', 'w.json'], 'w.json', /^snn evaluate: --out w\.json is the same file as the --weights w\.json/],
    ['export --out NET', ['export', 'sound.snn.json', '--format', 'json', '--out', 'sound.snn.json'], 'sound.snn.json', /^snn export: --out sound\.snn\.json is the same file as the network/],
  ])('%s → exit 2, the input unchanged', async (_name, args, input, first) => {
    const before = bytes(input);
    const r = await cli(...args);
    expect(r.code, r.io.err).toBe(2);
    expect(r.first).toMatch(first);
    expect(bytes(input).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a hard link or a path through a linked folder is the same file too; two outputs may not share a file', async () => {
    linkSync(join(dir, 'lif.snn.json'), join(dir, 'hard.json'));
    mkdirSync(join(dir, 'real'), { recursive: true });
    symlinkSync(dir, join(dir, 'real', 'up'));
    const before = bytes('lif.snn.json');
    expect((await cli('run', 'lif.snn.json', '--backend', 'cpu', '--out', 'hard.json')).first).toMatch(/is the same file as the network/);
    expect((await cli('run', 'lif.snn.json', '--backend', 'cpu', '--out', 'real/up/lif.snn.json')).first).toMatch(/is the same file as the network/);
    const two = await cli('train', 'sound.snn.json', ...SOUND, '--out', 'new.json', '--metrics', 'new.json');
    expect(two.code).toBe(2);
    expect(two.first).toMatch(/--metrics new\.json is the same file as --out new\.json/);
    expect(existsSync(join(dir, 'new.json'))).toBe(false);
    expect(bytes('lif.snn.json').equals(before)).toBe(true);
  });

  it('--out - writes to stdout', async () => {
    const r = await cli('run', 'lif.snn.json', '--backend', 'cpu', '--duration', '5', '--out', '-');
    expect(r.code, r.io.err).toBe(0);
    expect(JSON.parse(r.io.out).format).toBe('snn-run');
    expect(existsSync(join(dir, '-'))).toBe(false);
  });
});

describe('links and special files as outputs', () => {
  it('a symbolic link is refused without --follow-links: the link and its target unchanged', async () => {
    writeFileSync(join(dir, 'target.json'), 'precious');
    symlinkSync('target.json', join(dir, 'link.json'));
    const r = await cli('run', 'lif.snn.json', '--backend', 'cpu', '--duration', '5', '--out', 'link.json');
    expect(r.code).toBe(2);
    expect(r.first).toMatch(/^snn run: --out .*link\.json: is a symbolic link; refusing to replace it \(pass --follow-links/);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'target.json'), 'utf8')).toBe('precious');
  });

  it('with --follow-links the target is replaced atomically and the link stays a link', async () => {
    writeFileSync(join(dir, 't2.json'), 'old');
    symlinkSync('t2.json', join(dir, 'l2.json'));
    const r = await cli('run', 'lif.snn.json', '--backend', 'cpu', '--duration', '5', '--out', 'l2.json', '--follow-links');
    expect(r.code, r.io.err).toBe(0);
    expect(lstatSync(join(dir, 'l2.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'l2.json'))).toBe('t2.json');
    expect(JSON.parse(readFileSync(join(dir, 't2.json'), 'utf8')).format).toBe('snn-run');
    // A link to the input is still the input, --follow-links or not.
    symlinkSync('lif.snn.json', join(dir, 'l3.json'));
    const before = bytes('lif.snn.json');
    const s = await cli('run', 'lif.snn.json', '--backend', 'cpu', '--out', 'l3.json', '--follow-links');
    expect(s.code).toBe(2);
    expect(s.first).toMatch(/is the same file as the network/);
    expect(bytes('lif.snn.json').equals(before)).toBe(true);
  });

  it('a folder or a device is refused, --follow-links or not', async () => {
    mkdirSync(join(dir, 'afolder'), { recursive: true });
    const f = await cli('export', 'sound.snn.json', '--format', 'json', '--out', 'afolder');
    expect(f.code).toBe(2);
    expect(f.first).toMatch(/--out .*afolder: is a folder, not a regular file; refusing to replace it \(--out - writes to stdout\)/);
    if (existsSync('/dev/null')) {
      const d = await cli('export', 'sound.snn.json', '--format', 'json', '--out', '/dev/null', '--follow-links');
      expect(d.code).toBe(2);
      expect(d.first).toMatch(/\/dev\/null: is a device/);
      expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    }
  });
});

describe('stale temp files of killed writes', () => {
  it('are removed on the next write to the same target: dead writer or old; a live writer\'s and others\' stay', () => {
    const d = mkdtempSync(join(tmpdir(), 'snn-tmp-'));
    const dead = tempNameFor('out.json', 2 ** 31 - 2, 'aaaaaaaaaaaa'); // no such pid (above Linux's pid_max)
    const live = tempNameFor('out.json', process.pid, 'bbbbbbbbbbbb');
    const old = tempNameFor('out.json', process.pid, 'cccccccccccc');
    const legacy = `.out.json.${2 ** 31 - 2}.1700000000000.tmp`; // the earlier CLI's name: PID.MILLIS
    const other = tempNameFor('other.json', 2 ** 31 - 2, 'dddddddddddd');
    for (const n of [dead, live, old, legacy, other, 'keep.tmp']) writeFileSync(join(d, n), 'x');
    const past = new Date(Date.now() - 11 * 60_000);
    utimesSync(join(d, old), past, past);
    writeFileAtomic(join(d, 'out.json'), 'new');
    expect(readdirSync(d).sort()).toEqual([live, other, 'keep.tmp', 'out.json'].sort());
    expect(readFileSync(join(d, 'out.json'), 'utf8')).toBe('new');
    expect(cleanStaleTemps(d, 'out.json')).toEqual([]);
  });
});

describe('non-finite metrics', () => {
  it('evaluate with weights of 1e308 → exit 4 naming the metric, no result file', async () => {
    const w = JSON.parse(readFileSync(join(dir, 'w.json'), 'utf8'));
    for (const p of Object.values(w.projections) as { weights: number[][] }[]) p.weights = p.weights.map((r) => r.map(() => 1e308));
    writeFileSync(join(dir, 'huge.json'), JSON.stringify(w));
    const r = await cli('evaluate', 'sound.snn.json', '--weights', 'huge.json', '--backend', 'cpu', '--test-samples', '16', '--batch-size', '16', '--out', 'e.json');
    expect(r.code, r.io.err).toBe(4);
    expect(r.first).toMatch(/^backend: cpu( \(\d+ threads\))?$/);
    expect(r.io.err.split('\n')[1]).toMatch(/^snn evaluate: numerical divergence: huge\.json: test set: the (loss|accuracy|mean \|IPD error\|) became (NaN|-?Infinity)/);
    expect(existsSync(join(dir, 'e.json'))).toBe(false);
  });
});
