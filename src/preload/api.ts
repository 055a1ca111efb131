// Builds `window.snn` from an ipcRenderer-like object: one function per message of src/shared/ipc.ts, each
// channel checked against the contract. The page never gets ipcRenderer, an IpcRendererEvent or a channel name.
import {
  API_KEY, EVENTS, INVOKE, IPC_PREFIX,
  type EventChannel, type EventPayload, type Failure, type InvokeChannel, type InvokeRequest, type InvokeResponse,
  type SnnApi,
} from '../shared/ipc';

/** The part of Electron's ipcRenderer the preload uses (a fake in tests). */
export interface PreloadIpc {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

/** The part of Electron's contextBridge the preload uses. */
export interface PreloadBridge {
  exposeInMainWorld(key: string, api: unknown): void;
}

const isInvokeChannel = (c: string): c is InvokeChannel => c.startsWith(IPC_PREFIX) && Object.hasOwn(INVOKE, c);
const isEventChannel = (c: string): c is EventChannel => c.startsWith(IPC_PREFIX) && Object.hasOwn(EVENTS, c);

export function createSnnApi(ipc: PreloadIpc): SnnApi {
  async function invoke<C extends InvokeChannel>(channel: C, payload: InvokeRequest<C>): Promise<InvokeResponse<C>> {
    if (!isInvokeChannel(channel)) throw new Error(`preload: ${channel} is not an invoke channel of the contract`);
    try {
      return (await ipc.invoke(channel, payload)) as InvokeResponse<C>;
    } catch (e) {
      // No handler, or main crashed mid-call: still a result, never an exception in the page.
      const failure: Failure = { ok: false, code: 'internal', error: `${channel}: ${e instanceof Error ? e.message : String(e)}` };
      return failure as InvokeResponse<C>;
    }
  }

  function subscribe<C extends EventChannel>(channel: C, cb: (payload: EventPayload<C>) => void): () => void {
    if (!isEventChannel(channel)) throw new Error(`preload: ${channel} is not an event channel of the contract`);
    // Hand the page only the checked payload: the IpcRendererEvent carries `sender` (ipcRenderer itself).
    const listener = (_event: unknown, payload: unknown) => {
      const parsed = EVENTS[channel].safeParse(payload);
      if (parsed.success) cb(parsed.data as EventPayload<C>);
    };
    ipc.on(channel, listener);
    return () => { ipc.removeListener(channel, listener); };
  }

  // How many onCloseRequested subscriptions the page holds; main is told when it changes between 0 and 1+.
  let closeHandlers = 0;
  function onCloseRequested(cb: () => void): () => void {
    const off = subscribe('snn:event:closeRequested', () => cb());
    if (++closeHandlers === 1) void invoke('snn:app:setCloseHandler', { active: true });
    let done = false;
    return () => {
      if (done) return;
      done = true;
      off();
      if (--closeHandlers === 0) void invoke('snn:app:setCloseHandler', { active: false });
    };
  }

  return {
    files: {
      open: () => invoke('snn:files:open', {}),
      openRecent: (path) => invoke('snn:files:openRecent', { path }),
      save: (text, path) => invoke('snn:files:save', path === undefined ? { text } : { text, path }),
      saveAs: (text, suggestedName) => invoke('snn:files:saveAs', suggestedName === undefined ? { text } : { text, suggestedName }),
      listRecent: () => invoke('snn:files:listRecent', {}),
      clearRecent: () => invoke('snn:files:clearRecent', {}),
      takeOpenRequests: () => invoke('snn:files:takeOpenRequests', {}),
      onOpenFile: (cb) => subscribe('snn:event:openFile', (p) => cb(p.path)),
      exportWeights: (text, suggestedName) =>
        invoke('snn:files:exportWeights', suggestedName === undefined ? { text } : { text, suggestedName }),
      importWeights: () => invoke('snn:files:importWeights', {}),
      exportNir: (text, suggestedName) =>
        invoke('snn:files:exportNir', suggestedName === undefined ? { text } : { text, suggestedName }),
      importNir: () => invoke('snn:files:importNir', {}),
    },
    recovery: {
      write: (text, path, name) => invoke('snn:recovery:write', { text, path, name }),
      check: () => invoke('snn:recovery:check', {}),
      clear: () => invoke('snn:recovery:clear', {}),
    },
    settings: {
      get: (key) => invoke('snn:settings:get', { key }),
      set: (key, value) => invoke('snn:settings:set', { key, value: value as never }),
    },
    app: {
      getVersion: () => invoke('snn:app:getVersion', {}),
      askUnsaved: (name) => invoke('snn:app:askUnsaved', { name }),
      confirmClose: (allow) => invoke('snn:app:confirmClose', { allow }),
      onCloseRequested,
      onMenuCommand: (cb) => subscribe('snn:event:menuCommand', (p) => cb(p.command)),
    },
    window: {
      setTitle: (title) => invoke('snn:window:setTitle', { title }),
      setDocumentEdited: (edited) => invoke('snn:window:setDocumentEdited', { edited }),
    },
  };
}

export function exposeSnnApi(bridge: PreloadBridge, ipc: PreloadIpc): void {
  bridge.exposeInMainWorld(API_KEY, createSnnApi(ipc));
}
