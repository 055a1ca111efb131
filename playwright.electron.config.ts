// Playwright for the desktop shell (out/, built by `electron-vite build`): production-page.spec.ts runs the
// built renderer under the app's CSP in Chromium (no Electron needed: `npm run test:e2e:shell`); app.spec.ts
// drives the real Electron app and is skipped unless SNN_E2E_ELECTRON=1 (`npm run test:e2e:electron`),
// because Electron's binary cannot be downloaded on our CI machines. Not part of the default `playwright test`.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e-electron',
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  outputDir: 'test-results/electron',
});
