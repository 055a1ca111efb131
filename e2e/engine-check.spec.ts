// Check in the engine (docs/training.md, "Running what you trained"): train the sound-localisation example for a
// tiny budget, Apply (the Training tab and the network Inspector then say where the weights came from), run the
// test set through the CPU simulation engine from the Training tab — cancel a long check, then a short one whose
// "trainer" accuracy must be the test accuracy training reported on the same 64 samples and whose engine must
// pick the trainer's class on nearly every sample (numerics alone can differ: docs/training.md).
import { test, expect, type Page } from '@playwright/test';
import { areas, openApp } from './helpers';

const training = (page: Page) => page.getByRole('region', { name: 'Training' });

async function set(page: Page, label: string, value: string) {
  const f = training(page).getByLabel(label, { exact: true });
  await f.fill(value);
  await f.press('Enter');
  await expect(f).toHaveValue(value);
}

test('train, Apply, check in the engine: progress, Cancel, engine accuracy and agreement with the trainer', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('button', { name: 'Open sound-localisation', exact: true }).click();
  await page.getByRole('tab', { name: 'Training' }).click();
  const t = training(page);
  for (const [label, value] of [['Epochs', '1'], ['Train samples', '128'], ['Batch size', '32'], ['Test samples', '64']]) await set(page, label, value);
  await t.getByLabel('Backend').selectOption('cpu');
  await t.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-state')).toHaveText(/^Finished: 1 epoch/, { timeout: 90_000 });
  const final = (await page.getByTestId('train-metrics').textContent())!.match(/final: train \d+\.\d % · test (\d+\.\d) %/)![1];

  await t.getByRole('button', { name: 'Apply to network' }).click();
  await expect(areas(page).status).toContainText('Applied the last trained weights');
  await expect(page.getByTestId('train-provenance')).toContainText(
    `In the network: Weights trained in SNN Studio: sound_localisation (seed 1, 128 training samples), 1 epoch on the CPU, test accuracy ${final} %; applied `);

  // A long check (2048 samples), cancelled while it runs.
  await set(page, 'Test samples', '2048');
  const check = t.getByRole('group', { name: 'Check in the engine' });
  await check.getByRole('button', { name: 'Check in the engine' }).click();
  await expect(check.getByTestId('engine-check-progress')).toBeVisible();
  await expect(check.getByRole('button', { name: 'Check in the engine' })).toBeDisabled();
  await check.getByRole('button', { name: 'Cancel' }).click();
  await expect(check.getByTestId('engine-check-result')).toHaveText(/^Engine check cancelled after \d+ of \d+ samples$/);
  await expect(check.getByRole('button', { name: 'Check in the engine' })).toBeEnabled();

  // The 64 test samples training evaluated: the trainer's accuracy here is the one training reported.
  await set(page, 'Test samples', '64');
  await check.getByRole('button', { name: 'Check in the engine' }).click();
  const result = check.getByTestId('engine-check-result');
  await expect(result).toHaveText(/^Engine \(CPU\): test accuracy \d+\.\d % \(trainer \d+\.\d %\), same class as the trainer on \d+\.\d % of 64 samples \(\d+\.\d s\)$/, { timeout: 60_000 });
  const m = (await result.textContent())!.match(/\(trainer (\d+\.\d) %\), same class as the trainer on (\d+\.\d) %/)!;
  expect(m[1]).toBe(final);
  expect(Number(m[2])).toBeGreaterThanOrEqual(95);

  // The network Inspector (nothing selected) shows the same provenance.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('inspector-provenance')).toContainText('Weights trained in SNN Studio: sound_localisation (seed 1, 128 training samples)');
});
