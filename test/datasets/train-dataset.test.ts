// `snn train --dataset FILE` end to end on the CPU backend: a small SHD-layout file (written by h5py) trains
// with a falling loss; bad files stop with exit 3 naming the file and line before anything is written.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { recordingIo } from '../cli/test-io';
import { h5pyMissing, writeShd, type ShdSample } from './shd-files';

const net = join(__dirname, '../../resources/examples/sound-localisation.snn.json');
const missing = h5pyMissing();
let dir = '';
const run = async (...args: string[]) => { const io = recordingIo(dir); const code = await main(args, io); return { code, io }; };

/** 3 classes, 200 units: class c fires units 60c..60c+59 (one spike each, at a seeded time in 0..90 ms). */
function samples(n: number): ShdSample[] {
  let x = 12345;
  const rnd = () => ((x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32);
  return Array.from({ length: n }, (_, i) => {
    const label = i % 3, times: number[] = [], units: number[] = [];
    for (let u = 60 * label; u < 60 * label + 60; u++) if (rnd() < 0.5) { times.push(rnd() * 0.09); units.push(u); }
    return { times, units, label };
  });
}

beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'snn-ds-')); });
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('snn train --dataset', () => {
  it.skipIf(missing !== null)(`trains on a small SHD-layout file with the loss falling${missing ? ` (skipped: ${missing})` : ''}`, async () => {
    writeShd(join(dir, 'small.h5'), samples(90));
    const r = await run('train', net, '--dataset', 'small.h5', '--backend', 'cpu', '--epochs', '6', '--batch-size', '16', '--seed', '2', '--out', 'w.json');
    expect(r.code, r.io.err).toBe(0);
    expect(r.io.err).toMatch(/data set small\.h5: 90 samples, 180 units → \d+ train, \d+ test/);
    const w = JSON.parse(readFileSync(join(dir, 'w.json'), 'utf8'));
    const loss: number[] = w.training.loss;
    expect(loss).toHaveLength(6);
    // Classes are separable by which units fire: a working trainer lowers the epoch loss clearly.
    expect(loss[5]).toBeLessThan(0.8 * loss[0]);
  });

  it('evaluate --dataset reports the trained test split exactly; neither verb prints an IPD error for file data', async () => {
    const json = { samples: samples(45).map((s) => ({ label: s.label, times_ms: s.times.map((t) => t * 1000), units: s.units })) };
    writeFileSync(join(dir, 'small.json'), JSON.stringify(json));
    const t = await run('train', net, '--dataset', 'small.json', '--backend', 'cpu', '--epochs', '2', '--batch-size', '16', '--seed', '3', '--out', 'wj.json');
    expect(t.code, t.io.err).toBe(0);
    expect(t.io.err).not.toMatch(/IPD|error \d/);
    const w = JSON.parse(readFileSync(join(dir, 'wj.json'), 'utf8'));
    const e = await run('evaluate', net, '--weights', 'wj.json', '--dataset', 'small.json', '--backend', 'cpu');
    expect(e.code, e.io.err).toBe(0);
    expect(e.io.err).not.toMatch(/IPD/);
    const res = JSON.parse(e.io.out);
    expect(res.dataset).toBe('small.json');
    expect(res).not.toHaveProperty('test_mean_abs_error_deg');
    // Same seed (from the weights file), same split rule, same weights: the same test split and accuracy.
    expect(res.test_accuracy).toBe(w.training.test_accuracy);
    expect(res.test_samples).toBeGreaterThan(0);
    const bad = await run('evaluate', net, '--weights', 'wj.json', '--dataset', 'bad-missing.csv', '--backend', 'cpu');
    expect(bad.code).toBe(3);
    expect(bad.io.err).toContain('bad-missing.csv');
  });

  it('a dataset node\'s data.file (relative to the document) is trained on without --dataset; validate checks the field', async () => {
    const json = { samples: samples(30).map((s) => ({ label: s.label, times_ms: s.times.map((t) => t * 1000), units: s.units })) };
    writeFileSync(join(dir, 'field.json'), JSON.stringify(json));
    const doc = JSON.parse(readFileSync(net, 'utf8'));
    const ds = doc.nodes.find((n: { model: string }) => n.model === 'dataset');
    ds.data = { file: { path: 'field.json', test_fraction: 0.5 } };
    writeFileSync(join(dir, 'with-file.snn.json'), JSON.stringify(doc));
    const t = await run('train', 'with-file.snn.json', '--backend', 'cpu', '--epochs', '1', '--batch-size', '8', '--out', 'wf.json');
    expect(t.code, t.io.err).toBe(0);
    // test_fraction 0.5 puts about half of the 30 samples in the test split (the split rule is a seeded draw per sample).
    const m = /data set field\.json: 30 samples, 180 units → (\d+) train, (\d+) test/.exec(t.io.err);
    expect(m, t.io.err).not.toBeNull();
    expect(Number(m![2])).toBeGreaterThan(7);
    expect(Number(m![1]) + Number(m![2])).toBe(30);
    // The data file is an input: an output onto it is refused before anything is read or written.
    const clash = await run('train', 'with-file.snn.json', '--backend', 'cpu', '--out', 'field.json');
    expect(clash.code).toBe(2);
    expect(readFileSync(join(dir, 'field.json'), 'utf8')).toBe(JSON.stringify(json));
    ds.data = { file: { path: 'data.txt' } };
    writeFileSync(join(dir, 'bad-ext.snn.json'), JSON.stringify(doc));
    const v = await run('validate', 'bad-ext.snn.json');
    expect(v.code).toBe(3);
    expect(v.io.err).toMatch(/nodes\[\d\]\.data\.file\.path: must name a \.h5\/\.hdf5 \(SHD layout\), \.csv or \.json file/);
    delete ds.data;
    doc.nodes.find((n: { model: string }) => n.model === 'lif').data = { file: { path: 'field.json' } };
    writeFileSync(join(dir, 'wrong-node.snn.json'), JSON.stringify(doc));
    const w = await run('validate', 'wrong-node.snn.json');
    expect(w.code).toBe(3);
    expect(w.io.err).toMatch(/data\.file: .* takes no data field "file"/);
  });

  it('refuses a bad CSV with exit 3 naming the file and line, writing nothing', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'sample,label,time_ms,unit\n0,1,2.5,3\n1,x,1,1\n');
    const r = await run('train', net, '--dataset', 'bad.csv', '--backend', 'cpu', '--out', 'never.json');
    expect(r.code).toBe(3);
    expect(r.io.err).toContain('bad.csv: line 3: label "x"');
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
  });

  it('refuses a file that is not HDF5, and an unknown extension (exit 3, naming the file)', async () => {
    writeFileSync(join(dir, 'junk.h5'), 'not hdf5 at all');
    const r = await run('train', net, '--dataset', 'junk.h5', '--backend', 'cpu', '--out', 'never.json');
    expect(r.code).toBe(3);
    expect(r.io.err).toContain('junk.h5: not a readable HDF5 file');
    const t = await run('train', net, '--dataset', 'data.txt', '--backend', 'cpu', '--out', 'never.json');
    expect(t.code).toBe(3);
    expect(t.io.err).toContain('data.txt: a data set must be .h5/.hdf5 (SHD layout), .csv or .json');
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
  });

  it('refuses data whose units do not match the input size (exit 3)', async () => {
    writeFileSync(join(dir, 'few.csv'), 'sample,label,time_ms,unit\n0,1,2.5,300\n1,0,1,1\n');
    const r = await run('train', net, '--dataset', 'few.csv', '--backend', 'cpu', '--out', 'never.json');
    expect(r.code).toBe(3);
    expect(r.io.err).toContain('few.csv: the data have 301 input units (the largest unit index + 1) but the dataset node has size 200');
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
  });
});
