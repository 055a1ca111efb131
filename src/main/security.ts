// The security policy of the shell as plain data and predicates (tested without Electron): web preferences,
// the Content-Security-Policy, which permissions and which request URLs are allowed, GPU switches.
export const APP_SCHEME = 'app';
export const APP_HOST = 'snn';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** The production policy, sent as a header with every page the app protocol serves (the renderer's
 *  index.html repeats it in a <meta> tag; the header adds frame-ancestors, which <meta> cannot carry). */
export const PRODUCTION_CSP = [
  "default-src 'self'",
  // 'wasm-unsafe-eval' lets the page compile WebAssembly (the CPU engine's update, generated from the model's
  // dynamics: docs/models.md); it does not allow eval or new Function.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'", // React Flow and uPlot set inline styles
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Cross-origin isolation (docs/engine.md, "CPU engine on two threads"): with these two headers on the page and
 * its scripts, the page is `crossOriginIsolated`, so SharedArrayBuffer exists and the engine worker can run the
 * CPU engine's second thread. Every resource the app loads is its own (CSP default-src 'self'), so
 * require-corp costs nothing. Sent by the app:// protocol and by the vite dev and preview servers.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The header CSP in development (electron-vite's dev server): the production policy plus what the dev server
 * needs, as src/renderer's dev <meta> tag has it (vite.web.config.ts devCspPlugin): React Refresh's inline
 * script and the hot-reload websocket, here only the dev server's own ws:/wss: origin.
 */
export function devCsp(devServerUrl: string): string {
  const u = new URL(devServerUrl);
  const ws = `${u.protocol === 'https:' ? 'wss' : 'ws'}://${u.host}`;
  return PRODUCTION_CSP
    .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("connect-src 'self'", `connect-src 'self' ${ws}`);
}

/** What the start-up error box says: the message only (the stack goes to the console/log, not to users). */
export function startupErrorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Permissions granted to the page. WebGPU needs none in Electron (navigator.gpu is not permission-gated),
 * and copy/paste go through the menu's cut/copy/paste roles (DOM clipboard events, no permission), so the
 * set is empty: camera, microphone, geolocation, notifications, HID/USB/serial, … are all refused.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set<string>();

export function isPermissionAllowed(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission);
}

/** Every BrowserWindow gets these; see docs/electron.md for the reason of each. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  } as const;
}

/**
 * Requests the session lets through: the app's own protocol, in-memory data, DevTools; in development also
 * the electron-vite dev server (http and its hot-reload websocket). Everything else (any remote URL) is
 * cancelled: the app never loads remote content.
 */
export function isAllowedRequestUrl(url: string, devServerUrl?: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === `${APP_SCHEME}:`) return u.host === APP_HOST;
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'devtools:') return true;
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    const sameHost = u.hostname === dev.hostname && u.port === dev.port;
    if (sameHost && (u.protocol === dev.protocol || u.protocol === 'ws:' || u.protocol === 'wss:')) return true;
  }
  return false;
}

/**
 * Chromium switches for WebGPU. Linux Chromium still keeps WebGPU behind `--enable-unsafe-webgpu` and needs
 * Vulkan; "unsafe" lifts the GPU blocklist, which is acceptable here because the page only ever runs our
 * own shaders (no remote content, CSP above). Windows and macOS enable WebGPU by default.
 */
export function gpuSwitches(platform: string): Array<[string, string?]> {
  return platform === 'linux' ? [['enable-unsafe-webgpu'], ['enable-features', 'Vulkan']] : [];
}
