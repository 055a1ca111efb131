// Counter-based random numbers, identical on the CPU (this file) and the GPU (./counter-rng.wgsl.ts):
// a value is a pure function of (seed, stream, index, counter) — e.g. (run seed, population, neuron, step) —
// so a seeded run draws the same Poisson spikes on both engines, in any order, on any number of threads.
// The mixing function is the PCG-RXS-M-XS 32-bit hash (Jarzynski & Olano, "Hash Functions for GPU
// Rendering", JCGT 2020), chained over the four keys.

/** PCG hash of one u32 (result as an unsigned number). */
export function pcgHash(v: number): number {
  const state = (Math.imul(v >>> 0, 747796405) + 2891336453) >>> 0;
  const word = Math.imul(((state >>> (((state >>> 28) + 4) >>> 0)) ^ state) >>> 0, 277803737) >>> 0;
  return ((word >>> 22) ^ word) >>> 0;
}

/** 32 random bits for the key (seed, stream, index, counter). All keys are taken modulo 2^32. */
export function randomU32(seed: number, stream: number, index: number, counter: number): number {
  let h = pcgHash(seed >>> 0);
  h = pcgHash((h ^ (stream >>> 0)) >>> 0);
  h = pcgHash((h ^ (index >>> 0)) >>> 0);
  h = pcgHash((h ^ (counter >>> 0)) >>> 0);
  return h;
}

/**
 * Uniform in [0, 1) with 24 bits, exactly representable in f32, so the GPU's `f32(u >> 8u) * 2^-24`
 * gives the bit-identical value and comparisons like `u < rate·dt` agree on both engines.
 */
export function uniform01(seed: number, stream: number, index: number, counter: number): number {
  return (randomU32(seed, stream, index, counter) >>> 8) * 5.9604644775390625e-8;
}

/** A standard normal (Box–Muller) from two counters; used on the CPU for weight initialisation. */
export function normal01(seed: number, stream: number, index: number, counter: number): number {
  const u1 = 1 - uniform01(seed, stream, index, 2 * counter);
  const u2 = uniform01(seed, stream, index, 2 * counter + 1);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** A sequential generator for CPU-side construction work (connectivity, weights): counter increments. */
export class CounterRng {
  private counter = 0;
  constructor(readonly seed: number, readonly stream: number, readonly index = 0) {}
  next(): number { return uniform01(this.seed, this.stream, this.index, this.counter++); }
  normal(): number { return normal01(this.seed, this.stream, this.index, this.counter++); }
  /** Integer in [0, n). */
  int(n: number): number { return Math.min(n - 1, Math.floor(this.next() * n)); }
}

/** Stream ids keep independent uses of one seed apart. Add new ones at the end; never renumber. */
export const STREAM = {
  poisson: 0x1000,
  connectivity: 0x2000,
  weights: 0x3000,
  delays: 0x4000,
  dataset: 0x5000,
  trainInit: 0x6000,
} as const;
