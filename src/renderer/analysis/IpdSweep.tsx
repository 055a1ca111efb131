// The IPD sweep panel (tutorial part 1's central figure): how many IPDs over 0–350° and seeds per IPD, the
// simulated time per run, Run sweep / Cancel, progress, estimate vs true IPD as a scatter over the diagonal, and
// the mean error. Reusable: give it a SweepController (./sweep.ts) and the coincidence-detection document.
import { useState, useSyncExternalStore } from 'react';
import { sweepIpdsDeg, circularErrorDeg } from '../../shared/analysis/ipd';
import type { NetworkDocument } from '../../shared/graph';
import { NumberField } from '../inspector/fields';
import type { SweepController } from './sweep';

export interface IpdSweepProps {
  ctrl: SweepController;
  doc: NetworkDocument;
  /** Starting choices (Learn mode may use a smaller budget). */
  initial?: { ipds?: number; seeds?: number; durationMs?: number };
  /** Disables Run sweep with this reason (e.g. a red field elsewhere). */
  blockedReason?: string | null;
}

const fmt = (d: number) => `${d.toFixed(1)}°`;

export function IpdSweep({ ctrl, doc, initial, blockedReason }: IpdSweepProps) {
  useSyncExternalStore(ctrl.subscribe, () => ctrl.version);
  const [ipds, setIpds] = useState(initial?.ipds ?? 36);
  const [seeds, setSeeds] = useState(initial?.seeds ?? 1);
  const [durationMs, setDuration] = useState(initial?.durationMs ?? doc.simulation.duration_ms);
  const done = ctrl.points.length;
  const mean = ctrl.meanErrorDeg;
  const start = () => ctrl.start(doc, { ipdsDeg: sweepIpdsDeg(ipds), seeds, durationMs });
  return (
    <div className="ipd-sweep" data-testid="ipd-sweep">
      <div className="sweep-controls">
        <NumberField label="IPDs" integer value={ipds} disabled={ctrl.running} description={`${ipds} angles from 0° in ${(360 / ipds).toFixed(1)}° steps`}
          validate={(n) => (n >= 1 && n <= 360 ? null : 'must be 1 to 360')} onCommit={(n) => { setIpds(n); return null; }} />
        <NumberField label="Seeds" integer value={seeds} disabled={ctrl.running} validate={(n) => (n >= 1 && n <= 100 ? null : 'must be 1 to 100')}
          onCommit={(n) => { setSeeds(n); return null; }} />
        <NumberField label="Run length" unit="ms" value={durationMs} disabled={ctrl.running} validate={(n) => (n > 0 ? null : 'must be above 0')}
          onCommit={(n) => { setDuration(n); return null; }} />
        {ctrl.running
          ? <button type="button" onClick={() => ctrl.cancel()}>Cancel</button>
          : <button type="button" className="primary" onClick={start} disabled={!!blockedReason} title={blockedReason ?? 'Run the network once per IPD and seed (CPU engine)'}>Run sweep</button>}
      </div>
      <div className="sweep-progress">
        <progress aria-label="Sweep progress" max={Math.max(1, ctrl.total)} value={done} />
        <span>{done} / {ctrl.total || ipds * seeds} runs</span>
        <span role="status" data-testid="sweep-state">{ctrl.message || (ctrl.state === 'finished' ? 'Finished' : ctrl.running ? 'Running…' : '')}</span>
      </div>
      <p className="sweep-result">
        Mean error: <strong data-testid="sweep-mean-error">{Number.isNaN(mean) ? '—' : fmt(mean)}</strong>
        {done > 0 && <span className="muted"> over {done} run{done > 1 ? 's' : ''} (a guess would err by 90° on average)</span>}
      </p>
      <SweepPlot points={ctrl.points} />
    </div>
  );
}

/** Estimated vs true IPD, 0–360° on both axes, with the diagonal (a perfect estimate); colour by error. */
export function SweepPlot({ points }: { points: SweepController['points'] }) {
  const W = 220, H = 160, L = 34, B = 26, T = 6, R = 8;
  const x = (d: number) => L + (d / 360) * (W - L - R), y = (d: number) => H - B - (d / 360) * (H - B - T);
  const ticks = [0, 90, 180, 270, 360];
  return (
    <svg className="sweep-plot" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Estimated against true IPD, ${points.length} runs`}>
      <line x1={x(0)} y1={y(0)} x2={x(360)} y2={y(360)} className="diagonal" />
      {ticks.map((t) => (
        <g key={t}>
          <text x={x(t)} y={H - B + 11} textAnchor="middle">{t}</text>
          <text x={L - 3} y={y(t) + 3} textAnchor="end">{t}</text>
        </g>
      ))}
      <line x1={L} y1={H - B} x2={W - R} y2={H - B} className="axis" />
      <line x1={L} y1={T} x2={L} y2={H - B} className="axis" />
      <text x={(L + W - R) / 2} y={H - 3} textAnchor="middle" className="axis-label">true IPD (°)</text>
      <text x={9} y={(T + H - B) / 2} textAnchor="middle" className="axis-label" transform={`rotate(-90 9 ${(T + H - B) / 2})`}>estimated IPD (°)</text>
      {points.map((p, i) => Number.isNaN(p.estimateDeg) ? null : (
        <circle key={i} cx={x(p.trueDeg)} cy={y(p.estimateDeg)} r={2.2} className={circularErrorDeg(p.estimateDeg, p.trueDeg) > 45 ? 'far' : 'near'}>
          <title>{`true ${fmt(p.trueDeg)}, estimated ${fmt(p.estimateDeg)} (seed ${p.seed})`}</title>
        </circle>
      ))}
    </svg>
  );
}
