// exp(x) as a WebAssembly function, the same f64 algorithm as the host's Math.exp in V8 (Node, Electron,
// Chromium): fdlibm's __ieee754_exp as V8 ports it (FreeBSD msun's form: the result scaled by a power of two
// built from k; exp(1) returns Math.E) — argument reduction x = k·ln2 + r with ln2 split in two parts, a
// degree-5 rational approximation on r, the same constants and operations in the same order — so its results are
// bit-identical to Math.exp there (./wasm-exp.test.ts sweeps ~4 million values and the special cases). Why:
// the CPU trainer's lane program (../../training/lanes-wasm.ts) called the imported Math.exp once per lane and
// step for the sigmoid surrogate, and a call out of WebAssembly into the host costs several times this
// function (docs/benchmarks.md, "Training"); the JS lane program keeps Math.exp, and the lane tests compare
// the two bit for bit.
import { sleb, uleb } from './wasm-encode';

/** Constants of fdlibm's e_exp.c. */
const C = {
  halfHi: 0.5, invln2: 1.44269504088896338700e+00, oThreshold: 7.09782712893383973096e+02, uThreshold: -7.45133219101941108420e+02,
  ln2HI: 6.93147180369123816490e-01, ln2LO: 1.90821492927058770002e-10,
  P1: 1.66666666666666019037e-01, P2: -2.77777777770155933842e-03, P3: 6.61375632143793436117e-05, P4: -1.65339022054652515390e-06, P5: 4.13813679705723846039e-08,
  huge: 1.0e+300, twom1000: 9.33263618503218878990e-302, two1023: 8.988465674311579539e307,
};

/**
 * The function's code entry (its size, locals and body) for a function of type (f64) → f64; put it in a
 * module's code section and call it like an import.
 */
