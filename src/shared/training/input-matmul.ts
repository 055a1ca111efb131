// The CPU trainer's input matmuls as WebAssembly SIMD (issue #14 item 4; docs/training.md, "Backends"): the
// forward dst[b][n] += Σ_e x_e·W[i_e][n] and the weight gradient g[i_e][n] += Σ_b x_e·gh[b][n] over the input
// spikes' events (./cpu-model.ts `InputEvents`), most of the CPU trainer's time (docs/benchmarks.md). A module is
// generated per population size N (bytes, no eval: the app allows 'wasm-unsafe-eval' only, docs/electron.md):
// columns in blocks of up to 16 f64 held in eight v128 locals while a row's events stream through W's rows
// (the forward), or a row of gh held while the events' gradient rows are updated (the backward). Each output
// element gets the same f64 operations in the same order as the JS loops of ./cpu-model.ts (the fallback where
// WebAssembly cannot compile), so the results are bit-identical to them (./input-matmul.test.ts).
import { mem, section, str, uleb, vec } from '../models/dynamics/wasm';
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
  }

  /** dst[b][n] += Σ_i x[t][b][i]·W[i][n] for the input rows of step t (W as loaded). */
  accumulate(t: number, dst: Float64Array): void {
    const { base: b, B, N } = this, row = new Float64Array(this.buf, b.row, B * N);
    row.set(dst);
    (this.ev!.val ? this.fn.accv : this.fn.acc)(b.ptr + 4 * t * B, B, b.idx, b.val, b.w, b.row);
    dst.set(row);
  }

  /** g[i][n] += Σ_b x[t][b][i]·gh[b][n] for the input rows of step t (g: the loaded matrix). */
  outer(t: number, gh: Float64Array): void {
    const { base: b, B, N } = this;
    new Float64Array(this.buf, b.row, B * N).set(gh);
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

/** Signed LEB128 (i32.const immediates). */
function sleb(n: number): number[] {
  const o: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) { o.push(b); return o; }
    o.push(b | 0x80);
  }
}
