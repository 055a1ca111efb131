// Shared steps of the e2e journeys: the main areas, palette items, nodes on the canvas, the inspector.
import { expect, type Page } from '@playwright/test';

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
