// WGSL twin of ../../surrogate.ts: `fn surrogate(x: f32) -> f32` for one kind with β baked in.
import type { SurrogateKind } from '../../plan';

export function surrogateWgsl(kind: SurrogateKind, beta: number): string {
  const b = `${beta}f`;
  switch (kind) {
    case 'sigmoid':
      return `fn surrogate(x: f32) -> f32 { let s = 1.0 / (1.0 + exp(-${b} * x)); return ${b} * s * (1.0 - s); }`;
    case 'fast_sigmoid':
      return `fn surrogate(x: f32) -> f32 { let d = ${b} * abs(x) + 1.0; return 1.0 / (d * d); }`;
    case 'arctan':
      return `fn surrogate(x: f32) -> f32 { let z = 1.5707963267948966 * ${b} * x; return ${b} / 2.0 / (1.0 + z * z); }`;
  }
}
