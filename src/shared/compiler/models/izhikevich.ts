// Izhikevich (2003) update rule (catalogue: ../../models/izhikevich.ts): forward Euler with the run's dt,
// v' = 0.04v² + 5v + 140 − u + I, u' = a(bv − u); threshold strictly v > v_peak (SEMANTICS.md's rule);
// reset v ← c, u ← u + d. Delta input adds to v.
import { f, type NeuronRule } from './types';

/** 0.04 as the WGSL literal becomes: an f32 (the CPU must multiply by the same value). */
const K2 = f(0.04);

export const izhikevichRule: NeuronRule = {
  id: 'izhikevich',
  vars: ['v', 'u'],
  internal: [],
  derived: (_p, dt) => ({ dt }),
  init: (p) => ({ v: p.v_init, u: f(p.b * p.v_init) }),
  cpu(s, i, p, I, delta) {
    const V = s[0], U = s[1], v0 = V[i], u0 = U[i];
    const dv = f(f(f(f(f(f(f(K2 * v0) * v0) + f(5 * v0)) + 140) - u0) + I));
    const du = f(p.a * f(f(p.b * v0) - u0));
    const v = f(f(v0 + f(p.dt * dv)) + delta);
    U[i] = f(u0 + f(p.dt * du));
    if (v > p.v_peak) { V[i] = p.c; U[i] = U[i] + p.d; return true; }
    V[i] = v;
    return false;
  },
  wgsl: /* wgsl */ `
  let v0 = s_v;
  let u0 = s_u;
  let dv = ((((0.04 * v0) * v0 + 5.0 * v0) + 140.0) - u0) + I_in;
  let du = p_a * (p_b * v0 - u0);
  let v = (v0 + p_dt * dv) + delta_in;
  s_u = u0 + p_dt * du;
  if (v > p_v_peak) { s_v = p_c; s_u = s_u + p_d; spiked = true; } else { s_v = v; }`,
};
