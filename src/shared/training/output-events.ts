// A population's spikes over a batch as events (./cpu-model.ts `outputEvents`: what a later population's
// kernels read, ./input-matmul.ts), built in WebAssembly SIMD (issue #14 item 4; docs/training.md, "Backends"):
// two f64 outputs at a time compared with 0 (f64x2.ne) and their lanes gathered into a bit mask of up to 32
// outputs (i64x2.bitmask), its set bits visited with ctz — instead of a compare and a branch per output in JS
// (the hidden layer's 192,000 outputs per tutorial batch, ~4 % spikes, ~0.5 ms; docs/benchmarks.md). Gives
// the same events as the JS pass (integers: nothing to round), for outputs that are all 0 or 1; when one is
// not (a membrane read out), it says so and the caller's JS pass makes the events with their values. The
// module is generated per population size n (bytes, no eval: docs/electron.md).
import { mem, section, sleb, str, uleb, vec } from '../models/dynamics/wasm-encode';
import type { EventBuffers, InputEvents } from './cpu-model';

// WebAssembly is in every runtime SNN Studio runs in but in no ES lib typing src/shared may use (as in
// ./input-matmul.ts): the little used here, declared for this module only.
declare const WebAssembly: {
  Memory: new (d: { initial: number }) => { buffer: ArrayBuffer; grow(pages: number): number };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
} | undefined;

type EventsFn = (aA: number, rows: number, ptrA: number, idxA: number) => number;

/** Outputs per bit mask: an i32's bits. */
const MASK_BITS = 32;

export class SpikeEvents {
  private constructor(
    private readonly n: number,
    private readonly memory: { buffer: ArrayBuffer; grow(pages: number): number },
    private readonly fn: EventsFn,
  ) {}

  private static byN = new Map<number, SpikeEvents | null>();

  /** The builder for populations of n (one per thread and n), or null where WebAssembly (with SIMD) cannot compile here. */
  static for(n: number): SpikeEvents | null {
    if (SpikeEvents.byN.has(n)) return SpikeEvents.byN.get(n)!;
    let made: SpikeEvents | null = null;
    if (typeof WebAssembly !== 'undefined' && n > 0) {
      try {
        const memory = new WebAssembly.Memory({ initial: 1 });
        const inst = new WebAssembly.Instance(new WebAssembly.Module(encodeModule(n)), { m: { mem: memory } });
        made = new SpikeEvents(n, memory, (inst.exports as { events: EventsFn }).events);
      } catch { made = null; }
    }
    SpikeEvents.byN.set(n, made);
    return made;
  }

  /**
   * The events of `a` (rows × n, row-major) into `buf` (as ./cpu-model.ts `outputEvents`: views of its arrays,
   * valid until its next use), or null when an output is neither 0 nor 1.
   */
  build(a: Float64Array, rows: number, buf: EventBuffers): InputEvents | null {
    const len = rows * this.n;
    // 16 readable bytes past the last row: its last pair's load may cover one f64 beyond it (masked off).
    const aBytes = 8 * len + 16, ptrA = aBytes, idxA = ptrA + 4 * (rows + 1);
    this.ensure(idxA + 4 * len);
    new Float64Array(this.memory.buffer, 0, len).set(a);
    const count = this.fn(0, rows, ptrA, idxA);
    if (count < 0) return null;
    const mem = this.memory.buffer, { ptr, idx } = buf;
    ptr.set(new Int32Array(mem, ptrA, rows + 1));
    idx.set(new Int32Array(mem, idxA, count));
    return { rows, ptr: ptr.subarray(0, rows + 1), idx: idx.subarray(0, count), val: null };
  }

  private ensure(bytes: number) {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / 65536));
  }
}

/**
 * `events(aA, rows, ptrA, idxA)`: for each row r of n f64 at aA + 8·n·r, ptr[r] (i32 at ptrA) = its first event,
 * its nonzero outputs' indices ascending at idxA; ptr[rows] = the count, returned, or −1 when an output is
 * neither 0 nor 1 (the events are then incomplete: unused).
 */
