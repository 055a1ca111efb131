// The CPU trainer's input matmuls as WebAssembly SIMD (issue #14 item 4; docs/training.md, "Backends"): the
// forward dst[b][n] += Σ_e x_e·W[i_e][n] and the weight gradient g[i_e][n] += Σ_b x_e·gh[b][n] over the input
// spikes' events (./cpu-model.ts `InputEvents`), most of the CPU trainer's time (docs/benchmarks.md). A module is
// generated per population size N (bytes, no eval: the app allows 'wasm-unsafe-eval' only, docs/electron.md):
// columns in blocks of up to 16 f64 held in eight v128 locals while a row's events stream through W's rows
// (the forward), or a row of gh held while the events' gradient rows are updated (the backward). Each output
// element gets the same f64 operations in the same order as the JS loops of ./cpu-model.ts (the fallback where
// WebAssembly cannot compile), so the results are bit-identical to them (./input-matmul.test.ts).
import { mem, section, sleb, str, uleb, vec } from '../models/dynamics/wasm-encode';
import type { InputEvents } from './cpu-model';

// WebAssembly is in every runtime SNN Studio runs in but in no ES lib typing src/shared may use (as in
// ../models/dynamics/wasm.ts): the little used here, declared for this module only.
declare const WebAssembly: {
  Memory: new (d: { initial: number }) => { buffer: ArrayBuffer; grow(pages: number): number };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
} | undefined;

const I32 = 0x7f, V128 = 0x7b, F64 = 0x7c;
const OP = {
  localGet: 0x20, localSet: 0x21, block: 0x02, loop: 0x03, br: 0x0c, brIf: 0x0d, end: 0x0b,
  i32Const: 0x41, i32GeU: 0x4f, i32Add: 0x6a, i32Mul: 0x6c, i32Load: 0x28, f64Load: 0x2b, f64Store: 0x39,
  f64Add: 0xa0, f64Mul: 0xa2,
} as const;
const SIMD = 0xfd;
const V128_LOAD = [SIMD, 0x00], V128_STORE = [SIMD, 0x0b], F64X2_SPLAT = [SIMD, 0x14];
const F64X2_ADD = [SIMD, ...uleb(0xf0)], F64X2_MUL = [SIMD, ...uleb(0xf2)];
/** Columns per block: eight v128 accumulators, which x86-64's 16 vector registers hold with room to spare. */
const BLOCK_VECS = 8;

type Fn = (ptrA: number, B: number, idxA: number, valA: number, mA: number, rowA: number) => void;

/** One input projection's kernels for a population of N: W or its gradient (nIn × N) in the module's memory. */
export class InputMatmul {
  private buf: ArrayBuffer;
  private base = { w: 0, row: 0, ptr: 0, idx: 0, val: 0, end: 0 };
  private ev: InputEvents | null = null;
  private B = 0;
  /** The row buffer's view (B × N f64), made by load() (not per call). */
  private row = new Float64Array(0);

  private constructor(
    private readonly nIn: number,
    private readonly N: number,
    private readonly memory: { buffer: ArrayBuffer; grow(pages: number): number },
    private readonly fn: { acc: Fn; accv: Fn; outer: Fn; outerv: Fn },
  ) { this.buf = memory.buffer; }

  /** The kernels for nIn inputs into N neurons, or null where WebAssembly (with SIMD) cannot compile here. */
  static create(nIn: number, N: number): InputMatmul | null {
    if (typeof WebAssembly === 'undefined' || N === 0 || nIn === 0) return null;
    try {
      const memory = new WebAssembly.Memory({ initial: 1 });
      const inst = new WebAssembly.Instance(new WebAssembly.Module(encodeModule(N)), { m: { mem: memory } });
      const e = inst.exports as { acc: Fn; accv: Fn; outer: Fn; outerv: Fn };
      return new InputMatmul(nIn, N, memory, e);
    } catch {
      return null;
    }
  }

