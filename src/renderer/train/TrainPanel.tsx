// The Training tab beside the run results: the plan of the document's training block (or the planner's
// diagnostics), overrides (epochs, learning rate, batch size, seed, data-set sizes, backend), Train / Stop,
// live loss and accuracy charts, progress, the last evaluation's error and confusion matrix, Export weights (the
// `snn train --out` file), and Load weights… (checked as `snn evaluate` checks it) to Evaluate on the test set or
// to train on from. Training runs in a worker (./train.worker.ts). Apply to network writes the trained (or
// loaded) weights into the open document through the editor's undoable command; nothing else changes it.
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { NetworkDocument } from '../../shared/graph';
import type { WeightsFile } from '../../shared/io/weights';
import type { CommandResult } from '../editor/model';
import { documentDataFile, planTraining, trainConfigFrom, type ApplyOrigin } from '../../shared/training';
import { describeProvenance } from './provenance';
import { EngineCheck } from './EngineCheck';
import type { DiagnosticIndex } from '../editor/useEditor';
import type { AdapterStatus } from '../gpu/adapter';
import type { RunController } from '../run/controller';
import { NumberField, SelectField } from '../inspector/fields';
import { ACCURACY_CHART, ChartLegend, ConfusionMatrix, LiveChart, LOSS_CHART } from './Charts';
import { TrainController } from './controller';
import type { WeightsChoice } from './export';
import { pickTextFile } from './load';
import { diagnosticLines, effectiveOverrides, OVERRIDE_FIELDS, planSummary, validateOverride } from './overrides';
import type { TrainBackendKind, TrainOverrides } from './protocol';
import { saveTextFile } from './save';
import { DataFileSection, fileNameOf, planForFile } from './DataFileSection';
import { ExportMenu } from '../components/ExportMenu';
import { confusionCsv } from '../components/plot-csv';
import { tablePng } from '../components/plot-png';
import { accuracyCsv, confusionTable, lossCsv } from './chart-csv';
import { focusField, regionOf, useInvalidDrafts } from '../inspector/drafts';
import { runBlockers } from '../run/gate';
import { RunGate } from '../run/RunGate';

interface Props {
  doc: NetworkDocument;
  diagnostics: DiagnosticIndex;
  adapter: AdapterStatus;
  notify: (m: string, kind?: 'info' | 'error') => void;
  /** Tests inject a controller with a fake worker. */
  controller?: TrainController;
  /** The run bar's controller: a new run (Run, Step, F5) brings the run results back to the front. */
  run?: Pick<RunController, 'subscribe' | 'runId'>;
  /** The editor's undoable "apply trained weights" command (EditorModel.applyTrainedWeights). */
  applyWeights?: (file: WeightsFile, name: string, origin?: Omit<ApplyOrigin, 'training'>) => CommandResult<string[]>;
  /** The editor's undoable command that sets (or, null, removes) the dataset node's data.file. */
  setDataFile?: (nodeId: string, path: string | null) => CommandResult<null>;
  /** Which loaded document this is (EditorModel.session): another one resets as a new name does. */
  docSession?: number;
}

type Tab = 'run' | 'train';

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

