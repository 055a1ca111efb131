// Run controls (Run, Pause, Stop, Step, duration, seed, backend, speed, progress) and the live results
// (spike raster with its spike count, membrane traces). The engine runs in a worker (./engine.worker.ts).
import { useEffect, useState, useSyncExternalStore, type RefObject } from 'react';
import type { NetworkDocument } from '../../shared/graph';
import type { BackendKind } from '../../shared/engine/types';
import type { EditorModel } from '../editor/model';
import type { DiagnosticIndex } from '../editor/useEditor';
import type { AdapterStatus } from '../gpu/adapter';
import { NumberField, SelectField } from '../inspector/fields';
import type { RunController } from './controller';
import { Raster } from './Raster';
import { TraceLegend, Traces } from './Traces';
import { RateHistograms } from './RateHistograms';
import { AnalysisPanel } from '../analysis/AnalysisPanel';
import { focusField, regionOf, useInvalidDrafts } from '../inspector/drafts';
import { RunGate } from './RunGate';
import { runBlockers } from './gate';

export interface RunActions { run(): void; pause(): void; stop(): void; step(): void }

interface Props {
  /** The run controller (App owns it so the 3D view can follow the same run). */
  ctrl: RunController;
  /** Filled with the run actions, for the native menu's Run commands. */
  actionsRef?: RefObject<RunActions | null>;
  model: EditorModel;
  doc: NetworkDocument;
  diagnostics: DiagnosticIndex;
  adapter: AdapterStatus;
  notify: (m: string, kind?: 'info' | 'error') => void;
  /** Asked before a run starts from t = 0 (the page's budget, src/renderer/app/useRunBudget.ts); calls `start` to go on. */
  confirmStart?: (backend: BackendKind, start: () => void) => void;
  /** Selects the node, projection or monitor a problem belongs to (so the Inspector shows its field). */
  onShowProblem?: (ownerId: string) => void;
}

const SPEEDS = [
  { value: 'max', label: 'As fast as possible' }, { value: '1', label: 'Real time' },
  { value: '0.1', label: '0.1× real time' }, { value: '10', label: '10× real time' },
] as const;