  /**
   * Load a batch's events of B samples and a matrix (W for the forward, the gradient so far for the backward:
   * it is added to in place and read back by `readMatrix`).
   */
  load(ev: InputEvents, B: number, matrix: Float64Array): void {
    const count = ev.ptr[ev.rows], m = this.nIn * this.N * 8, row = B * this.N * 8;
    const b = { w: 0, row: m, ptr: m + row, idx: 0, val: 0, end: 0 };
    b.idx = b.ptr + 4 * (ev.rows + 1);
    b.val = (b.idx + 4 * count + 7) & ~7;
    b.end = b.val + (ev.val ? 8 * count : 0);
    const have = this.memory.buffer.byteLength;
    if (b.end > have) this.memory.grow(Math.ceil((b.end - have) / 65536));
    this.buf = this.memory.buffer;
    new Float64Array(this.buf, b.w, this.nIn * this.N).set(matrix);
    new Int32Array(this.buf, b.ptr, ev.rows + 1).set(ev.ptr);
    new Int32Array(this.buf, b.idx, count).set(ev.idx);
    if (ev.val) new Float64Array(this.buf, b.val, count).set(ev.val);
    this.base = b; this.ev = ev; this.B = B;
    this.row = new Float64Array(this.buf, b.row, B * this.N);
  }

  /** dst[b][n] += Σ_i x[t][b][i]·W[i][n] for the input rows of step t (W as loaded). */
  accumulate(t: number, dst: Float64Array): void {
    const { base: b, B, row } = this;
    row.set(dst);
    (this.ev!.val ? this.fn.accv : this.fn.acc)(b.ptr + 4 * t * B, B, b.idx, b.val, b.w, b.row);
    dst.set(row);
  }

  /** g[i][n] += Σ_b x[t][b][i]·gh[b][n] for the input rows of step t (g: the loaded matrix). */
  outer(t: number, gh: Float64Array): void {
    const { base: b, B } = this;
    this.row.set(gh);
    (this.ev!.val ? this.fn.outerv : this.fn.outer)(b.ptr + 4 * t * B, B, b.idx, b.val, b.w, b.row);
  }

  /** The loaded matrix as the kernels left it, into `out`. */
  readMatrix(out: Float64Array): void { out.set(new Float64Array(this.buf, this.base.w, this.nIn * this.N)); }
}

/**
 * The module for N columns: four functions (ptrA, B, idxA, valA, mA, rowA) over B rows whose event ranges are
 * the i32 pairs at ptrA + 4b: `acc`/`accv` add into the row buffer (B × N f64 at rowA) the matrix rows (mA, N
 * f64 each) of the events (times their values at valA for `accv`); `outer`/`outerv` add the row buffer's rows
 * into the events' matrix rows.
 */
