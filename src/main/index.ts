// Electron main: lifecycle, single-instance lock, the secure session (app:// protocol, CSP, request filter,
// permissions), the window, menu and IPC. All decisions live in tested modules; this file only wires them.
import { app, dialog, Menu, protocol, session, type WebContents } from 'electron';
import { basename, join } from 'node:path';
import { serveAppRequest } from './app-protocol';
import { filesFromArgv, isUsableOsPath, SecondInstanceData } from './argv';
import { registerIpcHandlers, sendEvent } from './ipc';
import { buildMenuTemplate } from './menu';
import {
  APP_INDEX_URL, APP_ORIGIN, APP_SCHEME, devCsp, gpuSwitches, isAllowedRequestUrl, isPermissionAllowed, PRODUCTION_CSP,
  startupErrorText,
} from './security';
import { createHandlers, createServices, type AppServices, type Handlers } from './services/handlers';
import { setDocumentWorkerFile } from './services/document-file';
import type { FileKind } from './services/file-service';
import { makeSenderCheck } from './services/ipc-validation';
import { createMainWindow, type MainWindow } from './window';

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const preloadPath = join(__dirname, '../preload/index.cjs');
const rendererRoot = join(__dirname, '../renderer');
// Large documents are parsed and checked in this worker, built next to index.cjs (electron.vite.config.ts).
setDocumentWorkerFile(join(__dirname, 'document-worker.cjs'));

// Before `ready`: privileges of our scheme (a secure, standard origin: WebGPU needs a secure context),
// sandbox every renderer, WebGPU switches.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.enableSandbox();
for (const [name, value] of gpuSwitches(process.platform)) app.commandLine.appendSwitch(name, value);

let services!: AppServices; // set first thing in start(); openFromOs queues until then
let servicesReady = false;
let main: MainWindow | null = null;
let quitting = false;
let lastCrash = 0;
/** Files the OS handed us before the services existed (macOS open-file fires before `ready`). */
const pendingOsFiles: string[] = [];

/** A file the OS asked us to open: granted (the user chose it), then queued or sent to the page. */
function openFromOs(path: string): void {
  // An OS-given path the IPC contract cannot carry (over MAX_PATH_CHARS, NUL) is ignored, not thrown on.
  if (!isUsableOsPath(path)) { console.warn(`SNN Studio: ignoring a file path the app cannot take (${String(path).length} characters)`); return; }
  if (!servicesReady) { pendingOsFiles.push(path); return; }
  const granted = services.files.grantFromOs(path);
  if (services.openRequests.push(granted)) sendEvent(main?.win ?? null, 'snn:event:openFile', { path: granted });
  if (main) {
    if (main.win.isMinimized()) main.win.restore();
    main.win.focus();
  }
}

async function refreshMenu(): Promise<void> {
  const recent = await services.files.listRecent().then((r) => (r.ok ? r.files : [])).catch(() => []);
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({
    platform: process.platform,
    appName: app.getName(),
    isDev: Boolean(devServerUrl),
    recent,
    send: (command) => sendEvent(main?.win ?? null, 'snn:event:menuCommand', { command }),
    openRecent: openFromOs,
    clearRecent: () => { void services.files.clearRecent().then(refreshMenu); },
  })));
}

/** Every web contents, present and future: no navigation, no new windows, no <webview>. */
function harden(contents: WebContents): void {
  contents.on('will-navigate', (e) => e.preventDefault());
  // Not emitted for our own loadURL/reload, only for page-initiated navigation in any frame: refuse all.
  contents.on('will-frame-navigate', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function secureSession(): void {
  const ses = session.defaultSession;
  ses.protocol.handle(APP_SCHEME, (req) => serveAppRequest(req.url, rendererRoot));
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(isPermissionAllowed(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => isPermissionAllowed(permission));
  ses.setDevicePermissionHandler(() => false);
  // No remote content, ever: anything but our own origin (and the dev server in development) is cancelled.
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url, devServerUrl) }));
  // Header CSP on every document (the protocol handler sets it too; this also covers any file:// page). In
  // development the dev server's pages get it as well, with what the dev server needs (devCsp).
  const csp = devServerUrl ? devCsp(devServerUrl) : PRODUCTION_CSP;
  ses.webRequest.onHeadersReceived((details, callback) => {
    const doc = details.resourceType === 'mainFrame' || details.resourceType === 'subFrame';
    callback(doc ? { responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } } : {});
  });
}

/** Native "Save changes to NAME?" box: Save / Don't Save / Cancel. */
async function askUnsaved(name: string): Promise<'save' | 'discard' | 'cancel'> {
  const options = {
    type: 'warning' as const, buttons: ['Save', "Don't Save", 'Cancel'], defaultId: 0, cancelId: 2, noLink: true,
    message: `Save changes to ${name}?`, detail: "Your changes will be lost if you don't save them.",
  };
  const r = main ? await dialog.showMessageBox(main.win, options) : await dialog.showMessageBox(options);
  return (['save', 'discard', 'cancel'] as const)[r.response] ?? 'cancel';
}

/** Closing with unsaved work when the page does not handle close requests: ask here. Save sends the page
 *  the Save command and keeps the window open (the user closes again once saved). */
async function askBeforeClosing(): Promise<void> {
  const choice = await askUnsaved(main?.win.getTitle() || 'this network');
  if (choice === 'discard') {
    services.recovery.clearSync(); // the user threw the changes away: nothing to offer next time
    main?.confirmClose(true);
    return;
  }
  quitting = false;
  if (choice === 'save') sendEvent(main?.win ?? null, 'snn:event:menuCommand', { command: 'file.save' });
}

