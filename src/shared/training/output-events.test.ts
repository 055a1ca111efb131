// The events of a population's outputs built in WebAssembly (./output-events.ts) against the JS pass they
// replace (./cpu-model.ts `outputEvents`, the fallback): the same row starts and indices, exactly (integers).
// Sizes cover one output, odd counts (the last pair's second lane is the next row's: it must not count), exactly
// one and two masks of 32, and masks with a tail; rows without spikes; and outputs other than 0/1 refused.
import { describe, expect, it } from 'vitest';
import { CounterRng } from '../rng';
import { outputEvents } from './cpu-model';
import { SpikeEvents } from './output-events';

const buffers = (rows: number, n: number) => ({ ptr: new Int32Array(rows + 1), idx: new Int32Array(rows * n), val: new Float64Array(rows * n) });

describe('output events: WebAssembly SIMD = the JS pass', () => {
  for (const n of [1, 2, 3, 15, 16, 17, 30, 31, 32, 33, 64, 65, 100]) {
    it(`${n} outputs per row`, () => {
      const r = new CounterRng(5, n), rows = 37;
      const a = new Float64Array(rows * n);
      for (let i = 0; i < a.length; i++) if (r.next() < 0.3) a[i] = 1;
      a.fill(0, 3 * n, 4 * n); // a row without spikes
      a.fill(1, 5 * n, 6 * n); // a row of only spikes
      if (n > 1) a[7 * n + n - 1] = 1; // a row's last output alone (an odd row's last pair)
      const js = outputEvents(a, rows, n, buffers(rows, n));
      const k = SpikeEvents.for(n);
      expect(k, 'the module compiled').not.toBeNull();
      // Garbage past the rows (the last pair's load may read it) must not count either.
      const wasm = k!.build(a, rows, buffers(rows, n));
      expect(wasm).not.toBeNull();
      expect(js.val).toBeNull();
      expect(Array.from(wasm!.ptr)).toEqual(Array.from(js.ptr));
      expect(Array.from(wasm!.idx)).toEqual(Array.from(js.idx));
      expect(wasm!.idx.length).toBeGreaterThan(0);
      // Odd n: a spike in the first output of each row after a row ending in 0 must not be taken for that row's.
      const b = new Float64Array(rows * n);
      for (let row = 1; row < rows; row++) b[row * n] = 1;
      const jsB = outputEvents(b, rows, n, buffers(rows, n)), wasmB = k!.build(b, rows, buffers(rows, n))!;
      expect(Array.from(wasmB.ptr)).toEqual(Array.from(jsB.ptr));
      expect(Array.from(wasmB.idx)).toEqual(Array.from(jsB.idx));
    });
  }

  it('refuses outputs other than 0 and 1 (the JS pass gives them with values), in any position', () => {
    for (const n of [1, 5, 32, 33]) {
      const rows = 4, k = SpikeEvents.for(n)!;
      for (const at of [0, n - 1, rows * n - 1]) for (const v of [0.5, -1, 2]) {
        const a = new Float64Array(rows * n);
        a[at] = v;
        expect(k.build(a, rows, buffers(rows, n)), `n ${n}, output ${at} = ${v}`).toBeNull();
      }
      // A value past the rows (an odd row's last pair reads it) is not an output: not refused. A build of one
      // more row leaves 0.5 there in the module's memory.
      const a = new Float64Array((rows + 1) * n);
      a[rows * n] = 0.5;
      expect(k.build(a, rows + 1, buffers(rows + 1, n))).toBeNull();
      expect(k.build(a.subarray(0, rows * n), rows, buffers(rows, n))).not.toBeNull();
    }
  });
});
