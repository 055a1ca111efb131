// Playwright against the real Electron app (out/, built by `electron-vite build`). Not part of `npm test`:
// Electron's binary cannot be downloaded on our CI machines; run with SNN_E2E_ELECTRON=1 where it can.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e-electron',
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  outputDir: 'test-results/electron',
});
