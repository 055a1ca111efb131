// Keeps a uPlot chart the size of its wrapper (the run panel's traces and the Training tab's charts).
import type uPlot from 'uplot';

/** Resizes `plot` to `wrap` whenever the wrapper changes size; returns the function that stops it. */
export function fitPlotToWrapper(plot: uPlot, wrap: HTMLElement): () => void {
  const ro = new ResizeObserver(() => {
    const r = wrap.getBoundingClientRect();
    plot.setSize({ width: Math.max(100, r.width), height: Math.max(60, r.height) });
  });
  ro.observe(wrap);
  return () => ro.disconnect();
}
