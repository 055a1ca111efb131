// The Training tab's "Check in the engine" (./engine-check.ts): runs the test set through the CPU simulation
// engine with the network as the document holds it (applied weights, per-neuron τ) and shows the engine's
// accuracy and how often it picks the trainer's class. Progress per sample; Cancel stops it at once.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { NetworkDocument } from '../../shared/graph';
import { describeEngineCheck } from './engine-check';
import { EngineCheckController } from './engine-check-controller';
import type { TrainOverrides } from './protocol';

interface Props {
  doc: NetworkDocument;
  overrides: TrainOverrides;
  /** A training is running, or the network cannot be trained. */
  disabled: boolean;
  /** Tests inject a controller with a fake worker. */
  controller?: EngineCheckController;
}

export function EngineCheck({ doc, overrides, disabled, controller }: Props) {
  const [ctrl] = useState(() => controller ?? new EngineCheckController());
  const state = useSyncExternalStore((f) => ctrl.subscribe(f), () => ctrl.state);
  useEffect(() => () => ctrl.dispose(), [ctrl]);
  const running = state.kind === 'running';
  return (
    <div className="engine-check" aria-label="Check in the engine" role="group">
      <button type="button" onClick={() => ctrl.start(doc, overrides)} disabled={disabled || running}
        title="Run the test set through the CPU simulation engine with the weights in the network (as snn evaluate --engine cpu does)">Check in the engine</button>
      {running && (
        <>
          <progress aria-label="Engine check progress" max={Math.max(1, state.count)} value={state.phase === 'engine' ? state.done : 0} />
          <span data-testid="engine-check-progress">{state.phase === 'trainer' ? 'trainer predictions…' : `${state.done}/${state.count} samples`}</span>
          <button type="button" onClick={() => ctrl.cancel()}>Cancel</button>
        </>
      )}
      <span role="status" data-testid="engine-check-result">
        {state.kind === 'done' ? describeEngineCheck(state.result)
          : state.kind === 'cancelled' ? `Engine check cancelled after ${state.done} of ${state.count} samples`
            : state.kind === 'error' ? `Engine check failed: ${state.message}` : ''}
      </span>
    </div>
  );
}
