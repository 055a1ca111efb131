// The built renderer (out/renderer) served exactly as the app:// protocol serves it (serveAppRequest: CSP
// header, MIME types), behind a local HTTP port, in Chromium: the page, its worker and styles must load with
// no CSP violation. This needs no Electron binary, so it runs wherever Chromium does.
import { chromium, expect, test, type Browser } from '@playwright/test';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { serveAppRequest } from '../src/main/app-protocol';

const root = resolve('out/renderer');
let server: Server;
let base: string;
let browser: Browser;

test.beforeAll(async () => {
  expect(existsSync(resolve(root, 'index.html')), 'out/renderer is missing: run `npx electron-vite build` first').toBe(true);
  server = createServer((req, res) => {
    // The same answer Electron's protocol handler gives for app://snn/<path>.
    void serveAppRequest(`app://snn${req.url ?? '/'}`, root).then(async (r) => {
      const headers: Record<string, string> = {};
      r.headers.forEach((v, k) => { headers[k] = v; });
      res.writeHead(r.status, headers);
      res.end(Buffer.from(await r.arrayBuffer()));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  browser = await chromium.launch({
    executablePath, headless: true,
    args: ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

test.afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => server?.close(ok));
});

/** A page that records CSP violations (console reports and securitypolicyviolation events). */
async function watchedPage() {
  // As the web e2e (playwright.config.ts): at 1920×1080 the toolbars show in full rather than as menus.
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const violations: string[] = [];
  page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text()); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  // zod 4 probes for eval once (`new Function('')` in a try/catch) and falls back when it is refused: that
  // report is expected and harmless (the renderer could set `z.config({ jitless: true })` to skip the probe).
  const all = async () => {
    const inPage = (await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))
      .filter((v) => v !== 'script-src eval');
    return [...violations.filter((v) => !/unsafe-eval/.test(v)), ...inPage];
  };
  return { page, violations: all };
}

test('the production page loads under the app CSP header without violations', async () => {
  const { page, violations } = await watchedPage();
  const response = await page.goto(`${base}/index.html`);
  expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'self'/);
  // The status bar names the WebGPU adapter or says there is none: the app (and its engine worker) started.
  await expect(page.getByRole('contentinfo', { name: 'Status bar' })).toContainText(/WebGPU adapter|No WebGPU adapter/, { timeout: 30_000 });
  expect(await violations()).toEqual([]);
  await page.close();
});

test('the engine and training workers run, and weights export, under the app CSP without violations', async () => {
  test.setTimeout(180_000);
  const { page, violations } = await watchedPage();
  // The export as a download (without the File System Access API's save picker, which would wait for a person).
  await page.addInitScript(() => { delete (globalThis as unknown as Record<string, unknown>).showSaveFilePicker; });
  await page.goto(`${base}/index.html`);
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('button', { name: 'Open sound-localisation', exact: true }).click();
  // The engine worker (run bar's default backend).
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText(/Finished/, { timeout: 90_000 });
  // The training worker, on a budget the CPU trains in seconds, then the weights file as a download.
  await page.getByRole('tab', { name: 'Training' }).click();
  const training = page.getByRole('region', { name: 'Training', exact: true });
  for (const [label, value] of [['Epochs', '1'], ['Train samples', '64'], ['Batch size', '32'], ['Test samples', '32']]) {
    const f = training.getByLabel(label, { exact: true });
    await f.fill(value);
    await f.press('Enter');
  }
  await training.getByLabel('Backend').selectOption({ label: 'CPU' });
  await training.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-state')).toHaveText(/^Finished: 1 epoch/, { timeout: 90_000 });
  const download = page.waitForEvent('download');
  await training.getByRole('button', { name: 'Export weights' }).click();
  expect((await download).suggestedFilename()).toBe('sound-localisation.weights.json');
  expect(await violations()).toEqual([]);
  await page.close();
});
