// Per-neuron parameters in the Inspector (docs/editor.md): a population whose τ is given per neuron (as Apply to
// network writes trained τ) shows "per neuron: n values, min–max, mean"; Make uniform sets the mean (one undo
// step); the document still runs with either form.
import { test, expect } from '@playwright/test';
import { areas, node, openApp, useUploadDownload } from './helpers';

const DOC = JSON.stringify({
  format: 'snn-network', version: 1, meta: { name: 'per-neuron-tau' },
  simulation: { dt_ms: 0.1, duration_ms: 20, seed: 1 },
  nodes: [
    { id: 'src', kind: 'input', model: 'poisson', size: 4, params: { rate_hz: 300 } },
    { id: 'pop', kind: 'population', model: 'lif', size: 4, params: { tau_ms: { per_neuron: [5, 10, 20, 25] } } },
  ],
  projections: [{ id: 'src_pop', source: 'src', target: 'pop', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 0.3 } }],
  monitors: [{ id: 'pop_s', kind: 'spikes', target: 'pop' }],
});

test('a per-neuron τ: summary, Run, Make uniform (the mean), Undo', async ({ page }) => {
  await useUploadDownload(page);
  await openApp(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await (await chooser).setFiles({ name: 'per-neuron.snn.json', mimeType: 'application/json', buffer: Buffer.from(DOC) });
  await expect(page.getByRole('heading', { level: 1 })).toContainText('per-neuron-tau');
  const { inspector, run } = areas(page);
  await run.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 60_000 });

  await node(page, 'pop').click();
  const tau = inspector.getByRole('group', { name: 'tau per neuron' });
  await expect(tau).toContainText('per neuron: 4 values, 5–25 ms, mean 15 ms');
  await tau.getByRole('button', { name: 'Make tau uniform' }).click();
  await expect(areas(page).status).toContainText('pop.tau_ms is now 15 ms for every neuron');
  await expect(inspector.getByLabel('tau', { exact: true })).toHaveValue('15');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(inspector.getByRole('group', { name: 'tau per neuron' })).toContainText('per neuron: 4 values, 5–25 ms, mean 15 ms');
});
