// Leaky integrator update rule (catalogue: ../../models/leaky-integrator.ts): the LIF membrane without a
// threshold (never spikes), exact exponential decay towards v_rest + R·I.
import { f, type NeuronRule } from './types';

export const leakyIntegratorRule: NeuronRule = {
  id: 'leaky_integrator',
  vars: ['v'],
  internal: [],
  derived: (p, dt) => ({ decay: Math.exp(-dt / p.tau_ms) }),
  init: (p) => ({ v: p.v_init }),
  cpu(s, i, p, I, delta) {
    const V = s[0];
    const vinf = f(p.v_rest + f(p.r * I));
    V[i] = f(f(vinf + f(f(V[i] - vinf) * p.decay)) + delta);
    return false;
  },
  wgsl: /* wgsl */ `
  let vinf = p_v_rest + p_r * I_in;
  s_v = (vinf + (s_v - vinf) * p_decay) + delta_in;`,
};
