// Adaptive-threshold LIF update rule (catalogue: ../../models/adaptive-lif.ts): LIF plus
// tau_t dv_th/dt = −(v_th − v_th0), exact exponential; a spike resets v and raises v_th by delta_th.
import { f, type NeuronRule } from './types';

export const adaptiveLifRule: NeuronRule = {
  id: 'adaptive_lif',
  vars: ['v', 'v_th', 'refrac'],
  internal: ['refrac'],
  derived: (p, dt) => ({
    decay: Math.exp(-dt / p.tau_ms), decay_t: Math.exp(-dt / p.tau_t_ms), ref_steps: Math.round(p.refractory_ms / dt),
  }),
  init: (p) => ({ v: p.v_init, v_th: p.v_th0, refrac: 0 }),
  cpu(s, i, p, I, delta) {
    const V = s[0], TH = s[1], RF = s[2];
    TH[i] = f(p.v_th0 + f(f(TH[i] - p.v_th0) * p.decay_t));
    if (RF[i] > 0) { RF[i] = RF[i] - 1; V[i] = p.v_reset; return false; }
    const vinf = f(p.v_rest + f(p.r * I));
    const v = f(f(vinf + f(f(V[i] - vinf) * p.decay)) + delta);
    if (v > TH[i]) { V[i] = p.v_reset; TH[i] = TH[i] + p.delta_th; RF[i] = p.ref_steps; return true; }
    V[i] = v;
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
