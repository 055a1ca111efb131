// Spike-to-animation timing: takes the run's chunks (spikes per population, state traces) and gives, for any
// simulated time t, each soma's flash, each drawn axon's travelling pulses and the membrane potentials.
// Everything is a pure function of t, so replay at any speed and scrubbing land on the same picture.
import type { RunChunk, TraceChunk } from '../../shared/engine/types';
import type { AxonBundle } from './axons';

/** Spikes of one population, appended chunk by chunk: sorted by step (the engine's order). */
class SpikeLog {
  step = new Uint32Array(1024);
  index = new Uint32Array(1024);
  count = 0;
  push(step: Uint32Array, index: Uint32Array): void {
    const need = this.count + step.length;
    if (need > this.step.length) {
      const cap = Math.max(need, this.step.length * 2);
      const s = new Uint32Array(cap); s.set(this.step.subarray(0, this.count)); this.step = s;
      const i = new Uint32Array(cap); i.set(this.index.subarray(0, this.count)); this.index = i;
    }
    this.step.set(step, this.count);
    this.index.set(index, this.count);
    this.count = need;
  }
  /** First position whose step is ≥ s. */
  lowerBound(s: number): number {
    let lo = 0, hi = this.count;
    while (lo < hi) { const m = (lo + hi) >>> 1; if (this.step[m] < s) lo = m + 1; else hi = m; }
    return lo;
  }
}

/** What the engine gave so far: spikes by population, traces by population, and how many steps. */
export class ActivityStore {
  readonly spikes = new Map<string, SpikeLog>();
  private traceChunks = new Map<string, (TraceChunk & { stepStart: number; stepEnd: number })[]>();
  endStep = 0;
  /** Bumped on every change: lets a view redraw only when something new arrived. */
  version = 0;

  constructor(readonly dtMs: number) {}

  ingest(chunk: RunChunk): void {
    for (const [pop, s] of Object.entries(chunk.spikes)) {
      let log = this.spikes.get(pop);
      if (!log) { log = new SpikeLog(); this.spikes.set(pop, log); }
      log.push(s.step, s.index);
    }
    for (const t of Object.values(chunk.traces)) {
      const key = `${t.population}\u0000${t.variable}`;
      const list = this.traceChunks.get(key) ?? [];
      list.push({ ...t, stepStart: chunk.stepStart, stepEnd: chunk.stepEnd });
      this.traceChunks.set(key, list);
    }
    this.endStep = Math.max(this.endStep, chunk.stepEnd);
    this.version++;
  }

  get endMs(): number { return this.endStep * this.dtMs; }

  spikeCount(pop: string): number { return this.spikes.get(pop)?.count ?? 0; }

  /** Spikes of `pop` with stepLo ≤ step < stepHi, as [from, to) positions into its log. */
  range(pop: string, stepLo: number, stepHi: number): { log?: SpikeLog; from: number; to: number } {
    const log = this.spikes.get(pop);
    if (!log) return { from: 0, to: 0 };
    return { log, from: log.lowerBound(Math.max(0, stepLo)), to: log.lowerBound(stepHi) };
  }

  /** Time of neuron i's last spike at or before step (ms), or null. Scans back: for hover, not per frame. */
  lastSpikeMs(pop: string, i: number, step: number): number | null {
    const { log, to } = this.range(pop, 0, step + 1);
    if (!log) return null;
    for (let k = to - 1; k >= 0; k--) if (log.index[k] === i) return log.step[k] * this.dtMs;
    return null;
  }

  /** Mean rate of neuron i over [0, step] in Hz. */
  rateHz(pop: string, i: number, step: number): number {
    const { log, to } = this.range(pop, 0, step + 1);
    if (!log || step <= 0) return 0;
    let n = 0;
    for (let k = 0; k < to; k++) if (log.index[k] === i) n++;
    return (n / ((step + 1) * this.dtMs)) * 1000;
  }

  /** Recorded `variable` of `pop` at `step`: the indices recorded and their values, or null. */
  stateAt(pop: string, variable: string, step: number): { indices: Uint32Array; values: Float32Array } | null {
    const list = this.traceChunks.get(`${pop}\u0000${variable}`);
    if (!list) return null;
    let lo = 0, hi = list.length;
    while (lo < hi) { const m = (lo + hi) >>> 1; if (list[m].stepEnd <= step) lo = m + 1; else hi = m; }
    const c = list[lo];
    if (!c || step < c.stepStart) return null;
    const len = c.stepEnd - c.stepStart;
    const values = new Float32Array(c.indices.length);
    for (let k = 0; k < c.indices.length; k++) values[k] = c.values[k * len + (step - c.stepStart)];
    return { indices: c.indices, values };
  }

  hasTrace(pop: string, variable: string): boolean { return this.traceChunks.has(`${pop}\u0000${variable}`); }
}

/** Simulated time at which a spike at `step` reaches the end of an axon with `delayMs`. */
export function arrivalMs(step: number, dtMs: number, delayMs: number): number {
  return step * dtMs + delayMs;
}

/** Where a pulse is along its axon (0 at the soma, 1 at the dendrite) at time t, or null when not on it. */
export function pulseProgress(tMs: number, spikeMs: number, delayMs: number, zeroDelayGlowMs = 0): number | null {
  const dt = tMs - spikeMs;
  if (dt < 0) return null;
  if (delayMs <= 0) return dt <= zeroDelayGlowMs ? 1 : null;
  return dt <= delayMs ? dt / delayMs : null;
}