function encodeModule(N: number): Uint8Array {
  const blocks: { col: number; vecs: number; tail: boolean }[] = [];
  for (let c = 0; c < N; c += 2 * BLOCK_VECS) {
    const n = Math.min(2 * BLOCK_VECS, N - c);
    blocks.push({ col: c, vecs: n >> 1, tail: (n & 1) === 1 });
  }
  const stride = N * 8;
  // Params 0..5: ptrA, B, idxA, valA, mA, rowA. Locals: b, e, end, addr (i32), s (v128), x (f64), acc[8] (v128), accS (f64).
  const P = { ptr: 0, B: 1, idx: 2, val: 3, m: 4, row: 5 }, L = { b: 6, e: 7, end: 8, addr: 9, s: 10, x: 11, acc: 12, accS: 12 + BLOCK_VECS };
  const locals = [[4, I32], [1, V128], [1, F64], [BLOCK_VECS, V128], [1, F64]];
  const get = (l: number) => [OP.localGet, ...uleb(l)], set = (l: number) => [OP.localSet, ...uleb(l)];
  const i32c = (v: number) => [OP.i32Const, ...sleb(v)];
  const body = (outer: boolean, valued: boolean): number[] => {
    const c: number[] = [];
    // for (b = 0; b < B; b++, ptrA += 4, rowA += stride)
    c.push(...i32c(0), ...set(L.b), OP.block, 0x40, OP.loop, 0x40);
    c.push(...get(L.b), ...get(P.B), OP.i32GeU, OP.brIf, 1);
    for (const k of blocks) {
      const off = (j: number) => k.col * 8 + 16 * j;
      // The held row block: accumulators (forward) or gh (backward).
      for (let j = 0; j < k.vecs; j++) c.push(...get(P.row), ...V128_LOAD, ...uleb(3), ...uleb(off(j)), ...set(L.acc + j));
      if (k.tail) c.push(...get(P.row), ...mem(OP.f64Load, 3, k.col * 8 + 16 * k.vecs), ...set(L.accS));
      // for (e = ptr[b]; e < ptr[b + 1]; e++)
      c.push(...get(P.ptr), ...mem(OP.i32Load, 2, 0), ...set(L.e), ...get(P.ptr), ...mem(OP.i32Load, 2, 4), ...set(L.end));
      c.push(OP.block, 0x40, OP.loop, 0x40, ...get(L.e), ...get(L.end), OP.i32GeU, OP.brIf, 1);
      // addr = mA + idx[e]·stride
      c.push(...get(P.idx), ...get(L.e), ...i32c(4), OP.i32Mul, OP.i32Add, ...mem(OP.i32Load, 2, 0), ...i32c(stride), OP.i32Mul, ...get(P.m), OP.i32Add, ...set(L.addr));
      if (valued) c.push(...get(P.val), ...get(L.e), ...i32c(8), OP.i32Mul, OP.i32Add, ...mem(OP.f64Load, 3, 0), ...set(L.x), ...get(L.x), ...F64X2_SPLAT, ...set(L.s));
      for (let j = 0; j < k.vecs; j++) {
        if (!outer) {
          // acc += x·W[i] (x·W exactly as the JS loop's `xi * W[w + n]`; binary: acc += W[i])
          c.push(...get(L.acc + j), ...get(L.addr), ...V128_LOAD, ...uleb(3), ...uleb(off(j)));
          if (valued) c.push(...get(L.s), ...F64X2_MUL);
          c.push(...F64X2_ADD, ...set(L.acc + j));
        } else {
          // g[i] += x·gh
          c.push(...get(L.addr), ...get(L.addr), ...V128_LOAD, ...uleb(3), ...uleb(off(j)), ...get(L.acc + j));
          if (valued) c.push(...get(L.s), ...F64X2_MUL);
          c.push(...F64X2_ADD, ...V128_STORE, ...uleb(3), ...uleb(off(j)));
        }
      }
      if (k.tail) {
        const o = k.col * 8 + 16 * k.vecs;
        if (!outer) {
          c.push(...get(L.accS), ...get(L.addr), ...mem(OP.f64Load, 3, o));
          if (valued) c.push(...get(L.x), OP.f64Mul);
          c.push(OP.f64Add, ...set(L.accS));
        } else {
          c.push(...get(L.addr), ...get(L.addr), ...mem(OP.f64Load, 3, o), ...get(L.accS));
          if (valued) c.push(...get(L.x), OP.f64Mul);
          c.push(OP.f64Add, ...mem(OP.f64Store, 3, o));
        }
      }
      c.push(...get(L.e), ...i32c(1), OP.i32Add, ...set(L.e), OP.br, 0, OP.end, OP.end);
      if (!outer) {
        for (let j = 0; j < k.vecs; j++) c.push(...get(P.row), ...get(L.acc + j), ...V128_STORE, ...uleb(3), ...uleb(off(j)));
        if (k.tail) c.push(...get(P.row), ...get(L.accS), ...mem(OP.f64Store, 3, k.col * 8 + 16 * k.vecs));
      }
    }
    c.push(...get(P.ptr), ...i32c(4), OP.i32Add, ...set(P.ptr), ...get(P.row), ...i32c(stride), OP.i32Add, ...set(P.row));
    c.push(...get(L.b), ...i32c(1), OP.i32Add, ...set(L.b), OP.br, 0, OP.end, OP.end, OP.end);
    const fnBody = [...vec(locals), ...c];
    return [...uleb(fnBody.length), ...fnBody];
  };
  const names = ['acc', 'accv', 'outer', 'outerv'];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, 6, I32, I32, I32, I32, I32, I32, 0]])),
    ...section(2, vec([[...str('m'), ...str('mem'), 0x02, 0x00, 1]])),
    ...section(3, vec(names.map(() => [0]))),
    ...section(7, vec(names.map((n, i) => [...str(n), 0x00, i]))),
    ...section(10, vec([body(false, false), body(false, true), body(true, false), body(true, true)])),
  ]);
}

/** Arrays a caller keeps for `BinaryEvents.build` to copy a batch's events into (replaced by larger ones as needed). */
export interface EventRoom { ptr: Int32Array; idx: Int32Array }

/**
 * The events of a batch of binary input spikes, built in WebAssembly: 16 bytes at a time turned into a bit mask
 * (i8x16.bitmask), four joined into an i64 and its set bits visited with ctz — the input's spikes as bits
 * instead of a test per input.
 * Per input count n (the module is generated for it). Gives what ./cpu-model.ts `inputEvents` gives for the
 * same bytes when every byte is 0 or 1 (tested), or null when one is not (the caller's JS pass handles values).
 */
export class BinaryEvents {
  private constructor(
    private readonly n: number,
    private readonly memory: { buffer: ArrayBuffer; grow(pages: number): number },
    private readonly fn: { scan: (xA: number, chunks: number) => number; events: (xA: number, B: number, T: number, ptrA: number, idxA: number) => number },
  ) {}

