// The raster's visible window: fractions [t0, t1] of the run's time and [r0, r1] of its rows (0–1 each), zoomed
// about a point and panned, never past the edges nor below a smallest span.
export interface RasterView { t0: number; t1: number; r0: number; r1: number }
export type Axis = 't' | 'r';

export const FULL_VIEW: RasterView = { t0: 0, t1: 1, r0: 0, r1: 1 };
/** Smallest visible span of an axis (1/1000 of the run's time or rows). */
export const MIN_SPAN = 0.001;

const keys = (axis: Axis) => (axis === 't' ? (['t0', 't1'] as const) : (['r0', 'r1'] as const));

/** Zooms one axis by `factor` (> 1 zooms in) keeping the fraction `at` (0–1 of the visible span) in place. */
export function zoomView(v: RasterView, axis: Axis, factor: number, at = 0.5): RasterView {
  const [a, b] = keys(axis);
  const span = v[b] - v[a];
  const next = Math.min(1, Math.max(MIN_SPAN, span / factor));
  const pivot = v[a] + at * span;
  return place(v, axis, pivot - at * next, next);
}

/** Moves one axis by `delta` visible spans (positive: later times, lower rows). */
export function panView(v: RasterView, axis: Axis, delta: number): RasterView {
  const [a, b] = keys(axis);
  const span = v[b] - v[a];
  return place(v, axis, v[a] + delta * span, span);
}

function place(v: RasterView, axis: Axis, start: number, span: number): RasterView {
  const [a, b] = keys(axis);
  const s = Math.min(Math.max(0, start), 1 - span);
  return { ...v, [a]: s, [b]: s + span };
}

export const isFull = (v: RasterView) => v.t0 === 0 && v.t1 === 1 && v.r0 === 0 && v.r1 === 1;
