// Membrane traces of the monitored neurons (state monitors), drawn with uPlot and updated once a frame.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { RunController } from './controller';
import { fitPlotToWrapper } from './fit-plot';

// Twelve: a readout's classes each get their own (the tutorial's 12 IPD bins).
const COLORS = ['#5aa9ff', '#ffb547', '#4fd18b', '#ff7ab6', '#b18cff', '#59d8e6', '#e6e159', '#ff8f59', '#9be15d', '#f06292', '#7986cb', '#c0a080'];

export function TraceLegend({ labels }: { labels: string[] }) {
  return (
    <span className="trace-legend">
      {labels.map((l, i) => <span key={l}><i style={{ background: COLORS[i % COLORS.length] }} aria-hidden="true" />{l}</span>)}
    </span>
  );
}

export function Traces({ ctrl, seriesKey }: { ctrl: RunController; seriesKey: string }) {
  const wrapRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const wrap = wrapRef.current!;
    const d = ctrl.data;
    if (!d.traceSeries.length) return;
    const axis = { stroke: '#8a92a3', grid: { stroke: '#262b36', width: 1 }, ticks: { stroke: '#2c313d', width: 1 }, font: '11px system-ui, sans-serif' };
    const rect = wrap.getBoundingClientRect();
    const plot = new uPlot({
      width: Math.max(100, rect.width), height: Math.max(60, rect.height),
      legend: { show: false },
      cursor: { show: true, drag: { x: false, y: false } },
      scales: { x: { time: false } },
      axes: [{ ...axis, size: 28, values: (_u, ticks) => ticks.map((t) => `${+t.toPrecision(4)} ms`) }, { ...axis, size: 44 }],
      series: [{ label: 't' }, ...d.traceSeries.map((s, i) => ({ label: s.label, stroke: COLORS[i % COLORS.length], width: 1.25, points: { show: false } }))],
    }, [d.traceTime, ...d.traceSeries.map((s) => s.values)], wrap);
    let frame = 0;
    const update = () => {
      frame = 0;
      const x = ctrl.data.traceTime;
      plot.setData([x.slice(), ...ctrl.data.traceSeries.map((s) => s.values.slice())]);
    };
    const unsubscribe = ctrl.subscribe(() => { if (!frame) frame = requestAnimationFrame(update); });
    const unfit = fitPlotToWrapper(plot, wrap);
    return () => { unsubscribe(); unfit(); if (frame) cancelAnimationFrame(frame); plot.destroy(); };
  }, [ctrl, seriesKey]);

  return <div className="plot traces" ref={wrapRef} />;
}
