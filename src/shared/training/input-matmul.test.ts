// The CPU trainer's WebAssembly input matmuls (./input-matmul.ts) against the JS loops they replace
// (./cpu-model.ts, the fallback where WebAssembly cannot compile): bit for bit, since each output element gets
// the same f64 operations in the same order. Sizes cover one column, an odd tail, exactly one block (16) and
// several blocks with a tail; binary events and valued ones; rows without events. And the events of binary
// bytes built from bit masks in WebAssembly = those of the JS pass over the same values.
import { describe, expect, it } from 'vitest';
import { CounterRng } from '../rng';
import { accumulateEvents, inputEvents, outerEvents } from './cpu-model';
import { BinaryEvents, InputMatmul } from './input-matmul';

function randomInput(r: CounterRng, B: number, T: number, n: number, density: number, valued: boolean): Float64Array {
  const x = new Float64Array(B * T * n);
  for (let i = 0; i < x.length; i++) if (r.next() < density) x[i] = valued ? r.next() * 4 - 2 : 1;
  return x;
}

describe('input matmuls: WebAssembly SIMD = the JS loops, bit for bit', () => {
  for (const [nIn, N, B, valued] of [[7, 1, 3, false], [40, 5, 4, true], [33, 16, 2, false], [20, 37, 5, true], [200, 30, 6, false]] as const) {
    it(`${nIn} inputs → ${N}, batch ${B}, ${valued ? 'valued' : 'binary'} events`, () => {
      const r = new CounterRng(11, nIn * 100 + N), T = 4;
      const x = randomInput(r, B, T, nIn, 0.3, valued);
      for (let i = 0; i < nIn; i++) x[i] = 0; // sample 0, step 0: a row without events
      const ev = inputEvents(x, B, T, nIn);
      expect(ev.val === null).toBe(!valued);
      const W = Float64Array.from({ length: nIn * N }, () => r.next() * 2 - 1);
      const k = InputMatmul.create(nIn, N);
      expect(k, 'the module compiled').not.toBeNull();
      // Forward: every step into a non-zero destination.
      k!.load(ev, B, W);
      for (let t = 0; t < T; t++) {
        const start = Float64Array.from({ length: B * N }, () => r.next());
        const js = start.slice(), wasm = start.slice();
        accumulateEvents(ev, t, W, N, B, js);
        k!.accumulate(t, wasm);
        expect(wasm).toEqual(js);
        expect(js).not.toEqual(start);
      }
      // Backward: gradients accumulated over every step from a non-zero start.
      const g0 = Float64Array.from({ length: nIn * N }, () => r.next());
      const gJs = g0.slice(), gWasm = new Float64Array(nIn * N);
      k!.load(ev, B, g0);
      for (let t = 0; t < T; t++) {
        const gh = Float64Array.from({ length: B * N }, () => r.next() * 2 - 1);
        outerEvents(ev, t, gh, N, B, gJs);
        k!.outer(t, gh);
      }
      k!.readMatrix(gWasm);
      expect(gWasm).toEqual(gJs);
      expect(gJs).not.toEqual(g0);
    });
  }

  it('grows its memory for a batch with more events than the last', () => {
    const r = new CounterRng(3, 1), nIn = 300, N = 9, T = 20, W = Float64Array.from({ length: nIn * N }, () => r.next());
    const k = InputMatmul.create(nIn, N)!;
    for (const B of [1, 64]) {
      const ev = inputEvents(randomInput(r, B, T, nIn, 0.9, false), B, T, nIn);
      k.load(ev, B, W);
      const js = new Float64Array(B * N), wasm = new Float64Array(B * N);
      accumulateEvents(ev, T - 1, W, N, B, js);
      k.accumulate(T - 1, wasm);
      expect(wasm).toEqual(js);
    }
  });
});

describe('binary input events: WebAssembly bit masks = the JS pass', () => {
  for (const [n, density] of [[1, 0.5], [15, 0.2], [16, 1], [17, 0.2], [63, 0.3], [64, 1], [65, 0.2], [130, 0.5], [200, 0.2], [37, 0]] as const) {
    it(`${n} inputs, density ${density}`, () => {
      const r = new CounterRng(5, n), B = 3, T = 7;
      const x = new Uint8Array(B * T * n);
      for (let i = 0; i < x.length; i++) x[i] = r.next() < density ? 1 : 0;
      const wasm = BinaryEvents.for(n)!.build(x, B, T);
      expect(wasm, 'the module compiled').not.toBeNull();
      const js = inputEvents(Float64Array.from(x), B, T, n); // not bytes: the JS pass
      expect(wasm!.ptr).toEqual(js.ptr);
      expect(wasm!.idx).toEqual(js.idx);
      expect(wasm!.val).toBeNull();
      expect(wasm!.idx.length).toBe(x.reduce((a, v) => a + v, 0));
    });
  }

  it('a byte other than 0 or 1: no bit-mask events; inputEvents then keeps the values', () => {
    const x = new Uint8Array(2 * 3 * 20);
    x[5] = 1; x[47] = 2;
    expect(BinaryEvents.for(20)!.build(x, 2, 3)).toBeNull();
    const ev = inputEvents(x, 2, 3, 20);
    expect(Array.from(ev.idx)).toEqual([5, 7]);
    expect(Array.from(ev.val!)).toEqual([1, 2]);
  });
});
