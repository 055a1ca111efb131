// The desktop platform: files and settings through the preload API (window.snn). Main does the file work
// (dialogs, atomic writes, recovery file); this adapter only maps it onto the renderer's Platform interface.
// SnnPreloadApi is our side of the contract until src/shared/ipc.ts lands; then it is replaced by its type.
import type { AutosaveEntry, Platform, SaveResult } from './types';

export interface SnnPreloadApi {
  openFile(): Promise<{ path: string; name: string; text: string } | null>;
  saveFile(req: { path: string | null; text: string; suggestedName: string }): Promise<
    { ok: true; path: string; name: string } | { ok: false; cancelled: boolean; message?: string }>;
  saveFileAs(req: { text: string; suggestedName: string }): Promise<
    { ok: true; path: string; name: string } | { ok: false; cancelled: boolean; message?: string }>;
  writeRecovery(entry: AutosaveEntry): Promise<void>;
  readRecovery(): Promise<AutosaveEntry | null>;
  clearRecovery(): Promise<void>;
  getSetting(key: string): Promise<unknown>;
  setSetting(key: string, value: unknown): Promise<void>;
}

function toSaveResult(r: Awaited<ReturnType<SnnPreloadApi['saveFile']>>): SaveResult {
  if (r.ok) return { ok: true, ref: { name: r.name, path: r.path } };
  return r.cancelled ? { ok: false, cancelled: true } : { ok: false, cancelled: false, message: r.message ?? 'could not save' };
}

export function createElectronPlatform(api: SnnPreloadApi): Platform {
  return {
    kind: 'electron',
    async openFile() {
      const r = await api.openFile();
      return r ? { ref: { name: r.name, path: r.path }, text: r.text } : null;
    },
    async saveFile(text, ref, suggestedName) {
      return toSaveResult(await api.saveFile({ path: ref?.path ?? null, text, suggestedName }));
    },
    async saveFileAs(text, suggestedName) {
      return toSaveResult(await api.saveFileAs({ text, suggestedName }));
    },
    autosave: {
      write: (entry) => api.writeRecovery(entry),
      read: () => api.readRecovery(),
      clear: () => api.clearRecovery(),
    },
    settings: {
      get: (key) => api.getSetting(key),
      set: (key, value) => api.setSetting(key, value),
    },
  };
}
