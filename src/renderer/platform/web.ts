// The web build's platform: File System Access API where the browser has it (open, save in place), else
// upload (<input type=file>) and download; autosave, settings and recent files in IndexedDB (they survive a
// reload). Recent files are file handles (IndexedDB stores them); opening one asks for permission again.
import type { AutosaveEntry, FileRef, FileSystemFileHandleLike, OpenedFile, Platform, RecentItem, SaveResult } from './types';
import { idb } from './idb';
import { pushRecent } from './recent';

interface PickerWindow {
  showOpenFilePicker?: (o: unknown) => Promise<FileSystemFileHandleLike[]>;
  showSaveFilePicker?: (o: unknown) => Promise<FileSystemFileHandleLike>;
}

const pickerTypes = [{ description: 'SNN Studio network', accept: { 'application/json': ['.json'] } }];
const AUTOSAVE_KEY = 'current';
/** Key of the recent list in the settings store: [{ name, openedAt, handle }], newest first. */
const RECENT_KEY = 'recentFiles';

export const RECENT_UNAVAILABLE = 'This browser opens files by upload, which leaves no way to read them again later, '
  + 'so there are no recent files. Browsers with the File System Access API (Chrome, Edge) keep them.';

interface StoredRecent { name: string; openedAt: string; handle: FileSystemFileHandleLike }

/** Whether two handles point at the same file (isSameEntry where the browser has it, else the name). */
async function sameFile(a: FileSystemFileHandleLike, b: FileSystemFileHandleLike): Promise<boolean> {
  if (a === b) return true;
  if (a.isSameEntry) { try { return await a.isSameEntry(b); } catch { return false; } }
  return a.name === b.name;
}

/** A handle from an earlier session may have lost its permission: ask again (the click that opened it counts as
 *  the user's gesture). Throws with a sentence when the user says no. */
async function ensurePermission(handle: FileSystemFileHandleLike): Promise<void> {
  if (!handle.queryPermission) return;
  const mode = { mode: 'readwrite' as const };
  if ((await handle.queryPermission(mode)) === 'granted') return;
  if (handle.requestPermission && (await handle.requestPermission(mode)) === 'granted') return;
  throw new Error(`SNN Studio was not allowed to open ${handle.name}. Open it again with Open to choose it.`);
}

function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** Upload fallback: a hidden file input; resolves null when the user cancels (also the Training tab's Load weights). */
export function pickWithInput(doc: Document = document, accept = '.json,application/json'): Promise<File | null> {
  return new Promise((resolve) => {
    const input = doc.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    const done = (f: File | null) => { input.remove(); resolve(f); };
    input.addEventListener('change', () => done(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => done(null));
    doc.body.appendChild(input);
    input.click();
  });
}

/** Hands `text` to the browser as a download named `name` (also the Training tab's export without a picker). */
export function downloadText(text: string, name: string, doc: Document = document): void {
  downloadBlob(new Blob([text], { type: 'application/json' }), name, doc);
}

/** A binary file (a `.nir` export) as a download named `name`. */
export function downloadBytes(bytes: Uint8Array, name: string, type: string, doc: Document = document): void {
  downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name, doc);
}

function downloadBlob(blob: Blob, name: string, doc: Document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function writeHandle(handle: FileSystemFileHandleLike, text: string): Promise<void> {
  // createWritable writes to a swap file and replaces the original only on close(): never a half-written file.
  const w = await handle.createWritable();
  await w.write(text);
  await w.close();
}

export function createWebPlatform(win: Window = window): Platform {
  const pw = win as unknown as PickerWindow;

  // The list as last read or written. A handle IndexedDB cannot store (a test's stand-in) stays in this list
  // for the session only.
  let recentCache: StoredRecent[] | null = null;
  async function readRecent(): Promise<StoredRecent[]> {
    if (!recentCache) {
      try { recentCache = (await idb.get<StoredRecent[]>('settings', RECENT_KEY)) ?? []; } catch { recentCache = []; }
    }
    return recentCache;
  }
  async function writeRecent(list: StoredRecent[]): Promise<void> {
    recentCache = list;
    try { await idb.set('settings', RECENT_KEY, list); } catch { /* not storable (DataCloneError): session only */ }
  }
  async function addRecent(ref: FileRef): Promise<void> {
    const handle = ref.handle;
    if (!handle) return;
    const list = await readRecent();
    const same = await Promise.all(list.map((e) => sameFile(e.handle, handle)));
    await writeRecent(pushRecent(list, { name: handle.name, openedAt: new Date().toISOString(), handle }, (_, i) => same[i]));
  }

  async function saveFileAs(text: string, suggestedName: string): Promise<SaveResult> {
    if (pw.showSaveFilePicker) {
      try {
        const handle = await pw.showSaveFilePicker({ suggestedName, types: pickerTypes });
        await writeHandle(handle, text);
        return { ok: true, ref: { name: handle.name, handle } };
      } catch (e) {
        if (isAbort(e)) return { ok: false, cancelled: true };
        return { ok: false, cancelled: false, message: e instanceof Error ? e.message : String(e) };
      }
    }
    downloadText(text, suggestedName);
    return { ok: true, ref: { name: suggestedName } };
  }

  return {
    kind: 'web',
    async openFile(): Promise<OpenedFile | null> {
      if (pw.showOpenFilePicker) {
        try {
          const [handle] = await pw.showOpenFilePicker({ types: pickerTypes, multiple: false });
          const file = await handle.getFile();
          return { ref: { name: handle.name, handle }, text: await file.text() };
        } catch (e) {
          if (isAbort(e)) return null;
          throw e;
        }
      }
      const file = await pickWithInput();
      return file ? { ref: { name: file.name }, text: await file.text() } : null;
    },
    async reopen(ref) {
      if (!ref.handle) throw new Error(`${ref.name} was uploaded: open it again with Open`);
      await ensurePermission(ref.handle);
      return { ref, text: await (await ref.handle.getFile()).text() };
    },
    canReopen: (ref) => !!ref?.handle,
    onOpenFile: () => () => {},
    async saveFile(text, ref, suggestedName) {
      if (ref?.handle) {
        try {
          await writeHandle(ref.handle, text);
          return { ok: true, ref };
        } catch (e) {
          return { ok: false, cancelled: false, message: e instanceof Error ? e.message : String(e) };
        }
      }
      return saveFileAs(text, ref?.name ?? suggestedName);
    },
    saveFileAs,
    async askUnsaved(name) {
      // No native three-way box on the web: OK discards, Cancel keeps the work (which autosave also holds).
      return win.confirm(`"${name}" has unsaved changes. Discard them?`) ? 'discard' : 'cancel';
    },
    setTitle(title) {
      win.document.title = title;
    },
    onMenuCommand: () => () => {},
    onCloseRequested: () => () => {},
    autosave: {
      write: (entry: AutosaveEntry) => idb.set('autosave', AUTOSAVE_KEY, entry),
      read: async () => (await idb.get<AutosaveEntry>('autosave', AUTOSAVE_KEY)) ?? null,
      clear: () => idb.delete('autosave', AUTOSAVE_KEY),
    },
    recent: {
      ...(pw.showOpenFilePicker ? {} : { unavailable: RECENT_UNAVAILABLE }),
      async list(): Promise<RecentItem[]> {
        return (await readRecent()).map((e) => ({ name: e.name, openedAt: e.openedAt, ref: { name: e.name, handle: e.handle } }));
      },
      add: addRecent,
      clear: () => writeRecent([]),
    },
    settings: {
      get: (key) => idb.get('settings', key),
      set: (key, value) => idb.set('settings', key, value),
    },
  };
}
