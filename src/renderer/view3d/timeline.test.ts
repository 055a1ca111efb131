// Spike-to-animation timing: arrival after the synapse's delay, flash decay with tau, lit somas following the
// spikes, and replay at any speed landing on the same state as scrubbing to the same time.
import { describe, expect, it } from 'vitest';
import { loadDocument, type NetworkDocument } from '../../shared/graph';
import type { RunChunk } from '../../shared/engine/types';
import coincidence from '../../../resources/examples/coincidence-detection.snn.json';
import { layoutNetwork } from './layout';
import { ActivityStore, arrivalMs, flash, frameState, indexAxons, LIT, Playback, pulseProgress, type FrameOptions } from './timeline';
import { syntheticChunks } from './synthetic';

function load(raw: unknown): NetworkDocument {
  const r = loadDocument(structuredClone(raw));
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}

const u32 = (a: number[]) => Uint32Array.from(a);
function chunk(stepStart: number, stepEnd: number, spikes: Record<string, [number, number][]>): RunChunk {
  return {
    stepStart, stepEnd, traces: {},
    spikes: Object.fromEntries(Object.entries(spikes).map(([pop, s]) => [pop, { step: u32(s.map((x) => x[0])), index: u32(s.map((x) => x[1])) }])),
  };
}

function setup(chunks: RunChunk[]) {
  const doc = load(coincidence);
  const view = layoutNetwork(doc);
  const store = new ActivityStore(doc.simulation.dt_ms);
  for (const c of chunks) store.ingest(c);
  const axonIndex = view.bundles.map((b) => indexAxons(b, view.clusters.find((c) => c.id === b.source)!.drawn));
  const opts: FrameOptions = { tauMs: { ears: 1, detectors: 1 }, drawn: { ears: 2, detectors: 100 } };
  return { doc, view, store, axonIndex, opts };
}

describe('timing', () => {
  it('a pulse leaves at the spike and reaches the dendrite exactly after the delay', () => {
    expect(arrivalMs(100, 0.1, 4)).toBeCloseTo(14);
    expect(pulseProgress(9.999, 10, 4)).toBeNull();
    expect(pulseProgress(10, 10, 4)).toBe(0);
    expect(pulseProgress(12, 10, 4)).toBe(0.5);
    expect(pulseProgress(14, 10, 4)).toBe(1);
    expect(pulseProgress(14.001, 10, 4)).toBeNull();
    // No delay: arrives at once, and stays at the dendrite for the glow time only.
    expect(pulseProgress(10, 10, 0, 0.5)).toBe(1);
    expect(pulseProgress(10.6, 10, 0, 0.5)).toBeNull();
  });

  it('a soma flash decays with the membrane time constant', () => {
    expect(flash(9, 10, 5)).toBe(0);
    expect(flash(10, 10, 5)).toBe(1);
    expect(flash(15, 10, 5)).toBeCloseTo(Math.exp(-1));
    expect(flash(20, 10, 5)).toBeCloseTo(Math.exp(-2));
  });

  it('a spike at step t on ear 1 reaches detector k at t + d_k in the frame state (d from the delay rule)', () => {
    // Ear 1 spikes at step 50 (5 ms). Its delay to detector k is 1000·k/(99·50) ms.
    const { view, store, axonIndex, opts } = setup([chunk(0, 1000, { ears: [[50, 1]], detectors: [] })]);
    const b = view.bundles[0];
    const k = 40;
    const j = Array.from(b.pre).findIndex((p, a) => p === 1 && b.post[a] === k);
    const d = (1000 * k) / (99 * 50);
    expect(b.delayMs[j]).toBeCloseTo(d, 4);
    const progressAt = (t: number) => {
      const f = frameState(store, view.bundles, axonIndex, t, opts);
      for (let p = 0; p < f.pulseCount; p++) if (f.pulses[3 * p + 1] === j) return f.pulses[3 * p + 2];
      return null;
    };
    expect(progressAt(4.99)).toBeNull();
    expect(progressAt(5)).toBe(0);
    expect(progressAt(5 + d / 2)).toBeCloseTo(0.5, 4);
    expect(progressAt(5 + d - 1e-4)).toBeCloseTo(1, 3);
    expect(progressAt(5 + d + 1e-3)).toBeNull();
    // In view time at a chosen speed (sim ms per view second), the arrival is (t + d)/speed seconds in.
    const play = new Playback(8);
    expect(play.viewSecondsAt(arrivalMs(50, 0.1, d))).toBeCloseTo((5 + d) / 8);
  });

  it('the number of lit somas follows the spikes', () => {
    const spikes: [number, number][] = [[100, 3], [100, 7], [100, 9], [300, 1]];
    const { store, view, axonIndex, opts } = setup([chunk(0, 1000, { ears: [], detectors: spikes })]);
    const lit = (t: number) => frameState(store, view.bundles, axonIndex, t, opts).lit.detectors;
    expect(lit(9.9)).toBe(0);
    expect(lit(10)).toBe(3);
    expect(lit(10.9)).toBe(3); // within one tau (1 ms)
    expect(lit(11.1)).toBe(0);
    expect(lit(30.5)).toBe(1);
    const f = frameState(store, view.bundles, axonIndex, 10.5, opts);
    expect(f.intensity.detectors[3]).toBeCloseTo(Math.exp(-0.5));
    expect(f.intensity.detectors[4]).toBe(0);
    expect(LIT).toBeCloseTo(0.3679, 4);
    // Before the run starts nothing is lit (and a negative time is not an error).
    expect(frameState(store, view.bundles, axonIndex, -3, opts).lit.detectors).toBe(0);
  });

  it('replay at a chosen speed and scrubbing to the same time give the same state', () => {
    const doc = load(coincidence);
    const chunks = syntheticChunks(doc, { steps: 2000, chunkSteps: 300, rateHz: 200, traceNeurons: 5 });
    const { store, view, axonIndex, opts } = setup(chunks);
    for (const speed of [2, 16, 50]) {
      const play = new Playback(speed);
      for (let f = 0; f < 96; f++) play.advance(1 / 64, store.endMs); // 1.5 view seconds of frames
      const replayed = frameState(store, view.bundles, axonIndex, play.timeMs, opts);
      const scrub = new Playback(speed);
      scrub.seek(1.5 * speed, store.endMs);
      expect(scrub.timeMs).toBe(play.timeMs);
      expect(frameState(store, view.bundles, axonIndex, scrub.timeMs, opts)).toEqual(replayed);
    }
    // Scrubbing back and forth does not change the state at a time either.
    const a = frameState(store, view.bundles, axonIndex, 77.3, opts);
    frameState(store, view.bundles, axonIndex, 12, opts);
    expect(frameState(store, view.bundles, axonIndex, 77.3, opts)).toEqual(a);
  });

  it('playback stops at the end of what was simulated; seek clamps', () => {
    const p = new Playback(100);
    expect(p.advance(1, 30)).toBe(30);
    expect(p.seek(-5, 30)).toBe(0);
    p.playing = false;
    expect(p.advance(1, 30)).toBe(0);
    // A negative frame interval (rAF timestamps can precede performance.now()) never moves time backwards.
    p.playing = true;
    p.seek(10, 30);
    expect(p.advance(-0.5, 30)).toBe(10);
    // Live: the playhead sits on the newest step as chunks arrive, whatever the speed.
    p.follow = true;
    expect(p.advance(0.01, 30)).toBe(30);
    expect(p.advance(0.01, 45.5)).toBe(45.5);
  });
});

