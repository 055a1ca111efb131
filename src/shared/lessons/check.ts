// Evaluating a lesson's checks (./schema.ts LessonCheck) on a run of the user's network: pure functions of the
// spikes the engine produced and the document that ran, so the app (the run controller's spikes) and the tests
// (the CPU engine's) evaluate them the same way. Each result says why, in numbers, pass or fail.
import type { NetworkDocument } from '../graph';
import { getModel } from '../models';
import type { LessonCheck } from './schema';
import { circularErrorDeg, estimateIpdDeg as estimateFromBest } from '../analysis/ipd';

export { circularErrorDeg };

/** The spikes of a run: by population, parallel arrays of step and neuron index (any order). */
export interface RunRecord {
  /** Steps simulated (a stopped run has fewer than the document's duration). */
  steps: number;
  dtMs: number;
  spikes: Readonly<Record<string, { step: ArrayLike<number>; index: ArrayLike<number> }>>;
}

export interface CheckResult { pass: boolean; message: string }

const ms = (x: number) => `${+x.toFixed(2)} ms`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function label(doc: NetworkDocument, id: string): string {
  const n = doc.nodes.find((x) => x.id === id);
  return n?.label ? `${n.label} (${id})` : id;
}

function windowOf(c: { from_ms?: number; to_ms?: number }, run: RunRecord): [number, number] {
  return [c.from_ms ?? 0, Math.min(c.to_ms ?? Infinity, run.steps * run.dtMs)];
}

/** Spike times (ms) of a population, optionally of one neuron; a step s is the time s·dt. */
function times(run: RunRecord, pop: string, neuron?: number): number[] {
  const s = run.spikes[pop];
  if (!s) return [];
  const out: number[] = [];
  for (let i = 0; i < s.step.length; i++) if (neuron === undefined || s.index[i] === neuron) out.push(s.step[i] * run.dtMs);
  return out.sort((a, b) => a - b);
}

/** In words, what a check asks (the panel lists it before the run). */
export function describeCheck(c: LessonCheck, doc: NetworkDocument): string {
  const win = (x: { from_ms?: number; to_ms?: number }) =>
    x.from_ms !== undefined && x.to_ms !== undefined ? ` between ${ms(x.from_ms)} and ${ms(x.to_ms)}`
      : x.from_ms !== undefined ? ` after ${ms(x.from_ms)}` : x.to_ms !== undefined ? ` before ${ms(x.to_ms)}` : '';
  const range = (lo: number | undefined, hi: number | undefined, unit: string) =>
    lo !== undefined && hi !== undefined ? (lo === hi ? `exactly ${lo}${unit}` : `${lo}–${hi}${unit}`) : lo !== undefined ? `at least ${lo}${unit}` : `at most ${hi}${unit}`;
  switch (c.kind) {
    case 'spike_count': {
      const who = c.neuron !== undefined ? `neuron ${c.neuron} of ${label(doc, c.population)}` : label(doc, c.population);
      return c.max === 0 ? `${who} stays silent${win(c)}` : `${who} fires ${range(c.min, c.max, '')} spike${c.min === 1 && c.max === undefined ? '' : 's'}${win(c)}`;
    }
    case 'rate': return `${label(doc, c.population)} fires at a rate of ${range(c.min_hz, c.max_hz, ' Hz')} per neuron${win(c)}`;
    case 'latency': return `a neuron of ${label(doc, c.population)} fires within ${ms(c.within_ms)} after a spike of ${label(doc, c.reference)}`;
    case 'ipd_estimate': return `the detectors' estimate of the IPD is within ${c.max_error_deg}° of the true IPD`;
  }
}

