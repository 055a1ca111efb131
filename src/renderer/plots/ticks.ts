// Axis ticks for the hand-drawn plots (raster): "nice" values (1, 2, 5 × 10^k) spaced so that their labels
// never touch, for a given axis length and label width.

/** Ticks from `min` to `max` (inclusive where they land on a nice value), at most `maxCount` of them. */
export function niceTicks(min: number, max: number, maxCount: number): number[] {
  if (!(max > min) || maxCount < 1) return [min];
  const raw = (max - min) / Math.max(1, maxCount - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= raw * (1 - 1e-9)) ?? 10 * mag;
  const out: number[] = [];
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) out.push(+(k * step).toPrecision(12));
  return out;
}

/** How many labels of `labelPx` (with a gap of half a label) fit on an axis `lengthPx` long: at least 2. */
export function tickCountFor(lengthPx: number, labelPx: number): number {
  return Math.max(2, Math.floor(lengthPx / (labelPx * 1.5)) + 1);
}
