// LIF update rule (catalogue: ../../models/lif.ts). tau dv/dt = -(v - v_rest) + R·I, exact exponential decay
// for I constant over the step: v ← v∞ + (v − v∞)·exp(−dt/tau), v∞ = v_rest + R·I.
import { f, type NeuronRule } from './types';

export const lifRule: NeuronRule = {
  id: 'lif',
  vars: ['v', 'refrac'],
  internal: ['refrac'],
  derived: (p, dt) => ({ decay: Math.exp(-dt / p.tau_ms), ref_steps: Math.round(p.refractory_ms / dt) }),
  init: (p) => ({ v: p.v_init, refrac: 0 }),
  cpu(s, i, p, I, delta) {
    const V = s[0], RF = s[1];
    if (RF[i] > 0) { RF[i] = RF[i] - 1; V[i] = p.v_reset; return false; }
    const vinf = f(p.v_rest + f(p.r * I));
    const v = f(f(vinf + f(f(V[i] - vinf) * p.decay)) + delta);
    if (v > p.v_th) { V[i] = p.v_reset; RF[i] = p.ref_steps; return true; }
    V[i] = v;
    return false;
  },
  wgsl: /* wgsl */ `
  if (s_refrac > 0.0) {
    s_refrac = s_refrac - 1.0;
    s_v = p_v_reset;
  } else {
    let vinf = p_v_rest + p_r * I_in;
    let v = (vinf + (s_v - vinf) * p_decay) + delta_in;
    if (v > p_v_th) { s_v = p_v_reset; s_refrac = p_ref_steps; spiked = true; } else { s_v = v; }
  }`,
};
