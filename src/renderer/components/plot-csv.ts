// The data behind each plot as CSV text (the per-plot export menu, ./ExportMenu.tsx): a header line, then one
// row per point the plot shows. Numbers are written as JavaScript prints them (shortest round-trip decimal);
// a missing value is an empty field. Pure, so tests check each table against the data it came from.

/** One CSV line; fields holding a comma, quote or newline are quoted (RFC 4180). */
export function csvLine(fields: readonly (string | number | null | undefined)[]): string {
  return fields.map((f) => {
    const s = f === null || f === undefined || (typeof f === 'number' && !Number.isFinite(f)) ? '' : String(f);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }).join(',');
}

export const csvText = (header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]) =>
  [csvLine(header), ...rows.map(csvLine)].join('\n') + '\n';

/** Spikes of the raster: (step, raster row) pairs → population, neuron, time (the `snn run --format csv` columns). */
export function rasterCsv(steps: ArrayLike<number>, rows: ArrayLike<number>, count: number, dtMs: number,
  populations: readonly { id: string; size: number }[], rowOffset: Readonly<Record<string, number>>): string {
  const out: (string | number)[][] = [];
  for (let k = 0; k < count; k++) {
    const row = rows[k];
    const p = populations.find((q) => row >= rowOffset[q.id] && row < rowOffset[q.id] + q.size);
    if (p) out.push([p.id, row - rowOffset[p.id], +(steps[k] * dtMs).toFixed(9)]);
  }
  return csvText(['population', 'neuron', 'time_ms'], out);
}

/** Trace samples: time, then one column per (monitor, neuron) series. */
export function tracesCsv(time: readonly number[], series: readonly { label: string; values: readonly number[] }[]): string {
  return csvText(['time_ms', ...series.map((s) => s.label)], time.map((t, i) => [t, ...series.map((s) => s.values[i])]));
}

/** Rate histograms: per population and bin, its rate range and how many neurons fall in it. */
export function rateHistogramsCsv(hists: readonly { id: string; maxHz: number; counts: readonly number[] }[]): string {
  const rows: (string | number)[][] = [];
  for (const h of hists) {
    const w = h.maxHz / h.counts.length;
    h.counts.forEach((c, k) => rows.push([h.id, +(k * w).toFixed(6), +((k + 1) * w).toFixed(6), c]));
  }
  return csvText(['population', 'rate_from_hz', 'rate_to_hz', 'neurons'], rows);
}

/** A confusion matrix: one row per true class, one column per predicted class. */
export function confusionCsv(confusion: readonly (readonly number[])[]): string {
  return csvText(['true_class', ...confusion.map((_, j) => `predicted_${j}`)], confusion.map((row, i) => [i, ...row]));
}
