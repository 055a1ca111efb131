// LIF update rule (catalogue: ../../models/lif.ts). tau dv/dt = -(v - v_rest) + R·I, exact exponential decay
// for I constant over the step: v ← v∞ + (v − v∞)·exp(−dt/tau), v∞ = v_rest + R·I.
// reset_timing (docs/engine.md, "Reset timing"): 0 immediate — threshold the new v, spike and reset now;
// 1 tutorial — spike now if the previous step's v was above v_th, reset now if the previous step spiked.
import { f, type NeuronRule } from './types';

export const lifRule: NeuronRule = {
  id: 'lif',
  vars: ['v', 'refrac', 'spk_prev'],
  internal: ['refrac', 'spk_prev'],
  derived: (p, dt) => ({ decay: Math.exp(-dt / p.tau_ms), ref_steps: Math.round(p.refractory_ms / dt) }),
  init: (p) => ({ v: p.v_init, refrac: 0, spk_prev: 0 }),
  cpu(s, i, p, I, delta) {
    const V = s[0], RF = s[1], SP = s[2];
    const vOld = V[i], fired = SP[i] > 0;
    if (RF[i] > 0) { RF[i] = RF[i] - 1; V[i] = p.v_reset; SP[i] = 0; return false; }
    const vinf = f(p.v_rest + f(p.r * I));
    const v = f(f(vinf + f(f(vOld - vinf) * p.decay)) + delta);
    if (p.reset_timing === 1) {
      const spike = vOld > p.v_th;
      if (fired) { V[i] = p.v_reset; RF[i] = p.ref_steps; } else V[i] = v;
      SP[i] = spike ? 1 : 0;
      return spike;
    }
    if (v > p.v_th) { V[i] = p.v_reset; RF[i] = p.ref_steps; return true; }
    V[i] = v;
    return false;
  },
  wgsl: /* wgsl */ `
  let v_old = s_v;
  let fired = s_spk_prev > 0.0;
  if (s_refrac > 0.0) {
    s_refrac = s_refrac - 1.0;
    s_v = p_v_reset;
    s_spk_prev = 0.0;
  } else {
    let vinf = p_v_rest + p_r * I_in;
    let v = (vinf + (v_old - vinf) * p_decay) + delta_in;
    if (p_reset_timing == 1.0) {
      spiked = v_old > p_v_th;
      if (fired) { s_v = p_v_reset; s_refrac = p_ref_steps; } else { s_v = v; }
      s_spk_prev = select(0.0, 1.0, spiked);
    } else if (v > p_v_th) { s_v = p_v_reset; s_refrac = p_ref_steps; spiked = true; } else { s_v = v; }
  }`,
};
