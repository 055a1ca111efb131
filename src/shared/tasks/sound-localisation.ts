// Tutorial part 2's sound-localisation stimulus (docs/training.md): Poisson spike trains of two ears
// hearing a tone with an interaural phase difference (IPD). Takes the dataset node's params and a seed; gives
// per-step spike probabilities, samples and whole data sets, reproducible from the counter-based RNG.
import { STREAM, pcgHash, uniform01 } from '../rng';

export type PhaseMode = 'per-sample' | 'per-dataset';
/** Training and test sets draw from separate RNG streams, so they never share a sample. */
export type Split = 'train' | 'test';

export interface SoundParams {
  /** Input neurons per ear (the dataset node's size / 2). */
  nPerEar: number;
  rateMaxHz: number;
  freqHz: number;
  envelopePower: number;
  phase: PhaseMode;
  dtMs: number;
  /** Time steps per sample (duration / dt). */
  steps: number;
}

/** The tutorial's stimulus: 100 per ear, k 2, 600 Hz, 20 Hz tone, dt 1 ms, 100 ms. */
export const TUTORIAL_SOUND: SoundParams = {
  nPerEar: 100, rateMaxHz: 600, freqHz: 20, envelopePower: 2, phase: 'per-sample', dtMs: 1, steps: 100,
};

/** Params from a `dataset` node (size, params) and the simulation block (dt, duration). */
export function soundParamsFrom(size: number, params: Record<string, unknown>, dtMs: number, durationMs: number): SoundParams {
  const num = (k: string, d: number) => (typeof params[k] === 'number' ? (params[k] as number) : d);
  return {
    nPerEar: Math.floor(size / 2),
    rateMaxHz: num('rate_max_hz', 600),
    freqHz: num('freq_hz', 20),
    envelopePower: num('envelope_power', 2),
    phase: params.phase === 'per-dataset' ? 'per-dataset' : 'per-sample',
    dtMs,
    steps: Math.max(1, Math.round(durationMs / dtMs)),
  };
}

// Sub-streams of STREAM.dataset: split in bits 4.., purpose in bits 0..3. Never renumber (data sets change).
const PURPOSE = { ipd: 0, phase: 1, spikes: 2 } as const;
const streamOf = (split: Split, purpose: number) => STREAM.dataset + (split === 'train' ? 0 : 16) + purpose;

/** Class of an IPD in (−π/2, π/2): floor((ipd + π/2)·classes/π), clamped to the last class. */
export function ipdClass(ipd: number, classes: number): number {
  return Math.min(classes - 1, Math.max(0, Math.floor(((ipd + Math.PI / 2) * classes) / Math.PI)));
}

/** The IPD a class decodes to: its midpoint. */
export function classMidpoint(c: number, classes: number): number {
  return ((c + 0.5) / classes) * Math.PI - Math.PI / 2;
}

/** Smallest angle between two IPDs in degrees (IPDs live in (−90°, 90°): no wrap-around needed there). */
export function absErrorDeg(a: number, b: number): number {
  return (Math.abs(a - b) * 180) / Math.PI;
}

/** IPD (radians, uniform in (−π/2, π/2)) and phase offset φ0 (cycles, uniform in [0, 1)) of one sample. */
export function sampleMeta(p: SoundParams, seed: number, split: Split, index: number): { ipd: number; phi0: number } {
  const ipd = uniform01(seed, streamOf(split, PURPOSE.ipd), index, 0) * Math.PI - Math.PI / 2;
  // Per-dataset phase (the tutorial's): every sample of a split uses the phase of sample 0 of that split.
  const phi0 = uniform01(seed, streamOf(split, PURPOSE.phase), p.phase === 'per-dataset' ? 0 : index, 0);
  return { ipd, phi0 };
}

/**
 * Probability that input `neuron` spikes at `step`: rate_max·dt·(0.5(1 + sin θ))^k with
 * θ = 2π(f t + φ0) + j·(π/2)/(N_ear − 1) + e·ipd (ear e = 0 for neurons 0..N_ear−1, 1 after).
 * The engine may use it to play one sample in a plain run.
 */
export function spikeProbability(p: SoundParams, ipd: number, phi0: number, step: number, neuron: number): number {
  const e = neuron >= p.nPerEar ? 1 : 0;
  const j = neuron - e * p.nPerEar;
  const t = (step * p.dtMs) / 1000;
  const delay = p.nPerEar > 1 ? (j * (Math.PI / 2)) / (p.nPerEar - 1) : 0;
  const theta = 2 * Math.PI * (p.freqHz * t + phi0) + delay + e * ipd;
  return ((p.rateMaxHz * p.dtMs) / 1000) * Math.pow(0.5 * (1 + Math.sin(theta)), p.envelopePower);
}

/** The uniform number compared with the probability: keyed by (seed, split, sample, step·inputs + neuron). */
export function spikeUniform(p: SoundParams, seed: number, split: Split, index: number, step: number, neuron: number): number {
  return uniform01(seed, streamOf(split, PURPOSE.spikes), index, step * 2 * p.nPerEar + neuron);
}

/** Spikes of one sample into `out` ([step][neuron], 1 = spike), starting at `offset`. */
export function generateSample(p: SoundParams, seed: number, split: Split, index: number, out: Uint8Array, offset = 0): { ipd: number; phi0: number } {
  const meta = sampleMeta(p, seed, split, index);
  const n = 2 * p.nPerEar;
  // randomU32 chains the hash over (seed, stream, index, counter): hash the fixed prefix once per sample.
  const prefix = pcgHash((pcgHash((pcgHash(seed >>> 0) ^ streamOf(split, PURPOSE.spikes)) >>> 0) ^ (index >>> 0)) >>> 0);
  for (let t = 0; t < p.steps; t++) {
    const row = offset + t * n;
    for (let i = 0; i < n; i++) {
      const u = (pcgHash((prefix ^ (t * n + i)) >>> 0) >>> 8) * 5.9604644775390625e-8;
      out[row + i] = u < spikeProbability(p, meta.ipd, meta.phi0, t, i) ? 1 : 0;
    }
  }
  return meta;
}

export interface SoundDataset {
  params: SoundParams;
  split: Split;
  count: number;
  inputs: number;
  steps: number;
  /** [sample][step][neuron], 1 = spike. */
  spikes: Uint8Array;
  ipd: Float64Array;
  /** Class of each sample (12 classes of 15° by default). */
  labels: Int32Array;
  classes: number;
}

/** `count` samples of a split, in index order. The same (params, seed, split) always gives the same data. */
export function generateDataset(p: SoundParams, seed: number, split: Split, count: number, classes = 12): SoundDataset {
  const inputs = 2 * p.nPerEar;
  const spikes = new Uint8Array(count * p.steps * inputs);
  const ipd = new Float64Array(count);
  const labels = new Int32Array(count);
  for (let s = 0; s < count; s++) {
    const m = generateSample(p, seed, split, s, spikes, s * p.steps * inputs);
    ipd[s] = m.ipd;
    labels[s] = ipdClass(m.ipd, classes);
  }
  return { params: p, split, count, inputs, steps: p.steps, spikes, ipd, labels, classes };
}
