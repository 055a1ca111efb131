// One implementation per invoke channel of src/shared/ipc.ts, built from the Node services plus the few
// window/app operations only Electron can do (injected). main/ipc.ts wires these to ipcMain unchanged.
import { join } from 'node:path';
import type { z } from 'zod';
import type { INVOKE, InvokeChannel, InvokeResponse, UnsavedChoice } from '../../shared/ipc';
import { FileService, type FileDialogs } from './file-service';
import { OpenRequestQueue } from './open-requests';
import { PathAllowList } from './path-access';
import { RecentFiles } from './recent-files';
import { RecoveryStore } from './recovery';
import { SettingsStore } from './settings';

/** What only the Electron shell can do; fakes in tests. */
export interface ShellOps {
  appVersion(): string;
  electronVersion(): string;
  setTitle(title: string): void;
  setDocumentEdited(edited: boolean): void;
  askUnsaved(name: string): Promise<UnsavedChoice>;
  /** The renderer answered a close request. */
  confirmClose(allow: boolean): void;
  /** Whether the page handles close requests itself (else main asks with a native box). */
  setCloseHandler(active: boolean): void;
}

/** Each handler gets the request already checked against the contract (its parsed form). */
export type Handlers = {
  [C in InvokeChannel]: (req: z.output<(typeof INVOKE)[C]['request']>) => Promise<InvokeResponse<C>>;
};

export interface AppServices {
  files: FileService;
  recovery: RecoveryStore;
  settings: SettingsStore;
  openRequests: OpenRequestQueue;
  windowStateFile: string;
}

/** The app's state files, all under Electron's userData folder (given as a plain path). */
export function createServices(userDataDir: string, dialogs: FileDialogs): AppServices {
  return {
    files: new FileService(new PathAllowList(), new RecentFiles(join(userDataDir, 'recent-files.json')), dialogs),
    recovery: new RecoveryStore(join(userDataDir, 'recovery', 'recovery.json')),
    settings: new SettingsStore(join(userDataDir, 'settings.json')),
    openRequests: new OpenRequestQueue(),
    windowStateFile: join(userDataDir, 'window-state.json'),
  };
}

const platformName = (): 'linux' | 'darwin' | 'win32' | 'other' =>
  process.platform === 'linux' || process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'other';

export function createHandlers(s: AppServices, shell: ShellOps): Handlers {
  const ok = { ok: true as const };
  return {
    'snn:files:open': () => s.files.open(),
    'snn:files:openRecent': (r) => s.files.openRecent(r.path),
    'snn:files:save': (r) => s.files.save(r.text, r.path),
    'snn:files:saveAs': (r) => s.files.saveAs(r.text, r.suggestedName),
    'snn:files:listRecent': () => s.files.listRecent(),
    'snn:files:clearRecent': () => s.files.clearRecent(),
    'snn:files:exportWeights': (r) => s.files.exportWeights(r.text, r.suggestedName),
    'snn:files:importWeights': () => s.files.importWeights(),
    'snn:files:exportNir': (r) => s.files.exportNir(r.text, r.suggestedName),
    'snn:files:importNir': () => s.files.importNir(),
    'snn:files:takeOpenRequests': async () => ({ ok: true, paths: s.openRequests.take() }),
    'snn:recovery:write': async (r) => {
      // Remember the file the work belongs to only if the user chose it; a recovered path is granted later.
      const path = r.path !== null && s.files.allow.isGranted(r.path) ? r.path : null;
      await s.recovery.write(r.text, path, r.name);
      return ok;
    },
    'snn:recovery:check': async () => {
      const recovery = await s.recovery.check();
      if (recovery?.path) s.files.allow.grant(recovery.path); // it was granted when it was written
      return { ok: true, recovery };
    },
    'snn:recovery:clear': async () => { await s.recovery.clear(); return ok; },
    'snn:settings:get': async (r) => ({ ok: true, value: await s.settings.get(r.key) }),
    'snn:settings:set': async (r) => { await s.settings.set(r.key, r.value); return ok; },
    'snn:app:getVersion': async () => ({ ok: true, version: shell.appVersion(), electron: shell.electronVersion(), platform: platformName() }),
    'snn:app:askUnsaved': async (r) => ({ ok: true, choice: await shell.askUnsaved(r.name) }),
    'snn:app:confirmClose': async (r) => { shell.confirmClose(r.allow); return ok; },
    'snn:app:setCloseHandler': async (r) => { shell.setCloseHandler(r.active); return ok; },
    'snn:window:setTitle': async (r) => { shell.setTitle(r.title); return ok; },
    'snn:window:setDocumentEdited': async (r) => { shell.setDocumentEdited(r.edited); return ok; },
  };
}
