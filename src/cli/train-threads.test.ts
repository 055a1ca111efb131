import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main';
import { recordingIo } from '../../test/cli/test-io';
import { CpuBackend } from '../shared/training/cpu-backend';
import { initWeights } from '../shared/training/params';
import { testBatch, testPlan } from '../../test/training/testing';
import { autoThreads, gradientHelpers } from './train-threads';

describe('CPU trainer worker threads', () => {
  it('auto: two threads on two or more cores when each gets at least 32 samples', () => {
    expect(autoThreads(64, 2)).toBe(2);
    expect(autoThreads(64, 16)).toBe(2);
    expect(autoThreads(64, 1)).toBe(1);
    expect(autoThreads(8, 4)).toBe(1);
    expect(autoThreads(32, 4)).toBe(1);
    expect(autoThreads(63, 4)).toBe(1);
    expect(autoThreads(128, 4)).toBe(2);
  });

  // Real worker threads (the TypeScript loader registered per thread, as `snn train` runs them). Only the order
  // of the f64 sums over samples differs from one thread, so after a few optimiser steps the weights agree to
  // ~1e-12 relative; the loss and readout of an evaluation likewise.
  it('trains to the same weights as one thread, to rounding', async () => {
    const plan = testPlan({ inputs: 20, hidden: [8], out: 4, steps: 25 }, { batchSize: 16 });
    const one = new CpuBackend(plan, initWeights(plan, 3));
    const two = new CpuBackend(plan, initWeights(plan, 3), undefined, gradientHelpers(plan, 2));
    expect(two.threads).toBe(2);
    try {
      for (let s = 0; s < 3; s++) {
        const batch = testBatch(plan, 16, 10 + s);
        const [a, b] = [await one.trainStep(batch), await two.trainStep(batch)];
        expect(Math.abs(a.loss - b.loss) / a.loss).toBeLessThan(1e-12);
        expect(b.spikes).toEqual(a.spikes);
      }
      const [wa, wb] = [await one.getWeights(), await two.getWeights()];
      wa.forEach((w, k) => {
        const scale = Math.max(...w.map(Math.abs));
        for (let i = 0; i < w.length; i++) expect(Math.abs(w[i] - wb[k][i]) / scale).toBeLessThan(1e-12);
      });
      const test = testBatch(plan, 13, 99);
      const [ea, eb] = [await one.evaluate(test), await two.evaluate(test)];
      expect(Math.abs(ea.loss - eb.loss) / ea.loss).toBeLessThan(1e-12);
      expect(Array.from(eb.m)).toEqual(Array.from(ea.m));
    } finally { two.dispose(); }
  });

  it('brings a computation error in a worker back to this thread as a rejection, not a hang', async () => {
    const plan = testPlan({ inputs: 20, hidden: [8], out: 4, steps: 25 }, { batchSize: 16 });
    const [helper] = gradientHelpers(plan, 2);
    try {
      // One weight matrix where the plan has two: lossAndGradients throws inside the worker.
      await expect(helper.compute([new Float64Array(3)], testBatch(plan, 4, 1), false)).rejects.toThrow(/undefined/);
      // The worker survives a failed batch part and computes the next one.
      const ok = await helper.compute(initWeights(plan, 3), testBatch(plan, 4, 1), true);
      expect(ok.m.length).toBe(4 * 4);
    } finally { helper.dispose(); }
  });

  it('--threads: a count from 1 to 64 or auto, refused before any work (exit 2) otherwise; the count is said once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-threads-'));
    const ex = join(__dirname, '../../resources/examples/sound-localisation.snn.json');
    for (const bad of ['0', '65', 'two', '1.5']) {
      const io = recordingIo(dir);
      expect(await main(['train', ex, '--threads', bad, '--backend', 'cpu', '--out', 'w.json'], io), bad).toBe(2);
      expect(io.err).toMatch(/--threads/);
    }
    expect(readdirSync(dir)).toEqual([]);
    const io = recordingIo(dir);
    const args = ['--backend', 'cpu', '--train-samples', '32', '--test-samples', '16', '--batch-size', '16', '--epochs', '1', '--out', 'w.json'];
    expect(await main(['train', ex, ...args, '--threads', '1'], io)).toBe(0);
    expect(io.err.split('\n')[0]).toBe('backend: cpu');
    const io2 = recordingIo(dir);
    expect(await main(['train', ex, ...args, '--threads', '2'], io2)).toBe(0);
    expect(io2.err.split('\n')[0]).toBe('backend: cpu (2 threads)');
  });
});
