// Autosave: the document goes to the platform's recovery store (IndexedDB on the web, main's recovery file
// in Electron) shortly after each change; on start the saved state comes back, so a reload or crash loses nothing.
import { useEffect, useRef, useState } from 'react';
import { loadDocument } from '../../shared/graph';
import type { EditorModel } from '../editor/model';
import type { FileRef, Platform } from '../platform';

const DELAY_MS = 400;

export type AutosaveState = 'starting' | 'pending' | 'saved' | 'failed';

export function useAutosave(model: EditorModel, platform: Platform, fileRef: FileRef | null,
  onRestore: (ref: FileRef | null, message: string) => void): AutosaveState {
  const [ready, setReady] = useState(false);
  const [state, setState] = useState<AutosaveState>('starting');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const fileRefNow = useRef(fileRef);
  useEffect(() => { fileRefNow.current = fileRef; }, [fileRef]);

  // Restore once, before autosaving anything (else the empty start document would overwrite the work).
  useEffect(() => {
    let live = true;
    platform.autosave.read().then((entry) => {
      if (!live || !entry) return;
      const r = loadDocument(safeJson(entry.text));
      if (!r.ok) return;
      model.load(r.doc, entry.dirty !== false);
      const when = new Date(entry.savedAt).toLocaleTimeString();
      onRestore(entry.fileName ? { name: entry.fileName, ...(entry.path ? { path: entry.path } : {}) } : null,
        entry.dirty !== false ? `Recovered unsaved work from ${when}` : `Reopened ${entry.fileName ?? model.document.meta.name}`);
    }).catch(() => undefined).finally(() => { if (live) setReady(true); });
    return () => { live = false; };
  }, [model, platform, onRestore]);

  useEffect(() => {
    if (!ready) return;
    const write = () => {
      timer.current = null;
      const doc = model.document;
      platform.autosave.write({
        text: JSON.stringify(doc), fileName: fileRefNow.current?.name ?? null,
        path: fileRefNow.current?.path ?? null, savedAt: new Date().toISOString(), dirty: model.dirty,
      }).then(() => { if (model.document === doc) setState('saved'); }, () => setState('failed'));
    };
    const schedule = () => {
      setState('pending');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(write, DELAY_MS);
    };
    schedule();
    const unsubscribe = model.subscribe(schedule);
    return () => {
      unsubscribe();
      if (timer.current) { clearTimeout(timer.current); write(); }
    };
  }, [model, platform, ready, fileRef]);
  return state;
}

function safeJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return null; }
}
