// A lesson step's IPD sweep (lesson 3, "do better with at most 100 neurons"): the analysis area's sweep
// (../analysis/IpdSweep.tsx, CPU engine in a worker) on the user's current network, its mean error against the
// step's goal (evaluateIpdSweep), and the user's best score, kept in the lesson progress by the panel.
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { NetworkDocument } from '../../shared/graph';
import type { LessonStep } from '../../shared/lessons/schema';
import { IpdSweep } from '../analysis/IpdSweep';
import { SweepController } from '../analysis/sweep';

/** A short default budget so a sweep takes seconds in a lesson; the controls let the user raise it. */
const LESSON_SWEEP = { ipds: 12, seeds: 1, durationMs: 300 };

export function LessonSweep({ step, doc, best, onScore }: {
  step: LessonStep; doc: NetworkDocument; best: number | undefined;
  /** A finished sweep's mean error (degrees), to keep the best. */
  onScore: (meanErrorDeg: number) => void;
}) {
  const [ctrl] = useState(() => new SweepController());
  useEffect(() => () => ctrl.dispose(), [ctrl]);
  useSyncExternalStore(ctrl.subscribe, () => ctrl.version);
  const goal = step.sweep?.max_mean_error_deg;
  const scored = useRef<number | null>(null);
  const finished = ctrl.state === 'finished' && ctrl.points.length > 0;
  const mean = finished ? ctrl.meanErrorDeg : null;
  useEffect(() => {
    if (mean === null || !Number.isFinite(mean) || scored.current === ctrl.version) return;
    scored.current = ctrl.version;
    onScore(mean);
  }, [mean, ctrl.version, onScore]);
  return (
    <div className="lesson-sweep" data-testid="lesson-sweep">
      <h3>IPD sweep</h3>
      <p>{step.sweep?.note}</p>
      <IpdSweep ctrl={ctrl} doc={doc} initial={LESSON_SWEEP} />
      <p role="status" data-testid="lesson-sweep-outcome">
        {mean !== null && Number.isFinite(mean) && goal !== undefined
          ? <span className={mean <= goal ? 'pass' : 'fail'}>Mean error {mean.toFixed(1)}° ({mean <= goal ? 'goal met' : 'goal'}: at most {goal}°).</span>
          : goal !== undefined ? <>Goal: a mean error of at most {goal}°.</> : null}
        {best !== undefined && <> Your best: {best.toFixed(1)}°.</>}
      </p>
    </div>
  );
}
