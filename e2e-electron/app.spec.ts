// The desktop app end to end through Playwright's `_electron`: the window opens with the secure defaults,
// the page has window.snn and no Node, navigation and popups are refused, files go through main.
// Skipped unless SNN_E2E_ELECTRON=1 (see the skip message): run `npm run test:e2e:electron`, which gets
// Electron first (scripts/electron-launch.mjs: downloads it once, or uses ELECTRON_EXEC_PATH).
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

test.skip(process.env.SNN_E2E_ELECTRON !== '1',
  "Electron's binary cannot be downloaded on this CI machine (no internet beyond the npm registry); " +
  'run with SNN_E2E_ELECTRON=1 on a machine with Electron');

let app: ElectronApplication;
let page: Page;
let dir: string;
const example = resolve('resources/examples/lif-neuron.snn.json');

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'snn-e2e-electron-'));
  const doc = join(dir, 'given.snn.json');
  writeFileSync(doc, readFileSync(example, 'utf8'));
  // A fresh userData folder per run, and a file on the command line like a double-click would give.
  // ELECTRON_EXEC_PATH: set by scripts/electron-launch.mjs (`npm run test:e2e:electron`), which downloads
  // Electron first when needed; without it Playwright require()s the electron package.
  app = await electron.launch({
    executablePath: process.env.ELECTRON_EXEC_PATH || undefined,
    args: ['.', `--user-data-dir=${join(dir, 'userData')}`, doc],
    cwd: resolve('.'),
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('opens one window from app://snn with the secure defaults', async () => {
  expect(app.windows()).toHaveLength(1);
  expect(page.url()).toMatch(/^app:\/\/snn\/|^http:\/\/localhost/);
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    const w = BrowserWindow.getAllWindows()[0];
    return (w.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences();
  });
  expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
});

test('the page has window.snn and no Node or ipcRenderer', async () => {
  const seen = await page.evaluate(() => ({
    groups: Object.keys((window as unknown as { snn: object }).snn).sort(),
    require: typeof (globalThis as Record<string, unknown>).require,
    process: typeof (globalThis as Record<string, unknown>).process,
    ipc: JSON.stringify(Object.values((window as unknown as { snn: Record<string, object> }).snn).map((g) => Object.keys(g))),
  }));
  expect(seen.groups).toEqual(['app', 'files', 'recovery', 'settings', 'window']);
  expect(seen.require).toBe('undefined');
  expect(seen.process).toBe('undefined');
  expect(seen.ipc).not.toMatch(/ipcRenderer|invoke|send/);
});

test('navigation and new windows are refused', async () => {
  const before = page.url();
  // Wait for main to see the attempt (our handler, registered first, has refused it by then): no sleeps.
  const attempt = app.evaluate(({ BrowserWindow }) => new Promise<string>((res) => {
    BrowserWindow.getAllWindows()[0].webContents.once('will-navigate', (e) => res(e.url));
  }));
  await page.evaluate(() => { window.location.href = 'https://example.com/'; });
  expect(await attempt).toBe('https://example.com/');
  expect(page.url()).toBe(before);
  expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
  expect(app.windows()).toHaveLength(1);
});

test('IPC answers the app and the command-line file is offered to the page', async () => {
  const version = await page.evaluate(() => (window as any).snn.app.getVersion());
  expect(version).toMatchObject({ ok: true });
  const opened = await page.evaluate(async () => {
    const snn = (window as any).snn;
    const taken = await snn.files.takeOpenRequests();
    return taken.ok && taken.paths.length ? snn.files.openRecent(taken.paths[0]) : taken;
  });
  // The renderer may already have taken the request itself; then it is in the recent list.
  if (opened.ok && 'text' in opened) expect(opened.readOnly).toBe(false);
  const refused = await page.evaluate(() => (window as any).snn.files.openRecent('/etc/passwd'));
  expect(refused).toMatchObject({ ok: false, code: 'not-allowed' });
});
