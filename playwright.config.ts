// Playwright e2e tests on the web build (dist-web, served by `vite preview` on a fixed localhost port) in
// Chromium with WebGPU (SwiftShader where there is no GPU). One worker: CI has two cores.
import { defineConfig, chromium } from '@playwright/test';
import { existsSync } from 'node:fs';

// A fixed port; E2E_PORT moves it when two runs share a machine (each run then serves its own build).
const PORT = Number(process.env.E2E_PORT ?? 4173);

/** PLAYWRIGHT_CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own download (if any). */
function chromiumPath(): string | undefined {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`PLAYWRIGHT_CHROMIUM_PATH=${fromEnv} does not exist.`);
    return fromEnv;
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const own = playwrightChromium();
  if (own) return undefined; // Playwright's default browser
  throw new Error(
    'No Chromium found for the e2e tests. Install one: `sudo apt-get install -y chromium` (Debian/Ubuntu), ' +
    'or `npx playwright install chromium`, or set PLAYWRIGHT_CHROMIUM_PATH to a Chromium/Chrome binary.');
}

function playwrightChromium(): string | undefined {
  try {
    const p = chromium.executablePath();
    return p && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    headless: true,
    // 1920×1080: the toolbars (File with NIR, Edit, View, Learn/Help) show in full; narrower windows collapse them
    // into File/Edit/View menus, which e2e/layout.spec.ts and the Learn journeys check at 1280×720 and 1440×900.
    viewport: { width: 1920, height: 1080 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `npx vite preview --config vite.web.config.ts --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
