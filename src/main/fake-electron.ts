// Test-only stand-in for the `electron` module: records what main/index.ts asks of Electron, so the wiring
// (secure window, session hardening, IPC registration, menu, lifecycle) is checked without Electron's binary.
import { EventEmitter } from 'node:events';

type Fn = (...args: any[]) => any;

export function createFakeElectron(userData: string) {
  const rec = {
    switches: [] as Array<[string, string | undefined]>,
    schemes: [] as unknown[],
    sandboxEnabled: false,
    handlers: new Map<string, Fn>(),
    protocolHandlers: new Map<string, Fn>(),
    permissionRequest: null as Fn | null,
    permissionCheck: null as Fn | null,
    devicePermission: null as Fn | null,
    beforeRequest: null as Fn | null,
    headersReceived: null as Fn | null,
    menus: [] as unknown[],
    /** The options of each open/save dialog main showed (the last argument; the first is the window, if any). */
    dialogCalls: [] as Array<{ kind: 'open' | 'save'; options: any }>,
    /** Paths the next dialogs answer, in order; when empty, the dialog is cancelled. */
    dialogAnswers: [] as string[],
    windows: [] as FakeWindow[],
    quitCalls: 0,
    lockData: undefined as unknown,
  };
  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    commandLine: { appendSwitch: (n: string, v?: string) => rec.switches.push([n, v]) },
    enableSandbox: () => { rec.sandboxEnabled = true; },
    requestSingleInstanceLock: (data: unknown) => { rec.lockData = data; return true; },
    whenReady: () => Promise.resolve(),
    isReady: () => true,
    getPath: (_: string) => userData,
    getName: () => 'SNN Studio',
    getVersion: () => '0.1.0',
    quit: () => { rec.quitCalls++; },
    exit: () => undefined,
  });

  class FakeWebContents extends EventEmitter {
    sent: Array<[string, unknown]> = [];
    openHandler: Fn | null = null;
    url = '';
    setWindowOpenHandler(h: Fn) { this.openHandler = h; }
    send(channel: string, payload: unknown) { this.sent.push([channel, payload]); }
    getURL() { return this.url; }
    reload() { this.emit('did-start-loading'); }
  }

  class FakeWindow extends EventEmitter {
    webContents = new FakeWebContents();
    title = '';
    edited = false;
    destroyed = false;
    constructor(readonly options: Record<string, any>) {
      super();
      rec.windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    async loadURL(url: string) { this.webContents.url = url; this.webContents.emit('did-start-loading'); }
    maximize() {}
    show() {}
    focus() {}
    restore() {}
    isMinimized() { return false; }
    isMaximized() { return false; }
    isDestroyed() { return this.destroyed; }
    getNormalBounds() { return { x: 10, y: 20, width: 900, height: 700 }; }
    setTitle(t: string) { this.title = t; }
    getTitle() { return this.title; }
    setDocumentEdited(e: boolean) { this.edited = e; }
    /** Like Electron: emit 'close' (cancellable), then 'closed' unless prevented. */
    close() {
      let prevented = false;
      this.emit('close', { preventDefault: () => { prevented = true; } });
      if (!prevented) { this.destroyed = true; this.emit('closed'); }
    }
  }

  const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    protocol: { registerSchemesAsPrivileged: (s: unknown[]) => rec.schemes.push(...s) },
    session: {
      defaultSession: {
        protocol: { handle: (scheme: string, h: Fn) => rec.protocolHandlers.set(scheme, h) },
        setPermissionRequestHandler: (h: Fn) => { rec.permissionRequest = h; },
        setPermissionCheckHandler: (h: Fn) => { rec.permissionCheck = h; },
        setDevicePermissionHandler: (h: Fn) => { rec.devicePermission = h; },
        webRequest: {
          onBeforeRequest: (h: Fn) => { rec.beforeRequest = h; },
          onHeadersReceived: (h: Fn) => { rec.headersReceived = h; },
        },
      },
    },
    ipcMain: { handle: (channel: string, h: Fn) => rec.handlers.set(channel, h) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => rec.menus.push(m) },
    dialog: {
      showOpenDialog: async (...args: unknown[]) => {
        rec.dialogCalls.push({ kind: 'open', options: args.at(-1) });
        const p = rec.dialogAnswers.shift();
        return p === undefined ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [p] };
      },
      showSaveDialog: async (...args: unknown[]) => {
        rec.dialogCalls.push({ kind: 'save', options: args.at(-1) });
        const p = rec.dialogAnswers.shift();
        return p === undefined ? { canceled: true } : { canceled: false, filePath: p };
      },
      showMessageBox: async () => ({ response: 2 }),
      showErrorBox: (_title: string, _content?: string): void => undefined,
    },
    screen: { getPrimaryDisplay: () => display, getAllDisplays: () => [display] },
  };
  return { electron, rec, app };
}
