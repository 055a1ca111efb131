// The in-page "Unsaved changes" dialog of the web build (instead of the browser's confirm()): named, accessible,
// Escape keeps the work, Discard replaces it, Enter takes the default (Save).
import { test, expect } from '@playwright/test';
import { addFromPalette, areas, expectNoA11yViolations, node, openApp, topBarCommand, useUploadDownload } from './helpers';

test('New over unsaved work asks in the page: Escape keeps it, Discard drops it, Enter saves', async ({ page }) => {
  let native = 0;
  page.on('dialog', (d) => { native++; void d.dismiss(); });
  await useUploadDownload(page);
  await openApp(page);
  await addFromPalette(page, 'LIF population');
  await expect(node(page, 'lif')).toBeVisible();

  await topBarCommand(page, 'File', 'New');
  const ask = page.getByRole('alertdialog', { name: 'Unsaved changes' });
  await expect(ask).toContainText('has unsaved changes');
  await expect(ask.getByRole('button', { name: 'Save' })).toBeFocused();
  await expectNoA11yViolations(page, 'the Unsaved changes dialog');
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(node(page, 'lif')).toBeVisible();

  await topBarCommand(page, 'File', 'New');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/\.snn\.json$/);
  await expect(page.getByRole('heading', { level: 1 })).not.toContainText('unsaved');

  await addFromPalette(page, 'LIF population');
  await topBarCommand(page, 'File', 'New');
  await ask.getByRole('button', { name: 'Discard' }).click();
  await expect(node(page, 'lif')).toHaveCount(0);
  expect(native, 'no native confirm()').toBe(0);
});

test('an info message leaves the status bar after a while; a cut node title has its full text as tooltip', async ({ page }) => {
  await openApp(page);
  await addFromPalette(page, 'Sound source (two ears)');
  const status = areas(page).status.getByRole('status');
  await expect(status).toContainText('Added Sound source (two ears)');
  await expect(status).toHaveText('', { timeout: 15_000 }); // STATUS_MESSAGE_MS = 8 s in App.tsx
  const kind = node(page, 'sound_source').locator('.snn-node-kind');
  expect(await kind.evaluate((e) => e.scrollWidth > e.clientWidth), 'the kind is cut on the node').toBe(true);
  await expect(kind).toHaveAttribute('title', 'Sound source (two ears)');
});
