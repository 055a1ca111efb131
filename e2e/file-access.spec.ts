// The File System Access path of the web build, on a stand-in for the browser's pickers (they need a person):
// Open reads through a file handle, Save writes back in place, Revert reads the saved file again, and a
// damaged file opened through a handle is never written to.
import { test, expect, type Page } from '@playwright/test';
import lifNeuron from '../resources/examples/lif-neuron.snn.json' with { type: 'json' };
import { areas, node, openApp } from './helpers';

async function fakePickers(page: Page, files: Record<string, string>) {
  await page.addInitScript((initial) => {
    const store: Record<string, string> = { ...initial };
    const writes: string[] = [];
    const handle = (name: string) => ({
      name,
      getFile: async () => new File([store[name] ?? ''], name),
      createWritable: async () => {
        let buf = '';
        return { write: async (d: string) => { buf += d; }, close: async () => { store[name] = buf; writes.push(name); } };
      },
    });
    const w = globalThis as unknown as Record<string, unknown>;
    w.__fakeFiles = { store, writes };
    w.showOpenFilePicker = async () => [handle(Object.keys(initial)[0])];
    w.showSaveFilePicker = async (o: { suggestedName: string }) => handle(o.suggestedName);
  }, files);
}

const stored = (page: Page) => page.evaluate(() => (globalThis as unknown as { __fakeFiles: { store: Record<string, string>; writes: string[] } }).__fakeFiles);

test('open through a file handle, save in place, revert to the saved file', async ({ page }) => {
  await fakePickers(page, { 'net.snn.json': JSON.stringify(lifNeuron) });
  await openApp(page);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('lif-neuron');
  await expect(page.getByText('net.snn.json', { exact: true })).toBeVisible();

  // Edit and save: the file itself is rewritten.
  await node(page, 'neuron').click();
  const size = areas(page).inspector.getByLabel('Size');
  await size.fill('5');
  await size.press('Enter');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).not.toContainText('unsaved');
  const after = await stored(page);
  expect(after.writes).toEqual(['net.snn.json']);
  expect(JSON.parse(after.store['net.snn.json']).nodes[1].size).toBe(5);

  // Another edit, then Revert (confirming the discard): back to the saved size.
  await size.fill('7');
  await size.press('Enter');
  await expect(node(page, 'neuron')).toContainText('7 neurons');
  await page.getByRole('button', { name: 'Revert' }).click();
  await page.getByRole('alertdialog', { name: 'Unsaved changes' }).getByRole('button', { name: 'Discard' }).click();
  await expect(node(page, 'neuron')).toContainText('5 neurons');
  await expect(page.getByRole('heading', { level: 1 })).not.toContainText('unsaved');
});

test('a damaged file opened through a handle is never written to', async ({ page }) => {
  const damaged = '{"format": "snn-network", "version": 1, "nodes": [';
  await fakePickers(page, { 'broken.snn.json': damaged });
  await openApp(page);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('alertdialog', { name: 'Cannot open broken.snn.json' })).toContainText('It was not changed.');
  await page.getByRole('button', { name: 'OK' }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click(); // saves the empty network under a new name
  const files = await stored(page);
  expect(files.store['broken.snn.json']).toBe(damaged);
  expect(files.writes).toEqual(['Untitled-network.snn.json']);
});