  private static byN = new Map<number, BinaryEvents | null>();

  /** The builder for n inputs (one per thread and n), or null where WebAssembly (with SIMD) cannot compile here. */
  static for(n: number): BinaryEvents | null {
    if (BinaryEvents.byN.has(n)) return BinaryEvents.byN.get(n)!;
    let made: BinaryEvents | null = null;
    if (typeof WebAssembly !== 'undefined' && n > 0) {
      try {
        const memory = new WebAssembly.Memory({ initial: 1 });
        const inst = new WebAssembly.Instance(new WebAssembly.Module(encodeEvents(n)), { m: { mem: memory } });
        made = new BinaryEvents(n, memory, inst.exports as BinaryEvents['fn']);
      } catch { made = null; }
    }
    BinaryEvents.byN.set(n, made);
    return made;
  }

  /**
   * Events of x [b][t][i] with rows time-major (r = t·B + b), or null when a byte is neither 0 nor 1. With
   * `room`, copied into its arrays (grown when too small) and returned as their views, valid until the room's
   * next use: a fresh 1 MB array per batch (the tutorial's ~290,000 events) cost more than building them.
   */
  build(x: Uint8Array, B: number, T: number, room?: EventRoom): InputEvents | null {
    const len = x.length, padded = (len + 31) & ~15; // 16 readable bytes past a row's last chunk
    this.ensure(padded);
    const bytes = new Uint8Array(this.memory.buffer, 0, padded);
    bytes.set(x);
    bytes.fill(0, len);
    const count = this.fn.scan(0, padded >> 4);
    if (count < 0) return null;
    const rows = T * B, ptrA = padded, idxA = ptrA + 4 * (rows + 1);
    this.ensure(idxA + 4 * count);
    this.fn.events(0, B, T, ptrA, idxA);
    const buf = this.memory.buffer, ptr = new Int32Array(buf, ptrA, rows + 1), idx = new Int32Array(buf, idxA, count);
    if (!room) return { rows, ptr: ptr.slice(), idx: idx.slice(), val: null };
    if (room.ptr.length < rows + 1) room.ptr = new Int32Array(rows + 1);
    if (room.idx.length < count) room.idx = new Int32Array(count + (count >> 3)); // room for the next batches' spread
    room.ptr.set(ptr); room.idx.set(idx);
    return { rows, ptr: room.ptr.subarray(0, rows + 1), idx: room.idx.subarray(0, count), val: null };
  }

  private ensure(bytes: number) {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / 65536));
  }
}

/**
 * `scan(xA, chunks)`: the count of nonzero bytes in chunks × 16 bytes, or −1 when one is above 1.
 * `events(xA, B, T, ptrA, idxA)`: rows r = t·B + b of sample b's step t (n bytes at xA + (b·T + t)·n): the
 * row's first event at ptr[r] (i32 at ptrA), its inputs ascending at idxA; ptr[T·B] = the count.
 */
