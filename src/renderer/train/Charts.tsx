// The Training panel's live charts (uPlot, redrawn at most once a frame): loss per batch with each epoch's
// mean, and train/test accuracy per epoch; and the confusion matrix of the last evaluation as a table.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TrainController, TrainMetrics } from './controller';
import { fitPlotToWrapper } from '../run/fit-plot';

const AXIS = { stroke: '#8a92a3', grid: { stroke: '#262b36', width: 1 }, ticks: { stroke: '#2c313d', width: 1 }, font: '11px system-ui, sans-serif' };

interface ChartSpec {
  xLabel: string;
  /** The y-axis title (with its unit where it has one). */
  yLabel: string;
  series: { label: string; stroke: string; points?: boolean }[];
  data: (m: TrainMetrics) => uPlot.AlignedData;
  yRange?: [number, number];
}

export const LOSS_CHART: ChartSpec = {
  xLabel: 'batch',
  yLabel: 'loss (cross-entropy)',
  series: [{ label: 'batch loss', stroke: '#5aa9ff' }, { label: 'epoch mean', stroke: '#ffb547', points: true }],
  data: (m) => [m.batchX.slice(), m.batchLoss.slice(), m.epochLoss.slice()],
};

export const ACCURACY_CHART: ChartSpec = {
  xLabel: 'epoch',
  yLabel: 'accuracy (%)',
  series: [{ label: 'train %', stroke: '#4fd18b', points: true }, { label: 'test %', stroke: '#ff7ab6', points: true }],
  data: (m) => [m.history.map((h) => h.epoch), m.history.map((h) => 100 * h.train_accuracy), m.history.map((h) => 100 * h.test.accuracy)],
  yRange: [0, 100],
};

/** `runId`: the training shown (a new one rebuilds the chart). */
export function LiveChart({ ctrl, spec, label, runId }: { ctrl: TrainController; spec: ChartSpec; label: string; runId: number }) {
  const wrapRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const wrap = wrapRef.current!;
    const rect = wrap.getBoundingClientRect();
    const plot = new uPlot({
      width: Math.max(100, rect.width), height: Math.max(60, rect.height),
      legend: { show: false },
      cursor: { show: true, drag: { x: false, y: false } },
      scales: { x: { time: false }, ...(spec.yRange ? { y: { range: spec.yRange } } : {}) },
      // Axis titles on both axes; y ticks every 16 px at least (uPlot's default 30 px left a short chart one tick).
      axes: [
        { ...AXIS, size: 30, label: spec.xLabel, labelSize: 14, labelFont: AXIS.font, values: (_u, ticks) => ticks.map((t) => `${+t.toPrecision(4)}`) },
        { ...AXIS, size: 40, space: 16, label: spec.yLabel, labelSize: 14, labelFont: AXIS.font, values: (_u, ticks) => ticks.map((t) => `${+t.toPrecision(3)}`) },
      ],
      series: [{ label: spec.xLabel }, ...spec.series.map((s) => ({
        label: s.label, stroke: s.stroke, width: 1.25, spanGaps: true, points: { show: !!s.points, size: 5, fill: s.stroke },
      }))],
    }, spec.data(ctrl.metrics), wrap);
    let frame = 0;
    let drawn = -1;
    const update = () => {
      frame = 0;
      const n = ctrl.metrics.batchX.length + 1000 * ctrl.metrics.history.length;
      if (n === drawn) return;
      drawn = n;
      plot.setData(spec.data(ctrl.metrics));
      wrap.dataset.points = String(plot.data[0].length);
    };
    update();
    const unsubscribe = ctrl.subscribe(() => { if (!frame) frame = requestAnimationFrame(update); });
    const unfit = fitPlotToWrapper(plot, wrap);
    return () => { unsubscribe(); unfit(); if (frame) cancelAnimationFrame(frame); plot.destroy(); };
  }, [ctrl, spec, runId]);
  return <div className="plot train-chart" ref={wrapRef} role="img" aria-label={label} data-points="0" />;
}

export function ChartLegend({ spec }: { spec: ChartSpec }) {
  return (
    <span className="trace-legend train-legend">
      {spec.series.map((s) => <span key={s.label}><i style={{ background: s.stroke }} aria-hidden="true" />{s.label}</span>)}
    </span>
  );
}

/** confusion[true][predicted]: each row shaded by its share of the row's samples; the diagonal is correct. */
export function ConfusionMatrix({ confusion }: { confusion: number[][] }) {
  const K = confusion.length;
  return (
    <table className="confusion" aria-label="Confusion matrix">
      <thead>
        <tr><th scope="col" title="rows: true class; columns: predicted class"><span aria-hidden="true">true ↓ pred →</span><span className="sr-only">True class (rows) by predicted class (columns)</span></th>{confusion.map((_, j) => <th key={j} scope="col">{j}</th>)}</tr>
      </thead>
      <tbody>
        {confusion.map((row, i) => {
          const sum = row.reduce((a, b) => a + b, 0) || 1;
          return (
            <tr key={i}>
              <th scope="row">{i}</th>
              {row.map((n, j) => {
                const f = n / sum;
                const color = i === j ? `rgba(79, 209, 139, ${0.15 + 0.85 * f})` : `rgba(255, 107, 107, ${f})`;
                return <td key={j} title={`true ${i}, predicted ${j}: ${n}`} style={{ background: n ? color : undefined }}>{n || ''}</td>;
              })}
            </tr>
          );
        })}
      </tbody>
      {K === 0 && <caption>No classes</caption>}
    </table>
  );
}
