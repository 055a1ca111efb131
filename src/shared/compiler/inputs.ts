// Host-side input waveforms, shared by both engines so they draw identical spikes: per-chunk spike
// probability tables ([step][neuron], f32) for sine Poisson, the two-ear sound source, the dataset sample and
// spike generators (probability 1 at a listed step), and current values I(step). A neuron spikes when
// uniform01(seed, STREAM.poisson + population index, neuron, step) < probability.
import { generateSample, sampleMeta, soundParamsFrom, spikeProbability, type Split } from '../tasks/sound-localisation';
import type { NetworkIR, PopulationIR } from './ir';

const TWO_PI = 2 * Math.PI;

/** Fill out[(n - stepStart)·size + i] with the spike probability of neuron i at step n. */
export function fillInputTable(ir: NetworkIR, pop: PopulationIR, stepStart: number, nSteps: number, out: Float32Array): void {
  const dt = ir.dtMs, size = pop.size, p = pop.params;
  out.fill(0, 0, nSteps * size);
  switch (pop.model) {
    case 'spike_generator': {
      const g = pop.generator!;
      for (let k = lowerBound(g.step, stepStart); k < g.step.length && g.step[k] < stepStart + nSteps; k++) {
        out[(g.step[k] - stepStart) * size + g.index[k]] = 1;
      }
      return;
    }
    case 'poisson': {
      const rate = p.rate_hz as number, depth = p.depth as number, fr = p.freq_hz as number;
      const ph = p.phase_rad as number, step = p.phase_step_rad as number;
      for (let s = 0; s < nSteps; s++) {
        const t = ((stepStart + s) * dt) / 1000;
        for (let i = 0; i < size; i++) {
          const r = rate * (1 + depth * Math.sin(TWO_PI * fr * t + ph + i * step));
          out[s * size + i] = (Math.max(0, r) * dt) / 1000;
        }
      }
      return;
    }
    case 'sound_source': {
      const nEar = size / 2, ipd = ((p.ipd_deg as number) * Math.PI) / 180, fr = p.freq_hz as number;
      const k = p.envelope_power as number, spread = p.phase_spread_rad as number, rmax = p.rate_max_hz as number;
      // θ = 2π f t + j·spread/(n_ear−1) + e·ipd: ear 1 is ahead by ipd, so ear 0 hears the tone itd later.
      // Onset rule (docs/engine.md, "Inputs"): before the tone reaches the delayed ear it fires at rate_max·0.5,
      // and the leading ear does so after duration − itd.
      const itdMs = (Math.abs(ipd) / (TWO_PI * fr)) * 1000, delayed = ipd >= 0 ? 0 : 1;
      for (let s = 0; s < nSteps; s++) {
        const tMs = (stepStart + s) * dt;
        for (let e = 0; e < 2; e++) {
          const silent = p.onset_delay === true && (e === delayed ? tMs < itdMs : tMs > ir.durationMs - itdMs);
          for (let j = 0; j < nEar; j++) {
            const th = TWO_PI * fr * (tMs / 1000) + (nEar > 1 ? (j * spread) / (nEar - 1) : 0) + e * ipd;
            const r = silent ? rmax * 0.5 : rmax * Math.pow(0.5 * (1 + Math.sin(th)), k);
            out[s * size + e * nEar + j] = (r * dt) / 1000;
          }
        }
      }
      return;
    }
    case 'dataset': {
      const k = p.sample as number;
      if (k >= 0) {
        // Sample k exactly as the trainer sees it: its spikes as probabilities 0 and 1. The engines spike when
        // uniform01 < p with uniform01 in [0, 1) (src/shared/rng), so p = 1 always spikes and p = 0 never: both
        // engines emit exactly generateSample's spikes, and nothing after the sample's last step.
        const sp = soundParamsFrom(size, p, dt, ir.durationMs), n = 2 * sp.nPerEar;
        const spikes = sampleSpikes(sp, (p.data_seed as number) >= 0 ? p.data_seed as number : ir.seed, p.split as Split, k);
        for (let s = 0; s < nSteps && stepStart + s < sp.steps; s++) {
          for (let i = 0; i < n; i++) out[s * size + i] = spikes[(stepStart + s) * n + i];
        }
        return;
      }
      // One sample of the sound-localisation stimulus (docs/training.md) with the document's ipd_deg and
      // the phase φ0 of test sample 0 for this seed; formula from src/shared/tasks/sound-localisation.ts.
      const sp = soundParamsFrom(size, p, dt, ir.durationMs);
      const ipd = ((p.ipd_deg as number) * Math.PI) / 180;
      const { phi0 } = sampleMeta(sp, ir.seed, 'test', 0);
      for (let s = 0; s < nSteps; s++) {
        for (let i = 0; i < size; i++) out[s * size + i] = spikeProbability(sp, ipd, phi0, stepStart + s, i);
      }
      return;
    }
  }
}

// The last sample generated: a run fills its table chunk by chunk, and an evaluation plays many runs of one
// sample each; generating it once per (params, seed, split, k) keeps both cheap.
let lastSample: { key: string; spikes: Uint8Array } | undefined;

function sampleSpikes(sp: ReturnType<typeof soundParamsFrom>, seed: number, split: Split, k: number): Uint8Array {
  const key = JSON.stringify([sp, seed, split, k]);
  if (lastSample?.key !== key) {
    const spikes = new Uint8Array(sp.steps * 2 * sp.nPerEar);
    generateSample(sp, seed, split, k, spikes);
    lastSample = { key, spikes };
  }
  return lastSample.spikes;
}

/** I(step) of a current source (µA/cm² for HH, arbitrary units for LIF: it enters as R·I). */
export function currentAt(pop: PopulationIR, n: number, dtMs: number): number {
  const p = pop.params, t = n * dtMs, a = p.amplitude as number, off = p.offset as number;
  const start = p.start_ms as number, stop = p.stop_ms as number;
  switch (p.shape) {
    case 'constant': return off + a;
    case 'step': return off + (t >= start && t < stop ? a : 0);
    case 'ramp': return off + (t < start ? 0 : t >= stop ? a : (a * (t - start)) / (stop - start));
    case 'sine': return off + (t >= start && t < stop ? a * Math.sin(TWO_PI * (p.freq_hz as number) * ((t - start) / 1000)) : 0);
    default: return off;
  }
}

function lowerBound(a: Uint32Array, x: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) { const m = (lo + hi) >> 1; if (a[m] < x) lo = m + 1; else hi = m; }
  return lo;
}
