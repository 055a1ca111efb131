// Learn mode's side panel (docs/lessons.md): the open lesson's steps with Back/Next, the step's text, Load
// network, sliders that edit the network and rerun it, and Check, which runs the network as it is in the editor
// through the Run button's own path (RunPanel's actions) and evaluates the step's checks on the finished run.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import type { NetworkDocument } from '../../shared/graph';
import { getModel } from '../../shared/models';
import {
  atStep, describeCheck, evaluateChecks, lessonNetwork, parseProgress, progressText, withBest, withPassed, PROGRESS_KEY,
  type CheckResult, type Lesson, type LessonCheck, type LessonControl, type Progress,
} from '../../shared/lessons';
import type { EditorModel } from '../editor/model';
import { EXAMPLE_JSON } from '../editor/examples';
import type { RunController } from '../run/controller';
import type { RunActions } from '../run/RunPanel';
import { LessonText } from './LessonText';
import { LessonSweep } from './LessonSweep';
import { RateSweep } from './RateSweep';
import { LESSONS, LESSON_PROBLEMS, stepNetworkOf } from './lessons';
import { runRecordComplete, runRecordOf } from './run-record';

const CURRENT_KEY = 'snn-studio.lessons.current';

function readStorage(key: string): string | null { try { return localStorage.getItem(key); } catch { return null; } }
function writeStorage(key: string, value: string) { try { localStorage.setItem(key, value); } catch { /* storage full or off: progress is kept for this session only */ } }

/** The lesson the panel opens with: the one asked for, else the last one open, else the first. */
export function initialLesson(asked: string | null): Lesson | undefined {
  return LESSONS.find((l) => l.id === asked) ?? LESSONS.find((l) => l.id === readStorage(CURRENT_KEY)) ?? LESSONS[0];
}

type Outcome = { state: 'checking' } | { state: 'done'; pass: boolean; results: CheckResult[]; note?: string } | { state: 'blocked'; message: string };

interface Props {
  model: EditorModel;
  doc: NetworkDocument;
  ctrl: RunController;
  runActions: RefObject<RunActions | null>;
  /** Loads a document into the editor (asking about unsaved work first); false when it did not. */
  openNetwork: (json: unknown, name: string) => Promise<boolean>;
  /** The lesson to show (from the welcome screen or the lesson list); its id. */
  lessonId: string;
  onLesson: (id: string) => void;
  onClose: () => void;
}

