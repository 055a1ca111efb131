// The spike raster: one dot per spike (time → x, neuron → y, populations stacked with their names), drawn
// on a canvas as chunks arrive (only new spikes each frame), with a text summary of the spike count.
import { useEffect, useRef } from 'react';
import type { RunController } from './controller';

const COLORS = ['#5aa9ff', '#ffb547', '#4fd18b', '#ff7ab6', '#b18cff', '#59d8e6'];
const AXIS = { left: 84, bottom: 18, top: 4, right: 8 };

export function Raster({ ctrl, summary }: { ctrl: RunController; summary: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const wrap = wrapRef.current!;
    let drawnSoFar = 0;
    let layoutSeen: unknown = null;
    let frame = 0;

    const geometry = () => {
      const d = ctrl.data;
      const w = canvas.width / devicePixelRatio, h = canvas.height / devicePixelRatio;
      const plotW = Math.max(1, w - AXIS.left - AXIS.right), plotH = Math.max(1, h - AXIS.top - AXIS.bottom);
      const steps = Math.max(1, d.layout?.totalSteps ?? 1);
      const rows = Math.max(1, d.totalRows);
      return { w, h, plotW, plotH, sx: plotW / steps, sy: plotH / rows };
    };

    const full = () => {
      const ctx = canvas.getContext('2d')!;
      const d = ctrl.data;
      const g = geometry();
      ctx.setTransform(devicePixelRatio, 0, 0, devicePixelRatio, 0, 0);
      ctx.clearRect(0, 0, g.w, g.h);
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillStyle = '#8a92a3';
      ctx.strokeStyle = '#2c313d';
      ctx.strokeRect(AXIS.left - 0.5, AXIS.top - 0.5, g.plotW + 1, g.plotH + 1);
      const pops = d.layout?.populations ?? [];
      pops.forEach((p, i) => {
        const y0 = AXIS.top + d.rowOffset[p.id] * g.sy;
        const hh = p.size * g.sy;
        ctx.fillStyle = COLORS[i % COLORS.length];
        ctx.fillRect(AXIS.left - 4, y0, 2, Math.max(1, hh));
        ctx.fillStyle = '#8a92a3';
        ctx.textAlign = 'right';
        ctx.fillText(p.id.length > 11 ? `${p.id.slice(0, 10)}…` : p.id, AXIS.left - 8, y0 + Math.min(hh, 40) / 2 + 4);
        if (i > 0) { ctx.beginPath(); ctx.moveTo(AXIS.left, y0 + 0.5); ctx.lineTo(AXIS.left + g.plotW, y0 + 0.5); ctx.stroke(); }
      });
      if (d.layout) {
        const ms = d.layout.totalSteps * d.layout.dtMs;
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
      const pops = d.layout?.populations ?? [];
      const bounds = pops.map((p, i) => ({ end: d.rowOffset[p.id] + p.size, color: COLORS[i % COLORS.length] }));
      // Rows taller than a few pixels get a centred tick (a single neuron's spikes read as a spike train).
      const dot = g.sy <= 3 ? Math.max(1, g.sy) : Math.min(g.sy * 0.7, 14);
      const pad = (g.sy - dot) / 2;
      const wide = Math.max(1, Math.min(2, g.sx));
      for (let i = drawnSoFar; i < d.drawn; i++) {
        const row = d.spikeRows[i];
        ctx.fillStyle = bounds.find((b) => row < b.end)?.color ?? COLORS[0];
        ctx.fillRect(AXIS.left + d.spikeSteps[i] * g.sx, AXIS.top + row * g.sy + pad, wide, dot);
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
      <h2>Spike raster <span className="summary" data-testid="raster-summary">{summary}</span></h2>
      <div className="plot" ref={wrapRef}>
        <canvas ref={canvasRef} role="img" aria-label={`Spike raster: ${summary}`} />
      </div>
    </section>
  );
}