function encodeEvents(n: number): Uint8Array {
  const OPX = { i32Eqz: 0x45, i32Sub: 0x6b, i32And: 0x71, i32Ctz: 0x68, i32Popcnt: 0x69, i32Store: 0x36, if: 0x04, return: 0x0f };
  const V_OR = [SIMD, ...uleb(0x50)], V_AND = [SIMD, ...uleb(0x4e)], V_ANY = [SIMD, ...uleb(0x53)], I8_SPLAT = [SIMD, ...uleb(0x0f)];
  const I8_NEG = [SIMD, ...uleb(0x61)], I8_BITMASK = [SIMD, ...uleb(0x64)];
  const get = (l: number) => [OP.localGet, ...uleb(l)], set = (l: number) => [OP.localSet, ...uleb(l)];
  const i32c = (v: number) => [OP.i32Const, ...sleb(v)];
  const inc = (l: number, by: number) => [...get(l), ...i32c(by), OP.i32Add, ...set(l)];
  // scan: params xA(0), chunks(1); locals k(2) i32, count(3) i32, v(4) v128, or(5) v128.
  const scan: number[] = [];
  scan.push(OP.block, 0x40, OP.loop, 0x40, ...get(2), ...get(1), OP.i32GeU, OP.brIf, 1);
  scan.push(...get(0), ...V128_LOAD, ...uleb(0), ...uleb(0), ...set(4));
  scan.push(...get(5), ...get(4), ...V_OR, ...set(5));
  scan.push(...get(3), ...get(4), ...I8_NEG, ...I8_BITMASK, OPX.i32Popcnt, OP.i32Add, ...set(3));
  scan.push(...inc(0, 16), ...inc(2, 1), OP.br, 0, OP.end, OP.end);
  // A byte above 1: a bit other than the lowest set in the or of all bytes.
  scan.push(...get(5), ...i32c(0xfe), ...I8_SPLAT, ...V_AND, ...V_ANY, OPX.if, 0x40, ...i32c(-1), OPX.return, OP.end, ...get(3));
  const scanBody = [...vec([[2, I32], [2, V128]]), ...scan, OP.end];
  // events: params xA(0), B(1), T(2), ptrA(3), idxA(4); locals t(5), b(6), row(7), k(8), m(9), at(10) i32, w(11) i64.
  // A row's inputs in groups of 64: four chunks' 16-bit masks joined into one i64 mask, its bits visited with
  // i64.ctz — a quarter of the visiting loops' exits (a mispredicted branch each) of one loop per chunk.
  const OP64 = { i64Const: 0x42, i64Eqz: 0x50, i64Ctz: 0x7a, i64Sub: 0x7d, i64And: 0x83, i64Or: 0x84, i64Shl: 0x86, i32Wrap: 0xa7, i64ExtendU: 0xad };
  const ev: number[] = [];
  const visit = (base: number) => [
    // while (w) { idx[at++] = base + ctz(w); w &= w − 1 }
    OP.block, 0x40, OP.loop, 0x40, ...get(11), OP64.i64Eqz, OP.brIf, 1,
    ...get(4), ...get(10), ...i32c(4), OP.i32Mul, OP.i32Add, ...i32c(base), ...get(11), OP64.i64Ctz, OP64.i32Wrap, OP.i32Add, ...mem(OPX.i32Store, 2, 0),
    ...inc(10, 1), ...get(11), ...get(11), OP64.i64Const, 1, OP64.i64Sub, OP64.i64And, ...set(11), OP.br, 0, OP.end, OP.end,
  ];
  // The 16-bit mask of bytes [k, k + 16) of the row (bytes past n, read from the next row or the padding, masked off).
  const mask = (k: number) => [
    ...get(7), ...V128_LOAD, ...uleb(0), ...uleb(k), ...I8_NEG, ...I8_BITMASK,
    ...(n - k < 16 ? [...i32c((1 << (n - k)) - 1), OPX.i32And] : []),
  ];
  ev.push(OP.block, 0x40, OP.loop, 0x40, ...get(5), ...get(2), OP.i32GeU, OP.brIf, 1, ...i32c(0), ...set(6));
  ev.push(OP.block, 0x40, OP.loop, 0x40, ...get(6), ...get(1), OP.i32GeU, OP.brIf, 1);
  // ptr[t·B + b] = at; row = xA + (b·T + t)·n
  ev.push(...get(3), ...get(10), ...mem(OPX.i32Store, 2, 0), ...inc(3, 4));
  ev.push(...get(0), ...get(6), ...get(2), OP.i32Mul, ...get(5), OP.i32Add, ...i32c(n), OP.i32Mul, OP.i32Add, ...set(7));
  for (let g = 0; g < n; g += 64) {
    for (let k = g; k < Math.min(g + 64, n); k += 16) {
      ev.push(...mask(k), OP64.i64ExtendU);
      if (k > g) ev.push(OP64.i64Const, ...sleb(k - g), OP64.i64Shl, OP64.i64Or);
    }
    ev.push(...set(11), ...visit(g));
  }
  ev.push(...inc(6, 1), OP.br, 0, OP.end, OP.end, ...inc(5, 1), OP.br, 0, OP.end, OP.end);
  ev.push(...get(3), ...get(10), ...mem(OPX.i32Store, 2, 0), ...get(10));
  const evBody = [...vec([[6, I32], [1, 0x7e]]), ...ev, OP.end];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, 2, I32, I32, 1, I32], [0x60, 5, I32, I32, I32, I32, I32, 1, I32]])),
    ...section(2, vec([[...str('m'), ...str('mem'), 0x02, 0x00, 1]])),
    ...section(3, vec([[0], [1]])),
    ...section(7, vec([[...str('scan'), 0x00, 0], [...str('events'), 0x00, 1]])),
    ...section(10, vec([[...uleb(scanBody.length), ...scanBody], [...uleb(evBody.length), ...evBody]])),
  ]);
}
