// What the CPU engine's two threads share (docs/engine.md, "CPU engine on two threads"): each thread owns one
// slice of every population's neurons; per step it updates its slice, publishes the slice's spike list here,
// meets the other thread at one barrier, then delivers every spike into its own slice's ring buffers only.
// The spike lists are double-buffered by step parity, so one barrier per step is enough: a thread writes step
// n + 1's list while the other may still read step n's, and cannot write step n + 2's before the other has
// passed step n + 1's barrier (having finished with step n's). Environment-neutral: SharedArrayBuffer and
// Atomics only; the threads themselves come from the caller (worker_threads in Node, a nested Worker in the app).
import type { NetworkIR } from '../compiler';

/** The neurons [lo, hi) of a population of `size` that slice `k` of `count` owns (contiguous, in neuron order). */
export function sliceRange(size: number, k: number, count: number): { lo: number; hi: number } {
  const cut = (j: number) => Math.floor((size * j) / count);
  return { lo: cut(k), hi: cut(k + 1) };
}

/** Where each population's published spike list lives: Int32 offsets [pop][parity][slice] into `lists`, each a count then that many local indices. */
export function listOffsets(ir: NetworkIR, count: number): { offsets: number[][][]; length: number } {
  let at = 0;
  const offsets = ir.populations.map((pop) => [0, 1].map(() => Array.from({ length: count }, (_, k) => {
    const { lo, hi } = sliceRange(pop.size, k, count), o = at;
    at += 1 + hi - lo;
    return o;
  })));
  return { offsets, length: at };
}

/** Shared memory of a two-thread engine, created by the first thread and sent to the second. */
export interface LinkMemory {
  /** Int32 [arrivals of thread 0, arrivals of thread 1, 1 once the second thread has failed]. */
  ctrl: SharedArrayBuffer;
  /** Int32 spike lists, laid out by listOffsets. */
  lists: SharedArrayBuffer;
}

export function createLinkMemory(ir: NetworkIR, count: number): LinkMemory {
  return { ctrl: new SharedArrayBuffer(12), lists: new SharedArrayBuffer(4 * listOffsets(ir, count).length) };
}

/** A barrier for two threads: `meet()` returns once the other thread has called it as many times. */
export class Barrier {
  private readonly a: Int32Array;
  private seen = 0;
  constructor(ctrl: SharedArrayBuffer, private readonly self: number) {
    this.a = new Int32Array(ctrl);
    this.seen = Atomics.load(this.a, self);
  }

  meet(): void {
    const a = this.a, me = this.self, other = 1 - me, g = ++this.seen;
    Atomics.store(a, me, g);
    Atomics.notify(a, me);
    // A short spin first (a few µs): when both threads are running the other usually arrives within it, and a
    // wait costs a sleep and a wake-up. 0, 200 and 2,000 spins cost the same CPU time on a loaded 2-core
    // machine (docs/benchmarks.md, "CPU engine: threads").
    for (let k = 0; k < SPIN && Atomics.load(a, other) < g; k++);
    for (let v = Atomics.load(a, other); v < g; v = Atomics.load(a, other)) {
      if (Atomics.load(a, FAILED)) throw new Error('the other thread has failed');
      Atomics.wait(a, other, v);
    }
  }
}

const FAILED = 2;

/** The second thread cannot go on (an error other than divergence): wakes the first thread's barrier, which then throws. */
export function markFailed(ctrl: SharedArrayBuffer): void {
  const a = new Int32Array(ctrl);
  Atomics.store(a, FAILED, 1);
  Atomics.notify(a, 1);
}

const SPIN = 2000;

/** A message port to the second thread (a Node MessagePort/Worker or a DOM Worker, wrapped by the caller). */
export interface PeerPort {
  post(message: PeerRequest): void;
  onMessage(handler: (message: PeerReply) => void): void;
  close(): void;
}

/** Messages to the second thread (./cpu-peer.ts). */
export type PeerRequest =
  | { kind: 'init'; ir: NetworkIR; wasm?: boolean; link: LinkMemory; weights: Float32Array[] }
  | { kind: 'reset' }
  | { kind: 'param'; population: string; param: string; value: number }
  | { kind: 'chunk'; steps: number; traces: Float32Array[] }
  | { kind: 'read'; id: number; population: string; variable: string };

/** Messages from the second thread. */
export type PeerReply =
  | { kind: 'state'; id: number; values: Float32Array }
  | { kind: 'error'; message: string };
