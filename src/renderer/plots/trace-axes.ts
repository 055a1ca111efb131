// What the membrane-trace plot's axes and lines say, from the model catalogue (never from variable names): the
// y axis names the traced variable by its role (the model's membrane potential) and its unit; each trace gets
// its population's colour, shaded apart when one population has several traces (./palette.ts).
import type { NetworkDocument } from '../../shared/graph';
import { getModel } from '../../shared/models';
import { seriesColors } from './palette';

export interface TracedSeries { population: string; variable: string }

/** The y-axis title, e.g. "membrane potential v (mV)"; several variables are listed, each with its unit. */
export function traceAxisLabel(doc: NetworkDocument, series: readonly TracedSeries[]): string {
  const parts: string[] = [];
  for (const s of series) {
    const model = getModel(doc.nodes.find((n) => n.id === s.population)?.model ?? '');
    const unit = model?.state.find((v) => v.name === s.variable)?.unit;
    const what = model?.roles?.membrane === s.variable ? `membrane potential ${s.variable}` : s.variable;
    const text = `${what} (${unit === undefined ? 'unit unknown' : unit || 'dimensionless'})`;
    if (!parts.includes(text)) parts.push(text);
  }
  return parts.join(' · ');
}

/** One colour per trace: the population's colour, or distinct shades of it for several traces of one population. */
export function traceColors(series: readonly TracedSeries[], colorOf: (population: string) => string): string[] {
  const count = new Map<string, number>();
  for (const s of series) count.set(s.population, (count.get(s.population) ?? 0) + 1);
  const shades = new Map([...count].map(([p, n]) => [p, seriesColors(colorOf(p), n)]));
  const used = new Map<string, number>();
  return series.map((s) => {
    const k = used.get(s.population) ?? 0;
    used.set(s.population, k + 1);
    return shades.get(s.population)![k];
  });
}
