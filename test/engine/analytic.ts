// Exact (f64) solutions of an LIF / adaptive-threshold LIF neuron driven by delta inputs arriving at given
// steps: exponential decay between arrivals, threshold tested at arrivals (v only rises there). The
// reference for the engines' analytic tests (the tutorial's check; docs/engine.md, "Tolerances").

export interface AnalyticInput {
  dtMs: number; steps: number; tauMs: number; w: number; vTh: number;
  /** Steps at which an input of weight w arrives (sorted). */
  arrivals: number[];
  /** Adaptive threshold: tau_t and the jump per spike (absent: a fixed threshold). */
  tauTMs?: number; deltaTh?: number;
}

/** v and threshold at every step (after that step's update), and the spike steps. */
export function analyticLif(a: AnalyticInput): { v: number[]; vTh: number[]; spikes: number[] } {
  const v: number[] = [], vTh: number[] = [], spikes: number[] = [];
  let vLast = 0, tLast = 0, thJump = 0, tSpike = 0;
  const arrivals = new Set(a.arrivals);
  for (let n = 0; n < a.steps; n++) {
    let vn = vLast * Math.exp(-((n - tLast) * a.dtMs) / a.tauMs);
    const th = a.vTh + thJump * (a.tauTMs ? Math.exp(-((n - tSpike) * a.dtMs) / a.tauTMs) : 0);
    let thn = th;
    if (arrivals.has(n)) {
      vn += a.w;
      if (vn > th) {
        spikes.push(n);
        vn = 0;
        if (a.deltaTh) { thJump = th - a.vTh + a.deltaTh; tSpike = n; thn = a.vTh + thJump; }
      }
      vLast = vn; tLast = n;
    }
    v.push(vn); vTh.push(thn);
  }
  return { v, vTh, spikes };
}
