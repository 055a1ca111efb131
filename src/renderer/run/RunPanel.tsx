// Run controls (Run, Pause, Stop, Step, duration, seed, backend, speed, progress) and the live results
// (spike raster with its spike count, membrane traces). The engine runs in a worker (./engine.worker.ts).
import type { WeightsFile } from '../../shared/io/weights';
import { saveTextFile } from '../train/save';
import { ExportMenu } from '../components/ExportMenu';
import { tracesCsv } from '../components/plot-csv';
import { saveRecordingsNir } from './nir-data';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore, type RefObject } from 'react';
import type { NetworkDocument } from '../../shared/graph';
import type { BackendKind } from '../../shared/engine/types';
import type { EditorModel } from '../editor/model';
import type { DiagnosticIndex } from '../editor/useEditor';
import type { AdapterStatus } from '../gpu/adapter';
import { NumberField, SelectField } from '../inspector/fields';
import { engineLabel, type RunController } from './controller';
import { Raster } from './Raster';
import { TraceLegend, Traces } from './Traces';
import { RateHistograms } from './RateHistograms';
import { populationColors } from '../plots/palette';
import { traceAxisLabel, traceColors } from '../plots/trace-axes';
import { AnalysisPanel } from '../analysis/AnalysisPanel';
import { focusField, regionOf, useInvalidDrafts } from '../inspector/drafts';
import { RunGate } from './RunGate';
import { runBlockers } from './gate';
import { rasterKey } from './bands';

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
  // Results belong to the network they came from: opening another document puts a finished run aside and shows
  // the new network's own finished run if it has one (opened again), else nothing — in the same tick as the load,
  // so the new network never shows the old one's plots (controller.ts, switchTo).
  useEffect(() => {
    let seen = model.session;
    return model.subscribe(() => { if (model.session !== seen) { seen = model.session; ctrl.switchTo(model.document); } });
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
  // One colour per population in every plot (plots/palette.ts), keyed by the document's node order.
  const colors = useMemo(() => populationColors(doc.nodes.map((n) => n.id)), [doc.nodes]);
  const colorOf = useCallback((id: string) => colors.get(id) ?? '#8a92a3', [colors]);
  const series = data.traceSeries;
  const seriesIds = series.map((s) => `${s.population}.${s.variable}`).join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- recomputed when the traced series (seriesIds) change
  const seriesColors = useMemo(() => traceColors(series, colorOf), [seriesIds, colorOf]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- as above
  const yLabel = useMemo(() => traceAxisLabel(doc, series), [seriesIds, doc]);
  // The raster's export menu also saves every recording (spikes and traces) as NIR graph data (./nir-data.ts).
  const saveNir = () => void saveRecordingsNir(ctrl.data, doc.meta.name)
    .then((m) => notify(m), (e: unknown) => notify(`Cannot save the recordings: ${e instanceof Error ? e.message : String(e)}`, 'error'));

  return (
    <>
      <section className="runbar" aria-label="Run controls">
        <div className="group">
          <button type="button" className="primary" onClick={run} disabled={state === 'running' || state === 'starting' || gate.blocked}
            aria-describedby={gate.blocked ? 'run-gate' : undefined} title={state === 'paused' ? 'Resume' : 'Run from t = 0'}>Run</button>
          <button type="button" onClick={() => ctrl.pause()} disabled={state !== 'running'}>Pause</button>
          <button type="button" onClick={() => ctrl.stop()} disabled={!active || state === 'starting'}>Stop</button>
          <button type="button" onClick={step} disabled={state === 'running' || state === 'starting' || gate.blocked} title="Advance 1 ms">Step</button>
          {ctrl.finalWeights && (
            <button type="button" onClick={() => void saveFinalWeights(ctrl.finalWeights!, notify)}
              title="Save the plastic (STDP) projections' weights after the run as a weights file (as snn run --weights-out)">Save weights</button>
          )}
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
          <span className={`run-state ${state}`} role="status" data-testid="run-state" title={data.layout ? `On the ${engineLabel(data.layout)}` : undefined}>{ctrl.message || (state === 'idle' ? 'Ready' : '')}</span>
        </div>
        <RunGate id="run-gate" gate={gate} verb="run" regionOf={regionOf} onFocusField={focusField} onShowProblem={onShowProblem} />
      </section>
      <div className="results">
        <Raster ctrl={ctrl} summary={summary} rates={data.layout ? ctrl.rates() : []} colorOf={colorOf} legend={rasterKey(doc, data.layout?.populations ?? null)}
          moreExports={data.layout && data.step > 0 ? [{ label: 'Recordings as NIR data', run: saveNir }] : []} />
        <section aria-label="Membrane traces">
          <h2>Membrane traces{data.traceSeries.length > 0 && <ExportMenu name="membrane traces" csv={() => tracesCsv(ctrl.data.traceTime, ctrl.data.traceSeries)} notify={notify} />}</h2>
          {data.traceSeries.length ? <><Traces ctrl={ctrl} seriesKey={`${ctrl.runId}`} colors={seriesColors} yLabel={yLabel} /><TraceLegend labels={data.traceSeries.map((t) => t.label)} colors={seriesColors} /></> : (
            <p className="plot-empty">{data.layout ? 'No membrane monitors in this network.' : 'Add a membrane monitor to a population (palette → Monitors), then Run.'}</p>
          )}
        </section>
        <AnalysisPanel run={ctrl} doc={doc} session={model.session} blockedReason={gate.blocked ? gate.blockers[0].text : null} />
        <RateHistograms ctrl={ctrl} colorOf={colorOf} />
      </div>
    </>
  );
}

/** Save weights: the file `snn run --weights-out` writes, through the weights save service (Electron's dialog,
 *  the browser's save picker or a download); named `<network>.run-weights.json`. */
async function saveFinalWeights(file: WeightsFile, notify: (m: string, kind?: 'info' | 'error') => void) {
  const name = `${file.network.name.replace(/[^A-Za-z0-9._-]+/g, '-') || 'network'}.run-weights.json`;
  try {
    if ((await saveTextFile(`${JSON.stringify(file)}\n`, name)) === 'saved') notify(`Saved the final weights of ${Object.keys(file.projections).join(', ')} as ${name}`);
  } catch (e) {
    notify(`Save failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
}
