// Surrogate derivatives of the threshold H(x), x = v − v_th: used in place of the Dirac delta in BPTT.
// Takes the kind and β; gives dσ/dx. The WGSL twin is in ./wgsl/surrogate.wgsl.ts (same formulas).
import type { SurrogateKind } from './plan';

/** sigmoid: the tutorial's β·σ(βx)(1 − σ(βx)); fast_sigmoid (SuperSpike): 1/(β|x| + 1)²; arctan: β/2 / (1 + (πβx/2)²). */
export function surrogateDerivative(kind: SurrogateKind, beta: number, x: number): number {
  switch (kind) {
    case 'sigmoid': {
      const s = 1 / (1 + Math.exp(-beta * x));
      return beta * s * (1 - s);
    }
    case 'fast_sigmoid': {
      const d = beta * Math.abs(x) + 1;
      return 1 / (d * d);
    }
    case 'arctan': {
      const z = (Math.PI / 2) * beta * x;
      return beta / 2 / (1 + z * z);
    }
  }
}
