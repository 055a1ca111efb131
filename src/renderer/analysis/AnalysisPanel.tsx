// The results' analysis area, chosen by what the network is: a coincidence detector (tutorial part 1) shows its
// detectors' rate against their best IPD with the estimated and true IPD and the error, and the IPD sweep; a
// network the trainer takes shows the readout's decision (../run/DecisionPanel.tsx). Nothing for other networks.
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { circularErrorDeg, coincidenceSetup, estimateIpdDeg, type CoincidenceSetup } from '../../shared/analysis/ipd';
import type { NetworkDocument } from '../../shared/graph';
import type { RunController } from '../run/controller';
import { DecisionPanel } from '../run/DecisionPanel';
import { IpdSweep } from './IpdSweep';
import { SweepController } from './sweep';

interface Props {
  run: RunController;
  doc: NetworkDocument;
  /** Which loaded document this is (EditorModel.session): the sweep is forgotten when it changes. */
  session: number;
  /** Why nothing may run now (red fields, errors), or null. */
  blockedReason: string | null;
}

const fmt = (d: number) => `${d.toFixed(1)}°`;

export function AnalysisPanel({ run, doc, session, blockedReason }: Props) {
  useSyncExternalStore(run.subscribe, () => run.version);
  const setup = useMemo(() => coincidenceSetup(doc), [doc]);
  const [sweep] = useState(() => new SweepController());
  useEffect(() => () => sweep.dispose(), [sweep]);
  useEffect(() => { sweep.reset(); }, [session, sweep]);
  const [tab, setTab] = useState<'run' | 'sweep'>('run');
  const decision = run.decision();
  if (setup) {
    return (
      <section aria-label="Analysis" className="analysis">
        <h2>Analysis: sound localisation</h2>
        <div role="tablist" aria-label="Analysis views" className="analysis-tabs">
          <button type="button" role="tab" aria-selected={tab === 'run'} onClick={() => setTab('run')}>This run</button>
          <button type="button" role="tab" aria-selected={tab === 'sweep'} onClick={() => setTab('sweep')}>IPD sweep</button>
        </div>
        {tab === 'run' ? <DetectorTuning run={run} setup={setup} /> : <IpdSweep ctrl={sweep} doc={doc} blockedReason={blockedReason} />}
      </section>
    );
  }
  return decision ? <DecisionPanel decision={decision} /> : null;
}

/** Detector rate (Hz) against best IPD for the run so far, with the true IPD and the tutorial's estimate. */
function DetectorTuning({ run, setup }: { run: RunController; setup: CoincidenceSetup }) {
  const d = run.data;
  const counts = d.neuronSpikes[setup.detectors];
  const seconds = (d.step * (d.layout?.dtMs ?? 0.1)) / 1000;
  if (!counts || seconds <= 0 || counts.length !== setup.bestIpdDeg.length) {
    return <p className="plot-empty">Run the network to see which detectors fire most: their best IPD is the estimate of the IPD ({fmt(setup.ipdDeg)} now, set on {setup.source}).</p>;
  }
  const est = estimateIpdDeg(counts, setup.bestIpdDeg);
  const err = Number.isNaN(est) ? NaN : circularErrorDeg(est, setup.ipdDeg);
  const rates = Array.from(counts, (c) => c / seconds);
  const max = Math.max(1e-9, ...rates);
  const W = 260, H = 150, L = 36, B = 26, T = 6, R = 8;
  const x = (deg: number) => L + (deg / 360) * (W - L - R), y = (hz: number) => H - B - (hz / max) * (H - B - T);
  const order = setup.bestIpdDeg.map((b, j) => [b, rates[j]] as const).sort((a, b) => a[0] - b[0]);
  return (
    <div className="detector-tuning">
      <p data-testid="ipd-estimate">
        Estimated IPD <strong>{Number.isNaN(est) ? '— (no detector fired)' : fmt(est)}</strong>, true {fmt(setup.ipdDeg)}, error{' '}
        <strong data-testid="ipd-error">{Number.isNaN(err) ? '—' : fmt(err)}</strong>
      </p>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Detector rate against best IPD; estimate ${Number.isNaN(est) ? 'none' : fmt(est)}, true ${fmt(setup.ipdDeg)}`}>
        <polyline className="tuning" fill="none" points={order.map(([b, r]) => `${x(b).toFixed(1)},${y(r).toFixed(1)}`).join(' ')} />
        <line className="true-ipd" x1={x(setup.ipdDeg % 360)} x2={x(setup.ipdDeg % 360)} y1={T} y2={H - B}><title>true IPD</title></line>
        {!Number.isNaN(est) && <line className="estimate" x1={x(est)} x2={x(est)} y1={T} y2={H - B}><title>estimate</title></line>}
        <line x1={L} y1={H - B} x2={W - R} y2={H - B} className="axis" />
        <line x1={L} y1={T} x2={L} y2={H - B} className="axis" />
        {[0, 90, 180, 270, 360].map((t) => <text key={t} x={x(t)} y={H - B + 11} textAnchor="middle">{t}</text>)}
        <text x={L - 3} y={y(max) + 3} textAnchor="end">{max.toFixed(0)}</text>
        <text x={L - 3} y={y(0) + 3} textAnchor="end">0</text>
        <text x={(L + W - R) / 2} y={H - 3} textAnchor="middle" className="axis-label">detector best IPD (°)</text>
        <text x={9} y={(T + H - B) / 2} textAnchor="middle" className="axis-label" transform={`rotate(-90 9 ${(T + H - B) / 2})`}>rate (Hz)</text>
      </svg>
      <p className="legend muted"><span className="key true-ipd">│</span> true IPD <span className="key estimate">│</span> estimate (detector that fired most)</p>
    </div>
  );
}
