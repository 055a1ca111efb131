// The spike raster: one dot per spike (time → x, neuron → y, populations stacked with their names), drawn
// on a canvas as chunks arrive (only new spikes each frame), with a text summary of the spike count. It zooms
// and scrolls (./raster-view.ts): the wheel zooms time (Shift+wheel: neurons) about the pointer, dragging pans,
// buttons zoom about the middle; a new run keeps the window.
import { ExportMenu } from '../components/ExportMenu';
import { rasterCsv } from '../components/plot-csv';
import { useEffect, useRef, useState } from 'react';
import type { RunController } from './controller';
import { rasterBands, type Band } from './bands';
import { niceTicks, tickCountFor } from '../plots/ticks';
import { FULL_VIEW, isFull, panView, zoomView, type Axis, type RasterView } from './raster-view';

const AXIS = { left: 84, bottom: 18, top: 4, right: 8 };
/** Room a time label takes ("1000" at 11 px), for spacing the ticks so labels never touch. */
const TICK_LABEL_PX = 34;

/** `colorOf`: each population's colour (plots/palette.ts, keyed by the document's node order); `legend`: the
 *  populations the colour key names, in band order (./bands.ts rasterKey): by id, as the bands and the rate list
 *  name them (short enough for the narrow results column), the label in the tooltip; `moreExports`: further
 *  items of the raster's export menu (RunPanel: the recordings as NIR data). */
