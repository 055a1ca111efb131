// Discrete-time (ours) ↔ continuous-time (NIR) parameter scaling; the derivation is in docs/formats.md
// ("Discrete time ↔ continuous time"). Pure functions: no Node or DOM.

/** NIR time constants are in seconds; ours in milliseconds. */
export const msToS = (ms: number): number => ms * 1e-3;
export const sToMs = (s: number): number => s * 1e3;

/** Per-step membrane decay α = exp(−dt/τ) (both in the same unit). */
export const decayFactor = (dt: number, tau: number): number => Math.exp(-dt / tau);

/**
 * Our delta-synapse weights (out, in), row-major, → NIR Affine/Linear weights W = w·τ/R, where τ (seconds)
 * and R are the target neuron's (row i). A Dirac current W through τ dv/dt = … + R·I makes v jump R·W/τ = w.
 */
export function weightsToNir(w: Float64Array, out: number, inn: number, tauS: ArrayLike<number>, r: ArrayLike<number>): Float64Array {
  checkShape(w, out, inn, tauS, r);
  const W = new Float64Array(w.length);
  for (let i = 0; i < out; i++) for (let j = 0; j < inn; j++) W[i * inn + j] = (w[i * inn + j] * tauS[i]) / r[i];
  return W;
}

/** Inverse of weightsToNir: w = W·R/τ. */
export function weightsFromNir(W: Float64Array, out: number, inn: number, tauS: ArrayLike<number>, r: ArrayLike<number>): Float64Array {
  checkShape(W, out, inn, tauS, r);
  const w = new Float64Array(W.length);
  for (let i = 0; i < out; i++) for (let j = 0; j < inn; j++) w[i * inn + j] = (W[i * inn + j] * r[i]) / tauS[i];
  return w;
}

function checkShape(m: Float64Array, out: number, inn: number, tauS: ArrayLike<number>, r: ArrayLike<number>): void {
  if (m.length !== out * inn) throw new Error(`weight has ${m.length} entries, expected ${out}×${inn}`);
  if (tauS.length !== out || r.length !== out) throw new Error(`tau and r need ${out} entries (one per target neuron)`);
  for (let i = 0; i < out; i++) {
    if (!(tauS[i] > 0)) throw new Error(`tau[${i}] must be positive, got ${tauS[i]}`);
    if (r[i] === 0 || !Number.isFinite(r[i])) throw new Error(`r[${i}] must be finite and non-zero, got ${r[i]}`);
  }
}
