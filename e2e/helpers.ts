// Shared steps of the e2e journeys: the main areas, palette items, nodes on the canvas, the inspector.
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const areas = (page: Page) => ({
  palette: page.getByRole('complementary', { name: 'Palette' }),
  canvas: page.getByRole('main', { name: 'Network canvas' }),
  inspector: page.getByRole('complementary', { name: 'Inspector' }),
  run: page.getByRole('region', { name: 'Run controls' }),
  status: page.getByRole('contentinfo', { name: 'Status bar' }),
});

/** A node on the canvas by its id (its accessible name is "NAME (ID)"). */
export const node = (page: Page, id: string) => areas(page).canvas.getByRole('group', { name: new RegExp(`\\(${id}\\)$`) });

export async function addFromPalette(page: Page, label: string) {
  await areas(page).palette.getByRole('button', { name: label, exact: true }).click();
}

/** Use the web fallbacks (upload/download) instead of the File System Access pickers, which need a person. */
export async function useUploadDownload(page: Page) {
  await page.addInitScript(() => {
    const w = globalThis as unknown as Record<string, unknown>;
    delete w.showOpenFilePicker;
    delete w.showSaveFilePicker;
  });
}

export async function openApp(page: Page) {
  await page.goto('/');
  await expect(areas(page).status).toContainText(/WebGPU adapter|No WebGPU adapter/);
}

/** Saves what the page shows as `<outputDir>/screenshots/NAME-WxH.png` (test-results/screenshots for the web
 *  suite): one folder CI keeps as an artifact and .ci/run names at the end (docs/testing.md, "Screenshots"). The
 *  window size is in the name, so the same journey at 1280×720 and 1920×1080 leaves both. */
export async function screenshot(page: Page, name: string) {
  const size = page.viewportSize();
  await page.screenshot({ path: join(test.info().project.outputDir, 'screenshots', `${name}${size ? `-${size.width}x${size.height}` : ''}.png`) });
}

/** Checks the page as it is with axe-core (the engine behind Lighthouse's accessibility audit, all its default
 *  rules) and fails listing every violation: rule, impact, the elements and what to fix. `screen` names the
 *  state checked in the message. Any journey can call it at the screens it reaches. */
export async function expectNoA11yViolations(page: Page, screen: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const text = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
    v.nodes.map((n) => `  ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s*\n\s*/g, ' ')}`).join('\n')).join('\n');
  expect(violations.length, `axe found on ${screen}:\n${text}`).toBe(0);
}

/** A top-bar command, wherever it is at this window size: a toolbar button, or an item of the File/Edit/View
 *  menu the toolbars collapse into on narrow windows (src/renderer/components/TopBar.tsx). */
export async function topBarCommand(page: Page, menu: 'File' | 'Edit' | 'View', label: string) {
  const bar = page.getByRole('banner');
  const menuButton = bar.getByRole('button', { name: `${menu} ▾` });
  if (await menuButton.isVisible()) {
    await menuButton.click();
    await page.getByRole('menu', { name: menu }).getByRole('menuitem', { name: label }).click();
  } else {
    await bar.getByRole('toolbar', { name: menu }).getByRole('button', { name: label, exact: true }).click();
  }
}

/** Opens an example by its file name through File › Examples. */
export async function openExample(page: Page, name: string) {
  await topBarCommand(page, 'File', 'Examples');
  const dialog = page.getByRole('dialog', { name: 'Examples' });
  await dialog.getByRole('button', { name: `Open ${name}`, exact: true }).click();
  await expect(dialog).toHaveCount(0);
}
