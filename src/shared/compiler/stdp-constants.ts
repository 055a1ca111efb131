// The constants of a plastic projection's pair-based STDP (docs/engine.md, "Step order" and "GPU layout and
// propagation choice"), defined once by name and order here: the GPU kernels (./kernels/stdp.wgsl.ts) read the
// stdp_<proj> buffer (f32) into these names (stdpLetsWgsl), the host writes that buffer in this order (packStdp),
// and the CPU engine reads the named record. STDP_WGSL states the same layout as a WGSL struct (the unit test
// checks it against the WGSL layout rules).
import type { ProjectionIR } from './ir';

export const STDP_FIELDS = ['a_plus', 'a_minus', 'decay_plus', 'decay_minus', 'w_min', 'w_max'] as const;
export type StdpField = (typeof STDP_FIELDS)[number];
/** Every constant by name, each an f32 value. */
export type StdpConstants = Record<StdpField, number>;

/** The layout of the stdp_<proj> buffer as a WGSL struct (every field an f32, in STDP_FIELDS order). */
export const STDP_WGSL = `struct Stdp { ${STDP_FIELDS.map((f) => `${f}: f32`).join(', ')} }`;

/** Bytes of a stdp_<proj> buffer. */
export const STDP_BYTES = 4 * STDP_FIELDS.length;

/** The STDP constants of a plastic projection, rounded to f32 as both engines use them. */
export function stdpConstants(pj: ProjectionIR, dtMs: number): StdpConstants {
  const p = pj.plasticity;
  if (!p) throw new Error(`projection ${pj.id} has no plasticity rule`);
  const all: StdpConstants = {
    a_plus: p.aPlus, a_minus: p.aMinus, decay_plus: Math.exp(-dtMs / p.tauPlusMs), decay_minus: Math.exp(-dtMs / p.tauMinusMs),
    w_min: p.wMin, w_max: p.wMax,
  };
  return Object.fromEntries(STDP_FIELDS.map((f) => [f, Math.fround(all[f])])) as StdpConstants;
}

/** The bytes of a stdp_<proj> buffer: each constant at its field's place. */
export const packStdp = (c: StdpConstants): Float32Array => Float32Array.from(STDP_FIELDS, (f) => c[f]);

/** WGSL: `let <name> = <buffer>[<index>];` for each constant a kernel uses (the buffer an array<f32>). */
export function stdpLetsWgsl(buffer: string, fields: readonly StdpField[]): string {
  return fields.map((f) => `  let ${f} = ${buffer}[${STDP_FIELDS.indexOf(f)}u];`).join('\n');
}
