// Makes docs/images/editor.png: the coincidence-detection example with a membrane monitor, run on the GPU.
// Not a test: `npm run web:build`, then `npx vite preview --config vite.web.config.ts --port 4173 &` and
// `npx tsx e2e/screenshot.ts [URL]`. Needs Chromium (PLAYWRIGHT_CHROMIUM_PATH or /usr/bin/chromium).
import { chromium } from '@playwright/test';

const url = process.argv[2] ?? 'http://127.0.0.1:4173/';
const browser = await chromium.launch({
  executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(url);
await page.getByRole('button', { name: 'Examples' }).click();
await page.getByRole('button', { name: 'Open coincidence-detection' }).click();
await page.getByRole('group', { name: /\(detectors\)$/ }).click();
await page.getByRole('button', { name: 'Membrane monitor' }).click();
const duration = page.getByRole('region', { name: 'Run controls' }).getByLabel('Duration');
await duration.fill('300');
await duration.press('Enter');
await page.getByRole('button', { name: 'Run', exact: true }).click();
await page.getByTestId('run-state').filter({ hasText: 'Finished' }).waitFor({ timeout: 120_000 });
await page.getByRole('button', { name: 'Zoom to fit' }).click();
await page.mouse.move(0, 0);
await page.screenshot({ path: 'docs/images/editor.png' });
await browser.close();
