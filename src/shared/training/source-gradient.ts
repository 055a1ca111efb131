// The CPU trainer's source gradient gSrc[b][i] += Σ_n W[i][n]·gh[b][n] (./cpu-model.ts `backInto`: dL/d(an
// earlier population's output) through a projection) as WebAssembly SIMD, generated per source count nPre: W
// held transposed (Wᵀ[n][i]) so that sources i, i + 1 are adjacent, and the sums of up to 16 sources at once in
// eight f64x2 accumulators while n runs — each source's sum still from 0 in order n = 0, 1, …, then added, the
// same f64 operations as the JS loop in the same order, so bit-identical to it (./source-gradient.test.ts),
// which stays as the fallback where WebAssembly cannot compile. The scalar form it replaces summed one source at
// a time, a chain of dependent adds; independent chains side by side are what the CPU runs fast
// (docs/benchmarks.md, "Training"). Bytes, no eval (docs/electron.md). docs/training.md, "Backends".
import { mem, section, sleb, str, uleb, vec } from '../models/dynamics/wasm-encode';

declare const WebAssembly: {
  Memory: new (d: { initial: number }) => { buffer: ArrayBuffer; grow(pages: number): number };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
} | undefined;

type Fn = (wA: number, N: number, B: number, ghA: number, gA: number) => void;

/** Sources per block: eight v128 accumulators, as in ./input-matmul.ts. */
const BLOCK_VECS = 8;

/** One projection's W (nPre × N, held as Wᵀ) in the module's memory for the steps of a backward pass. */
export class SourceGradient {
  private N = 0;
  private B = 0;
  /** Views of Wᵀ, gh and gSrc in the module's memory, made by load() (not per call). */
  private gh = new Float64Array(0);
  private g = new Float64Array(0);
  private constructor(private readonly nPre: number, private readonly memory: { buffer: ArrayBuffer; grow(pages: number): number }, private readonly fn: Fn) {}

  private static byN = new Map<number, SourceGradient | null>();

  /** The kernel for nPre sources (one per thread and nPre), or null where WebAssembly (with SIMD) cannot compile here. */
  static get(nPre: number): SourceGradient | null {
    if (SourceGradient.byN.has(nPre)) return SourceGradient.byN.get(nPre)!;
    let made: SourceGradient | null = null;
    if (typeof WebAssembly !== 'undefined' && nPre > 0) {
      try {
        const memory = new WebAssembly.Memory({ initial: 1 });
        const inst = new WebAssembly.Instance(new WebAssembly.Module(encode(nPre)), { m: { mem: memory } });
        made = new SourceGradient(nPre, memory, inst.exports.back as Fn);
      } catch { /* the JS loop */ }
    }
    SourceGradient.byN.set(nPre, made);
    return made;
  }

  /** Hold W (nPre × N) for batches of B. */
  load(W: Float64Array, N: number, B: number): void {
    const nPre = this.nPre, need = 8 * (nPre * N + B * N + B * nPre), have = this.memory.buffer.byteLength;
    if (need > have) this.memory.grow(Math.ceil((need - have) / 65536));
    const buf = this.memory.buffer, wt = new Float64Array(buf, 0, nPre * N);
    for (let i = 0; i < nPre; i++) for (let n = 0; n < N; n++) wt[n * nPre + i] = W[i * N + n];
    this.N = N; this.B = B;
    this.gh = new Float64Array(buf, 8 * nPre * N, B * N);
    this.g = new Float64Array(buf, 8 * (nPre * N + B * N), B * nPre);
  }

  /** gSrc[b][i] += Σ_n W[i][n]·gh[b][n] with the held W. */
  apply(gh: Float64Array, gSrc: Float64Array): void {
    const { N, B, g } = this;
    this.gh.set(gh);
    g.set(gSrc);
    this.fn(0, N, B, this.gh.byteOffset, g.byteOffset);
    gSrc.set(g);
  }
}

/**
 * back(wA, N, B, ghA, gA) for nPre sources: for b, for each block of sources: acc = 0; for n: acc += Wᵀ[n][block]
 * ·gh[b][n]; g[b][block] += acc. Wᵀ at wA (N × nPre f64), gh at ghA (B × N), g at gA (B × nPre).
 */
