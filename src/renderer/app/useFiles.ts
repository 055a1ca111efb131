// File actions of the editor: New, Open, Save, Save As, open an example; asks before dropping unsaved work,
// refuses damaged or newer-version files with a clear message (the current work and the file stay as they were).
import { useCallback, useMemo, useState } from 'react';
import { loadDocument, type NetworkDocument } from '../../shared/graph';
import type { EditorModel } from '../editor/model';
import { emptyDocument } from '../editor/ops';
import { openDocumentText } from '../editor/open';
import type { Example } from '../editor/examples';
import type { FileRef, OpenedFile, Platform } from '../platform';
import { exportNirFile, importNirFile, nirFileName } from './nir-files';

export interface FileProblem { title: string; message: string; details: string[] }

export function suggestedFileName(doc: NetworkDocument): string {
  const stem = doc.meta.name.trim().replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'network';
  return `${stem}.snn.json`;
}

export function documentText(doc: NetworkDocument): string {
  return `${JSON.stringify({ ...doc, meta: { ...doc.meta, modified: new Date().toISOString() } }, null, 2)}\n`;
}

/** The banner's sentence for a file that opened read-only (the host will not write it: Save goes to Save As). */
export function readOnlyNotice(fileRef: FileRef | null, readOnlyRef: FileRef | null): string | null {
  if (!fileRef || fileRef !== readOnlyRef) return null;
  return `Read-only: ${fileRef.name} will not be written to. Save As to keep your changes in a new file.`;
}