function buildHandlers(): Handlers {
  const base = createHandlers(services, {
    appVersion: () => app.getVersion(),
    electronVersion: () => process.versions.electron ?? 'unknown',
    setTitle: (title) => main?.win.setTitle(title),
    setDocumentEdited: (edited) => main?.setEdited(edited),
    confirmClose: (allow) => {
      if (!allow) quitting = false; // the user kept the window: a cancelled Quit must not quit later
      main?.confirmClose(allow);
    },
    setCloseHandler: (active) => main?.setCloseHandler(active),
    askUnsaved,
  });
  // Calls that change the recent list also rebuild File › Open Recent.
  const withMenu = <C extends 'snn:files:open' | 'snn:files:openRecent' | 'snn:files:save' | 'snn:files:saveAs' | 'snn:files:clearRecent'>(c: C) =>
    (async (req: never) => { const r = await (base[c] as (q: never) => Promise<unknown>)(req); void refreshMenu(); return r; }) as Handlers[C];
  return {
    ...base,
    'snn:files:open': withMenu('snn:files:open'),
    'snn:files:openRecent': withMenu('snn:files:openRecent'),
    'snn:files:save': withMenu('snn:files:save'),
    'snn:files:saveAs': withMenu('snn:files:saveAs'),
    'snn:files:clearRecent': withMenu('snn:files:clearRecent'),
  };
}

async function openWindow(): Promise<void> {
  main = await createMainWindow({
    preloadPath,
    windowStateFile: services.windowStateFile,
    requestClose: (win) => sendEvent(win, 'snn:event:closeRequested', {}),
    askFallback: () => { askBeforeClosing().catch(() => undefined); },
    onClosed: () => {
      main = null;
      // The recovery file is NOT cleared here: after a crash the reloaded page may not have offered it yet.
      // It goes when the work is saved or discarded (by the page, or by askBeforeClosing above).
      if (quitting || process.platform !== 'darwin') app.quit();
    },
  });
  const wc = main.win.webContents;
  wc.on('did-start-loading', () => {
    services.openRequests.pageLoading();
    main?.resetPageState();
  });
  wc.on('render-process-gone', (_e, details) => {
    if (details.reason === 'clean-exit') return;
    // Reload once: the page finds the recovery file and offers the work back. Two crashes in a row stop.
    const now = Date.now();
    if (now - lastCrash > 10_000) wc.reload();
    else dialog.showErrorBox('SNN Studio stopped', `The editor crashed twice (${details.reason}). Your last autosave will be offered when you start it again.`);
    lastCrash = now;
  });
  await main.win.loadURL(devServerUrl ?? APP_INDEX_URL);
}

/** The dialogs' filter: network documents, the Training tab's weights files ("SNN weights (*.json)"), NIR graphs. */
const fileFilter = (kind: FileKind) => (kind === 'nir' ? { name: 'NIR graphs', extensions: ['nir'] }
  : { name: kind === 'weights' ? 'SNN weights' : 'SNN networks', extensions: ['json'] });

async function start(): Promise<void> {
  services = createServices(app.getPath('userData'), {
    showOpen: async (kind = 'document') => {
      const opts = { properties: ['openFile' as const], filters: [fileFilter(kind)] };
      const r = main ? await dialog.showOpenDialog(main.win, opts) : await dialog.showOpenDialog(opts);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    showSave: async (suggested, kind = 'document') => {
      const opts = { defaultPath: join(app.getPath('documents'), basename(suggested)), filters: [fileFilter(kind)] };
      const r = main ? await dialog.showSaveDialog(main.win, opts) : await dialog.showSaveDialog(opts);
      return r.canceled ? null : (r.filePath ?? null);
    },
  });
  servicesReady = true;
  await services.files.init();
  secureSession();
  registerIpcHandlers(buildHandlers(), makeSenderCheck({ appOrigin: APP_ORIGIN, devServerUrl }));
  await refreshMenu();
  for (const f of filesFromArgv(process.argv, Boolean(process.defaultApp), process.cwd())) openFromOs(f);
  await openWindow();
}

if (!app.requestSingleInstanceLock({ argv: process.argv, cwd: process.cwd(), defaultApp: Boolean(process.defaultApp) })) {
  app.quit(); // the first instance gets our files through `second-instance`
} else {
  app.on('web-contents-created', (_e, contents) => harden(contents));
  app.on('second-instance', (_e, _argv, _cwd, data) => {
    // Our own additionalData, not argv: Chromium may append switches to argv.
    const d = SecondInstanceData.safeParse(data);
    if (d.success) for (const f of filesFromArgv(d.data.argv, d.data.defaultApp, d.data.cwd)) openFromOs(f);
    if (!main && app.isReady()) void openWindow();
  });
  // macOS: double-click in Finder / drop on the Dock icon; may fire before `ready`.
  app.on('open-file', (e, path) => {
    e.preventDefault();
    openFromOs(path);
  });
  app.on('before-quit', () => { quitting = true; });
  app.on('window-all-closed', () => { if (process.platform !== 'darwin') app.quit(); });
  app.on('activate', () => { if (!main && app.isReady()) void openWindow(); });
  app.whenReady()
    .then(async () => {
      await start();
      pendingOsFiles.splice(0).forEach(openFromOs);
    })
    .catch((e: unknown) => {
      console.error(e); // the stack, for the log
      dialog.showErrorBox('SNN Studio could not start', startupErrorText(e));
      app.exit(1);
    });
}
