// The CPU trainer's source gradient gSrc[b][i] += Σ_n W[i][n]·gh[b][n] (./cpu-model.ts `backInto`: dL/d(an
// earlier population's output) through a projection) as WebAssembly: the same scalar f64 loop — each sum from 0
// in order n = 0, 1, …, then added — so bit-identical to the JS loop (./source-gradient.test.ts), which stays as
// the fallback where WebAssembly cannot compile. Bytes, no eval (docs/electron.md). docs/training.md, "Backends".
import { mem, section, str, uleb, vec } from '../models/dynamics/wasm-encode';

declare const WebAssembly: {
  Memory: new (d: { initial: number }) => { buffer: ArrayBuffer; grow(pages: number): number };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
} | undefined;

type Fn = (wA: number, nPre: number, N: number, B: number, ghA: number, gA: number) => void;

/** One projection's W (nPre × N) held in the module's memory for the steps of a backward pass. */
export class SourceGradient {
  private nPre = 0;
  private N = 0;
  private B = 0;
  /** Views of gh and gSrc in the module's memory, made by load() (not per call). */
  private gh = new Float64Array(0);
  private g = new Float64Array(0);
  private constructor(private readonly memory: { buffer: ArrayBuffer; grow(pages: number): number }, private readonly fn: Fn) {}

  private static made: SourceGradient | null | undefined;

  /** The kernel (one per thread), or null where WebAssembly cannot compile here. */
  static get(): SourceGradient | null {
    if (SourceGradient.made !== undefined) return SourceGradient.made;
    SourceGradient.made = null;
    if (typeof WebAssembly !== 'undefined') {
      try {
        const memory = new WebAssembly.Memory({ initial: 1 });
        const inst = new WebAssembly.Instance(new WebAssembly.Module(encode()), { m: { mem: memory } });
        SourceGradient.made = new SourceGradient(memory, inst.exports.back as Fn);
      } catch { /* the JS loop */ }
    }
    return SourceGradient.made;
  }

  /** Hold W (nPre × N) for batches of B. */
  load(W: Float64Array, nPre: number, N: number, B: number): void {
    const need = 8 * (nPre * N + B * N + B * nPre), have = this.memory.buffer.byteLength;
    if (need > have) this.memory.grow(Math.ceil((need - have) / 65536));
    const buf = this.memory.buffer;
    new Float64Array(buf, 0, nPre * N).set(W);
    this.nPre = nPre; this.N = N; this.B = B;
    this.gh = new Float64Array(buf, 8 * nPre * N, B * N);
    this.g = new Float64Array(buf, 8 * (nPre * N + B * N), B * nPre);
  }

  /** gSrc[b][i] += Σ_n W[i][n]·gh[b][n] with the held W. */
  apply(gh: Float64Array, gSrc: Float64Array): void {
    const { nPre, N, B, g } = this;
    this.gh.set(gh);
    g.set(gSrc);
    this.fn(0, nPre, N, B, g.byteOffset - 8 * B * N, g.byteOffset);
    gSrc.set(g);
  }
}

/** back(wA, nPre, N, B, ghA, gA): for b, for i: acc = 0; for n: acc += W[i][n]·gh[b][n]; g[b][i] += acc. */
function encode(): Uint8Array {
  const I32 = 0x7f, F64 = 0x7c;
  const OP = { get: 0x20, set: 0x21, tee: 0x22, block: 0x02, loop: 0x03, br: 0x0c, brIf: 0x0d, end: 0x0b, i32Const: 0x41, i32GeU: 0x4f, i32Add: 0x6a, i32Mul: 0x6c, f64Const: 0x44, f64Load: 0x2b, f64Store: 0x39, f64Add: 0xa0, f64Mul: 0xa2 };
  const get = (l: number) => [OP.get, l], set = (l: number) => [OP.set, l];
  const inc = (l: number, by: number[]) => [...get(l), ...by, OP.i32Add, ...set(l)];
  // Params 0 wA, 1 nPre, 2 N, 3 B, 4 ghA, 5 gA. Locals 6 b, 7 i, 8 n, 9 w (W row address), 10 h (gh row address), 11 p (W/gh offset) i32; 12 acc f64.
  const loopTo = (l: number, end: number[], body: number[]) => [...[OP.i32Const, 0], ...set(l), OP.block, 0x40, OP.loop, 0x40, ...get(l), ...end, OP.i32GeU, OP.brIf, 1, ...body, ...inc(l, [OP.i32Const, 1]), OP.br, 0, OP.end, OP.end];
  const nLoop = loopTo(8, get(2), [
    ...get(12), ...get(9), ...get(11), OP.i32Add, ...mem(OP.f64Load, 3, 0), ...get(10), ...get(11), OP.i32Add, ...mem(OP.f64Load, 3, 0), OP.f64Mul, OP.f64Add, ...set(12),
    ...inc(11, [OP.i32Const, 8]),
  ]);
  const iLoop = loopTo(7, get(1), [
    // acc = 0; w = wA + 8·i·N; p = 0
    OP.f64Const, 0, 0, 0, 0, 0, 0, 0, 0, ...set(12), ...get(0), ...get(7), ...get(2), OP.i32Mul, OP.i32Const, 8, OP.i32Mul, OP.i32Add, ...set(9), OP.i32Const, 0, ...set(11),
    ...nLoop,
    // g[b][i] += acc (at gA, which advances by 8 per i)
    ...get(5), ...get(5), ...mem(OP.f64Load, 3, 0), ...get(12), OP.f64Add, ...mem(OP.f64Store, 3, 0), ...inc(5, [OP.i32Const, 8]),
  ]);
  // h = ghA + 8·b·N
  const bLoop = loopTo(6, get(3), [...get(4), ...get(6), ...get(2), OP.i32Mul, OP.i32Const, 8, OP.i32Mul, OP.i32Add, ...set(10), ...iLoop]);
  const body = [...vec([[6, I32], [1, F64]]), ...bLoop, OP.end];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, 6, I32, I32, I32, I32, I32, I32, 0]])),
    ...section(2, vec([[...str('m'), ...str('mem'), 0x02, 0x00, 1]])),
    ...section(3, vec([[0]])),
    ...section(7, vec([[...str('back'), 0x00, 0]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}
