// File › Export NIR… and Import NIR… in the web build (docs/formats.md, "NIR"): the trained-network example
// downloads as a .nir file that imports back as the same network; what NIR cannot hold and files that are not
// NIR are refused with a message naming the node or the HDF5 path, and the work on screen stays as it was.
import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { areas, node, openApp, useUploadDownload } from './helpers';

async function openExample(page: Page, name: string) {
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('button', { name: `Open ${name}`, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

test('Export NIR downloads the network as HDF5; Import NIR reads it back as the same network', async ({ page }) => {
  await useUploadDownload(page);
  await openApp(page);
  await openExample(page, 'sound-localisation');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export NIR…' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('sound-localisation.nir');
  const bytes = await readFile(await file.path());
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]); // the HDF5 signature
  await expect(areas(page).status).toContainText('Exported sound-localisation.nir');

  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Untitled network');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import NIR…' }).click();
  await (await chooser).setFiles({ name: 'sound-localisation.nir', mimeType: 'application/x-hdf5', buffer: bytes });
  await expect(page.getByRole('heading', { level: 1 })).toContainText('sound-localisation');
  await expect(areas(page).status).toContainText('Imported sound-localisation.nir');
  await expect(node(page, 'inputs')).toContainText('200 neurons');
  await expect(node(page, 'hidden')).toContainText('30 neurons');
  await expect(node(page, 'output')).toContainText('12 neurons');
});

test('a network NIR cannot hold, and a file that is not NIR, are refused with what and where', async ({ page }) => {
  await useUploadDownload(page);
  await openApp(page);
  await openExample(page, 'hodgkin-huxley');
  let downloaded = false;
  page.on('download', () => { downloaded = true; });
  await page.getByRole('button', { name: 'Export NIR…' }).click();
  const refused = page.getByRole('alertdialog', { name: 'Cannot export NIR' });
  await expect(refused).toContainText(/cannot export node "\w+": model "hodgkin_huxley" has no NIR node/);
  await refused.getByRole('button', { name: 'OK' }).click();
  expect(downloaded).toBe(false);

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import NIR…' }).click();
  await (await chooser).setFiles({ name: 'notes.nir', mimeType: 'application/octet-stream', buffer: Buffer.from('not hdf5 at all') });
  const bad = page.getByRole('alertdialog', { name: 'Cannot import the NIR file' });
  await expect(bad).toContainText('/: not an HDF5 file (no HDF5 signature)');
  await bad.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('hodgkin-huxley'); // unchanged
});
