// The WebAssembly exp (./wasm-exp.ts) against the host's Math.exp, bit for bit: every branch of fdlibm's
// algorithm (NaN, ±∞, overflow, underflow, |x| < 2^-28, the |x| < 1.5 ln2 reduction and exp(1), the general
// reduction, results below 2^-1021 scaled twice) and ~4 million values across the f64 range. Equal results
// here are what lets the CPU trainer's lane program call it instead of the imported Math.exp and stay
// bit-identical to the JS lane program (../../training/lanes-wasm.ts).
import { describe, expect, it } from 'vitest';
import { CounterRng } from '../../rng';
import { section, str, vec } from './wasm-encode';
import { expFunction } from './wasm-exp';

// In every runtime the tests run in, but in no ES lib typing src/shared may use (as in ./wasm.ts).
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object) => { exports: Record<string, unknown> };
};

/** A module whose one export is the function. */
function wasmExp(): (x: number) => number {
  const bytes = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, 1, 0x7c, 1, 0x7c]])),
    ...section(3, vec([[0]])),
    ...section(7, vec([[...str('exp'), 0x00, 0]])),
    ...section(10, vec([expFunction()])),
  ]);
  return new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.exp as (x: number) => number;
}

/** The first disagreement in xs (Object.is: −0 and +0 differ, NaN equals NaN), or undefined. */
function firstMismatch(exp: (x: number) => number, xs: Float64Array): [number, number, number] | undefined {
  for (const x of xs) { const a = exp(x), b = Math.exp(x); if (!Object.is(a, b)) return [x, a, b]; }
  return undefined;
}

describe('WebAssembly exp = Math.exp, bit for bit', () => {
  const exp = wasmExp();
  it('special values and every branch', () => {
    const ln2 = Math.LN2;
    const xs = Float64Array.from([
      0, -0, 1, -1, 2, -2, NaN, Infinity, -Infinity, 709.78, 709.7827128933839, 709.79, 1e308, -745.13, -745.1332191019411, -745.14, -1e308,
      -708.4, -708.5, -709, -720, -740, 5e-324, -5e-324, 1e-300, 2 ** -28, -(2 ** -28), 2 ** -29, 0.5 * ln2, -0.5 * ln2, 1.5 * ln2, -1.5 * ln2,
      0.34657359027997264, 0.3465735902799727, 1.0397207708399179, 1.039720770839918, Math.LN10, -Math.PI, 88.7, -103.9, 0.5, -0.5,
    ]);
    expect(firstMismatch(exp, xs)).toBeUndefined();
    expect(exp(1)).toBe(Math.E);
    expect(exp(-745.2)).toBe(0);
    expect(exp(710)).toBe(Infinity);
    expect(exp(-1000 * ln2)).toBeGreaterThan(0); // a subnormal result: the scaled path
  });
  it('~4 million values: the surrogate range, the whole exponent range, and random bit patterns', () => {
    const r = new CounterRng(5, 1);
    const bits = new Float64Array(1), u32 = new Uint32Array(bits.buffer);
    const n = 1 << 20;
    const ranges = [
      Float64Array.from({ length: n }, () => (r.next() - 0.5) * 40), // −β·x of the sigmoid surrogate
      Float64Array.from({ length: n }, () => (r.next() - 0.5) * 1500), // overflow to underflow
      Float64Array.from({ length: n }, () => (r.next() - 0.5) * 1e-6), // near 0
      Float64Array.from({ length: n }, () => { u32[0] = Math.floor(r.next() * 2 ** 32); u32[1] = Math.floor(r.next() * 2 ** 32); return bits[0]; }),
    ];
    for (const xs of ranges) expect(firstMismatch(exp, xs)).toBeUndefined();
  });
});
