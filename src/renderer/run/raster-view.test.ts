import { describe, expect, it } from 'vitest';
import { FULL_VIEW, isFull, MIN_SPAN, panView, zoomView } from './raster-view';

describe('the raster window', () => {
  it('zooms about a point and keeps it in place', () => {
    const v = zoomView(FULL_VIEW, 't', 4, 0.5);
    expect(v).toEqual({ t0: 0.375, t1: 0.625, r0: 0, r1: 1 });
    // Zooming about the left edge keeps the left edge.
    const w = zoomView(v, 't', 2, 0);
    expect(w.t0).toBeCloseTo(0.375, 12);
    expect(w.t1).toBeCloseTo(0.5, 12);
    expect(zoomView(FULL_VIEW, 'r', 10, 1)).toMatchObject({ r0: 0.9, r1: 1 });
  });
  it('never goes past the edges nor below the smallest span, and zooming out returns to the whole run', () => {
    const v = zoomView(FULL_VIEW, 't', 1e9, 0.999);
    expect(v.t1 - v.t0).toBeCloseTo(MIN_SPAN, 12);
    expect(v.t1).toBeLessThanOrEqual(1);
    expect(zoomView(v, 't', 1e-9)).toEqual(FULL_VIEW);
    expect(isFull(zoomView(v, 't', 1e-9))).toBe(true);
  });
  it('pans by visible spans, stopping at the ends', () => {
    const v = zoomView(FULL_VIEW, 't', 4, 0); // [0, 0.25]
    expect(panView(v, 't', 1)).toMatchObject({ t0: 0.25, t1: 0.5 });
    expect(panView(v, 't', 10)).toMatchObject({ t0: 0.75, t1: 1 });
    expect(panView(v, 't', -1)).toMatchObject({ t0: 0, t1: 0.25 });
  });
});
