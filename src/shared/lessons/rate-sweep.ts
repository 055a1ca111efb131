// A lesson's rate sweep (the f–I curve of lesson 2): the step's network run once per value of one node parameter
// on the CPU reference engine, measuring a population's mean firing rate in a window. The engine is the same one
// `snn run --engine cpu` uses, so a point of the curve is what one run at that value gives.
import type { NetworkDocument } from '../graph';
import { compileNetwork } from '../compiler';
import { createCpuEngine } from '../engine/cpu-engine';
import type { LessonRateSweep } from './schema';

export interface RatePoint { value: number; hz: number }

/** from, from + step, … up to `to` (inclusive, within a rounding error of the step). */
export function sweepValues(s: Pick<LessonRateSweep, 'from' | 'to' | 'step'>): number[] {
  const n = Math.floor((s.to - s.from) / s.step + 1e-9);
  return Array.from({ length: n + 1 }, (_, i) => +(s.from + i * s.step).toPrecision(12));
}

/** Runs the sweep in order; `onPoint` after each value; stops early (returning what it has) when `signal` aborts;
 *  `pause` is awaited between runs (the app passes one that yields to the page, so it stays responsive). */
export async function runRateSweep(doc: NetworkDocument, s: LessonRateSweep,
  opts: { onPoint?: (p: RatePoint, done: number, total: number) => void; signal?: { readonly aborted: boolean }; pause?: () => Promise<void> } = {}): Promise<RatePoint[]> {
  const values = sweepValues(s);
  const size = doc.nodes.find((n) => n.id === s.population)?.size ?? 1;
  const out: RatePoint[] = [];
  for (const value of values) {
    if (opts.signal?.aborted) break;
    const ir = compileNetwork(doc, { overrides: [{ node: s.node, param: s.param, value: String(value) }] });
    const engine = createCpuEngine(ir);
    const from = s.from_ms ?? 0, to = Math.min(s.to_ms ?? ir.durationMs, ir.durationMs);
    let spikes = 0;
    await engine.run({
      steps: Math.round(to / ir.dtMs),
      onChunk: (c) => {
        const sp = c.spikes[s.population];
        if (sp) for (let i = 0; i < sp.step.length; i++) { const t = sp.step[i] * ir.dtMs; if (t >= from && t < to) spikes++; }
      },
    });
    engine.dispose();
    const p = { value, hz: to > from ? spikes / size / ((to - from) / 1000) : 0 };
    out.push(p);
    opts.onPoint?.(p, out.length, values.length);
    await opts.pause?.();
  }
  return out;
}
