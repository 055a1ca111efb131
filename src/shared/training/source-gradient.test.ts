// The source gradient's WebAssembly kernel (./source-gradient.ts) against the JS loop it replaces (./cpu-model.ts
// `backInto`): bit for bit (each source's f64 sum in the same order), over shapes from 1×1 to 300×200 — source
// counts below, at and across the 16-source blocks, odd ones with a scalar tail —, adding into a non-zero
// destination, and after a reload with a bigger W (memory growth).
import { describe, expect, it } from 'vitest';
import { CounterRng } from '../rng';
import { backInto } from './cpu-model';
import { SourceGradient } from './source-gradient';

describe('source gradient: WebAssembly = the JS loop, bit for bit', () => {
  it('compiles here', () => expect(SourceGradient.get(30)).not.toBeNull());
  for (const [nPre, N, B] of [[1, 1, 1], [2, 3, 2], [16, 5, 2], [17, 4, 3], [30, 12, 5], [37, 13, 3], [8, 8, 64], [300, 200, 4], [300, 250, 6]] as const) {
    it(`${nPre} sources × ${N} targets, batch ${B}`, () => {
      const r = new CounterRng(21, nPre * N + B), k = SourceGradient.get(nPre)!;
      const W = Float64Array.from({ length: nPre * N }, () => r.next() * 2 - 1);
      k.load(W, N, B);
      for (let step = 0; step < 3; step++) {
        const gh = Float64Array.from({ length: B * N }, () => r.next() * 2 - 1);
        const g0 = Float64Array.from({ length: B * nPre }, () => r.next());
        const js = g0.slice(), wasm = g0.slice();
        backInto(W, nPre, N, B, gh, js);
        k.apply(gh, wasm);
        expect(wasm).toEqual(js);
        expect(js).not.toEqual(g0);
      }
    });
  }
});