/** Brightness of a soma that spiked at spikeMs: exp(−(t − spike)/tau), 0 before the spike. */
export function flash(tMs: number, spikeMs: number, tauMs: number): number {
  const dt = tMs - spikeMs;
  return dt < 0 ? 0 : Math.exp(-dt / tauMs);
}

/** A soma counts as lit while its flash is above e^-1 (within one time constant of its spike). */
export const LIT = Math.exp(-1);

export interface FrameOptions {
  /** Flash time constant by population (ms), usually the membrane tau, never below the view's minimum. */
  tauMs: Record<string, number>;
  /** Drawn neurons by population (intensity arrays are this long). */
  drawn: Record<string, number>;
  maxPulses?: number;
  zeroDelayGlowMs?: number;
}

export interface FrameState {
  tMs: number;
  /** Flash per drawn neuron, by population. */
  intensity: Record<string, Float32Array>;
  /** Somas lit (flash > LIT) by population. */
  lit: Record<string, number>;
  /** Pulses on drawn axons: bundle index, axon index and progress s ∈ [0, 1], 3 numbers a pulse. */
  pulses: Float32Array;
  pulseCount: number;
}

/** Drawn axons leaving each pre neuron of a bundle (CSR), built once per layout. */
export interface AxonIndex { offsets: Uint32Array; axons: Uint32Array; maxDelayMs: number }

export function indexAxons(b: AxonBundle, preCount: number): AxonIndex {
  const offsets = new Uint32Array(preCount + 1);
  for (let j = 0; j < b.pre.length; j++) offsets[b.pre[j] + 1]++;
  for (let i = 0; i < preCount; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, preCount);
  const axons = new Uint32Array(b.pre.length);
  for (let j = 0; j < b.pre.length; j++) axons[fill[b.pre[j]]++] = j;
  let maxDelayMs = 0;
  for (const d of b.delayMs) maxDelayMs = Math.max(maxDelayMs, d);
  return { offsets, axons, maxDelayMs };
}

/** The whole picture at simulated time t: flashes, lit counts and pulses. Pure in (store contents, t). */
export function frameState(
  store: ActivityStore, bundles: readonly AxonBundle[], axonIndex: readonly AxonIndex[], tMs: number, o: FrameOptions,
): FrameState {
  const dt = store.dtMs;
  tMs = Math.max(0, tMs);
  const stepNow = Math.floor(tMs / dt + 1e-9);
  const intensity: Record<string, Float32Array> = {};
  const lit: Record<string, number> = {};
  for (const [pop, drawn] of Object.entries(o.drawn)) {
    const out = new Float32Array(drawn);
    const tau = o.tauMs[pop] ?? 5;
    // Spikes older than 5 tau flash below 1 %: not worth a look.
    const first = Math.max(0, Math.floor((tMs - 5 * tau) / dt));
    const { log, from, to } = store.range(pop, first, stepNow + 1);
    let n = 0;
    if (log) {
      // The flash depends on the spike's step only: one exp per step of the window, not per spike.
      const table = new Float64Array(stepNow + 1 - first);
      for (let s = first; s <= stepNow; s++) table[s - first] = flash(tMs, s * dt, tau);
      for (let k = from; k < to; k++) {
        const i = log.index[k];
        if (i >= drawn) continue;
        const f = table[log.step[k] - first];
        if (f > out[i]) { if (out[i] <= LIT && f > LIT) n++; out[i] = f; }
      }
    }
    intensity[pop] = out;
    lit[pop] = n;
  }

  const max = o.maxPulses ?? 50_000;
  const glow = o.zeroDelayGlowMs ?? 0;
  const pulses = new Float32Array(3 * max);
  let count = 0;
  bundles.forEach((b, bi) => {
    const ax = axonIndex[bi];
    const span = Math.max(ax.maxDelayMs, glow);
    const { log, from, to } = store.range(b.source, Math.floor((tMs - span) / dt), stepNow + 1);
    if (!log) return;
    for (let k = from; k < to && count < max; k++) {
      const pre = log.index[k];
      if (pre + 1 >= ax.offsets.length) continue;
      const spikeMs = log.step[k] * dt;
      for (let a = ax.offsets[pre]; a < ax.offsets[pre + 1] && count < max; a++) {
        const j = ax.axons[a];
        const s = pulseProgress(tMs, spikeMs, b.delayMs[j], glow);
        if (s === null) continue;
        pulses[3 * count] = bi; pulses[3 * count + 1] = j; pulses[3 * count + 2] = s;
        count++;
      }
    }
  });
  return { tMs, intensity, lit, pulses: pulses.subarray(0, 3 * count), pulseCount: count };
}

/**
 * The playhead: simulated time advanced by wall-clock frames at `speed` simulated ms per view second,
 * clamped to what has been simulated. seek() is the scrub slider.
 */
export class Playback {
  timeMs = 0;
  playing = true;
  /** Live: stay on the newest simulated step while a run is delivering chunks (in step with the raster). */
  follow = false;
  constructor(public speed = 20) {}
  advance(wallSeconds: number, endMs: number): number {
    if (this.follow) { this.timeMs = Math.max(0, endMs); return this.timeMs; }
    if (this.playing) this.timeMs = Math.max(0, Math.min(endMs, this.timeMs + Math.max(0, wallSeconds) * this.speed));
    return this.timeMs;
  }
  seek(tMs: number, endMs: number): number {
    this.timeMs = Math.max(0, Math.min(endMs, tMs));
    return this.timeMs;
  }
  /** View seconds from the start of a replay until simulated time tMs is shown. */
  viewSecondsAt(tMs: number): number { return tMs / this.speed; }
}
