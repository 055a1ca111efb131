// The web build's platform: File System Access API where the browser has it (open, save in place), else
// upload (<input type=file>) and download; autosave and settings in IndexedDB (they survive a reload).
import type { AutosaveEntry, FileSystemFileHandleLike, OpenedFile, Platform, SaveResult } from './types';
import { idb } from './idb';

interface PickerWindow {
  showOpenFilePicker?: (o: unknown) => Promise<FileSystemFileHandleLike[]>;
  showSaveFilePicker?: (o: unknown) => Promise<FileSystemFileHandleLike>;
}

const pickerTypes = [{ description: 'SNN Studio network', accept: { 'application/json': ['.json'] } }];
const AUTOSAVE_KEY = 'current';

function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** Upload fallback: a hidden file input; resolves null when the user cancels. */
function pickWithInput(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,application/json';
    input.style.display = 'none';
    const done = (f: File | null) => { input.remove(); resolve(f); };
    input.addEventListener('change', () => done(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => done(null));
    document.body.appendChild(input);
    input.click();
  });
}

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
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
    download(text, suggestedName);
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
    settings: {
      get: (key) => idb.get('settings', key),
      set: (key, value) => idb.set('settings', key, value),
    },
  };
}
