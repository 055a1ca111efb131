// Membrane traces of the monitored neurons (state monitors), drawn with uPlot and updated once a frame.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { RunController } from './controller';
import { fitPlotToWrapper } from './fit-plot';

/** `colors`: one per label, the same the plot uses (plots/trace-axes.ts traceColors). */
export function TraceLegend({ labels, colors }: { labels: string[]; colors: readonly string[] }) {
  return (
    <span className="trace-legend">
      {labels.map((l, i) => <span key={l}><i style={{ background: colors[i] }} aria-hidden="true" />{l}</span>)}
    </span>
  );
}

/** `colors`: one per trace series; `yLabel`: the y-axis title with its unit (plots/trace-axes.ts). */
export function Traces({ ctrl, seriesKey, colors, yLabel }: { ctrl: RunController; seriesKey: string; colors: readonly string[]; yLabel: string }) {
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
      axes: [
        { ...axis, size: 30, label: 'time (ms)', labelSize: 14, labelFont: axis.font, values: (_u, ticks) => ticks.map((t) => `${+t.toPrecision(4)}`) },
        { ...axis, size: 44, label: yLabel, labelSize: 14, labelFont: axis.font },
      ],
      series: [{ label: 't' }, ...d.traceSeries.map((s, i) => ({ label: s.label, stroke: colors[i], width: 1.25, points: { show: false } }))],
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
  }, [ctrl, seriesKey, colors, yLabel]);

  // uPlot draws its axis titles on the canvas: the same words as the accessible name.
  return <div className="plot traces" ref={wrapRef} role="img" aria-label={`Membrane traces: ${yLabel} against time (ms)`} />;
}