export function expFunction(): number[] {
  const OP = {
    get: 0x20, set: 0x21, if: 0x04, else: 0x05, end: 0x0b, ret: 0x0f, select: 0x1b,
    i32Const: 0x41, i64Const: 0x42, f64Const: 0x44, i32Eqz: 0x45, i32Eq: 0x46, i32LtU: 0x49, i32GtU: 0x4b, i32GeS: 0x4e, i32GeU: 0x4f,
    f64Eq: 0x61, f64Ne: 0x62, f64Lt: 0x63, f64Gt: 0x64, i32Add: 0x6a, i32Sub: 0x6b, i32And: 0x71, i32ShrU: 0x76, i64Shl: 0x86, i64ShrU: 0x88,
    f64Add: 0xa0, f64Sub: 0xa1, f64Mul: 0xa2, f64Div: 0xa3, i32WrapI64: 0xa7, i32TruncF64S: 0xaa, i64ExtendI32S: 0xac, f64ConvertI32S: 0xb7,
    i64ReinterpretF64: 0xbd, f64ReinterpretI64: 0xbf,
  } as const;
  const f = (v: number) => [OP.f64Const, ...new Uint8Array(new Float64Array([v]).buffer)];
  const i = (v: number) => [OP.i32Const, ...sleb(v)];
  // Param 0 x; locals 1 hx, 2 xsb, 3 k (i32), 4 hi, 5 lo, 6 t, 7 c, 8 y (f64).
  const x = 0, hx = 1, xsb = 2, k = 3, hi = 4, lo = 5, t = 6, c = 7, y = 8;
  const get = (l: number) => [OP.get, l], set = (l: number) => [OP.set, l];
  const pos = [...get(xsb), OP.i32Eqz]; // x ≥ 0: select(a, b, pos) is halF[xsb]-style indexing
  /** 2^e as f64 for e = k + bias (the exponent field k + bias + 1023, as INSERT_WORDS(0x3ff00000 + (k << 20)) does). */
  const twoTo = (bias: number) => [...get(k), ...i(bias + 1023), OP.i32Add, OP.i64ExtendI32S, OP.i64Const, 52, OP.i64Shl, OP.f64ReinterpretI64];
  const body = [
    // hx = high word of x; xsb = its sign; hx &= 0x7fffffff
    ...get(x), OP.i64ReinterpretF64, OP.i64Const, 32, OP.i64ShrU, OP.i32WrapI64, ...set(hx),
    ...get(hx), ...i(31), OP.i32ShrU, ...set(xsb), ...get(hx), ...i(0x7fffffff), OP.i32And, ...set(hx),
    // |x| ≥ 709.78…: NaN → x + x, ±∞ → ∞ or 0, overflow → huge·huge, underflow → twom1000·twom1000
    ...get(hx), ...i(0x40862e42), OP.i32GeU, OP.if, 0x40,
    ...get(hx), ...i(0x7ff00000), OP.i32GeU, OP.if, 0x40,
    ...get(x), ...get(x), OP.f64Ne, OP.if, 0x40, ...get(x), ...get(x), OP.f64Add, OP.ret, OP.end,
    ...get(x), ...f(0), ...pos, OP.select, OP.ret, OP.end,
    ...get(x), ...f(C.oThreshold), OP.f64Gt, OP.if, 0x40, ...f(C.huge), ...f(C.huge), OP.f64Mul, OP.ret, OP.end,
    ...get(x), ...f(C.uThreshold), OP.f64Lt, OP.if, 0x40, ...f(C.twom1000), ...f(C.twom1000), OP.f64Mul, OP.ret, OP.end,
    OP.end,
    // argument reduction
    ...get(hx), ...i(0x3fd62e42), OP.i32GtU, OP.if, 0x40, // |x| > 0.5 ln2
    ...get(hx), ...i(0x3ff0a2b2), OP.i32LtU, OP.if, 0x40, // and |x| < 1.5 ln2
    ...get(x), ...f(1), OP.f64Eq, OP.if, 0x40, ...f(Math.E), OP.ret, OP.end, // V8's special case
    ...get(x), ...f(C.ln2HI), ...f(-C.ln2HI), ...pos, OP.select, OP.f64Sub, ...set(hi),
    ...f(C.ln2LO), ...f(-C.ln2LO), ...pos, OP.select, ...set(lo),
    ...i(1), ...get(xsb), OP.i32Sub, ...get(xsb), OP.i32Sub, ...set(k),
    OP.else,
    ...f(C.invln2), ...get(x), OP.f64Mul, ...f(C.halfHi), ...f(-C.halfHi), ...pos, OP.select, OP.f64Add, OP.i32TruncF64S, ...set(k),
    ...get(k), OP.f64ConvertI32S, ...set(t),
    ...get(x), ...get(t), ...f(C.ln2HI), OP.f64Mul, OP.f64Sub, ...set(hi),
    ...get(t), ...f(C.ln2LO), OP.f64Mul, ...set(lo),
    OP.end,
    ...get(hi), ...get(lo), OP.f64Sub, ...set(x),
    OP.else,
    // |x| < 2^-28: 1 + x (fdlibm's `huge + x > one` is always true there)
    ...get(hx), ...i(0x3e300000), OP.i32LtU, OP.if, 0x40,
    ...f(C.huge), ...get(x), OP.f64Add, ...f(1), OP.f64Gt, OP.if, 0x40, ...f(1), ...get(x), OP.f64Add, OP.ret, OP.end,
    OP.end,
    OP.end,
    // t = x·x; c = x − t·(P1 + t·(P2 + t·(P3 + t·(P4 + t·P5))))
    ...get(x), ...get(x), OP.f64Mul, ...set(t),
    ...get(x), ...get(t),
    ...f(C.P1), ...get(t), ...f(C.P2), ...get(t), ...f(C.P3), ...get(t), ...f(C.P4), ...get(t), ...f(C.P5),
    OP.f64Mul, OP.f64Add, OP.f64Mul, OP.f64Add, OP.f64Mul, OP.f64Add, OP.f64Mul, OP.f64Add, OP.f64Mul, OP.f64Sub, ...set(c),
    // k = 0: 1 − ((x·c)/(c − 2) − x)
    ...get(k), OP.i32Eqz, OP.if, 0x40,
    ...f(1), ...get(x), ...get(c), OP.f64Mul, ...get(c), ...f(2), OP.f64Sub, OP.f64Div, ...get(x), OP.f64Sub, OP.f64Sub, OP.ret,
    OP.end,
    // y = 1 − ((lo − (x·c)/(2 − c)) − hi)
    ...f(1), ...get(lo), ...get(x), ...get(c), OP.f64Mul, ...f(2), ...get(c), OP.f64Sub, OP.f64Div, OP.f64Sub, ...get(hi), OP.f64Sub, OP.f64Sub, ...set(y),
    // y·2^k (k = 1024: y·2·2^1023), or below −1021 y·2^(k+1000)·2^−1000
    ...get(k), ...i(-1021), OP.i32GeS, OP.if, 0x40,
    ...get(k), ...i(1024), OP.i32Eq, OP.if, 0x40, ...get(y), ...f(2), OP.f64Mul, ...f(C.two1023), OP.f64Mul, OP.ret, OP.end,
    ...get(y), ...twoTo(0), OP.f64Mul, OP.ret,
    OP.end,
    ...get(y), ...twoTo(1000), OP.f64Mul, ...f(C.twom1000), OP.f64Mul,
    OP.end,
  ];
  const entry = [2, 3, 0x7f, 5, 0x7c, ...body];
  return [...uleb(entry.length), ...entry];
}

