// Screenshot of the 3D view harness, for docs and for looking at changes:
//   npx tsx bench/view3d/shot.ts '?example=coincidence-detection' out.png [wait ms] [anatomy]
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { serveHarness } from './serve';

const [query = '?example=coincidence-detection', out = 'view3d.png', wait = '3000', anatomy] = process.argv.slice(2);
const server = await serveHarness(5176);
const browser = await chromium.launch({
  executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
  headless: true, args: ['--enable-unsafe-webgpu', '--no-sandbox', '--ignore-gpu-blocklist'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`http://127.0.0.1:5176/${query}`);
  await page.waitForFunction(() => (globalThis as { __view3dReady?: boolean }).__view3dReady === true, null, { timeout: 120_000 });
  await page.waitForTimeout(Number(wait));
  if (anatomy) { await page.getByRole('button', { name: 'Anatomy' }).click(); await page.waitForTimeout(1000); }
  console.log(await page.locator('.view3d-stage').evaluate((e) => JSON.stringify((e as unknown as { dataset: object }).dataset)));
  await page.screenshot({ path: out });
} finally {
  await browser.close();
  await server.close();
}
