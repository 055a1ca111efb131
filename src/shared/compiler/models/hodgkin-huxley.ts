// Hodgkin-Huxley update rule (catalogue: ../../models/hodgkin-huxley.ts): exponential Euler on sub-steps of
// at most 0.025 ms (gates relax exactly towards x∞ with rate α+β; v relaxes towards the conductance-weighted
// reversal potential). A spike is an upward crossing of spike_threshold_mv within the step. This rule calls
// exp(), whose last bits differ between Math.exp and the GPU's exp: the engines agree to a tolerance here.
import { f, type NeuronRule } from './types';

const HH_MAX_DT = 0.025;

function rates(v: number) {
  const xm = -(v + 40) / 10, xn = -(v + 55) / 10;
  const am = Math.abs(xm) < 1e-4 ? 1 : 0.1 * (v + 40) / (1 - Math.exp(xm));
  const bm = 4 * Math.exp(-(v + 65) / 18);
  const ah = 0.07 * Math.exp(-(v + 65) / 20);
  const bh = 1 / (1 + Math.exp(-(v + 35) / 10));
  const an = Math.abs(xn) < 1e-4 ? 0.1 : 0.01 * (v + 55) / (1 - Math.exp(xn));
  const bn = 0.125 * Math.exp(-(v + 65) / 80);
  return { am, bm, ah, bh, an, bn };
}

export const hodgkinHuxleyRule: NeuronRule = {
  id: 'hodgkin_huxley',
  vars: ['v', 'm', 'h', 'n'],
  internal: [],
  derived: (_p, dt) => {
    const n = Math.max(1, Math.ceil(dt / HH_MAX_DT - 1e-9));
    return { n_sub: n, h: dt / n };
  },
  init: (p) => {
    const r = rates(p.v_init);
    return { v: p.v_init, m: r.am / (r.am + r.bm), h: r.ah / (r.ah + r.bh), n: r.an / (r.an + r.bn) };
  },
  cpu(s, i, p, I, delta) {
    const v0 = s[0][i];
    let v = v0, m = s[1][i], hh = s[2][i], n = s[3][i];
    for (let k = 0; k < p.n_sub; k++) {
      const r = rates(v);
      m = f((r.am / (r.am + r.bm)) + (m - r.am / (r.am + r.bm)) * Math.exp(-p.h * (r.am + r.bm)));
      hh = f((r.ah / (r.ah + r.bh)) + (hh - r.ah / (r.ah + r.bh)) * Math.exp(-p.h * (r.ah + r.bh)));
      n = f((r.an / (r.an + r.bn)) + (n - r.an / (r.an + r.bn)) * Math.exp(-p.h * (r.an + r.bn)));
      const gna = p.g_na * m * m * m * hh, gk = p.g_k * n * n * n * n;
      const gt = gna + gk + p.g_l;
      const vinf = (gna * p.e_na + gk * p.e_k + p.g_l * p.e_l + I) / gt;
      v = f(vinf + (v - vinf) * Math.exp(-p.h * gt / p.c_m));
    }
    v = f(v + delta);
    s[0][i] = v; s[1][i] = m; s[2][i] = hh; s[3][i] = n;
    return v0 <= p.spike_threshold_mv && v > p.spike_threshold_mv;
  },
  wgsl: /* wgsl */ `
  let v_start = s_v;
  for (var k = 0u; k < u32(p_n_sub); k = k + 1u) {
    let v = s_v;
    let xm = -(v + 40.0) / 10.0;
    let xn = -(v + 55.0) / 10.0;
    let am = select(0.1 * (v + 40.0) / (1.0 - exp(xm)), 1.0, abs(xm) < 1e-4);
    let bm = 4.0 * exp(-(v + 65.0) / 18.0);
    let ah = 0.07 * exp(-(v + 65.0) / 20.0);
    let bh = 1.0 / (1.0 + exp(-(v + 35.0) / 10.0));
    let an = select(0.01 * (v + 55.0) / (1.0 - exp(xn)), 0.1, abs(xn) < 1e-4);
    let bn = 0.125 * exp(-(v + 65.0) / 80.0);
    s_m = am / (am + bm) + (s_m - am / (am + bm)) * exp(-p_h * (am + bm));
    s_h = ah / (ah + bh) + (s_h - ah / (ah + bh)) * exp(-p_h * (ah + bh));
    s_n = an / (an + bn) + (s_n - an / (an + bn)) * exp(-p_h * (an + bn));
    let gna = p_g_na * s_m * s_m * s_m * s_h;
    let gk = p_g_k * s_n * s_n * s_n * s_n;
    let gt = gna + gk + p_g_l;
    let vinf = (gna * p_e_na + gk * p_e_k + p_g_l * p_e_l + I_in) / gt;
    s_v = vinf + (v - vinf) * exp(-p_h * gt / p_c_m);
  }
  s_v = s_v + delta_in;
  if (v_start <= p_spike_threshold_mv && s_v > p_spike_threshold_mv) { spiked = true; }`,
};