export function useFiles(model: EditorModel, platform: Platform, notify: (m: string, kind?: 'info' | 'error') => void) {
  const [fileRef, setFileRef] = useState<FileRef | null>(null);
  /** The detached ref of a file that opened read-only; the notice lasts while it is the current file (any
   *  other file — Save As, New, Open, an example, a restore — replaces fileRef and ends it). */
  const [readOnlyRef, setReadOnlyRef] = useState<FileRef | null>(null);
  const [problem, setProblem] = useState<FileProblem | null>(null);
  /** Open Recent lists files opened or saved here (the platform decides what it can keep). */
  const remember = useCallback((ref: FileRef) => { void platform.recent.add(ref).catch(() => {}); }, [platform]);
  /** A file just opened: a read-only one is detached (a name only, so Save asks where) and not remembered. */
  const setOpened = useCallback((file: OpenedFile) => {
    if (file.readOnly) {
      const detached = { name: file.ref.name };
      setFileRef(detached);
      setReadOnlyRef(detached);
    } else {
      setFileRef(file.ref);
      remember(file.ref);
    }
  }, [remember]);

  const saveAs = useCallback(async (): Promise<boolean> => {
    const doc = model.document;
    const r = await platform.saveFileAs(documentText(doc), suggestedFileName(doc));
    if (r.ok) { setFileRef(r.ref); model.markSaved(doc); remember(r.ref); notify(`Saved ${r.ref.name}`); return true; }
    if (!r.cancelled) setProblem({ title: 'Could not save', message: r.message, details: [] });
    return false;
  }, [model, platform, notify, remember]);

  const save = useCallback(async (): Promise<boolean> => {
    const doc = model.document;
    if (!fileRef || (!fileRef.handle && !fileRef.path)) return saveAs();
    const r = await platform.saveFile(documentText(doc), fileRef, suggestedFileName(doc));
    if (r.ok) { setFileRef(r.ref); model.markSaved(doc); remember(r.ref); notify(`Saved ${r.ref.name}`); return true; }
    if (!r.cancelled) setProblem({ title: 'Could not save', message: r.message, details: [] });
    return false;
  }, [model, platform, notify, fileRef, saveAs, remember]);

  /** True when it is fine to replace the current document (saved, discarded, or nothing to lose). */
  const mayDiscard = useCallback(async (): Promise<boolean> => {
    if (!model.dirty) return true;
    const choice = await platform.askUnsaved(model.document.meta.name);
    if (choice === 'save') return save();
    return choice === 'discard';
  }, [model, platform, save]);

  const newDocument = useCallback(async () => {
    if (!(await mayDiscard())) return;
    model.load(emptyDocument());
    setFileRef(null);
    notify('New network');
  }, [model, mayDiscard, notify]);

  const open = useCallback(async () => {
    if (!(await mayDiscard())) return;
    let file;
    try {
      file = await platform.openFile();
    } catch (e) {
      setProblem({ title: 'Cannot open the file', message: e instanceof Error ? e.message : String(e), details: [] });
      return;
    }
    if (!file) return;
    const r = openDocumentText(file.text, file.ref.name);
    if (!r.ok) { setProblem(r); return; }
    model.load(r.doc);
    setOpened(file);
    notify(`Opened ${file.ref.name}${r.notes.length ? ` (${r.notes.join(' ')})` : ''}`);
  }, [model, platform, mayDiscard, notify, setOpened]);

  /** Open a known file (Open Recent, the OS, Revert); `ask` false skips the unsaved-work question. */
  const openRef = useCallback(async (ref: FileRef, ask = true) => {
    if (ask && !(await mayDiscard())) return;
    let file;
    try {
      file = await platform.reopen(ref);
    } catch (e) {
      setProblem({ title: `Cannot open ${ref.name}`, message: e instanceof Error ? e.message : String(e), details: [] });
      return;
    }
    const r = openDocumentText(file.text, file.ref.name);
    if (!r.ok) { setProblem(r); return; }
    model.load(r.doc);
    setOpened(file);
    notify(`Opened ${file.ref.name}`);
  }, [model, platform, mayDiscard, notify, setOpened]);

  /** Back to the file as saved, after asking when there are changes. */
  const revert = useCallback(async () => {
    if (!fileRef || !platform.canReopen(fileRef)) return;
    if (model.dirty && (await platform.askUnsaved(model.document.meta.name)) === 'cancel') return;
    await openRef(fileRef, false);
  }, [fileRef, platform, model, openRef]);

  const openExample = useCallback(async (ex: Example) => {
    if (!(await mayDiscard())) return false;
    const r = loadDocument(ex.json);
    if (!r.ok) { setProblem({ title: `Cannot open ${ex.file}`, message: 'The example is not valid.', details: r.diagnostics.map((d) => `${d.path}: ${d.message}`) }); return false; }
    model.load(r.doc);
    setFileRef(null); // an example is a template: Save asks where
    notify(`Opened example ${ex.name}`);
    return true;
  }, [model, mayDiscard, notify]);

  /** File › Export NIR…: the current document as a .nir download (the document and its file are unchanged). */
  const exportNir = useCallback(async () => {
    const doc = model.document;
    try {
      const r = await exportNirFile(doc, nirFileName(suggestedFileName(doc)));
      if (r) notify(`Exported ${r.name}${r.warnings.length ? ` (kept in metadata only: ${r.warnings.join('; ')})` : ''}`);
    } catch (e) {
      setProblem({ title: 'Cannot export NIR', message: e instanceof Error ? e.message : String(e), details: [] });
    }
  }, [model, notify]);

  /** File › Import NIR…: a .nir graph as a new, unsaved document laid out for the editor. */
  const importNir = useCallback(async () => {
    if (!(await mayDiscard())) return;
    let r;
    try {
      r = await importNirFile();
    } catch (e) {
      setProblem({ title: 'Cannot import the NIR file', message: e instanceof Error ? e.message : String(e), details: [] });
      return;
    }
    if (!r) return;
    model.load(r.doc);
    setFileRef(null); // imported: Save asks where to write the .snn.json
    notify(`Imported ${r.name}`);
  }, [model, mayDiscard, notify]);

  const clearProblem = useCallback(() => setProblem(null), []);
  const canRevert = platform.canReopen(fileRef);
  const readOnly = readOnlyNotice(fileRef, readOnlyRef);
  // One object per change of its parts, so effects and memos that use it do not rerun on every render.
  return useMemo(() => ({
    fileRef, setFileRef, readOnly, problem, mayDiscard, openRef, revert, canRevert, clearProblem, save, saveAs, newDocument, open, openExample,
    exportNir, importNir,
  }), [fileRef, readOnly, problem, mayDiscard, openRef, revert, canRevert, clearProblem, save, saveAs, newDocument, open, openExample, exportNir, importNir]);
}
