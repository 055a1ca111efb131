// A step's rate sweep (lesson 2's f–I curve, src/shared/lessons/rate-sweep.ts): runs the editor's network once per
// value on the CPU engine, here on the page between frames (one neuron runs in milliseconds), and draws the curve.
import { useEffect, useRef, useState } from 'react';
import type { NetworkDocument } from '../../shared/graph';
import type { LessonRateSweep } from '../../shared/lessons';
import type { RatePoint } from '../../shared/lessons/rate-sweep';

const W = 300, H = 150, L = 40, B = 30, T = 8, R = 10;

export function RateSweep({ spec, doc }: { spec: LessonRateSweep; doc: NetworkDocument }) {
  const [points, setPoints] = useState<RatePoint[]>([]);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const signal = useRef<{ aborted: boolean } | null>(null);
  const figure = useRef<HTMLElement>(null);
  const shown = points.length > 0;
  // The curve comes into view when it appears (the panel scrolls on small screens).
  useEffect(() => { if (shown) figure.current?.scrollIntoView({ block: 'nearest' }); }, [shown]);
  useEffect(() => () => { if (signal.current) signal.current.aborted = true; }, []);
  const ready = doc.nodes.some((n) => n.id === spec.node) && doc.nodes.some((n) => n.id === spec.population);
  const unit = spec.unit ? ` (${spec.unit})` : '';

  const start = async () => {
    const s = { aborted: false };
    signal.current = s;
    setPoints([]); setError(null); setProgress({ done: 0, total: 0 });
    try {
      // Loaded on first use: the CPU engine is not otherwise part of the page's main bundle.
      const { runRateSweep } = await import('../../shared/lessons/rate-sweep');
      await runRateSweep(doc, spec, {
        signal: s,
        onPoint: (p, done, total) => { if (!s.aborted) { setPoints((ps) => [...ps, p]); setProgress({ done, total }); } },
        pause: () => new Promise((r) => setTimeout(r, 0)),
      });
    } catch (e) {
      if (!s.aborted) setError(e instanceof Error ? e.message : String(e));
    }
    if (!s.aborted) setProgress(null);
    signal.current = null;
  };
  const cancel = () => { if (signal.current) signal.current.aborted = true; signal.current = null; setProgress(null); };

  const maxHz = Math.max(10, ...points.map((p) => p.hz));
  const x = (v: number) => L + ((v - spec.from) / (spec.to - spec.from)) * (W - L - R);
  const y = (hz: number) => T + (1 - hz / maxHz) * (H - T - B);
  const onset = points.find((p) => p.hz > 0);
  const last = points[points.length - 1];
  return (
    <div className="rate-sweep">
      <h3>{`Rate vs ${spec.label}`}</h3>
      <div className="button-row">
        {progress ? <button type="button" onClick={cancel}>Cancel sweep</button>
          : <button type="button" className="primary" onClick={() => void start()} disabled={!ready}>Sweep</button>}
        {progress && <progress aria-label="Sweep progress" max={progress.total || 1} value={progress.done} />}
        {!ready && <span className="muted">Load the step's network first.</span>}
      </div>
      {error && <p role="alert">The sweep failed: {error}</p>}
      {points.length > 0 && (
        <figure ref={figure}>
          <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Mean rate of ${spec.population} against ${spec.label}`}>
            <line x1={L} y1={H - B} x2={W - R} y2={H - B} className="axis" />
            <line x1={L} y1={T} x2={L} y2={H - B} className="axis" />
            {[spec.from, (spec.from + spec.to) / 2, spec.to].map((v) => <text key={v} x={x(v)} y={H - B + 12} textAnchor="middle">{+v.toFixed(2)}</text>)}
            {[0, maxHz / 2, maxHz].map((hz) => <text key={hz} x={L - 4} y={y(hz) + 4} textAnchor="end">{Math.round(hz)}</text>)}
            <text x={(L + W - R) / 2} y={H - 2} textAnchor="middle">{`${spec.label}${unit}`}</text>
            <text x={10} y={(T + H - B) / 2} textAnchor="middle" transform={`rotate(-90 10 ${(T + H - B) / 2})`}>rate (Hz)</text>
            <polyline points={points.map((p) => `${x(p.value)},${y(p.hz)}`).join(' ')} className="curve" />
            {points.map((p) => <circle key={p.value} cx={x(p.value)} cy={y(p.hz)} r={2.5} className="dot" />)}
          </svg>
          <figcaption data-testid="rate-sweep-summary">
            {onset ? `Fires from ${onset.value}${spec.unit ? ` ${spec.unit}` : ''} at ${+onset.hz.toFixed(1)} Hz` : 'No spikes in the window yet'}
            {last ? `; at ${last.value}${spec.unit ? ` ${spec.unit}` : ''}: ${+last.hz.toFixed(1)} Hz` : ''} ({points.length} runs).
          </figcaption>
        </figure>
      )}
    </div>
  );
}
