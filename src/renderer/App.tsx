// The main screen: top bar (file/edit/view), run controls, palette, network canvas, inspector, results and
// status bar. Owns the editor model and wires files, autosave, shortcuts and selection between the parts.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { findAdapter, type AdapterStatus } from './gpu/adapter';
import { EditorModel } from './editor/model';
import type { WeightsFile } from '../shared/io/weights';
import type { ApplyOrigin } from '../shared/training';
import { freeSpot } from './editor/placement';
import { autoLayout } from './editor/layout';
import { useDiagnostics, useDocument, useRevision } from './editor/useEditor';
import { getPlatform, type FileRef } from './platform';
import { useFiles } from './app/useFiles';
import { useAutosave } from './app/useAutosave';
import { useShortcuts, type ShortcutActions } from './app/useShortcuts';
import { StatusBar } from './components/StatusBar';
import { TopBar } from './components/TopBar';
import { RecentMenu } from './components/RecentMenu';
import { ReadOnlyBanner } from './components/ReadOnlyBanner';
import { Palette, type PaletteItem } from './components/Palette';
import { Canvas, GRID, type Selection } from './components/Canvas';
import { ExamplesDialog, ProblemDialog, RunBudgetDialog, UnsavedDialog } from './components/Dialogs';
import { HelpDialog } from './components/HelpDialog';
import { Welcome } from './components/Welcome';
import { LessonPanel, initialLesson } from './learn/LessonPanel';
import { useRunBudget } from './app/useRunBudget';
import { Inspector } from './inspector/Inspector';
import { RunPanel, type RunActions } from './run/RunPanel';
import { RunController } from './run/controller';
import { View3DPanel } from './view3d/View3DPanel';
import { TrainPanel } from './train/TrainPanel';

/** How long an info message stays in the status bar (ms). */
const STATUS_MESSAGE_MS = 8000;

export function App() {
  return (
    <ReactFlowProvider>
      <Editor />
    </ReactFlowProvider>
  );
}

