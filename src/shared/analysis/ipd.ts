// Tutorial part 1's analysis (docs/results.md, "Coincidence detection"): which network is a coincidence
// detector, each detector's best IPD, the tutorial's IPD estimate from detector spike counts, its circular
// error, and the IPD sweep (estimate vs truth over 0–350°, the tutorial's mean error). Pure and engine-neutral:
// the sweep takes the engine to run on, so the CLI script, the app's worker and the tests share it.
import type { NetworkDocument } from '../graph';
import { compileNetwork, type NetworkIR } from '../compiler';
import type { Engine } from '../engine/types';

/** Angle in [0, 360). */
export const wrapDeg = (deg: number) => ((deg % 360) + 360) % 360;

/** Smallest angle between two angles in degrees (359° vs 0° is 1°). */
export const circularErrorDeg = (a: number, b: number) => { const d = wrapDeg(a - b); return Math.min(d, 360 - d); };

/** Circular mean of angles in degrees, in [0, 360) (NaN for no angles). */
export function circularMeanDeg(deg: readonly number[]): number {
  if (!deg.length) return NaN;
  let s = 0, c = 0;
  for (const x of deg) { s += Math.sin((x * Math.PI) / 180); c += Math.cos((x * Math.PI) / 180); }
  return wrapDeg((Math.atan2(s, c) * 180) / Math.PI);
}

/**
 * The tutorial's estimate: the best IPD of the detector with the largest spike count. Ties share the estimate
 * as a circular mean of their best IPDs (so a tie between 0° and 360°, the same phase, is 0°, not 180°).
 * NaN when no detector fired (the estimate is undefined, not 0°).
 */
export function estimateIpdDeg(counts: ArrayLike<number>, bestIpdDeg: ArrayLike<number>): number {
  if (counts.length !== bestIpdDeg.length) throw new Error(`estimateIpdDeg: ${counts.length} counts for ${bestIpdDeg.length} best IPDs`);
  let max = 0;
  for (let j = 0; j < counts.length; j++) max = Math.max(max, counts[j]);
  if (max <= 0) return NaN;
  const ties: number[] = [];
  for (let j = 0; j < counts.length; j++) if (counts[j] === max) ties.push(bestIpdDeg[j]);
  return circularMeanDeg(ties);
}

/** Mean circular error (degrees) of estimates against the true IPDs; an undefined estimate counts as 90°, the
 *  expected error of a guess. */
export function meanErrorDeg(points: readonly { trueDeg: number; estimateDeg: number }[]): number {
  if (!points.length) return NaN;
  let sum = 0;
  for (const p of points) sum += Number.isNaN(p.estimateDeg) ? 90 : circularErrorDeg(p.estimateDeg, p.trueDeg);
  return sum / points.length;
}

/** `count` IPDs evenly over the circle from 0°: 36 gives the tutorial's 0, 10, …, 350°. */
export const sweepIpdsDeg = (count: number) => Array.from({ length: count }, (_, k) => (360 * k) / count);

/** A network that localises a sound by coincidence detection: which nodes play which part. */
export interface CoincidenceSetup {
  /** The `sound_source` node (its `ipd_deg` is the true IPD). */
  source: string;
  /** The spiking population whose most active neuron is the estimate. */
  detectors: string;
  /** The projection from the ears to the detectors whose delays make the best IPDs. */
  projection: string;
  /** Tone frequency (Hz). */
  freqHz: number;
  /** The IPD the network is set to now. */
  ipdDeg: number;
  /** Best IPD of each detector (degrees, [0, 360)): the phase its delays cancel (see `bestIpdsDeg`). */
  bestIpdDeg: number[];
}

/**
 * Finds the coincidence-detection structure: a `sound_source` projecting onto a spiking population with delays
 * that differ between the two ears by a different amount for different detectors. Null for any other network
 * (or one that does not compile). `ir` may be passed when the caller has compiled the document already.
 */
export function coincidenceSetup(doc: NetworkDocument, ir?: NetworkIR): CoincidenceSetup | null {
  const sources = doc.nodes.filter((n) => n.model === 'sound_source' && n.size >= 2);
  if (!sources.length) return null;
  let compiled = ir;
  if (!compiled) { try { compiled = compileNetwork(doc, { durationMs: doc.simulation.dt_ms }); } catch { return null; } }
  for (const src of sources) {
    const si = compiled.populations.findIndex((p) => p.id === src.id);
    for (const pj of compiled.projections) {
      if (pj.source !== si || pj.synapse === 'current') continue;
      const tgt = compiled.populations[pj.target];
      if (!tgt.spiking || tgt.kind !== 'neuron' || tgt.size < 2) continue;
      const freqHz = Number(compiled.populations[si].params.freq_hz);
      const best = bestIpdsDeg(pj, freqHz, compiled.dtMs);
      if (!best || best.every((b) => Math.abs(circularErrorDeg(b, best[0])) < 1e-9)) continue;
      return { source: src.id, detectors: tgt.id, projection: pj.id, freqHz, ipdDeg: Number(compiled.populations[si].params.ipd_deg), bestIpdDeg: best };
    }
  }
  return null;
}

