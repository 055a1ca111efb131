// The spike raster: one dot per spike (time → x, neuron → y, populations stacked with their names), drawn
// on a canvas as chunks arrive (only new spikes each frame), with a text summary of the spike count.
import { ExportMenu } from '../components/ExportMenu';
import { rasterCsv } from '../components/plot-csv';
import { useEffect, useRef } from 'react';
import type { RunController } from './controller';
import { rasterBands, type Band } from './bands';

const COLORS = ['#5aa9ff', '#ffb547', '#4fd18b', '#ff7ab6', '#b18cff', '#59d8e6'];
const AXIS = { left: 84, bottom: 18, top: 4, right: 8 };

export function Raster({ ctrl, summary, rates }: { ctrl: RunController; summary: string; rates: { id: string; hz: number }[] }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);

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
      return { w, h, plotW, plotH, sx: plotW / steps };
    };

    const full = () => {
      const ctx = canvas.getContext('2d')!;
      const d = ctrl.data;
      const g = geometry();
      bands = rasterBands(d.layout?.populations ?? [], g.plotH).map((b, i) => ({ ...b, color: COLORS[i % COLORS.length] }));
      ctx.setTransform(devicePixelRatio, 0, 0, devicePixelRatio, 0, 0);
      ctx.clearRect(0, 0, g.w, g.h);
      ctx.font = '11px system-ui, sans-serif';
      ctx.strokeStyle = '#2c313d';
      ctx.strokeRect(AXIS.left - 0.5, AXIS.top - 0.5, g.plotW + 1, g.plotH + 1);
      bands.forEach((b, i) => {
        const y0 = AXIS.top + b.y;
        ctx.fillStyle = b.color;
        ctx.fillRect(AXIS.left - 4, y0 + 1, 2, Math.max(1, b.h - 2));
        ctx.fillStyle = '#8a92a3';
        ctx.textAlign = 'right';
        ctx.fillText(b.id.length > 11 ? `${b.id.slice(0, 10)}…` : b.id, AXIS.left - 8, y0 + Math.min(b.h, 40) / 2 + 4);
        if (i > 0) { ctx.beginPath(); ctx.moveTo(AXIS.left, y0 + 0.5); ctx.lineTo(AXIS.left + g.plotW, y0 + 0.5); ctx.stroke(); }
      });
      if (d.layout) {
        const ms = d.layout.totalSteps * d.layout.dtMs;
        ctx.fillStyle = '#8a92a3';
        ctx.textAlign = 'center';
        for (let k = 0; k <= 4; k++) {
          const x = AXIS.left + (k / 4) * g.plotW;
          ctx.fillText(`${+(ms * k / 4).toPrecision(3)} ms`, Math.min(Math.max(x, AXIS.left + 16), g.w - 24), g.h - 4);
        }
      }
      drawnSoFar = 0;
      incremental();
    };

    const incremental = () => {
      const ctx = canvas.getContext('2d')!;
      const d = ctrl.data;
      const g = geometry();
      const wide = Math.max(1, Math.min(2, g.sx));
      let b = bands[0];
      for (let i = drawnSoFar; i < d.drawn; i++) {
        const row = d.spikeRows[i];
        if (!b || row < b.firstRow || row >= b.firstRow + b.size) b = bands.find((x) => row < x.firstRow + x.size) ?? bands[0];
        if (!b) break;
        // Rows taller than a few pixels get a centred tick (a single neuron's spikes read as a spike train).
        const sy = b.h / b.size;
        const dot = sy <= 3 ? Math.max(1, sy) : Math.min(sy * 0.7, 14);
        ctx.fillStyle = b.color;
        ctx.fillRect(AXIS.left + d.spikeSteps[i] * g.sx, AXIS.top + b.y + (row - b.firstRow) * sy + (sy - dot) / 2, wide, dot);
      }
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
    const unsubscribe = ctrl.subscribe(schedule);
    return () => { ro.disconnect(); unsubscribe(); if (frame) cancelAnimationFrame(frame); };
  }, [ctrl]);

  return (
    <section aria-label="Spike raster">
      <h2>Spike raster <span className="summary" data-testid="raster-summary">{summary}</span>
        <ExportMenu name="spike raster" csv={() => { const d = ctrl.data; return rasterCsv(d.spikeSteps, d.spikeRows, d.drawn, d.layout?.dtMs ?? 0, d.layout?.populations ?? [], d.rowOffset); }} /></h2>
      <div className="plot" ref={wrapRef}>
        <canvas ref={canvasRef} role="img" aria-label={`Spike raster: ${summary}`} />
      </div>
      {rates.length > 0 && (
        <ul className="rates" aria-label="Mean firing rates">
          {rates.map((r, i) => (
            <li key={r.id}><i style={{ background: COLORS[i % COLORS.length] }} aria-hidden="true" />{r.id} <b>{r.hz < 10 ? r.hz.toFixed(1) : Math.round(r.hz)} Hz</b></li>
          ))}
        </ul>
      )}
    </section>
  );
}