export function RunPanel({ ctrl, actionsRef, model, doc, diagnostics, adapter, notify, confirmStart = (_b, start) => start(), onShowProblem }: Props) {
  useSyncExternalStore(ctrl.subscribe, () => ctrl.version);
  useEffect(() => () => ctrl.dispose(), [ctrl]);
  // Results belong to the network they came from: opening another document (or a new one) forgets them, in the
  // same tick as the load, so the new network never shows the old one's plots.
  useEffect(() => {
    let seen = model.session;
    return model.subscribe(() => { if (model.session !== seen) { seen = model.session; ctrl.reset(); } });
  }, [model, ctrl]);
  const [backendChoice, setBackend] = useState<BackendKind | null>(null);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]['value']>('max');
  const backend: BackendKind = backendChoice ?? (adapter.state === 'found' ? 'gpu' : 'cpu');
  const speedValue = speed === 'max' ? null : Number(speed);
  const { state, data } = ctrl;
  const active = state === 'running' || state === 'starting' || state === 'paused';

  useEffect(() => { if (state === 'error') notify(`Run failed: ${ctrl.message}`, 'error'); }, [state, ctrl, notify]);

  const drafts = useInvalidDrafts();
  const gate = runBlockers(doc, diagnostics.all, drafts);
  // Menu and keyboard Run/Step reach here even while the buttons are disabled: they say why and do nothing.
  const canStart = () => {
    if (gate.blockers.length) { notify(`Cannot run: ${gate.blockers[0].text}`, 'error'); return false; }
    return true;
  };
  const run = () => {
    if (state === 'paused') { if (canStart()) ctrl.resume(model.document, speedValue); }
    else if (canStart()) confirmStart(backend, () => ctrl.start(model.document, backend, speedValue));
  };
  const stepSteps = Math.max(1, Math.round(1 / doc.simulation.dt_ms)); // 1 ms
  const step = () => {
    if (state === 'paused') ctrl.step(model.document, stepSteps);
    else if (canStart()) confirmStart(backend, () => ctrl.start(model.document, backend, null, stepSteps));
  };

  useEffect(() => {
    if (actionsRef) actionsRef.current = { run, step, pause: () => ctrl.pause(), stop: () => ctrl.stop() };
  });

  const total = data.layout?.totalSteps ?? Math.round(doc.simulation.duration_ms / doc.simulation.dt_ms);
  const dt = data.layout?.dtMs ?? doc.simulation.dt_ms;
  const simMs = +(data.step * dt).toFixed(3);
  const summary = `${data.spikeCount.toLocaleString('en-US')} spike${data.spikeCount === 1 ? '' : 's'}${data.layout ? ` in ${simMs} ms` : ''}`;
  const reason = (r: { ok: true } | { ok: false; reason: string }) => (r.ok ? null : r.reason);

  return (
    <>
      <section className="runbar" aria-label="Run controls">
        <div className="group">
          <button type="button" className="primary" onClick={run} disabled={state === 'running' || state === 'starting' || gate.blocked}
            aria-describedby={gate.blocked ? 'run-gate' : undefined} title={state === 'paused' ? 'Resume' : 'Run from t = 0'}>Run</button>
          <button type="button" onClick={() => ctrl.pause()} disabled={state !== 'running'}>Pause</button>
          <button type="button" onClick={() => ctrl.stop()} disabled={!active || state === 'starting'}>Stop</button>
          <button type="button" onClick={step} disabled={state === 'running' || state === 'starting' || gate.blocked} title="Advance 1 ms">Step</button>
        </div>
        <NumberField label="Duration" unit="ms" value={doc.simulation.duration_ms} disabled={active}
          validate={(n) => (n > 0 ? null : 'must be above 0')} onCommit={(n) => reason(model.setSimulation({ duration_ms: n }))} />
        <NumberField label="Seed" integer value={doc.simulation.seed} disabled={active}
          validate={(n) => (n >= 0 ? null : 'must be ≥ 0')} onCommit={(n) => reason(model.setSimulation({ seed: n }))} />
        <SelectField label="Backend" value={backend} disabled={active}
          options={[{ value: 'gpu', label: adapter.state === 'found' ? 'GPU (WebGPU)' : 'GPU (none found)' }, { value: 'cpu', label: 'CPU' }]}
          onChange={(v) => setBackend(v)} />
        <SelectField label="Speed" value={speed} options={SPEEDS} disabled={state === 'running'} onChange={setSpeed} />
        <div className="run-progress">
          <progress aria-label="Run progress" max={total} value={Math.min(data.step, total)} />
          <span data-testid="run-time">{simMs} / {+(total * dt).toFixed(3)} ms</span>
          <span className={`run-state ${state}`} role="status" data-testid="run-state">{ctrl.message || (state === 'idle' ? 'Ready' : '')}</span>
        </div>
        <RunGate id="run-gate" gate={gate} verb="run" regionOf={regionOf} onFocusField={focusField} onShowProblem={onShowProblem} />
      </section>
      <div className="results">
        <Raster ctrl={ctrl} summary={summary} rates={data.layout ? ctrl.rates() : []} />
        <section aria-label="Membrane traces">
          <h2>Membrane traces</h2>
          {data.traceSeries.length ? <><Traces ctrl={ctrl} seriesKey={`${ctrl.runId}`} /><TraceLegend labels={data.traceSeries.map((t) => t.label)} /></> : (
            <p className="plot-empty">{data.layout ? 'No membrane monitors in this network.' : 'Add a membrane monitor to a population (palette → Monitors), then Run.'}</p>
          )}
        </section>
        <AnalysisPanel run={ctrl} doc={doc} session={model.session} blockedReason={gate.blocked ? gate.blockers[0].text : null} />
        <RateHistograms ctrl={ctrl} />
      </div>
    </>
  );
}