describe('ActivityStore', () => {
  it('appends chunks in order and answers ranges, last spike, rate and traces', () => {
    const doc = load(coincidence);
    const chunks = syntheticChunks(doc, { steps: 1000, chunkSteps: 250, rateHz: 100, traceNeurons: 3 });
    const store = new ActivityStore(0.1);
    for (const c of chunks) store.ingest(c);
    expect(store.endStep).toBe(1000);
    expect(store.endMs).toBeCloseTo(100);
    const all = chunks.flatMap((c) => Array.from(c.spikes.detectors.step, (s, k) => [s, c.spikes.detectors.index[k]]));
    expect(store.spikeCount('detectors')).toBe(all.length);
    const { from, to } = store.range('detectors', 200, 400);
    expect(to - from).toBe(all.filter(([s]) => s >= 200 && s < 400).length);
    const n5 = all.filter(([, i]) => i === 5);
    expect(store.lastSpikeMs('detectors', 5, 999)).toBeCloseTo(n5[n5.length - 1][0] * 0.1);
    expect(store.rateHz('detectors', 5, 999)).toBeCloseTo((n5.length / 100) * 1000);
    const v = store.stateAt('detectors', 'v', 600)!;
    expect(Array.from(v.indices)).toEqual([0, 1, 2]);
    const c = chunks[2];
    expect(v.values[1]).toBe(c.traces.detectors_v.values[1 * 250 + (600 - 500)]);
    expect(store.stateAt('detectors', 'v', 1000)).toBeNull();
    expect(store.hasTrace('ears', 'v')).toBe(false);
  });
});

describe('syntheticChunks', () => {
  it('draws seeded spikes near the asked rate, sorted by step, in chunks that tile the run', () => {
    const doc = load(coincidence);
    const chunks = syntheticChunks(doc, { steps: 5000, chunkSteps: 1000, rateHz: 50, seed: 3 });
    expect(chunks.map((c) => [c.stepStart, c.stepEnd])).toEqual([[0, 1000], [1000, 2000], [2000, 3000], [3000, 4000], [4000, 5000]]);
    const steps = chunks.flatMap((c) => Array.from(c.spikes.detectors.step));
    expect(steps.every((s, i) => i === 0 || s >= steps[i - 1])).toBe(true);
    // 100 neurons × 0.5 s × 50 Hz = 2500 expected; Poisson sd = 50.
    expect(Math.abs(steps.length - 2500)).toBeLessThan(250);
    expect(syntheticChunks(doc, { steps: 5000, chunkSteps: 1000, rateHz: 50, seed: 3 })).toEqual(chunks);
  });
});
