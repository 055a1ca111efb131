// The app loads in Chromium, shows its five main areas by role and name, and names the WebGPU adapter.
import { test, expect } from '@playwright/test';

test('the app shows its main areas and the WebGPU adapter', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('complementary', { name: 'Palette' })).toBeVisible();
  await expect(page.getByRole('main', { name: 'Network canvas' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Run controls' })).toBeVisible();
  const status = page.getByRole('contentinfo', { name: 'Status bar' });
  await expect(status).toBeVisible();
  // CI has no GPU: Chromium's WebGPU runs on SwiftShader, and the status bar must say so.
  await expect(status).toContainText(/WebGPU adapter: .*swiftshader/i);
});