function Editor() {
  const [model] = useState(() => new EditorModel());
  const [runCtrl] = useState(() => new RunController());
  const platform = useMemo(() => getPlatform(), []);
  const doc = useDocument(model);
  useRevision(model);
  const diagnostics = useDiagnostics(doc);
  const flow = useReactFlow();
  const [adapter, setAdapter] = useState<AdapterStatus>({ state: 'checking' });
  const [message, setMessage] = useState<{ text: string; kind: 'info' | 'error' } | null>(null);
  const [selection, setSelection] = useState<Selection>({ nodes: [], edges: [] });
  const [selectRequest, setSelectRequest] = useState<{ ids: string[]; seq: number }>({ ids: [], seq: 0 });
  const [showExamples, setShowExamples] = useState(false);
  const [showMinimap, setShowMinimap] = useState(true);
  const [fitSeq, setFitSeq] = useState(0);
  /** Learn mode: the open lesson's id (null: the palette shows instead of the lesson panel). */
  const [lessonId, setLessonId] = useState<string | null>(null);
  const [showHelp, setShowHelp] = useState(false);
  const [welcomeDismissed, setWelcomeDismissed] = useState(false);
  const canvasRef = useRef<HTMLElement>(null);
  const runActions = useRef<RunActions | null>(null);

  const notify = useCallback((text: string, kind: 'info' | 'error' = 'info') => setMessage({ text, kind }), []);
  // An info message goes after a while, so the status bar never shows a stale one ("Loaded … weights.json"
  // long after); an error stays until dismissed.
  useEffect(() => {
    if (message?.kind !== 'info') return;
    const t = setTimeout(() => setMessage((m) => (m === message ? null : m)), STATUS_MESSAGE_MS);
    return () => clearTimeout(t);
  }, [message]);
  const select = useCallback((ids: string[]) => setSelectRequest((r) => ({ ids, seq: r.seq + 1 })), []);
  const applyTrainedWeights = useCallback((file: WeightsFile, name: string, origin?: Omit<ApplyOrigin, 'training'>) => model.applyTrainedWeights(file, name, origin), [model]);
  const setDataFile = useCallback((nodeId: string, path: string | null) => model.setDataFile(nodeId, path), [model]);
  const files = useFiles(model, platform, notify);
  const runBudget = useRunBudget(model, adapter, notify);
  const { setFileRef } = files;
  const onRestore = useCallback((ref: FileRef | null, text: string) => { setFileRef(ref); notify(text); }, [setFileRef, notify]);
  const autosave = useAutosave(model, platform, files.fileRef, onRestore);

  useEffect(() => {
    let live = true;
    void findAdapter().then((a) => { if (live) setAdapter(a); });
    return () => { live = false; };
  }, []);

  const fileName = files.fileRef?.name ?? null;
  const dirty = model.dirty;
  const title = `${dirty ? '• ' : ''}${doc.meta.name}${fileName ? ` (${fileName})` : ''} — SNN Studio`;
  useEffect(() => { platform.setTitle(title, dirty); }, [platform, title, dirty]);

  const zoomToFit = useCallback(() => { void flow.fitView({ padding: 0.3, maxZoom: 1.4, duration: 0 }); }, [flow]);
  const arrange = useCallback(() => { model.move(autoLayout(model.document)); zoomToFit(); }, [model, zoomToFit]);
  // After a document is loaded the canvas shows all of it (fitView waits for the new nodes to be measured).
  useEffect(() => {
    if (fitSeq === 0) return;
    if (model.document.nodes.length) zoomToFit();
    else void flow.setViewport({ x: 48, y: 48, zoom: 1 }); // a new, empty network starts at 100 %
  }, [fitSeq, zoomToFit, flow, model]);
  useEffect(() => {
    let last = model.document;
    return model.subscribe(() => {
      const d = model.document;
      if (!model.canUndo && !model.canRedo && d !== last) setFitSeq((n) => n + 1);
      last = d;
    });
  }, [model]);

  const addFromPalette = useCallback((item: PaletteItem, position?: { x: number; y: number }, target?: string | null) => {
    if (item.kind === 'monitor') {
      const on = target ?? (selection.nodes.length === 1 ? selection.nodes[0] : null);
      if (!on) { notify(`Select a node first (or drop the ${item.label.toLowerCase()} on a node)`, 'error'); return; }
      const r = model.addMonitor(on, item.monitor);
      notify(r.ok ? `Recording ${item.monitor === 'spikes' ? 'spikes' : 'the membrane'} of ${on}` : r.reason, r.ok ? 'info' : 'error');
      return;
    }
    let at = position;
    if (!at) {
      const rect = canvasRef.current?.getBoundingClientRect();
      const c = flow.screenToFlowPosition({ x: (rect?.left ?? 0) + (rect?.width ?? 600) / 2, y: (rect?.top ?? 0) + (rect?.height ?? 400) / 2 });
      at = freeSpot(model.document, { x: Math.round((c.x - 96) / GRID) * GRID, y: Math.round((c.y - 48) / GRID) * GRID });
    }
    const r = model.addNode(item.model, at);
    if (r.ok) { select([r.value]); notify(`Added ${item.label} "${r.value}"`); }
    else notify(r.reason, 'error');
  }, [model, flow, selection, notify, select]);

  const selectedIds = useMemo(() => [...selection.nodes, ...selection.edges], [selection]);
  const shortcuts = useMemo<ShortcutActions>(() => ({
    undo: () => model.undo(),
    redo: () => model.redo(),
    duplicate: () => { const r = model.duplicate(selection.nodes); if (r.ok) select(r.value); },
    selectAll: () => select(model.document.nodes.map((n) => n.id)),
    save: () => void files.save(),
    saveAs: () => void files.saveAs(),
    open: () => void files.open(),
    copy: () => (selection.nodes.length ? model.copy(selection.nodes) : null),
    cut: () => { if (!selection.nodes.length) return null; const t = model.copy(selection.nodes); model.remove(selection.nodes); return t; },
    paste: (text) => { const r = model.paste(text); if (r.ok) select(r.value); else notify(r.reason, 'error'); },
    help: () => setShowHelp(true),
  }), [model, selection, files, select, notify]);
  useShortcuts(shortcuts);

  // Menu commands and the close handshake read the latest actions through a ref: subscribe once.
  const latest = useRef({ files, shortcuts, selectedIds, zoomToFit, arrange });
  useEffect(() => { latest.current = { files, shortcuts, selectedIds, zoomToFit, arrange }; });
  useEffect(() => platform.onCloseRequested(() => latest.current.files.mayDiscard()), [platform]);
  // Only after autosave restored (or found nothing), so a file the OS asked for is not replaced by recovery.
  const restored = autosave !== 'starting';
  useEffect(() => (restored ? platform.onOpenFile((ref) => void latest.current.files.openRef(ref)) : undefined), [platform, restored]);
  useEffect(() => platform.onMenuCommand((cmd) => {
    const { files: f, shortcuts: s, selectedIds: sel, zoomToFit: fit } = latest.current;
    const map: Record<string, () => void> = {
      'file.new': () => void f.newDocument(), 'file.open': s.open, 'file.save': s.save,
      'file.saveAs': s.saveAs, 'file.revert': () => void f.revert(), 'file.examples': () => setShowExamples(true), 'file.importNir': () => void f.importNir(), 'file.exportNir': () => void f.exportNir(), 'edit.undo': s.undo,
      'edit.redo': s.redo, 'edit.duplicate': s.duplicate, 'edit.delete': () => model.remove(sel),
      'edit.selectAll': s.selectAll, 'view.zoomToFit': fit, 'view.toggleMinimap': () => setShowMinimap((v) => !v),
      'view.autoLayout': () => latest.current.arrange(), 'run.run': () => runActions.current?.run(), 'run.pause': () => runActions.current?.pause(),
      'run.stop': () => runActions.current?.stop(), 'run.step': () => runActions.current?.step(),
      'help.docs': () => setShowHelp(true), // the desktop menu's Help › Documentation (F1 there)
    };
    map[cmd]?.();
  }), [platform, model]);

  // The welcome goes once something is dragged from the palette (the drop lands on the canvas beneath it).
  useEffect(() => {
    const hide = () => setWelcomeDismissed(true);
    window.addEventListener('dragstart', hide);
    return () => window.removeEventListener('dragstart', hide);
  }, []);
  const openNetwork = useCallback((json: unknown, name: string) => files.openExample({ file: name, name, description: '', line: '', json }), [files]);
  const startLesson = useCallback((id?: string) => setLessonId(initialLesson(id ?? null)?.id ?? null), []);
  const showWelcome = !welcomeDismissed && restored && doc.nodes.length === 0 && lessonId === null;

  return (
    <div className="app">
      <TopBar name={doc.meta.name} fileName={fileName} dirty={model.dirty} canRevert={files.canRevert} canUndo={model.canUndo} canRedo={model.canRedo}
        hasSelection={selectedIds.length > 0} showMinimap={showMinimap}
        recentMenu={<RecentMenu recent={platform.recent} notify={notify} onOpen={(it) => void files.openRef(it.ref)} />}
        actions={{
          newDocument: () => void files.newDocument(), open: shortcuts.open, save: shortcuts.save, saveAs: shortcuts.saveAs, revert: () => void files.revert(),
          examples: () => setShowExamples(true), importNir: () => void files.importNir(), exportNir: () => void files.exportNir(), undo: shortcuts.undo, redo: shortcuts.redo, duplicate: shortcuts.duplicate,
          remove: () => model.remove(selectedIds), zoomToFit, autoLayout: arrange, toggleMinimap: () => setShowMinimap((v) => !v),
        }}
        end={<div role="toolbar" aria-label="Learn and help" className="toolbar">
          <button type="button" aria-pressed={lessonId !== null} onClick={() => (lessonId === null ? startLesson() : setLessonId(null))}>Learn</button>
          <button type="button" onClick={() => setShowHelp(true)} title="F1 or ?">Help</button>
        </div>} />
      {lessonId === null ? <Palette onAdd={(item) => addFromPalette(item)} /> : (
        <LessonPanel model={model} doc={doc} ctrl={runCtrl} runActions={runActions} openNetwork={openNetwork}
          lessonId={lessonId} onLesson={setLessonId} onClose={() => setLessonId(null)} />
      )}
      <main className="canvas" aria-label="Network canvas" ref={canvasRef}>
        <Canvas model={model} doc={doc} diagnostics={diagnostics} showMinimap={showMinimap} selectRequest={selectRequest}
          onSelection={setSelection} onPaletteDrop={addFromPalette} notify={notify} />
        <View3DPanel doc={doc} source={runCtrl.source} run={runCtrl.view} selectedPopulation={selection.nodes.length === 1 ? selection.nodes[0] : null}
          onSelect={(id) => select(id ? [id] : [])} />
        {showWelcome && (
          <Welcome lesson={initialLesson(null)} onHelp={() => setShowHelp(true)} onNew={() => setWelcomeDismissed(true)}
            onLesson={() => startLesson()}
            onExample={(ex) => void files.openExample(ex)} />
        )}
        {files.readOnly && <ReadOnlyBanner text={files.readOnly} onSaveAs={shortcuts.saveAs} />}
        {message?.kind === 'error' && (
          <div className="toast error" role="alert">
            {message.text}
            <button type="button" className="toast-close" onClick={() => setMessage(null)}>Dismiss</button>
          </div>
        )}
      </main>
      <Inspector model={model} doc={doc} diagnostics={diagnostics} selection={selection} notify={notify} onSelect={(id) => select([id])} />
      <RunPanel ctrl={runCtrl} actionsRef={runActions} model={model} doc={doc} diagnostics={diagnostics} adapter={adapter} notify={notify} confirmStart={runBudget.confirmStart}
        onShowProblem={(id) => select([id])} />
      <TrainPanel doc={doc} diagnostics={diagnostics} adapter={adapter} notify={notify} run={runCtrl} applyWeights={applyTrainedWeights} setDataFile={setDataFile}
        docSession={model.session} />
      <StatusBar adapter={adapter} message={message?.text} autosave={autosave} />
      {showExamples && (
        <ExamplesDialog onClose={() => setShowExamples(false)}
          onOpen={(ex) => { void files.openExample(ex).then((ok) => { if (ok) setShowExamples(false); }); }} />
      )}
      {showHelp && <HelpDialog onClose={() => setShowHelp(false)} />}
      {files.problem && <ProblemDialog {...files.problem} onClose={files.clearProblem} />}
      {files.unsaved && <UnsavedDialog name={files.unsaved.name} onAnswer={files.unsaved.answer} />}
      {runBudget.prompt && <RunBudgetDialog message={runBudget.prompt.message} canRecordLess={runBudget.prompt.recordLess !== null}
        onRecordLess={runBudget.prompt.recordLessNow} onRunAnyway={runBudget.prompt.runAnyway} onCancel={runBudget.prompt.cancel} />}
    </div>
  );
}
