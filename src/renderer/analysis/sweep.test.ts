// The sweep controller with a stand-in worker: start posts the request, points arrive and update the mean
// error, cancel stops the worker and keeps the points, reset forgets them.
import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../editor/ops';
import { SweepController } from './sweep';
import type { FromSweepWorker, ToSweepWorker } from './sweep-protocol';

class FakeWorker {
  sent: ToSweepWorker[] = [];
  terminated = false;
  onmessage: ((e: { data: FromSweepWorker }) => void) | null = null;
  onerror: ((e: { message: string }) => void) | null = null;
  postMessage(m: ToSweepWorker) { this.sent.push(m); }
  terminate() { this.terminated = true; }
  reply(m: FromSweepWorker) { this.onmessage?.({ data: m }); }
}

function controller() {
  const workers: FakeWorker[] = [];
  const c = new SweepController(() => { const w = new FakeWorker(); workers.push(w); return w as unknown as Worker; });
  return { c, workers };
}

describe('SweepController', () => {
  it('runs a sweep: request out, points in, mean error (hand computation), finished', () => {
    const { c, workers } = controller();
    let changes = 0;
    c.subscribe(() => changes++);
    c.start(emptyDocument(), { ipdsDeg: [0, 180], seeds: 1, durationMs: 200 });
    const w = workers[0];
    expect(w.sent[0]).toMatchObject({ type: 'start', ipdsDeg: [0, 180], seeds: 1, durationMs: 200 });
    expect(c.state).toBe('running');
    expect(c.total).toBe(2);
    expect(c.meanErrorDeg).toBeNaN();
    w.reply({ type: 'point', done: 1, total: 2, point: { trueDeg: 0, seed: 1, estimateDeg: 350, errorDeg: 10 } });
    w.reply({ type: 'point', done: 2, total: 2, point: { trueDeg: 180, seed: 2, estimateDeg: 150, errorDeg: 30 } });
    expect(c.meanErrorDeg).toBeCloseTo(20, 12); // (10 + 30) / 2
    w.reply({ type: 'finished', meanErrorDeg: 20 });
    expect(c.state).toBe('finished');
    expect(w.terminated).toBe(true);
    expect(changes).toBeGreaterThanOrEqual(4);
  });
  it('cancel stops the worker and keeps the runs done; reset forgets them', () => {
    const { c, workers } = controller();
    c.start(emptyDocument(), { ipdsDeg: [0, 90, 180], seeds: 2 });
    workers[0].reply({ type: 'point', done: 1, total: 6, point: { trueDeg: 0, seed: 1, estimateDeg: 0, errorDeg: 0 } });
    c.cancel();
    expect(workers[0].terminated).toBe(true);
    expect(workers[0].onmessage).toBeNull();
    expect(c.state).toBe('cancelled');
    expect(c.message).toBe('Cancelled after 1 of 6 runs');
    expect(c.points).toHaveLength(1);
    c.reset();
    expect(c.state).toBe('idle');
    expect(c.points).toEqual([]);
  });
  it('a new sweep replaces a running one; an error says what failed', () => {
    const { c, workers } = controller();
    c.start(emptyDocument(), { ipdsDeg: [0], seeds: 1 });
    c.start(emptyDocument(), { ipdsDeg: [0, 90], seeds: 1 });
    expect(workers[0].terminated).toBe(true);
    workers[1].reply({ type: 'error', message: 'This network is not a coincidence detector' });
    expect(c.state).toBe('error');
    expect(c.message).toMatch(/not a coincidence detector/);
  });
});