export function LessonPanel({ model, doc, ctrl, runActions, openNetwork, lessonId, onLesson, onClose }: Props) {
  const version = useSyncExternalStore(ctrl.subscribe, () => ctrl.version);
  const lesson = LESSONS.find((l) => l.id === lessonId) ?? LESSONS[0];
  const [progress, setProgress] = useState<Progress>(() => parseProgress(readStorage(PROGRESS_KEY)));
  const stepIndex = Math.min(progress[lesson.id]?.step ?? 0, lesson.steps.length - 1);
  const step = lesson.steps[stepIndex];
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const pending = useRef<{ runId: number; doc: NetworkDocument; step: number } | null>(null);
  const rerun = useRef<number | undefined>(undefined);
  const outcomeRef = useRef<HTMLDivElement>(null);
  // A result below the fold comes into view (the panel scrolls on small screens).
  useEffect(() => { if (outcome) outcomeRef.current?.scrollIntoView({ block: 'nearest' }); }, [outcome]);

  const save = useCallback((p: Progress) => { setProgress(p); writeStorage(PROGRESS_KEY, progressText(p)); }, []);
  useEffect(() => { writeStorage(CURRENT_KEY, lesson.id); }, [lesson.id]);
  useEffect(() => { setOutcome(null); pending.current = null; }, [lesson.id, stepIndex]);
  useEffect(() => () => window.clearTimeout(rerun.current), []);

  const network = useMemo(() => stepNetworkOf(lesson, stepIndex), [lesson, stepIndex]);
  const networkDoc = useMemo(() => (network ? lessonNetwork(network.net, EXAMPLE_JSON) : null), [network]);
  const networkName = networkDoc?.ok ? networkDoc.doc.meta.name : null;
  const loaded = networkName !== null && doc.meta.name === networkName;

  const go = (s: number) => save(atStep(progress, lesson.id, s));
  const load = () => { if (networkDoc?.ok) void openNetwork(networkDoc.doc, networkDoc.doc.meta.name); };
  // On an empty, unedited canvas there is nothing to lose: the step's network comes in at once.
  const empty = doc.nodes.length === 0 && !model.dirty;
  useEffect(() => { if (empty && networkDoc?.ok) void openNetwork(networkDoc.doc, networkDoc.doc.meta.name); }, [empty, networkDoc, openNetwork]);

  // A finished run that a Check started: evaluate the step's checks on it.
  useEffect(() => {
    const p = pending.current;
    if (!p || ctrl.runId < p.runId) return;
    if (ctrl.runId > p.runId) { pending.current = null; setOutcome({ state: 'blocked', message: 'The network changed during the check: press Check again.' }); return; }
    if (ctrl.state === 'error') { pending.current = null; setOutcome({ state: 'blocked', message: `The run failed: ${ctrl.message}` }); return; }
    if (ctrl.state !== 'finished') return;
    pending.current = null;
    const rec = runRecordOf(ctrl.data);
    const checks = lesson.steps[p.step].checks ?? [];
    if (!rec) { setOutcome({ state: 'blocked', message: 'The run produced no results.' }); return; }
    const r = evaluateChecks(checks, rec, p.doc);
    const note = rec.steps < Math.round(p.doc.simulation.duration_ms / p.doc.simulation.dt_ms) ? 'The run was stopped before its end: the checks read what it simulated.'
      : runRecordComplete(ctrl.data) ? undefined : 'The run had more spikes than the app keeps; the checks read the first 2,000,000.';
    setOutcome({ state: 'done', pass: r.pass, results: r.results, note });
    if (r.pass) save(withPassed(progress, lesson.id, p.step));
  }, [version, ctrl, lesson, progress, save]);

  const check = () => {
    const missing = missingNodes(step.checks ?? [], doc);
    if (missing.length) { setOutcome({ state: 'blocked', message: `The network in the editor has no ${missing.map((m) => `"${m}"`).join(', ')}: press Load network.` }); return; }
    if (ctrl.state === 'paused') { setOutcome({ state: 'blocked', message: 'A run is paused: Stop it, then Check.' }); return; }
    window.clearTimeout(rerun.current); // the check's run replaces a slider's pending rerun
    const before = ctrl.runId;
    pending.current = { runId: before + 1, doc: model.document, step: stepIndex };
    runActions.current?.run();
    if (ctrl.runId === before) { pending.current = null; setOutcome({ state: 'blocked', message: 'The run did not start: see the message above the canvas.' }); return; }
    setOutcome({ state: 'checking' });
  };

  // A slider changed the network: run it again shortly (the trace follows as you drag).
  const changed = () => {
    window.clearTimeout(rerun.current);
    rerun.current = window.setTimeout(() => { if (ctrl.state !== 'paused') runActions.current?.run(); }, 150);
  };

  const checked = new Set(progress[lesson.id]?.passed ?? []);
  return (
    <aside className="lesson-panel" aria-label="Lesson">
      <div className="lesson-head">
        <label className="field">
          <span>Lesson</span>
          <select value={lesson.id} onChange={(e) => onLesson(e.target.value)}>
            {LESSONS.map((l) => <option key={l.id} value={l.id}>{l.title}</option>)}
          </select>
        </label>
        <button type="button" onClick={onClose} title="Close the lesson panel (Learn)">Close</button>
      </div>
      {LESSON_PROBLEMS.length > 0 && (
        <div className="lesson-problems" role="alert">
          {LESSON_PROBLEMS.map((p) => <p key={p.file}>{p.file} was not loaded: {p.problems.join('; ')}</p>)}
        </div>
      )}
      <ol className="lesson-steps" aria-label="Steps">
        {lesson.steps.map((s, i) => (
          <li key={i}>
            <button type="button" aria-current={i === stepIndex ? 'step' : undefined} onClick={() => go(i)} title={s.title}
              aria-label={`Step ${i + 1}: ${s.title}${checked.has(i) ? ' (passed)' : ''}`}>{checked.has(i) ? '✓' : i + 1}</button>
          </li>
        ))}
      </ol>
      <div className="lesson-body">
        <p className="lesson-count">Step {stepIndex + 1} of {lesson.steps.length}</p>
        <h2>{step.title}</h2>
        <LessonText text={step.text} />
        {network && (
          <div className="lesson-network">
            {networkDoc && !networkDoc.ok ? <p role="alert">This step's network cannot be loaded: {networkDoc.message}</p> : (
              <>
                <span>{loaded ? <>Network <b>{networkName}</b> is in the editor.</> : <>This step uses the network <b>{networkName}</b>.</>}</span>
                <button type="button" className={loaded ? undefined : 'primary'} onClick={load}>{loaded ? 'Reload network' : 'Load network'}</button>
              </>
            )}
          </div>
        )}
        {step.controls && step.controls.length > 0 && (
          <fieldset className="lesson-controls">
            <legend>Sliders (each change reruns the network)</legend>
            {step.controls.map((c, i) => <Slider key={i} control={c} doc={doc} model={model} onChange={changed} />)}
          </fieldset>
        )}
        {step.try && <div className="lesson-try"><h3>Try</h3><LessonText text={step.try} /></div>}
        {step.rate_sweep && <RateSweep key={`${lesson.id}-${stepIndex}`} spec={step.rate_sweep} doc={doc} />}
        {step.sweep && <LessonSweep key={`${lesson.id}-${stepIndex}`} step={step} doc={doc} best={progress[lesson.id]?.best?.[stepIndex]}
          onScore={(mean) => save(withBest(progress, lesson.id, stepIndex, mean))} />}
        {step.checks && step.checks.length > 0 && (
          <div className="lesson-check">
            <h3>Check</h3>
            <ul>{step.checks.map((c, i) => <li key={i}>{describeCheck(c, loaded || !networkDoc?.ok ? doc : networkDoc.doc)}</li>)}</ul>
            <button type="button" className="primary" onClick={check} disabled={outcome?.state === 'checking'}>Check</button>
            <div role="status" className="lesson-outcome" data-testid="lesson-outcome" ref={outcomeRef}>
              {outcome?.state === 'checking' && <p>Running the network…</p>}
              {outcome?.state === 'blocked' && <p className="fail">{outcome.message}</p>}
              {outcome?.state === 'done' && (
                <>
                  <p className={outcome.pass ? 'pass' : 'fail'}><b>{outcome.pass ? '✓ Passed' : '✗ Not yet'}</b></p>
                  <ul>{outcome.results.map((r, i) => <li key={i} className={r.pass ? 'pass' : 'fail'}>{r.pass ? '✓' : '✗'} {r.message}</li>)}</ul>
                  {outcome.note && <p>{outcome.note}</p>}
                  {outcome.pass && step.success && <LessonText text={step.success} />}
                </>
              )}
            </div>
          </div>
        )}
      </div>
      <nav className="lesson-nav" aria-label="Lesson steps">
        <button type="button" onClick={() => go(stepIndex - 1)} disabled={stepIndex === 0}>Back</button>
        {stepIndex < lesson.steps.length - 1
          ? <button type="button" onClick={() => go(stepIndex + 1)}>Next</button>
          : <button type="button" onClick={() => { const next = LESSONS[LESSONS.indexOf(lesson) + 1]; if (next) onLesson(next.id); }} disabled={lesson === LESSONS[LESSONS.length - 1]}>Next lesson</button>}
      </nav>
    </aside>
  );
}

