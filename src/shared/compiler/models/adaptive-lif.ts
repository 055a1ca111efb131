// Adaptive-threshold LIF update rule (catalogue: ../../models/adaptive-lif.ts): LIF plus
// tau_t dv_th/dt = −(v_th − v_th0), exact exponential; a spike resets v and raises v_th by delta_th.
import { f, type NeuronRule } from './types';

export const adaptiveLifRule: NeuronRule = {
  id: 'adaptive_lif',
  internal: ['refrac'],
  derived: (p, dt) => ({
    decay: Math.exp(-dt / p.tau_ms), decay_t: Math.exp(-dt / p.tau_t_ms), ref_steps: Math.round(p.refractory_ms / dt),
  }),
  init: (p) => ({ v: p.v_init, v_th: p.v_th0, refrac: 0 }),
  cpu(s, p, I, delta) {
    s.v_th = f(p.v_th0 + f(f(s.v_th - p.v_th0) * p.decay_t));
    if (s.refrac > 0) { s.refrac = f(s.refrac - 1); s.v = p.v_reset; return false; }
    const vinf = f(p.v_rest + f(p.r * I));
    const v = f(f(vinf + f(f(s.v - vinf) * p.decay)) + delta);
    if (v > s.v_th) { s.v = p.v_reset; s.v_th = f(s.v_th + p.delta_th); s.refrac = p.ref_steps; return true; }
    s.v = v;
    return false;
  },
  wgsl: /* wgsl */ `
  s_v_th = p_v_th0 + (s_v_th - p_v_th0) * p_decay_t;
  if (s_refrac > 0.0) {
    s_refrac = s_refrac - 1.0;
    s_v = p_v_reset;
  } else {
    let vinf = p_v_rest + p_r * I_in;
    let v = (vinf + (s_v - vinf) * p_decay) + delta_in;
    if (v > s_v_th) { s_v = p_v_reset; s_v_th = s_v_th + p_delta_th; s_refrac = p_ref_steps; spiked = true; } else { s_v = v; }
  }`,
};