export function Raster({ ctrl, summary, rates, colorOf, legend, moreExports }: {
  ctrl: RunController; summary: string; rates: { id: string; hz: number }[]; colorOf: (id: string) => string; legend: { id: string; label: string }[];
  moreExports?: readonly { label: string; run: () => void }[];
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<RasterView>(FULL_VIEW);
  const viewRef = useRef(view);
  const redrawRef = useRef<() => void>(() => undefined);
  useEffect(() => { viewRef.current = view; redrawRef.current(); }, [view]);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const wrap = wrapRef.current!;
    let drawnSoFar = 0;
    let layoutSeen: unknown = null;
    let frame = 0;

    let bands: (Band & { color: string })[] = [];

    const geometry = () => {
      const d = ctrl.data;
      const w = canvas.width / devicePixelRatio, h = canvas.height / devicePixelRatio;
      const plotW = Math.max(1, w - AXIS.left - AXIS.right), plotH = Math.max(1, h - AXIS.top - AXIS.bottom);
      const steps = Math.max(1, d.layout?.totalSteps ?? 1);
      const v = viewRef.current;
      // Pixels per step and the full (unclipped) height of all rows at this zoom.
      const sx = plotW / steps / (v.t1 - v.t0), fullH = plotH / (v.r1 - v.r0);
      return { w, h, plotW, plotH, sx, fullH, x0: v.t0 * steps * sx, y0: v.r0 * fullH, v };
    };

    const full = () => {
      const ctx = canvas.getContext('2d')!;
      const d = ctrl.data;
      const g = geometry();
      bands = rasterBands(d.layout?.populations ?? [], g.fullH).map((b) => ({ ...b, color: colorOf(b.id) }));
      ctx.setTransform(devicePixelRatio, 0, 0, devicePixelRatio, 0, 0);
      ctx.clearRect(0, 0, g.w, g.h);
      ctx.font = '11px system-ui, sans-serif';
      ctx.strokeStyle = '#2c313d';
      ctx.strokeRect(AXIS.left - 0.5, AXIS.top - 0.5, g.plotW + 1, g.plotH + 1);
      bands.forEach((b, i) => {
        // The visible part of the band (rows scrolled out of the window are not labelled).
        const top = Math.max(AXIS.top, AXIS.top + b.y - g.y0), bottom = Math.min(AXIS.top + g.plotH, AXIS.top + b.y + b.h - g.y0);
        if (bottom <= top) return;
        ctx.fillStyle = b.color;
        ctx.fillRect(AXIS.left - 4, top + 1, 2, Math.max(1, bottom - top - 2));
        ctx.fillStyle = '#8a92a3';
        ctx.textAlign = 'right';
        ctx.fillText(b.id.length > 11 ? `${b.id.slice(0, 10)}…` : b.id, AXIS.left - 8, top + Math.min(bottom - top, 40) / 2 + 4);
        if (i > 0 && AXIS.top + b.y - g.y0 >= AXIS.top) { ctx.beginPath(); ctx.moveTo(AXIS.left, top + 0.5); ctx.lineTo(AXIS.left + g.plotW, top + 0.5); ctx.stroke(); }
      });
      if (d.layout) {
        const ms = d.layout.totalSteps * d.layout.dtMs;
        const from = g.v.t0 * ms, span = (g.v.t1 - g.v.t0) * ms;
        ctx.fillStyle = '#8a92a3';
        // Tick values only (of the visible window), spaced for their labels; the unit once, as the axis title.
        for (const t of niceTicks(from, from + span, tickCountFor(g.plotW, TICK_LABEL_PX))) {
          const x = AXIS.left + ((t - from) / span) * g.plotW;
          ctx.textAlign = x - AXIS.left < TICK_LABEL_PX / 2 ? 'left' : AXIS.left + g.plotW - x < TICK_LABEL_PX / 2 ? 'right' : 'center';
          ctx.fillText(`${+t.toPrecision(6)}`, x, g.h - 4);
        }
        ctx.textAlign = 'right';
        ctx.fillText('time (ms)', AXIS.left - 8, g.h - 4);
      }
      drawnSoFar = 0;
      incremental();
    };

    const incremental = () => {
      const ctx = canvas.getContext('2d')!;
      const d = ctrl.data;
      const g = geometry();
      const wide = Math.max(1, Math.min(2, g.sx));
      ctx.save();
      ctx.beginPath();
      ctx.rect(AXIS.left, AXIS.top, g.plotW, g.plotH);
      ctx.clip();
      let b = bands[0];
      for (let i = drawnSoFar; i < d.drawn; i++) {
        const row = d.spikeRows[i];
        if (!b || row < b.firstRow || row >= b.firstRow + b.size) b = bands.find((x) => row < x.firstRow + x.size) ?? bands[0];
        if (!b) break;
        // Rows taller than a few pixels get a centred tick (a single neuron's spikes read as a spike train).
        const sy = b.h / b.size;
        const dot = sy <= 3 ? Math.max(1, sy) : Math.min(sy * 0.7, 14);
        const x = AXIS.left + d.spikeSteps[i] * g.sx - g.x0, y = AXIS.top + b.y + (row - b.firstRow) * sy + (sy - dot) / 2 - g.y0;
        if (x < AXIS.left - wide || x > AXIS.left + g.plotW || y < AXIS.top - dot || y > AXIS.top + g.plotH) continue;
        ctx.fillStyle = b.color;
        ctx.fillRect(x, y, wide, dot);
      }
      ctx.restore();
      drawnSoFar = d.drawn;
    };

    const draw = () => {
      frame = 0;
      if (ctrl.data.layout !== layoutSeen || ctrl.data.drawn < drawnSoFar) { layoutSeen = ctrl.data.layout; full(); } else incremental();
    };
    const schedule = () => { if (!frame) frame = requestAnimationFrame(draw); };

    const ro = new ResizeObserver(() => {
      const r = wrap.getBoundingClientRect();
      canvas.width = Math.max(1, Math.floor(r.width * devicePixelRatio));
      canvas.height = Math.max(1, Math.floor(r.height * devicePixelRatio));
      canvas.style.width = `${r.width}px`;
      canvas.style.height = `${r.height}px`;
      full();
    });
    ro.observe(wrap);
    redrawRef.current = full;
    const unsubscribe = ctrl.subscribe(schedule);

    // Wheel zooms about the pointer (time; Shift: neurons); dragging pans both axes.
    const within = (e: { clientX: number; clientY: number }) => {
      const r = canvas.getBoundingClientRect(), g = geometry();
      return { fx: (e.clientX - r.left - AXIS.left) / g.plotW, fy: (e.clientY - r.top - AXIS.top) / g.plotH };
    };
    const onWheel = (e: WheelEvent) => {
      const { fx, fy } = within(e);
      const axis: Axis = e.shiftKey ? 'r' : 't';
      e.preventDefault();
      const at = Math.min(1, Math.max(0, axis === 't' ? fx : fy));
      setView((v) => zoomView(v, axis, e.deltaY < 0 ? 1.25 : 0.8, at));
    };
    let drag: { x: number; y: number } | null = null;
    const onDown = (e: PointerEvent) => { drag = { x: e.clientX, y: e.clientY }; canvas.setPointerCapture(e.pointerId); };
    const onMove = (e: PointerEvent) => {
      if (!drag) return;
      const g = geometry();
      const dx = (e.clientX - drag.x) / g.plotW, dy = (e.clientY - drag.y) / g.plotH;
      drag = { x: e.clientX, y: e.clientY };
      setView((v) => panView(panView(v, 't', -dx), 'r', -dy));
    };
    const onUp = () => { drag = null; };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    canvas.addEventListener('pointerdown', onDown);
    canvas.addEventListener('pointermove', onMove);
    canvas.addEventListener('pointerup', onUp);
    return () => {
      ro.disconnect(); unsubscribe(); if (frame) cancelAnimationFrame(frame);
      redrawRef.current = () => undefined;
      canvas.removeEventListener('wheel', onWheel);
      canvas.removeEventListener('pointerdown', onDown);
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerup', onUp);
    };
  }, [ctrl, colorOf]);

  const zoom = (axis: Axis, factor: number) => setView((v) => zoomView(v, axis, factor));
  const pct = (a: number, b: number) => `${Math.round(100 * (b - a))} %`;

  return (
    <section aria-label="Spike raster">
      <h2>Spike raster <span className="summary" data-testid="raster-summary">{summary}</span>
        <ExportMenu name="spike raster" csv={() => { const d = ctrl.data; return rasterCsv(d.spikeSteps, d.spikeRows, d.drawn, d.layout?.dtMs ?? 0, d.layout?.populations ?? [], d.rowOffset); }} more={moreExports} /></h2>
      <div className="raster-zoom" role="toolbar" aria-label="Raster zoom">
        <button type="button" title="Zoom in time" onClick={() => zoom('t', 2)}><span aria-hidden="true">t +</span><span className="sr-only">Zoom in time</span></button>
        <button type="button" title="Zoom out time" onClick={() => zoom('t', 0.5)} disabled={view.t1 - view.t0 >= 1}><span aria-hidden="true">t −</span><span className="sr-only">Zoom out time</span></button>
        <button type="button" title="Zoom in neurons" onClick={() => zoom('r', 2)}><span aria-hidden="true">n +</span><span className="sr-only">Zoom in neurons</span></button>
        <button type="button" title="Zoom out neurons" onClick={() => zoom('r', 0.5)} disabled={view.r1 - view.r0 >= 1}><span aria-hidden="true">n −</span><span className="sr-only">Zoom out neurons</span></button>
        <button type="button" onClick={() => setView(FULL_VIEW)} disabled={isFull(view)}>Fit</button>
        <span className="muted" data-testid="raster-window">{isFull(view) ? 'all' : `time ${pct(view.t0, view.t1)}, neurons ${pct(view.r0, view.r1)}`}</span>
      </div>
      {legend.length > 0 && (
        <ul className="raster-key" aria-label="Raster colour key">
          {legend.map((k) => <li key={k.id} title={k.label === k.id ? k.id : `${k.label} (${k.id})`}><i style={{ background: colorOf(k.id) }} aria-hidden="true" />{k.id}</li>)}
        </ul>
      )}
      <div className="plot" ref={wrapRef}>
        <canvas ref={canvasRef} role="img" aria-label={`Spike raster: ${summary}`} />
      </div>
      {rates.length > 0 && (
        <ul className="rates" aria-label="Mean firing rates">
          {rates.map((r) => (
            <li key={r.id}><i style={{ background: colorOf(r.id) }} aria-hidden="true" />{r.id} <b>{r.hz < 10 ? r.hz.toFixed(1) : Math.round(r.hz)} Hz</b></li>
          ))}
        </ul>
      )}
    </section>
  );
}
