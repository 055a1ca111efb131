// Every plot's export menu (PNG image, CSV data) in the web build: after a run of the lif-neuron example the
// raster downloads a valid PNG and a CSV with one row per spike the raster counts, the traces a CSV with a
// column per trace; after a tiny training the loss chart's CSV has one row per batch, the confusion matrix a
// PNG and a CSV counting every test sample once.
import { test, expect, type Download, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { areas, openApp, useUploadDownload } from './helpers';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

async function exportFrom(page: Page, region: string, name: string, item: 'PNG image' | 'CSV data'): Promise<Download> {
  const r = page.getByRole('region', { name: region, exact: true });
  await r.getByRole('button', { name: `Export ${name}` }).click();
  const download = page.waitForEvent('download');
  await r.getByRole('menu', { name: `Export ${name}` }).getByRole('menuitem', { name: item }).click();
  return download;
}

async function expectPng(d: Download, fileName: string) {
  expect(d.suggestedFilename()).toBe(fileName);
  const bytes = readFileSync((await d.path())!);
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  // IHDR: a non-empty image (width and height above 0), and more than the header's bytes.
  expect(bytes.readUInt32BE(16)).toBeGreaterThan(0);
  expect(bytes.readUInt32BE(20)).toBeGreaterThan(0);
  expect(bytes.length).toBeGreaterThan(100);
}

const csvRows = async (d: Download) => readFileSync((await d.path())!, 'utf8').trimEnd().split('\n');

test('run plots: the raster as PNG and CSV (a row per spike shown), the traces as CSV', async ({ page }) => {
  await useUploadDownload(page);
  await openApp(page);
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('button', { name: 'Open lif-neuron', exact: true }).click();
  await areas(page).run.getByLabel('Backend').selectOption('cpu');
  await areas(page).run.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 120_000 });
  const summary = (await page.getByTestId('raster-summary').textContent()) ?? '';
  const spikes = Number(summary.split(' ')[0].replace(/,/g, ''));
  expect(spikes).toBeGreaterThan(0);

  await expectPng(await exportFrom(page, 'Spike raster', 'spike raster', 'PNG image'), 'spike-raster.png');
  const raster = await exportFrom(page, 'Spike raster', 'spike raster', 'CSV data');
  expect(raster.suggestedFilename()).toBe('spike-raster.csv');
  const rows = await csvRows(raster);
  expect(rows[0]).toBe('population,neuron,time_ms');
  expect(rows).toHaveLength(1 + spikes);
  for (const r of rows.slice(1)) expect(r).toMatch(/^(input|neuron),0,\d+(\.\d+)?$/);
  // The example's spike generator fires at 20, 40 and 60 ms (docs/cli.md, "Example documents").
  expect(rows.filter((r) => r.startsWith('input,'))).toEqual(['input,0,20', 'input,0,40', 'input,0,60']);

  const traces = await csvRows(await exportFrom(page, 'Membrane traces', 'membrane traces', 'CSV data'));
  // One column per trace the legend names, in its order.
  const labels = await page.getByRole('region', { name: 'Membrane traces' }).locator('.trace-legend > span').allTextContents();
  expect(labels.length).toBeGreaterThan(0);
  expect(traces[0]).toBe(['time_ms', ...labels].join(','));
  const columns = traces[0].split(',').length;
  expect(traces.length).toBeGreaterThan(10);
  for (const r of traces.slice(1, 20)) expect(r.split(',')).toHaveLength(columns);
});

test('training plots: the loss chart as CSV (a row per batch), the confusion matrix as PNG and CSV', async ({ page }) => {
  await useUploadDownload(page);
  await openApp(page);
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('button', { name: 'Open sound-localisation', exact: true }).click();
  await page.getByRole('tab', { name: 'Training' }).click();
  const t = page.getByRole('region', { name: 'Training' });
  await t.getByLabel('Backend', { exact: true }).selectOption('cpu');
  for (const [label, value] of [['Epochs', '1'], ['Train samples', '128'], ['Batch size', '32'], ['Test samples', '64']]) {
    const f = t.getByLabel(label, { exact: true });
    await f.fill(value);
    await f.press('Enter');
  }
  await t.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-state')).toHaveText(/^Finished: 1 epoch/, { timeout: 90_000 });

  const loss = await csvRows(await exportFrom(page, 'Charts', 'loss chart', 'CSV data'));
  expect(loss[0]).toBe('batch,batch_loss,epoch_mean_loss');
  expect(loss).toHaveLength(1 + 4);
  expect(loss[4]).toMatch(/^4,\d+(\.\d+)?(e-?\d+)?,\d+(\.\d+)?(e-?\d+)?$/);
  await expectPng(await exportFrom(page, 'Charts', 'loss chart', 'PNG image'), 'loss-chart.png');

  await expectPng(await exportFrom(page, 'Last evaluation', 'confusion matrix', 'PNG image'), 'confusion-matrix.png');
  const conf = await csvRows(await exportFrom(page, 'Last evaluation', 'confusion matrix', 'CSV data'));
  expect(conf[0]).toBe(['true_class', ...Array.from({ length: 12 }, (_, j) => `predicted_${j}`)].join(','));
  expect(conf).toHaveLength(13);
  // The same cells the table shows: every test sample counted once.
  const cells = conf.slice(1).flatMap((r) => r.split(',').slice(1).map(Number));
  expect(cells.reduce((a, b) => a + b, 0)).toBe(64);
  const shown = await t.getByRole('table', { name: 'Confusion matrix' }).locator('tbody td').allTextContents();
  expect(shown.map((c) => Number(c) || 0)).toEqual(cells);
});
