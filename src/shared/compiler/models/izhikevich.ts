// Izhikevich (2003) update rule (catalogue: ../../models/izhikevich.ts): forward Euler with the run's dt,
// v' = 0.04v² + 5v + 140 − u + I, u' = a(bv − u); threshold strictly v > v_peak (SEMANTICS.md's rule);
// reset v ← c, u ← u + d. Delta input adds to v.
import { f, type NeuronRule } from './types';

export const izhikevichRule: NeuronRule = {
  id: 'izhikevich',
  internal: [],
  derived: (_p, dt) => ({ dt }),
  init: (p) => ({ v: p.v_init, u: f(p.b * p.v_init) }),
  cpu(s, p, I, delta) {
    const v0 = s.v, u0 = s.u;
    const dv = f(f(f(f(f(f(f(0.04 * v0) * v0) + f(5 * v0)) + 140) - u0) + I));
    const du = f(p.a * f(f(p.b * v0) - u0));
    const v = f(f(v0 + f(p.dt * dv)) + delta);
    s.u = f(u0 + f(p.dt * du));
    if (v > p.v_peak) { s.v = p.c; s.u = f(s.u + p.d); return true; }
    s.v = v;
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