function missingNodes(checks: readonly LessonCheck[], doc: NetworkDocument): string[] {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const named = checks.flatMap((c) => (c.kind === 'latency' ? [c.population, c.reference] : c.kind === 'ipd_estimate' ? [c.detectors, c.ears] : [c.population]));
  return [...new Set(named.filter((id) => !ids.has(id)))];
}

/** A slider's value in the document, or null when the document has no such node, parameter or constant weight. */
function controlValue(c: LessonControl, doc: NetworkDocument): number | null {
  if (c.kind === 'weight') {
    const p = doc.projections.find((x) => x.id === c.projection);
    return p?.weight.dist === 'constant' ? p.weight.value : null;
  }
  const n = doc.nodes.find((x) => x.id === c.node);
  if (!n) return null;
  const v = n.params?.[c.param] ?? getModel(n.model)?.params.find((p) => p.name === c.param)?.default;
  return typeof v === 'number' ? v : null;
}

function Slider({ control: c, doc, model, onChange }: { control: LessonControl; doc: NetworkDocument; model: EditorModel; onChange: () => void }) {
  const value = controlValue(c, doc);
  const id = `lesson-slider-${c.kind === 'param' ? `${c.node}-${c.param}` : c.projection}`;
  const set = (v: number) => {
    if (c.kind === 'param') model.setParam(c.node, c.param, v, id);
    else {
      const p = model.document.projections.find((x) => x.id === c.projection);
      if (p) model.replaceProjection(p.id, { ...p, weight: { dist: 'constant', value: v } }, id);
    }
    onChange();
  };
  return (
    <div className="lesson-slider">
      <label htmlFor={id}>{c.label}</label>
      <input id={id} type="range" min={c.min} max={c.max} step={c.step} value={value ?? c.min} disabled={value === null}
        onChange={(e) => set(Number(e.target.value))} />
      <output htmlFor={id}>{value === null ? 'load the network' : `${+value.toFixed(4)}${c.unit ? ` ${c.unit}` : ''}`}</output>
    </div>
  );
}
