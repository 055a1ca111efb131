// Plots that read well (#15 item 5): the membrane traces name their axes with the model catalogue's unit (mV for
// Hodgkin-Huxley), and a population has one colour on the canvas, in the raster's rate list and in the 3D legend.
import { test, expect } from '@playwright/test';
import { areas, node, openApp, openExample, screenshot } from './helpers';

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

test('the raster\'s colour key names each population in the colour it has on the canvas and in the raster', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'coincidence-detection');
  const raster = page.getByRole('region', { name: 'Spike raster' });
  const key = raster.getByRole('list', { name: 'Raster colour key' });
  // Before a run the key already says what the run will draw: the spiking nodes, by id as the bands name them,
  // with the label in the tooltip.
  await expect(key.getByRole('listitem')).toHaveText(['ears', 'detectors']);
  await expect(key.getByRole('listitem').nth(1)).toHaveAttribute('title', 'Coincidence detectors (detectors)');
  const swatch = (label: string) => key.getByRole('listitem').filter({ hasText: label }).locator('i').evaluate((e) => getComputedStyle(e).backgroundColor);
  const edge = (id: string) => node(page, id).locator('.snn-node').evaluate((e) => getComputedStyle(e).borderLeftColor);
  const [ears, detectors] = [await swatch('ears'), await swatch('detectors')];
  expect(ears).toBe(await edge('ears'));
  expect(detectors).toBe(await edge('detectors'));
  expect(ears).not.toBe(detectors);

  await areas(page).run.getByLabel('Duration').fill('100');
  await areas(page).run.getByLabel('Duration').press('Enter');
  await areas(page).run.getByLabel('Backend').selectOption('cpu');
  await areas(page).run.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 60_000 });
  await expect(key.getByRole('listitem')).toHaveText(['ears', 'detectors']);
  // The raster draws each band's marker in that colour (Raster.tsx: a 2 px bar at x 80–82 beside the band's name;
  // the ears' band is the top one, its 18 px floor from y 4).
  const markers = await raster.getByRole('img').evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d')!, s = devicePixelRatio;
    const at = (y: number) => { const [r, g, b] = ctx.getImageData(Math.floor(80.5 * s), Math.floor(y * s), 1, 1).data; return `rgb(${r}, ${g}, ${b})`; };
    return [at(4 + 9), at(c.height / s - 40)];
  });
  expect(markers).toEqual([ears, detectors]);
  await screenshot(page, 'raster-key');
});