/**
 * Best IPD of each target of an ears → detectors projection: the ear-1 minus ear-0 delay (as the engine applies
 * it, whole steps) times 360°·f. Ear 1 is ahead by the IPD (docs/models.md, sound source), so the detector that
 * delays ear 1 by itd = IPD/(360° f) more than ear 0 hears both in phase. Null when a detector misses an ear.
 */
export function bestIpdsDeg(pj: NetworkIR['projections'][number], freqHz: number, dtMs: number): number[] | null {
  const nEar = pj.nPre / 2;
  const sum = [new Float64Array(pj.nPost), new Float64Array(pj.nPost)], n = [new Uint32Array(pj.nPost), new Uint32Array(pj.nPost)];
  for (let i = 0; i < pj.nPre; i++) {
    const ear = i < nEar ? 0 : 1;
    for (let s = pj.rowPtr[i]; s < pj.rowPtr[i + 1]; s++) { sum[ear][pj.post[s]] += pj.delay[s] * dtMs; n[ear][pj.post[s]]++; }
  }
  const out: number[] = [];
  for (let j = 0; j < pj.nPost; j++) {
    if (!n[0][j] || !n[1][j]) return null;
    const itdMs = sum[1][j] / n[1][j] - sum[0][j] / n[0][j];
    out.push(wrapDeg((360 * freqHz * itdMs) / 1000));
  }
  return out;
}

/** One run of a sweep: the true IPD, the seed it ran with, the tutorial's estimate and its error. */
export interface SweepPoint { trueDeg: number; seed: number; estimateDeg: number; errorDeg: number }

export interface SweepOptions {
  /** True IPDs to run (degrees); default the tutorial's 36 (0–350° in 10° steps). */
  ipdsDeg?: readonly number[];
  /** Runs per IPD, each with its own seed; default 1. */
  seeds?: number;
  /** First seed (default the document's); run r of IPD k uses firstSeed + r·(number of IPDs) + k, so one seed
   *  with the tutorial's 36 IPDs is the seeds of `npm run evaluate:coincidence`. */
  firstSeed?: number;
  /** Simulated time per run (ms); default the document's duration. */
  durationMs?: number;
  /** Builds the engine for one compiled run (the CPU engine in the app's worker, either engine in the script). */
  engine: (ir: NetworkIR) => Engine | Promise<Engine>;
  /** Called after each run with the runs done and the total. */
  onProgress?: (done: number, total: number, point: SweepPoint) => void;
  /** Checked between runs and by the engine between chunks: the sweep stops early and returns what it has. */
  signal?: { readonly aborted: boolean };
}

export interface SweepResult {
  points: SweepPoint[];
  /** The tutorial's figure of merit: mean circular error over all runs (degrees). */
  meanErrorDeg: number;
  /** Runs planned; `points.length` is smaller when the sweep was cancelled. */
  total: number;
  cancelled: boolean;
}

/** Runs the network once per (IPD, seed) with `source.ipd_deg` set, and estimates each IPD as the tutorial does. */
export async function runIpdSweep(doc: NetworkDocument, opts: SweepOptions): Promise<SweepResult> {
  const setup = coincidenceSetup(doc);
  if (!setup) throw new Error('This network is not a coincidence detector: it needs a sound source projecting onto a spiking population with different delays per detector.');
  const ipds = opts.ipdsDeg ?? sweepIpdsDeg(36);
  const seeds = Math.max(1, Math.floor(opts.seeds ?? 1));
  const first = opts.firstSeed ?? doc.simulation.seed;
  const total = ipds.length * seeds;
  const points: SweepPoint[] = [];
  for (let r = 0; r < seeds; r++) {
    for (let k = 0; k < ipds.length; k++) {
      if (opts.signal?.aborted) return { points, meanErrorDeg: meanErrorDeg(points), total, cancelled: true };
      const seed = first + r * ipds.length + k;
      const ir = compileNetwork(doc, { seed, durationMs: opts.durationMs, overrides: [{ node: setup.source, param: 'ipd_deg', value: String(ipds[k]) }] });
      const engine = await opts.engine(ir);
      let counts: Uint32Array;
      try {
        const summary = await engine.run({ steps: Math.max(1, Math.round(ir.durationMs / ir.dtMs)), signal: opts.signal });
        if (summary.stopped || opts.signal?.aborted) return { points, meanErrorDeg: meanErrorDeg(points), total, cancelled: true };
        if (!engine.spikeCounts) throw new Error(`the ${engine.backend} engine does not report spike counts`);
        counts = await engine.spikeCounts(setup.detectors);
      } finally { engine.dispose(); }
      const estimateDeg = estimateIpdDeg(counts, setup.bestIpdDeg);
      const point = { trueDeg: ipds[k], seed, estimateDeg, errorDeg: Number.isNaN(estimateDeg) ? 90 : circularErrorDeg(estimateDeg, ipds[k]) };
      points.push(point);
      opts.onProgress?.(points.length, total, point);
    }
  }
  return { points, meanErrorDeg: meanErrorDeg(points), total, cancelled: false };
}
