// The readout's decision after a run (./decision.ts): predicted class with its IPD range, the true class when
// the dataset input plays a sample, correct or not, and the decoded score of every class as bars.
import { ExportMenu } from '../components/ExportMenu';
import { csvText } from '../components/plot-csv';
import { tablePng } from '../components/plot-png';
import type { Decision } from './decision';
import { classLabel } from '../editor/dataset-sample';

const deg = (d: number) => `${d.toFixed(1).replace('-', '−')}°`;

export function DecisionPanel({ decision: d }: { decision: Decision }) {
  const final = d.done >= d.steps;
  const truth = d.played;
  const correct = truth ? truth.cls === d.predicted : null;
  const lo = Math.min(...d.scores), hi = Math.max(...d.scores);
  const bar = (v: number) => (hi > lo ? 0.05 + (0.95 * (v - lo)) / (hi - lo) : 1);
  return (
    <section aria-label="Decision" className="decision">
      <h2>Decision<ExportMenu name="decision" csv={() => decisionCsv(d)} png={() => tablePng([['class', 'score'], ...d.scores.map((v, k) => [classLabel(k, d.classes), v.toPrecision(3)])], { w: 90, h: 20 })} /></h2>
      {!final && <p className="muted">After {d.done} of the sample&apos;s {d.steps} steps (the decision is read over the whole sample).</p>}
      <p data-testid="decision-predicted" data-class={d.predicted}>Predicted: <strong>{classLabel(d.predicted, d.classes)}</strong></p>
      {truth && (
        <p data-testid="decision-true" data-class={truth.cls}>
          {truth.sample >= 0 ? `True (sample ${truth.sample} of the ${truth.split === 'test' ? 'test' : 'training'} set): ` : 'IPD played (ipd_deg): '}
          <strong>{classLabel(truth.cls, d.classes)}</strong>, IPD {deg(truth.ipdDeg)}
        </p>
      )}
      {correct !== null && final && (
        <p data-testid="decision-verdict" className={correct ? 'decision-ok' : 'decision-wrong'}>{correct ? '✓ Correct' : '✗ Incorrect'}</p>
      )}
      <table className="decision-scores" aria-label="Decoded score per class">
        <tbody>
          {d.scores.map((v, k) => (
            <tr key={k} className={k === d.predicted ? 'predicted' : truth?.cls === k ? 'true' : undefined}>
              <th scope="row">{classLabel(k, d.classes)}</th>
              <td className="score">{v.toPrecision(3)}</td>
              <td className="bar"><i style={{ width: `${(100 * bar(v)).toFixed(1)}%` }} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The decoded score of every class, with which one is predicted and which is true (when a sample is played). */
export function decisionCsv(d: Decision): string {
  return csvText(['class', 'label', 'score', 'predicted', 'true'],
    d.scores.map((v, k) => [k, classLabel(k, d.classes), v, k === d.predicted ? 1 : 0, d.played ? (d.played.cls === k ? 1 : 0) : '']));
}
