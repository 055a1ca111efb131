import { describe, expect, it } from 'vitest';
import { batchOf, CpuBackend, initWeights, makeData, train, type BatchRoom, type EpochEvent } from '.';
import { testPlan } from '../../../test/training/testing';

const small = (over = {}) => testPlan({ inputs: 20, hidden: [8], out: 4, steps: 20 }, { trainSamples: 16, testSamples: 12, batchSize: 8, epochs: 3, ...over });

describe('training loop', () => {
  it('streams one event per batch and per epoch, with a full confusion matrix and spike counts', async () => {
    const plan = small();
    const epochs: EpochEvent[] = [];
    let batches = 0;
    const r = await train(plan, new CpuBackend(plan, initWeights(plan, 1)), makeData(plan), { onBatch: () => { batches++; }, onEpoch: (e) => { epochs.push(e); } });
    expect(batches).toBe(3 * 2);
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(epochs[2].test.confusion.flat().reduce((a, b) => a + b, 0)).toBe(12);
    expect(Object.keys(epochs[2].test.spike_counts)).toEqual(['hidden']);
    expect(r).toMatchObject({ stopped: 'done', epochsDone: 3 });
  });

  it('stops after the current batch when the signal is raised, with consistent weights', async () => {
    const plan = small();
    const signal = { aborted: false };
    const r = await train(plan, new CpuBackend(plan, initWeights(plan, 1)), makeData(plan), { signal, onBatch: () => { signal.aborted = true; } });
    expect(r).toMatchObject({ stopped: 'aborted', epochsDone: 0, history: [] });
    expect(r.weights.every((w) => w.every(Number.isFinite))).toBe(true);
    expect(r.optimizer.step).toBe(1);
  });

  it('early stopping ends training when the test loss stops improving (patience 1)', async () => {
    const plan = small({ optimizer: 'sgd', lr: 1e-12, momentum: 0, earlyStoppingPatience: 1, epochs: 5 });
    const r = await train(plan, new CpuBackend(plan, initWeights(plan, 1)), makeData(plan));
    expect(r).toMatchObject({ stopped: 'early', epochsDone: 2 });
  });

  it('a batch written into a reused room equals a fresh one, a smaller batch after a larger included', () => {
    const { train: d } = makeData(small());
    const room: BatchRoom = { x: new Uint8Array(0) };
    for (const idx of [[3, 1, 4, 1, 5, 9, 2, 6], [5, 3], [7, 0, 2]]) {
      const reused = batchOf(d, idx, room), fresh = batchOf(d, idx);
      expect(reused).toEqual(fresh);
      expect(reused.x.buffer).toBe(room.x.buffer);
    }
    expect(room.x.length).toBe(8 * d.steps * d.inputs); // grown once, for the largest
  });
});