function encodeModule(n: number): Uint8Array {
  const OP = {
    localGet: 0x20, localSet: 0x21, block: 0x02, loop: 0x03, br: 0x0c, brIf: 0x0d, end: 0x0b, if: 0x04, return: 0x0f,
    i32Const: 0x41, f64Const: 0x44, i32Eqz: 0x45, i32GeU: 0x4f, i32Add: 0x6a, i32Sub: 0x6b, i32Mul: 0x6c,
    i32And: 0x71, i32Or: 0x72, i32Shl: 0x74, i32Ctz: 0x68, i32Store: 0x36,
  };
  const SIMD = 0xfd, op = (code: number) => [SIMD, ...uleb(code)];
  const V128_LOAD = op(0x00), F64X2_SPLAT = op(0x14), F64X2_NE = op(0x48), I64X2_BITMASK = op(0xc4);
  const V128_CONST = op(0x0c), V_AND = op(0x4e), V_OR = op(0x50), V_ANY = op(0x53);
  const I32 = 0x7f, V128 = 0x7b;
  const get = (l: number) => [OP.localGet, ...uleb(l)], set = (l: number) => [OP.localSet, ...uleb(l)];
  const i32c = (v: number) => [OP.i32Const, ...sleb(v)];
  const f64c = (v: number) => [OP.f64Const, ...new Uint8Array(new Float64Array([v]).buffer)];
  const inc = (l: number, by: number) => [...get(l), ...i32c(by), OP.i32Add, ...set(l)];
  // Params aA(0), rows(1), ptrA(2), idxA(3); locals r(4), m(5), at(6) i32, ne(7), bad(8), zero(9), one(10) v128.
  const L = { a: 0, rows: 1, ptr: 2, idx: 3, r: 4, m: 5, at: 6, ne: 7, bad: 8, zero: 9, one: 10 };
  const c: number[] = [];
  c.push(...f64c(0), ...F64X2_SPLAT, ...set(L.zero), ...f64c(1), ...F64X2_SPLAT, ...set(L.one));
  // for (r = 0; r < rows; r++, aA += 8n)
  c.push(OP.block, 0x40, OP.loop, 0x40, ...get(L.r), ...get(L.rows), OP.i32GeU, OP.brIf, 1);
  // ptr[r] = at
  c.push(...get(L.ptr), ...get(L.at), ...mem(OP.i32Store, 2, 0), ...inc(L.ptr, 4));
  for (let k = 0; k < n; k += MASK_BITS) {
    const count = Math.min(MASK_BITS, n - k);
    // m = the chunk's nonzero outputs as bits (pairs; an odd count's last pair reads one output past the chunk: masked off)
    c.push(...i32c(0), ...set(L.m));
    for (let j = 0; j < count; j += 2) {
      c.push(...get(L.a), ...V128_LOAD, ...uleb(3), ...uleb(8 * (k + j)), ...get(L.zero), ...F64X2_NE, ...set(L.ne));
      // bad |= ne & (v ≠ 1), the second output of an odd count's last pair excluded
      const both = j + 1 < count;
      c.push(...get(L.bad), ...get(L.ne), ...get(L.a), ...V128_LOAD, ...uleb(3), ...uleb(8 * (k + j)), ...get(L.one), ...F64X2_NE, ...V_AND);
      if (!both) c.push(...V128_CONST, ...new Array<number>(8).fill(0xff), ...new Array<number>(8).fill(0), ...V_AND);
      c.push(...V_OR, ...set(L.bad));
      c.push(...get(L.m), ...get(L.ne), ...I64X2_BITMASK);
      if (!both) c.push(...i32c(1), OP.i32And);
      if (j > 0) c.push(...i32c(j), OP.i32Shl);
      c.push(OP.i32Or, ...set(L.m));
    }
    // while (m) { idx[at++] = k + ctz(m); m &= m − 1 }
    c.push(OP.block, 0x40, OP.loop, 0x40, ...get(L.m), OP.i32Eqz, OP.brIf, 1);
    c.push(...get(L.idx), ...get(L.at), ...i32c(4), OP.i32Mul, OP.i32Add, ...i32c(k), ...get(L.m), OP.i32Ctz, OP.i32Add, ...mem(OP.i32Store, 2, 0));
    c.push(...inc(L.at, 1), ...get(L.m), ...get(L.m), ...i32c(1), OP.i32Sub, OP.i32And, ...set(L.m), OP.br, 0, OP.end, OP.end);
  }
  c.push(...inc(L.a, 8 * n), ...inc(L.r, 1), OP.br, 0, OP.end, OP.end);
  c.push(...get(L.ptr), ...get(L.at), ...mem(OP.i32Store, 2, 0));
  c.push(...get(L.bad), ...V_ANY, OP.if, 0x40, ...i32c(-1), OP.return, OP.end, ...get(L.at), OP.end);
  const body = [...vec([[3, I32], [4, V128]]), ...c];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, 4, I32, I32, I32, I32, 1, I32]])),
    ...section(2, vec([[...str('m'), ...str('mem'), 0x02, 0x00, 1]])),
    ...section(3, vec([[0]])),
    ...section(7, vec([[...str('events'), 0x00, 0]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}
