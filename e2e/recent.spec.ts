// File › Recent on the web build. With the File System Access API the pickers are stood in for by files in
// the origin-private file system, whose handles are real FileSystemFileHandles (IndexedDB can store them, as
// it stores the handles of the browser's own pickers): open two files, see them newest first, reopen one after
// New, find the list again after a reload, clear it. Without the API (upload/download) Recent lists nothing
// and its tooltip says why.
import { test, expect, type Page } from '@playwright/test';
import lifNeuron from '../resources/examples/lif-neuron.snn.json' with { type: 'json' };
import stdp from '../resources/examples/stdp.snn.json' with { type: 'json' };
import { openApp, useUploadDownload } from './helpers';

/** showOpenFilePicker hands out the files in `files` one per call (in order), as handles into OPFS. */
async function opfsPickers(page: Page, files: [string, string][]) {
  await page.addInitScript((list) => {
    let next = 0;
    const w = globalThis as unknown as Record<string, unknown>;
    w.showOpenFilePicker = async () => {
      const [name, text] = list[next++ % list.length];
      const root = await navigator.storage.getDirectory();
      const handle = await root.getFileHandle(name, { create: true });
      if ((await handle.getFile()).size === 0) {
        const out = await handle.createWritable();
        await out.write(text);
        await out.close();
      }
      return [handle];
    };
    w.showSaveFilePicker = async (o: { suggestedName: string }) => (await navigator.storage.getDirectory()).getFileHandle(o.suggestedName, { create: true });
  }, files);
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const recentButton = (page: Page) => page.getByRole('toolbar', { name: 'File' }).getByRole('button', { name: 'Recent', exact: true });
const recentMenu = (page: Page) => page.getByRole('menu', { name: 'Recent' });

test('opened files are listed newest first in Recent and reopen from there, also after a reload', async ({ page }) => {
  await opfsPickers(page, [['one.snn.json', JSON.stringify(lifNeuron)], ['two.snn.json', JSON.stringify(stdp)]]);
  await openApp(page);
  const open = page.getByRole('button', { name: 'Open', exact: true });
  await open.click();
  await expect(heading(page)).toHaveText('lif-neuron');
  await open.click();
  await expect(heading(page)).toHaveText('stdp');

  await recentButton(page).click();
  await expect(recentMenu(page).getByRole('menuitem')).toHaveText(['two.snn.json', 'one.snn.json', 'Clear recent']);
  await page.keyboard.press('Escape');
  await expect(recentMenu(page)).toBeHidden();

  // New, then the older file from Recent: it opens, and moves to the top of the list.
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(heading(page)).toHaveText('Untitled network');
  await recentButton(page).click();
  await recentMenu(page).getByRole('menuitem', { name: 'one.snn.json' }).click();
  await expect(heading(page)).toHaveText('lif-neuron');
  await expect(page.getByText('one.snn.json', { exact: true })).toBeVisible();
  await recentButton(page).click();
  await expect(recentMenu(page).getByRole('menuitem')).toHaveText(['one.snn.json', 'two.snn.json', 'Clear recent']);
  await page.keyboard.press('Escape');

  // The list lives in IndexedDB (handles included): after a reload it is still there and still opens.
  await page.reload();
  await expect(heading(page)).toHaveText('lif-neuron'); // autosave brought the clean document back
  await recentButton(page).click();
  await recentMenu(page).getByRole('menuitem', { name: 'two.snn.json' }).click();
  await expect(heading(page)).toHaveText('stdp');

  await recentButton(page).click();
  await recentMenu(page).getByRole('menuitem', { name: 'Clear recent' }).click();
  await recentButton(page).click();
  await expect(recentMenu(page).getByRole('menuitem')).toHaveText(['No recent files']);
});

test('without the File System Access API Recent lists nothing and says why', async ({ page }) => {
  await useUploadDownload(page);
  await openApp(page);
  const recent = recentButton(page);
  await expect(recent).toBeDisabled(); // aria-disabled: still focusable, so the tooltip can be read
  await expect(recent).toHaveAttribute('title', /opens files by upload.*no recent files/);
  await recent.focus();
  await page.keyboard.press('Enter');
  await expect(recentMenu(page)).toHaveCount(0);
});