export function TrainPanel({ doc, diagnostics, adapter, notify, controller, run, applyWeights, setDataFile, docSession }: Props) {
  const [ctrl] = useState(() => controller ?? new TrainController());
  useSyncExternalStore(ctrl.subscribe, () => ctrl.version);
  useEffect(() => () => ctrl.dispose(), [ctrl]);
  const [tab, setTab] = useState<Tab>('run');
  useEffect(() => {
    if (!run) return;
    let seen = run.runId;
    return run.subscribe(() => { if (run.runId !== seen) { seen = run.runId; setTab('run'); } });
  }, [run]);
  const [overrides, setOverrides] = useState<TrainOverrides>({});
  const [backendChoice, setBackend] = useState<TrainBackendKind | null>(null);
  const [which, setWhich] = useState<WeightsChoice>('last');
  /** Why the last Apply to network was refused: the CLI's lines. */
  const [applyProblem, setApplyProblem] = useState<string[] | null>(null);
  const backend: TrainBackendKind = backendChoice ?? (adapter.state === 'found' ? 'gpu' : 'cpu');
  // Another network (opened, or its name changed) resets the overrides, which were chosen for the previous one,
  // and the results of a training that is over (a running one keeps going and stays exportable).
  const name = doc.meta.name;
  useEffect(() => { setOverrides({}); ctrl.reset(); }, [name, docSession, ctrl]);

  const errors = diagnostics.all.filter((d) => d.severity === 'error').length;
  const base = useMemo(() => trainConfigFrom(doc), [doc]);
  const planned = useMemo(() => (errors ? null : planTraining(doc, effectiveOverrides(overrides, base))), [doc, overrides, base, errors]);
  const config = planned?.ok ? planned.plan.config : { ...base, ...overrides };
  const { state, metrics: m } = ctrl;
  const active = ctrl.active;
  // A data file the document names (data.file) is used once the same file is chosen here (docs/training.md).
  const docFile = planned?.ok ? documentDataFile(doc, planned.plan) : undefined;
  const fileReady = !docFile || ctrl.dataFile?.name === fileNameOf(docFile.path);
  const useFile = docFile && fileReady ? { testFraction: docFile.test_fraction } : undefined;
  /** File data carry no IPD: no IPD error is shown for them. */
  const ipd = (deg: number) => (ctrl.ranOnFile ? null : <> · |IPD error| {deg.toFixed(1)}°</>);
  // Red fields anywhere (not applied, so the plan cannot see them) stop Train as they stop Run.
  const gate = runBlockers(doc, diagnostics.all, useInvalidDrafts());

  useEffect(() => { if (state === 'error') notify(`Training failed: ${ctrl.message.split('\n')[0]}`, 'error'); }, [state, ctrl, notify]);

  const train = () => {
    if (!planned?.ok || gate.blocked) return;
    const r = ctrl.start(doc, effectiveOverrides(overrides, base), backend, useFile);
    if (!r.ok && r.diagnostics.length) notify(`This network cannot be trained: ${diagnosticLines(r.diagnostics)[0]}`, 'error');
  };
  const loadWeights = async () => {
    try {
      const picked = await pickTextFile();
      if (!picked) return;
      const r = await ctrl.loadWeights(picked.text, picked.name, doc, effectiveOverrides(overrides, base));
      if (!r.ok) notify(`Not loaded: ${r.lines[1] ?? r.lines[0]}`, 'error');
      else notify(r.warnings.length ? `Loaded ${picked.name} (${r.warnings[0].replace(/^.*?warning: /, '')})` : `Loaded ${picked.name}`);
    } catch (e) {
      notify(`Load failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  };
  const evaluateLoaded = () => {
    if (!planned?.ok) return;
    const r = ctrl.evaluate(doc, effectiveOverrides(overrides, base), backend, useFile);
    if (!r.ok && r.diagnostics.length) notify(`This network cannot be evaluated: ${diagnosticLines(r.diagnostics)[0]}`, 'error');
  };
  const exportWeights = async () => {
    try {
      const { name: file, text } = await ctrl.exportFile(which);
      if ((await saveTextFile(text, file)) === 'saved') notify(`Exported the ${which === 'best' ? 'best epoch\'s' : 'last'} weights as ${file}`);
    } catch (e) {
      notify(`Export failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  };

  const applyToNetwork = async () => {
    if (!applyWeights) return;
    try {
      const w = await ctrl.weightsToApply(which);
      if (!w) return;
      const r = applyWeights(w.file, w.label, w.origin);
      if (!r.ok) { setApplyProblem(r.reason.split('\n')); notify(`Not applied: ${r.reason.split('\n')[1] ?? r.reason}`, 'error'); return; }
      setApplyProblem(null);
      notify(`Applied ${w.label} to ${r.value.join(', ')} (explicit weights; Undo restores the previous ones)`);
    } catch (e) {
      notify(`Apply failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  };

  const last = m.history[m.history.length - 1];
  const loadedEval = ctrl.evaluation;
  const evaluation = loadedEval?.test ?? m.done?.test ?? last?.test;
  const loaded = ctrl.loaded;
  const current = m.done || active && state !== 'evaluating'
    ? `${m.done ? 'trained' : 'training'} from ${m.from ?? 'the initial weights'}${m.done ? ` (${m.done.epochsDone} epoch${m.done.epochsDone === 1 ? '' : 's'} here)` : ''}`
    : loaded ? `loaded from ${loaded.name}` : `initial (seed ${config.seed})`;
  const progressMax = Math.max(1, m.epochs * m.batches);
  const progressValue = m.done ? progressMax : Math.max(0, (m.epoch - 1) * m.batches + m.batch);
  const best = m.done?.best;

  return (
    <>
      {/* A named region, so the tabs sit inside a landmark like the rest of the page (axe `region`). */}
      <div className="train-tabs" role="region" aria-label="Results views">
        <div role="tablist" aria-label="Results">
          <button type="button" role="tab" aria-selected={tab === 'run'} onClick={() => setTab('run')}>Run results</button>
          <button type="button" role="tab" aria-selected={tab === 'train'} onClick={() => setTab('train')}>
            Training{active ? ' •' : ''}
          </button>
        </div>
      </div>
      {tab === 'train' && (
        <section className="train-panel" aria-label="Training">
          <div className="train-bar">
            <div className="group">
              <button type="button" className="primary" onClick={train} disabled={active || !planned?.ok || !fileReady || gate.blocked}
                aria-describedby={gate.blocked ? 'train-gate' : undefined}>Train</button>
              <button type="button" onClick={() => ctrl.stop()} disabled={state !== 'training' && state !== 'starting'}>Stop</button>
            </div>
            <RunGate id="train-gate" gate={gate} verb="train" regionOf={regionOf} onFocusField={focusField} />
            <div className="group train-load">
              <button type="button" onClick={() => void loadWeights()} disabled={active || !planned?.ok}
                title="Read a weights file (snn train --out, Export weights) to evaluate it or to train on from it">Load weights…</button>
              <button type="button" onClick={evaluateLoaded} disabled={active || !loaded || !planned?.ok || !fileReady}
                title="Test the loaded weights on the test set (as snn evaluate --weights does)">Evaluate</button>
            </div>
            <SelectField label="Backend" value={backend} disabled={active}
              options={[{ value: 'gpu', label: adapter.state === 'found' ? 'GPU (WebGPU)' : 'GPU (none found)' }, { value: 'cpu', label: 'CPU' }]}
              onChange={(v) => setBackend(v)} />
            <div className="group train-export">
              <SelectField label="Weights" value={which} disabled={!ctrl.canExport}
                options={[{ value: 'last', label: 'last' }, { value: 'best', label: best ? `best (epoch ${best.epoch})` : 'best epoch' }]}
                onChange={(v) => setWhich(v)} />
              <button type="button" onClick={() => void exportWeights()} disabled={!ctrl.canExport || active}
                title="Save the weights file that snn train --out writes">Export weights</button>
              {applyWeights && (
                <button type="button" onClick={() => void applyToNetwork()} disabled={!ctrl.canApply || active || !planned?.ok}
                  title="Write these weights into the network as explicit weights, so Run and the 3D view simulate them (one step to undo)">Apply to network</button>
              )}
            </div>
            <div className="run-progress">
              <progress aria-label="Training progress" max={progressMax} value={Math.min(progressValue, progressMax)} />
              <span data-testid="train-progress">{m.epochs ? `epoch ${Math.max(1, m.epoch)}/${m.epochs} · batch ${m.batch}/${m.batches}` : '–'}</span>
              <span className={`run-state ${state}`} role="status" data-testid="train-state">{ctrl.message.split('\n')[0] || (state === 'idle' ? 'Ready' : '')}</span>
            </div>
          </div>
          <div className="train-weights">
            <span data-testid="train-weights">Weights: {current}</span>
            {doc.provenance && <p className="muted" data-testid="train-provenance">In the network: {describeProvenance(doc.provenance)}</p>}
            <EngineCheck doc={doc} overrides={effectiveOverrides(overrides, base)} disabled={active || !planned?.ok} />
            {loaded && !current.startsWith('loaded') && <span className="muted"> · Train starts from {loaded.name}</span>}
            {loaded && (
              <button type="button" className="link" onClick={() => ctrl.unload()} disabled={active}
                title="Forget the loaded file: Train starts from the initial weights">Use initial weights</button>
            )}
            {loaded?.warnings.map((w) => <p key={w} className="train-warning" data-testid="train-load-warning">{w}</p>)}
            {applyProblem && (
              <div className="train-error" role="alert" data-testid="train-apply-problem">
                {applyProblem.map((l) => <div key={l}>{l}</div>)}
              </div>
            )}
            {ctrl.loadProblem && (
              <div className="train-error" role="alert" data-testid="train-load-problem">
                {ctrl.loadProblem.map((l) => <div key={l}>{l}</div>)}
              </div>
            )}
          </div>
          {!planned || !planned.ok ? (
            <div className="train-body train-problems">
              <h2>This network cannot be trained</h2>
              {!planned
                ? <p>Fix the {errors} problem{errors > 1 ? 's' : ''} listed in the Inspector first.</p>
                : (
                  <>
                    <ul className="diagnostics" data-testid="train-diagnostics">
                      {diagnosticLines(planned.diagnostics).map((l) => <li key={l}>{l}</li>)}
                    </ul>
                    <p className="muted">Training needs a chain: one <code>dataset</code> input → LIF layers → a leaky-integrator readout,
                      with dense delta projections (docs/training.md).</p>
                  </>
                )}
            </div>
          ) : (
            <div className="train-body">
              <section aria-label="Training plan">
                <h2>Plan</h2>
                <dl className="train-plan">
                  {planSummary(useFile && ctrl.dataFile ? planForFile(planned.plan, ctrl.dataFile.facts.samples, useFile.testFraction) : planned.plan).map((r) => <div key={r.label}><dt>{r.label}</dt><dd>{r.value}</dd></div>)}
                </dl>
                <h2>Settings</h2>
                <div className="train-settings">
                  {OVERRIDE_FIELDS.map((f) => (
                    <NumberField key={f.key} label={f.label} integer={f.integer} value={config[f.key]} disabled={active || !planned?.ok}
                      validate={(n) => validateOverride(f.key, n, config)}
                      onCommit={(n) => { const why = validateOverride(f.key, n, config); if (!why) setOverrides((o) => ({ ...o, [f.key]: n })); return why; }} />
                  ))}
                  <button type="button" onClick={() => setOverrides({})} disabled={active || !Object.keys(overrides).length}
                    title="Back to the document's training settings">Reset</button>
                </div>
                {state === 'error' && <p className="train-error" role="alert">{ctrl.message}</p>}
                <DataFileSection ctrl={ctrl} plan={planned.plan} docFile={docFile} durationMs={doc.simulation.duration_ms} disabled={active}
                  notify={notify} setDataFile={setDataFile} />
              </section>
              <section aria-label="Charts" className="train-charts">
                <h2>Loss <ChartLegend spec={LOSS_CHART} /><ExportMenu name="loss chart" csv={() => lossCsv(ctrl.metrics)} notify={notify} /></h2>
                <LiveChart ctrl={ctrl} spec={LOSS_CHART} label="Loss chart" runId={ctrl.runId} />
                <h2>Accuracy <ChartLegend spec={ACCURACY_CHART} /><ExportMenu name="accuracy chart" csv={() => accuracyCsv(ctrl.metrics)} notify={notify} /></h2>
                <LiveChart ctrl={ctrl} spec={ACCURACY_CHART} label="Accuracy chart" runId={ctrl.runId} />
              </section>
              <section aria-label="Last evaluation">
                <h2>Last evaluation</h2>
                <p className="train-metrics" data-testid="train-metrics">
                  {last
                    ? <>epoch {last.epoch}: loss {last.loss.toFixed(3)} · train {pct(last.train_accuracy)} · test {pct(last.test.accuracy)}{ipd(last.test.mean_abs_error_deg)}</>
                    : loadedEval ? null : 'No epoch finished yet.'}
                  {m.done && <><br />final: train {pct(m.done.train.accuracy)} · test {pct(m.done.test.accuracy)}{ipd(m.done.test.mean_abs_error_deg)}</>}
                </p>
                {loadedEval && (
                  <p className="train-metrics" data-testid="train-evaluation">
                    {loadedEval.name}: test {pct(loadedEval.test.accuracy)}{ipd(loadedEval.test.mean_abs_error_deg)} · loss {loadedEval.test.loss.toFixed(3)}
                    <br />({loadedEval.testSamples} test samples, seed {loadedEval.seed}, {loadedEval.backend === 'gpu' ? `GPU (${loadedEval.adapter})` : 'CPU'})
                  </p>
                )}
                {evaluation && evaluation.confusion.length > 1
                  ? <><ExportMenu name="confusion matrix" csv={() => confusionCsv(evaluation.confusion)} png={() => tablePng(confusionTable(evaluation.confusion), { w: 30, h: 18 })} /><ConfusionMatrix confusion={evaluation.confusion} /></>
                  : <p className="plot-empty">{evaluation ? 'Regression: no classes.' : 'Shown after the first epoch.'}</p>}
              </section>
            </div>
          )}
        </section>
      )}
    </>
  );
}
