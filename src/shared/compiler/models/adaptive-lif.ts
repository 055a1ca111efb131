// Adaptive-threshold LIF update rule (catalogue: ../../models/adaptive-lif.ts): LIF plus
// tau_t dv_th/dt = −(v_th − v_th0), exact exponential; a spike resets v and raises v_th by delta_th.
// reset_timing as in ./lif.ts; under 'tutorial' the previous v is compared with the previous threshold, and the
// threshold is raised in the step the spike is emitted (the trainer's b_{t+1} = v_th0 + ρ(b_t − v_th0) + δ·s_{t+1}).
import { f, type NeuronRule } from './types';

export const adaptiveLifRule: NeuronRule = {
  id: 'adaptive_lif',
  vars: ['v', 'v_th', 'refrac', 'spk_prev'],
  internal: ['refrac', 'spk_prev'],
  derived: (p, dt) => ({
    decay: Math.exp(-dt / p.tau_ms), decay_t: Math.exp(-dt / p.tau_t_ms), ref_steps: Math.round(p.refractory_ms / dt),
  }),
  init: (p) => ({ v: p.v_init, v_th: p.v_th0, refrac: 0, spk_prev: 0 }),
  cpu(s, i, p, I, delta) {
    const V = s[0], TH = s[1], RF = s[2], SP = s[3];
    const vOld = V[i], thOld = TH[i], fired = SP[i] > 0;
    TH[i] = f(p.v_th0 + f(f(thOld - p.v_th0) * p.decay_t));
    if (RF[i] > 0) { RF[i] = RF[i] - 1; V[i] = p.v_reset; SP[i] = 0; return false; }
    const vinf = f(p.v_rest + f(p.r * I));
    const v = f(f(vinf + f(f(vOld - vinf) * p.decay)) + delta);
    if (p.reset_timing === 1) {
      const spike = vOld > thOld;
      if (spike) TH[i] = TH[i] + p.delta_th;
      if (fired) { V[i] = p.v_reset; RF[i] = p.ref_steps; } else V[i] = v;
      SP[i] = spike ? 1 : 0;
      return spike;
    }
    if (v > TH[i]) { V[i] = p.v_reset; TH[i] = TH[i] + p.delta_th; RF[i] = p.ref_steps; return true; }
    V[i] = v;
    return false;
  },
  wgsl: /* wgsl */ `
  let v_old = s_v;
  let th_old = s_v_th;
  let fired = s_spk_prev > 0.0;
  s_v_th = p_v_th0 + (th_old - p_v_th0) * p_decay_t;
  if (s_refrac > 0.0) {
    s_refrac = s_refrac - 1.0;
    s_v = p_v_reset;
    s_spk_prev = 0.0;
  } else {
    let vinf = p_v_rest + p_r * I_in;
    let v = (vinf + (v_old - vinf) * p_decay) + delta_in;
    if (p_reset_timing == 1.0) {
      spiked = v_old > th_old;
      if (spiked) { s_v_th = s_v_th + p_delta_th; }
      if (fired) { s_v = p_v_reset; s_refrac = p_ref_steps; } else { s_v = v; }
      s_spk_prev = select(0.0, 1.0, spiked);
    } else if (v > s_v_th) { s_v = p_v_reset; s_v_th = s_v_th + p_delta_th; s_refrac = p_ref_steps; spiked = true; } else { s_v = v; }
  }`,
};