function encode(nPre: number): Uint8Array {
  const I32 = 0x7f, F64 = 0x7c, V128 = 0x7b, SIMD = 0xfd;
  const OP = { get: 0x20, set: 0x21, block: 0x02, loop: 0x03, br: 0x0c, brIf: 0x0d, end: 0x0b, i32Const: 0x41, i32GeU: 0x4f, i32Add: 0x6a, f64Const: 0x44, f64Load: 0x2b, f64Store: 0x39, f64Add: 0xa0, f64Mul: 0xa2 };
  const V128_LOAD = [SIMD, 0x00], V128_STORE = [SIMD, 0x0b], V128_CONST0 = [SIMD, 0x0c, ...new Array(16).fill(0)], F64X2_SPLAT = [SIMD, 0x14];
  const F64X2_ADD = [SIMD, ...uleb(0xf0)], F64X2_MUL = [SIMD, ...uleb(0xf2)];
  const F64_0 = [OP.f64Const, 0, 0, 0, 0, 0, 0, 0, 0];
  const blocks: { col: number; vecs: number; tail: boolean }[] = [];
  for (let c = 0; c < nPre; c += 2 * BLOCK_VECS) {
    const n = Math.min(2 * BLOCK_VECS, nPre - c);
    blocks.push({ col: c, vecs: n >> 1, tail: (n & 1) === 1 });
  }
  // Params 0 wA, 1 N, 2 B, 3 ghA, 4 gA. Locals 5 b, 6 n, 7 w (Wᵀ row address), 8 h (gh element address) i32;
  // 9 s (v128: gh[b][n] twice), 10 x (f64: gh[b][n]), 11.. acc[8] (v128), accS (f64).
  const P = { w: 0, N: 1, B: 2, gh: 3, g: 4 }, L = { b: 5, n: 6, w: 7, h: 8, s: 9, x: 10, acc: 11, accS: 11 + BLOCK_VECS };
  const get = (l: number) => [OP.get, ...uleb(l)], set = (l: number) => [OP.set, ...uleb(l)];
  const i32c = (v: number) => [OP.i32Const, ...sleb(v)];
  const inc = (l: number, by: number[]) => [...get(l), ...by, OP.i32Add, ...set(l)];
  const c: number[] = [];
  // for (b = 0; b < B; b++, ghA += 8·N (the row), gA += 8·nPre)
  c.push(...i32c(0), ...set(L.b), OP.block, 0x40, OP.loop, 0x40, ...get(L.b), ...get(P.B), OP.i32GeU, OP.brIf, 1);
  for (const k of blocks) {
    const off = (j: number) => k.col * 8 + 16 * j, tailOff = k.col * 8 + 16 * k.vecs;
    for (let j = 0; j < k.vecs; j++) c.push(...V128_CONST0, ...set(L.acc + j));
    if (k.tail) c.push(...F64_0, ...set(L.accS));
    // for (n = 0, w = wA, h = ghA; n < N; n++, w += 8·nPre, h += 8)
    c.push(...i32c(0), ...set(L.n), ...get(P.w), ...set(L.w), ...get(P.gh), ...set(L.h));
    c.push(OP.block, 0x40, OP.loop, 0x40, ...get(L.n), ...get(P.N), OP.i32GeU, OP.brIf, 1);
    c.push(...get(L.h), ...mem(OP.f64Load, 3, 0), ...set(L.x), ...get(L.x), ...F64X2_SPLAT, ...set(L.s));
    // acc += Wᵀ[n][i]·gh[b][n] (the JS loop's `acc += W[w + n] * gh[o + n]`)
    for (let j = 0; j < k.vecs; j++) c.push(...get(L.acc + j), ...get(L.w), ...V128_LOAD, ...uleb(3), ...uleb(off(j)), ...get(L.s), ...F64X2_MUL, ...F64X2_ADD, ...set(L.acc + j));
    if (k.tail) c.push(...get(L.accS), ...get(L.w), ...mem(OP.f64Load, 3, tailOff), ...get(L.x), OP.f64Mul, OP.f64Add, ...set(L.accS));
    c.push(...inc(L.w, i32c(8 * nPre)), ...inc(L.h, i32c(8)), ...inc(L.n, i32c(1)), OP.br, 0, OP.end, OP.end);
    // g[b][i] += acc
    for (let j = 0; j < k.vecs; j++) c.push(...get(P.g), ...get(P.g), ...V128_LOAD, ...uleb(3), ...uleb(off(j)), ...get(L.acc + j), ...F64X2_ADD, ...V128_STORE, ...uleb(3), ...uleb(off(j)));
    if (k.tail) c.push(...get(P.g), ...get(P.g), ...mem(OP.f64Load, 3, tailOff), ...get(L.accS), OP.f64Add, ...mem(OP.f64Store, 3, tailOff));
  }
  c.push(...get(P.gh), ...get(P.N), ...i32c(8), 0x6c /* i32.mul */, OP.i32Add, ...set(P.gh), ...inc(P.g, i32c(8 * nPre)));
  c.push(...inc(L.b, i32c(1)), OP.br, 0, OP.end, OP.end);
  const body = [...vec([[4, I32], [1, V128], [1, F64], [BLOCK_VECS, V128], [1, F64]]), ...c, OP.end];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, 5, I32, I32, I32, I32, I32, 0]])),
    ...section(2, vec([[...str('m'), ...str('mem'), 0x02, 0x00, 1]])),
    ...section(3, vec([[0]])),
    ...section(7, vec([[...str('back'), 0x00, 0]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}
