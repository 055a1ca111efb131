// The desktop platform: files, recovery and settings through the preload API (window.snn, typed by
// src/shared/ipc.ts). Main does the file work (dialogs, atomic writes, recovery file); this adapter maps
// its Result objects onto the renderer's Platform interface.
import type { SnnApi, SaveResult as IpcSaveResult } from '../../shared/ipc';
import type { Platform, SaveResult } from './types';
import { orderRecent } from './recent';

function toSaveResult(r: IpcSaveResult): SaveResult {
  if (r.ok) return { ok: true, ref: { name: r.name, path: r.path } };
  return r.code === 'cancelled' ? { ok: false, cancelled: true } : { ok: false, cancelled: false, message: r.error };
}

export function createDesktopPlatform(api: SnnApi): Platform {
  return {
    kind: 'electron',
    async openFile() {
      const r = await api.files.open();
      if (!r.ok) {
        if (r.code === 'cancelled') return null;
        throw new Error(r.error);
      }
      return { ref: { name: r.name, path: r.path }, text: r.text, readOnly: r.readOnly };
    },
    async reopen(ref) {
      if (!ref.path) throw new Error(`${ref.name} has no path to read again`);
      const r = await api.files.openRecent(ref.path);
      if (!r.ok) throw new Error(r.error);
      return { ref: { name: r.name, path: r.path }, text: r.text, readOnly: r.readOnly };
    },
    canReopen: (ref) => !!ref?.path,
    onOpenFile(cb) {
      const open = (path: string) => cb({ name: path.split(/[\\/]/).pop() ?? path, path });
      const off = api.files.onOpenFile(open);
      // Files the OS asked for before the page listened (command line, double-click at launch).
      void api.files.takeOpenRequests().then((r) => { if (r.ok) r.paths.forEach(open); });
      return off;
    },
    async saveFile(text, ref, suggestedName) {
      if (ref?.path) return toSaveResult(await api.files.save(text, ref.path));
      return toSaveResult(await api.files.saveAs(text, ref?.name ?? suggestedName));
    },
    async saveFileAs(text, suggestedName) {
      return toSaveResult(await api.files.saveAs(text, suggestedName));
    },
    autosave: {
      async write(entry) {
        // Main's recovery file is for unsaved work only: a clean document needs no recovery.
        if (entry.dirty === false) { await api.recovery.clear(); return; }
        const r = await api.recovery.write(entry.text, entry.path ?? null, entry.fileName ?? 'Untitled');
        if (!r.ok) throw new Error(r.error);
      },
      async read() {
        const r = await api.recovery.check();
        if (!r.ok || !r.recovery) return null;
        const { text, path, name, savedAt } = r.recovery;
        return { text, path, fileName: name, savedAt };
      },
      async clear() {
        await api.recovery.clear();
      },
    },
    async askUnsaved(name) {
      const r = await api.app.askUnsaved(name);
      return r.ok ? r.choice : 'cancel';
    },
    setTitle(title, edited) {
      document.title = title;
      void api.window.setTitle(title);
      void api.window.setDocumentEdited(edited);
    },
    onMenuCommand: (cb) => api.app.onMenuCommand(cb),
    onCloseRequested: (cb) => api.app.onCloseRequested(() => {
      void cb().then((allow) => api.app.confirmClose(allow), () => api.app.confirmClose(false));
    }),
    recent: {
      async list() {
        const r = await api.files.listRecent();
        if (!r.ok) return [];
        return orderRecent(r.files, (f) => f.path).map((f) => ({ name: f.name, openedAt: f.openedAt, ref: { name: f.name, path: f.path }, detail: f.path }));
      },
      // Main adds every file it opens or saves to its list (and to File › Open Recent).
      add: async () => {},
      async clear() {
        const r = await api.files.clearRecent();
        if (!r.ok) throw new Error(r.error);
      },
    },
    settings: {
      async get(key) {
        const r = await api.settings.get(key);
        return r.ok ? (r.value ?? undefined) : undefined;
      },
      async set(key, value) {
        await api.settings.set(key, value);
      },
    },
  };
}
