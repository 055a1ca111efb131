// The Training tab's data-file path without the browser: bytes → SpikeSource (text forms, and HDF5 through
// h5wasm's browser build, the one the app bundles), facts and preview, and the training session on a file:
// the splits the CLI's `snn train --dataset` makes (shared fileTrainData), a bad file's message with file and line.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileTrainData, planTraining } from '../../src/shared/training';
import { parseSpikeCsv } from '../../src/shared/tasks/spike-files';
import { testDocument } from '../training/testing';
import { h5pyMissing, writeShd, type ShdSample } from './shd-files';
import { hasHdf5Signature, openSpikeBytes, previewOf } from '../../src/renderer/train/data-file';
import type { FromTrainWorker } from '../../src/renderer/train/protocol';
import { TrainSession } from '../../src/renderer/train/session';

/** 12 samples of 20 units, label i % 4; sample i fires unit (i % 4) * 5 + k at 1 + 2k ms (k = 0..2); sample 5 is silent. */
function samples(): ShdSample[] {
  return Array.from({ length: 12 }, (_, i) => i === 5 ? { times: [], units: [], label: 1 }
    : { label: i % 4, times: [0, 1, 2].map((k) => (1 + 2 * k) / 1000), units: [0, 1, 2].map((k) => (i % 4) * 5 + k) });
}
const csv = ['sample,label,time_ms,unit', ...samples().flatMap((s, i) => s.times.length
  ? s.times.map((t, k) => `${i},${s.label},${+(t * 1000).toFixed(6)},${s.units[k]}`) : [`${i},${s.label},,`])].join('\n');
const bytes = (t: string) => new TextEncoder().encode(t).buffer as ArrayBuffer;
const dir = mkdtempSync(join(tmpdir(), 'snn-datafile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('data files in the app', () => {
  it('reads the CSV form: facts (samples, units, classes per label, spikes, last spike) and the preview samples', async () => {
    const f = await openSpikeBytes('d.csv', bytes(csv));
    const { facts, samples: prev } = previewOf(f.source, 3);
    expect(facts).toEqual({ samples: 12, units: 18, classes: 4, perClass: [3, 3, 3, 3], spikes: 33, lastSpikeMs: 5 });
    expect(prev.map((s) => s.label)).toEqual([0, 1, 2]);
    expect(Array.from(prev[2].units)).toEqual([10, 11, 12]);
    expect(Array.from(prev[2].times)).toEqual([1, 3, 5]);
  });

  it('refuses bad files with the file and where: a CSV line, a JSON sample, not HDF5, another extension', async () => {
    await expect(openSpikeBytes('bad.csv', bytes('sample,label,time_ms,unit\n0,1,2,3\n1,-1,2,3\n'))).rejects.toThrow('bad.csv: line 3: label "-1" is not an integer ≥ 0');
    await expect(openSpikeBytes('bad.json', bytes('{"samples":[{"label":0,"times_ms":[1],"units":[0]},{"label":0,"times_ms":[1],"units":[]}]}')))
      .rejects.toThrow('bad.json: samples[1]: "times_ms" has 1 entries but "units" 0');
    await expect(openSpikeBytes('junk.h5', bytes('not hdf5'))).rejects.toThrow('junk.h5: not a readable HDF5 file (no HDF5 signature)');
    await expect(openSpikeBytes('x.txt', bytes(''))).rejects.toThrow('x.txt: a data set must be');
    const sig = new Uint8Array(1024 + 8);
    sig.set([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a], 512);
    expect(hasHdf5Signature(sig)).toBe(true);
    expect(hasHdf5Signature(sig.subarray(1))).toBe(false);
  });

  const missing = h5pyMissing();
  it.skipIf(missing !== null)(`reads an SHD-layout file through h5wasm's browser build like the CSV of the same samples${missing ? ` (skipped: ${missing})` : ''}`, async () => {
    writeShd(join(dir, 's.h5'), samples());
    const f = await openSpikeBytes('s.h5', new Uint8Array(readFileSync(join(dir, 's.h5'))).buffer);
    try {
      const ref = parseSpikeCsv('d.csv', csv);
      expect(f.source.count).toBe(12);
      expect(Array.from(f.source.labels)).toEqual(Array.from(ref.labels));
      for (let i = 0; i < 12; i++) {
        expect(Array.from(f.source.sample(i).units)).toEqual(Array.from(ref.sample(i).units));
        // SHD stores float32 seconds: equal to the CSV's times within float32 rounding (2^-24 relative).
        Array.from(f.source.sample(i).times).forEach((t, k) => expect(t).toBeCloseTo(ref.sample(i).times[k], 7));
      }
      expect(previewOf(f.source).facts).toMatchObject({ samples: 12, units: 18, classes: 4, spikes: 33 });
    } finally { f.close(); }
  });

  it('the training session trains on a file\'s splits (those of the CLI) and says which file and line is bad', async () => {
    const doc = testDocument({ inputs: 20, hidden: [8], out: 4, steps: 10 });
    const plan = planTraining(doc, { epochs: 1, batchSize: 4 });
    if (!plan.ok) throw new Error('no plan');
    const want = fileTrainData(parseSpikeCsv('d.csv', csv), plan.plan, 0.25);
    const out: FromTrainWorker[] = [];
    const file = new Blob([csv]);
    await new TrainSession({ post: (m) => out.push(m) }).handle({ type: 'start', doc, backend: 'cpu', overrides: { epochs: 1, batchSize: 4 }, dataFile: { name: 'd.csv', file, testFraction: 0.25 } });
    expect(out[0]).toEqual({ type: 'status', message: 'Reading d.csv…' });
    const ready = out.find((m) => m.type === 'ready');
    expect(ready).toMatchObject({ trainSamples: want.data.train.count, testSamples: want.data.test.count, batches: Math.floor(want.data.train.count / 4) });
    expect(want.data.train.count + want.data.test.count).toBe(12);
    const done = out[out.length - 1];
    if (done.type !== 'done') throw new Error(JSON.stringify(done));
    const confusionTotal = done.test.confusion.flat().reduce((a, b) => a + b, 0);
    expect(confusionTotal).toBe(want.data.test.count);

    const bad: FromTrainWorker[] = [];
    await new TrainSession({ post: (m) => bad.push(m) }).handle({ type: 'start', doc, backend: 'cpu', overrides: {}, dataFile: { name: 'b.csv', file: new Blob(['sample,label,time_ms,unit\n0,0,1,25\n']), testFraction: 0.2 } });
    expect(bad[bad.length - 1]).toEqual({ type: 'error', message: 'The data file cannot be used: b.csv: the data have 26 input units (the largest unit index + 1) but the dataset node has size 20' });
  });
});
