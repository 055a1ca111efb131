import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binBatch, DatasetError } from '../../src/shared/tasks/spike-files';
import { hdf5SpikeSource } from '../../src/shared/tasks/spike-hdf5';
import { h5pyMissing, writeShd } from './shd-files';

const missing = h5pyMissing();
let dir = '';
beforeAll(async () => { await h5wasm.ready; dir = mkdtempSync(join(tmpdir(), 'snn-shd-')); });
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('SHD-layout HDF5 files', () => {
  it.skipIf(missing !== null)(`reads ragged rows per sample and bins them as h5py wrote them${missing ? ` (skipped: ${missing})` : ''}`, () => {
    const path = join(dir, 'small.h5');
    // Times chosen exactly representable in float32 (the file's type) so the expected bins are unambiguous.
    writeShd(path, [
      { times: [0.0005, 0.00375, 0.25], units: [0, 3, 1], label: 2 },
      { times: [], units: [], label: 0 },
      { times: [0.0015], units: [2], label: 1 },
    ]);
    const f = new h5wasm.File(path, 'r');
    try {
      const src = hdf5SpikeSource(path, f);
      expect(src.count).toBe(3);
      expect(src.units).toBe(4);
      expect([...src.labels]).toEqual([2, 0, 1]);
      expect(hdf5SpikeSource(path, f, 700).units).toBe(700);
      // dt 1 ms, 10 steps: 0.5 ms → 0, 3.75 ms → 3, 250 ms is past the max time and dropped; 1.5 ms → 1.
      const { spikes, labels } = binBatch(src, [0, 2], 1, 10);
      expect([...labels]).toEqual([2, 1]);
      const on: string[] = [];
      spikes.forEach((v, k) => { if (v) on.push(`${Math.floor(k / 40)}:${Math.floor((k % 40) / 4)}:${k % 4}`); });
      expect(on).toEqual(['0:0:0', '0:3:3', '1:1:2']); // sample:step:unit
    } finally { f.close(); }
  });

  it('names the file and the missing dataset when the layout is wrong (file written with h5wasm)', () => {
    const path = join(dir, 'wrong.h5');
    const w = new h5wasm.File(path, 'w');
    w.create_dataset({ name: 'labels', data: new Int32Array([0, 1]) });
    w.close();
    const f = new h5wasm.File(path, 'r');
    try {
      expect(() => hdf5SpikeSource(path, f)).toThrow(DatasetError);
      expect(() => hdf5SpikeSource(path, f)).toThrow(`${path}: no dataset "spikes/times"`);
    } finally { f.close(); }
  });
});
