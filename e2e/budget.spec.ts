// The budget before a run in the app (docs/editor.md, "Before a run"): a document whose traces will not fit
// the page warns when Run is pressed, names what is too big, and "Record less" (an undoable edit) lets it run.
import { test, expect } from '@playwright/test';
import { areas, openApp, useUploadDownload } from './helpers';

// 150,000 LIF neurons with every neuron's v traced for 100 ms: about 1.12 GiB of traces, above the page's 1 GiB.
const WIDE = JSON.stringify({
  format: 'snn-network', version: 1, meta: { name: 'wide' }, simulation: { dt_ms: 0.1, duration_ms: 100, seed: 1 },
  nodes: [{ id: 'big', kind: 'population', model: 'lif', size: 150000 }],
  projections: [],
  monitors: [{ id: 'big_v', kind: 'state', target: 'big', variable: 'v' }],
});

test('a run that would record too much warns; Record less makes it fit and it runs', async ({ page }) => {
  // The 150,000-neuron run itself takes ~20 s on an idle 2-core machine's SwiftShader and over a minute under
  // load: the test's own limit must cover the 120 s the last expectation allows.
  test.setTimeout(180_000);
  await useUploadDownload(page);
  await openApp(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await (await chooser).setFiles({ name: 'wide.snn.json', mimeType: 'application/json', buffer: Buffer.from(WIDE) });
  await expect(page.getByRole('heading', { level: 1 })).toContainText('wide');

  const run = areas(page).run.getByRole('button', { name: 'Run', exact: true });
  await run.click();
  const warning = page.getByRole('alertdialog', { name: 'This run may not fit' });
  await expect(warning).toContainText('monitors[0]: the traces would need about 1.12 GiB, above this page\'s limit of 1.00 GiB');
  await expect(warning).toContainText('monitor "big_v" records 150,000 neurons');
  // Cancel starts nothing.
  await warning.getByRole('button', { name: 'Cancel' }).click();
  await expect(warning).toBeHidden();
  await expect(page.getByTestId('run-state')).toHaveText('Ready');

  await run.click();
  await warning.getByRole('button', { name: 'Record less' }).click();
  await expect(warning).toBeHidden();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 120_000 });
  await expect(page.getByTestId('run-time')).toHaveText('100 / 100 ms');
});
