// File journeys on the web build: autosave survives a reload, Save downloads the document, and a damaged
// or newer-version file is refused with a clear message while the current work stays as it was.
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { addFromPalette, areas, node, openApp, useUploadDownload } from './helpers';

test('unsaved work is recovered after a reload', async ({ page }) => {
  await openApp(page);
  await addFromPalette(page, 'Izhikevich population');
  await expect(node(page, 'izhikevich')).toBeVisible();
  await areas(page).inspector.getByLabel('Size').fill('42');
  await areas(page).inspector.getByLabel('Size').press('Enter');
  await expect(node(page, 'izhikevich')).toContainText('42 neurons');

  // Autosave writes shortly after the change; the status bar says when it is stored.
  await expect(page.getByTestId('autosave')).toHaveText('Autosaved');
  await page.reload();
  await expect(node(page, 'izhikevich')).toContainText('42 neurons');
  await expect(areas(page).status).toContainText('Recovered unsaved work');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('(unsaved changes)');
});

test('Save downloads the document and clears the unsaved mark; it reopens after a reload', async ({ page }) => {
  await useUploadDownload(page);
  await openApp(page);
  await addFromPalette(page, 'Poisson input');
  await addFromPalette(page, 'LIF population');
  await areas(page).canvas.click({ position: { x: 20, y: 20 } });
  const name = areas(page).inspector.getByLabel('Network name');
  await name.fill('my-net');
  await name.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('my-net');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('my-net.snn.json');
  const saved = JSON.parse(await readFile(await file.path(), 'utf8'));
  expect(saved).toMatchObject({ format: 'snn-network', version: 1, meta: { name: 'my-net' } });
  expect(saved.nodes.map((n: { id: string }) => n.id)).toEqual(['poisson', 'lif']);
  await expect(page.getByRole('heading', { level: 1 })).not.toContainText('unsaved');

  await expect(page.getByTestId('autosave')).toHaveText('Autosaved');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('my-net');
  await expect(node(page, 'lif')).toBeVisible();
});

for (const [what, text, message] of [
  ['a damaged file', '{"format": "snn-network", "version": 1, "meta": {', /damaged or not a network file: not valid JSON/],
  ['a file from a newer version', JSON.stringify({ format: 'snn-network', version: 7, meta: { name: 'future' }, nodes: [] }), /newer version of SNN Studio/],
  ['an invalid network', JSON.stringify({ format: 'snn-network', version: 1, meta: { name: 'bad' }, nodes: [{ id: 'a', kind: 'population', model: 'lif', size: 0 }] }), /not a valid network: 1 problem/],
] as const) {
  test(`opening ${what} shows a clear message and changes nothing`, async ({ page }) => {
    await useUploadDownload(page);
    await openApp(page);
    await addFromPalette(page, 'LIF population');
    await expect(node(page, 'lif')).toBeVisible();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    // "Unsaved changes": discard (the open is refused anyway).
    await page.getByRole('alertdialog', { name: 'Unsaved changes' }).getByRole('button', { name: 'Discard' }).click();
    await (await chooser).setFiles({ name: 'broken.snn.json', mimeType: 'application/json', buffer: Buffer.from(text) });

    const alert = page.getByRole('alertdialog', { name: 'Cannot open broken.snn.json' });
    await expect(alert).toContainText(message);
    await expect(alert).toContainText('It was not changed.');
    await alert.getByRole('button', { name: 'OK' }).click();
    await expect(alert).toBeHidden();

    // The work on screen is untouched, and it is not tied to the broken file: Save asks for a new name.
    await expect(node(page, 'lif')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Untitled network');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    expect((await download).suggestedFilename()).toBe('Untitled-network.snn.json');
  });
}
