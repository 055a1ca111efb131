// Plots that read well (#15 item 5): the membrane traces name their axes with the model catalogue's unit (mV for
// Hodgkin-Huxley), and a population has one colour on the canvas, in the raster's rate list and in the 3D legend.
import { test, expect } from '@playwright/test';
import { areas, node, openApp, openExample } from './helpers';

test('Hodgkin-Huxley traces in mV with a time axis; one colour per population on the canvas, raster and 3D legend', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'hodgkin-huxley');
  await areas(page).run.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 120_000 });

  const traces = page.getByRole('region', { name: 'Membrane traces' });
  // uPlot draws the axis titles on its canvas; the plot's accessible name carries the same words.
  await expect(traces.getByRole('img', { name: 'Membrane traces: membrane potential v (mV) against time (ms)' })).toBeVisible();

  const onCanvas = await node(page, 'neuron').locator('.snn-node').evaluate((e) => getComputedStyle(e).borderLeftColor);
  const inRaster = await page.getByRole('list', { name: 'Mean firing rates' }).getByRole('listitem').filter({ hasText: 'neuron' })
    .locator('i').evaluate((e) => getComputedStyle(e).backgroundColor);
  expect(inRaster).toBe(onCanvas);
  const inputOnCanvas = await node(page, 'current').locator('.snn-node').evaluate((e) => getComputedStyle(e).borderLeftColor);
  expect(inputOnCanvas).not.toBe(onCanvas);

  await page.getByRole('button', { name: 'Show 3D view' }).click();
  const legend = page.getByRole('region', { name: '3D view' }).getByLabel('3D view legend');
  const in3d = await legend.locator('span', { hasText: 'HH neuron' }).locator('i').evaluate((e) => getComputedStyle(e).backgroundColor);
  expect(in3d).toBe(onCanvas);
});