export function evaluateCheck(c: LessonCheck, run: RunRecord, doc: NetworkDocument): CheckResult {
  switch (c.kind) {
    case 'spike_count': {
      const [a, b] = windowOf(c, run);
      const n = times(run, c.population, c.neuron).filter((t) => t >= a && t < b).length;
      const pass = (c.min === undefined || n >= c.min) && (c.max === undefined || n <= c.max);
      const who = c.neuron !== undefined ? `Neuron ${c.neuron} of ${label(doc, c.population)}` : label(doc, c.population);
      const need = c.max === 0 ? 'none' : c.min !== undefined && c.max !== undefined ? `${c.min}–${c.max}` : c.min !== undefined ? `at least ${c.min}` : `at most ${c.max}`;
      return { pass, message: `${who} fired ${plural(n, 'spike')} between ${ms(a)} and ${ms(b)} (${pass ? 'wanted' : 'needs'} ${need}).` };
    }
    case 'rate': {
      const [a, b] = windowOf(c, run);
      const size = doc.nodes.find((x) => x.id === c.population)?.size ?? 1;
      const n = times(run, c.population).filter((t) => t >= a && t < b).length;
      const hz = b > a ? n / size / ((b - a) / 1000) : 0;
      const pass = (c.min_hz === undefined || hz >= c.min_hz) && (c.max_hz === undefined || hz <= c.max_hz);
      const need = c.min_hz !== undefined && c.max_hz !== undefined ? `${c.min_hz}–${c.max_hz} Hz` : c.min_hz !== undefined ? `at least ${c.min_hz} Hz` : `at most ${c.max_hz} Hz`;
      return { pass, message: `${label(doc, c.population)} fired at ${+hz.toFixed(1)} Hz per neuron between ${ms(a)} and ${ms(b)} (${pass ? 'wanted' : 'needs'} ${need}).` };
    }
    case 'latency': {
      const ref = times(run, c.reference), out = times(run, c.population);
      if (!ref.length) return { pass: false, message: `${label(doc, c.reference)} did not spike, so there is nothing to answer.` };
      if (!out.length) return { pass: false, message: `${label(doc, c.population)} did not spike at all (needs a spike within ${ms(c.within_ms)} of an input).` };
      // The shortest delay from an input spike to the next output spike at or after it.
      let best = Infinity;
      let j = 0;
      for (const r of ref) {
        while (j < out.length && out[j] < r) j++;
        if (j < out.length) best = Math.min(best, out[j] - r);
      }
      const pass = best <= c.within_ms;
      return { pass, message: Number.isFinite(best)
        ? `The quickest answer of ${label(doc, c.population)} came ${ms(best)} after a spike of ${label(doc, c.reference)} (${pass ? 'wanted' : 'needs'} at most ${ms(c.within_ms)}).`
        : `${label(doc, c.population)} never fired after a spike of ${label(doc, c.reference)}.` };
    }
    case 'ipd_estimate': {
      const det = doc.nodes.find((x) => x.id === c.detectors), ears = doc.nodes.find((x) => x.id === c.ears);
      const counts = new Array<number>(det?.size ?? 0).fill(0);
      const s = run.spikes[c.detectors];
      if (s) for (let i = 0; i < s.index.length; i++) if (s.index[i] < counts.length) counts[s.index[i]]++;
      const truth = Number(ears?.params?.ipd_deg ?? getModel(ears?.model ?? '')?.params.find((p) => p.name === 'ipd_deg')?.default ?? 0);
      const est = estimateIpdDeg(counts);
      if (est === null) return { pass: false, message: `The detectors did not spike, so there is no estimate (true IPD ${truth}°).` };
      const err = circularErrorDeg(est, truth);
      const pass = err <= c.max_error_deg;
      return { pass, message: `Estimated IPD ${+est.toFixed(1)}°, true IPD ${truth}°: error ${+err.toFixed(1)}° (${pass ? 'wanted' : 'needs'} at most ${c.max_error_deg}°).` };
    }
  }
}

/** Every check of a step, in order; the step passes when all do. */
export function evaluateChecks(checks: readonly LessonCheck[], run: RunRecord, doc: NetworkDocument): { pass: boolean; results: CheckResult[] } {
  const results = checks.map((c) => evaluateCheck(c, run, doc));
  return { pass: results.every((r) => r.pass), results };
}

// The tutorial's estimator is defined once, in ../analysis/ipd.ts (the app's analysis area and
// `npm run evaluate:coincidence` use it too). A lesson's check reads only spike counts, so it takes the
// tutorial's nominal tuning: detector j of n is tuned to 360·j/(n−1)°. Null when no detector fired.
export function estimateIpdDeg(counts: readonly number[]): number | null {
  const n = counts.length;
  if (n < 2) return null;
  const est = estimateFromBest(counts, counts.map((_, j) => (360 * j) / (n - 1)));
  return Number.isNaN(est) ? null : est;
}

/** One run of an IPD sweep: the IPD the ears played and each detector's spike count. */
export interface SweepPoint { ipdDeg: number; counts: readonly number[] }

/** The tutorial's figure of merit over a sweep: each run's estimate and circular error, and their mean (null when
 *  no run gave an estimate; a run whose detectors stayed silent counts as a 180° error, the worst there is). */
export function ipdSweepError(points: readonly SweepPoint[]): { mean: number | null; runs: { ipdDeg: number; estimate: number | null; error: number }[] } {
  const runs = points.map((p) => { const estimate = estimateIpdDeg(p.counts); return { ipdDeg: p.ipdDeg, estimate, error: estimate === null ? 180 : circularErrorDeg(estimate, p.ipdDeg) }; });
  return { mean: runs.some((r) => r.estimate !== null) ? runs.reduce((a, r) => a + r.error, 0) / runs.length : null, runs };
}

/** A step's sweep goal (`sweep.max_mean_error_deg`) on the sweep's runs. */
export function evaluateIpdSweep(maxMeanErrorDeg: number, points: readonly SweepPoint[]): CheckResult & { mean: number | null } {
  const { mean, runs } = ipdSweepError(points);
  if (mean === null) return { pass: false, mean, message: `No run of the sweep gave an estimate: the detectors did not spike (${runs.length} IPDs).` };
  const pass = mean <= maxMeanErrorDeg;
  return { pass, mean, message: `Mean error ${+mean.toFixed(1)}° over ${runs.length} IPDs (${pass ? 'wanted' : 'needs'} at most ${maxMeanErrorDeg}°).` };
}

