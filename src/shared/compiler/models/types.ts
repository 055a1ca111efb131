// The update rule of a neuron model in its two forms, CPU (TypeScript, f32 arithmetic via Math.fround)
// and GPU (a WGSL body), kept in one file per model so they cannot drift. Step order (SEMANTICS.md):
// integrate over dt with the input current I (held at its start-of-step value), add the delta input of this
// step, threshold (strict v > v_th), reset/refractoriness. Returns/sets whether the neuron spiked.

export type Params = Record<string, number>;

export interface NeuronRule {
  id: string;
  /** State variables beyond the catalogue's (e.g. a refractory counter); they start at init()'s value. */
  internal: readonly string[];
  /** Every state variable in buffer order: the catalogue's, then `internal` (checked by the compiler). */
  vars: readonly string[];
  /** Constants computed on the host in f64 (then stored as f32) from the params and dt, e.g. exp(-dt/tau). */
  derived(p: Params, dtMs: number): Params;
  /** Initial value of every state variable (catalogue + internal). */
  init(p: Params): Params;
  /**
   * CPU form, on neuron `i` of the state arrays `s` (one Float32Array per variable, in the order of `vars`),
   * with `p` params + derived, `I` the total input current of the step and `delta` the delta-synapse input
   * arriving this step. Returns true when it spiked.
   */
  cpu(s: Float32Array[], i: number, p: Params, I: number, delta: number): boolean;
  /**
   * WGSL form. Uses: `var s_<state>: f32` per state variable, `let p_<param>: f32` per param/derived,
   * `I_in: f32`, `delta_in: f32`; sets `spiked = true` on a spike.
   */
  wgsl: string;
}

export const f = Math.fround;
