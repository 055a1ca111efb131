// The CPU engine on two threads in the app (docs/engine.md, "CPU engine on two threads"): the page is
// cross-origin isolated (COOP/COEP from the server), so a run of a network of 40,000 neurons or more on the CPU
// starts a second thread ('auto'), and it gives the same spikes as the same run forced to one thread (?threads=1).
import { test, expect, type Page } from '@playwright/test';
import { areas, useUploadDownload } from './helpers';

// 1,000 Poisson inputs onto 40,000 LIF neurons (the 'auto' threshold, AUTO_MIN_NEURONS, counts all 41,000), 20 ms.
const BIG = JSON.stringify({
  format: 'snn-network', version: 1, meta: { name: 'forty-thousand' }, simulation: { dt_ms: 0.1, duration_ms: 20, seed: 3 },
  nodes: [
    { id: 'in', kind: 'input', model: 'poisson', size: 1000, params: { rate_hz: 100 } },
    { id: 'exc', kind: 'population', model: 'lif', size: 40000, params: { tau_ms: 10, v_rest: -60, v_th: -50, v_reset: -60, refractory_ms: 2, v_init: -60 } },
  ],
  projections: [{ id: 'in_exc', source: 'in', target: 'exc', connectivity: { rule: 'fixed_probability', p: 0.02 }, weight: { dist: 'constant', value: 1.5 }, synapse: { kind: 'delta' } }],
  monitors: [{ id: 'exc_spikes', kind: 'spikes', target: 'exc' }, { id: 'in_spikes', kind: 'spikes', target: 'in' }],
});

/** Opens the app at `path`, opens BIG, runs it on the CPU to the end; the raster summary and what the status says it ran on. */
async function runBig(page: Page, path: string) {
  await page.goto(path);
  await expect(areas(page).status).toContainText(/WebGPU adapter|No WebGPU adapter/);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await (await chooser).setFiles({ name: 'forty-thousand.snn.json', mimeType: 'application/json', buffer: Buffer.from(BIG) });
  await expect(page.getByRole('heading', { level: 1 })).toContainText('forty-thousand');
  await areas(page).run.getByLabel('Backend').selectOption('cpu');
  await areas(page).run.getByRole('button', { name: 'Run', exact: true }).click();
  const state = page.getByTestId('run-state');
  await expect(state).toHaveText('Finished', { timeout: 120_000 });
  const summary = (await page.getByRole('region', { name: 'Spike raster' }).getByTestId('raster-summary').textContent()) ?? '';
  return { summary, on: await state.getAttribute('title') };
}

test('the page is cross-origin isolated; a 41,000-neuron CPU run uses two threads and the same spikes as one', async ({ page }) => {
  test.setTimeout(300_000); // two runs of 41,000 neurons on a loaded 2-core machine
  await useUploadDownload(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  const one = await runBig(page, '/?threads=1');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(one.on).toBe('On the CPU');
  expect(one.summary).toMatch(/^[\d,]+ spikes in 20 ms$/);
  expect(Number(one.summary.split(' ')[0].replace(/,/g, ''))).toBeGreaterThan(1000);

  const two = await runBig(page, '/');
  expect(await page.evaluate(() => crossOriginIsolated && navigator.hardwareConcurrency >= 2)).toBe(true);
  expect(two.on).toBe('On the CPU, 2 threads');
  // Spike-identical: the two-thread engine's steps are the one-thread engine's (docs/engine.md).
  expect(two.summary).toBe(one.summary);
  expect(errors).toEqual([]);
});
