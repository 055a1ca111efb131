// Run what you trained (docs/training.md, "Running what you trained"): a person draws a new network for the
// sound-localisation data in the editor (not an example), trains it in the Training tab, presses Apply, picks a
// test sample in the dataset input's sample picker, runs it and sees the readout's decision — the same class
// `snn evaluate --engine` decodes for that sample (computed here from the saved document) — with the readout's
// traces labelled by class, and the 3D view drawing the trained (explicit) weights. Tiny sizes: SwiftShader, 2 cores.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { addFromPalette, areas, node, openApp, useUploadDownload } from './helpers';
import { loadDocument } from '../src/shared/graph';
import { planTraining } from '../src/shared/training/plan';
import { evaluateOnEngine } from '../src/shared/training/engine-eval';
import { createCpuEngine } from '../src/shared/engine/cpu-engine';

async function setField(scope: ReturnType<Page['getByRole']>, label: string, value: string) {
  const f = scope.getByLabel(label, { exact: true });
  await f.fill(value);
  await f.press('Enter');
  await expect(f).toHaveValue(value);
}

test('draw, train, apply, play a test sample: the readout picks the direction in the plots and the 3D view', async ({ page }) => {
  test.setTimeout(180_000);
  await useUploadDownload(page);
  await openApp(page);
  const { canvas, inspector, run } = areas(page);

  // Draw: dataset input (200) → LIF hidden layer (10, the trainer's reset timing) → leaky-integrator readout (12).
  await setField(inspector, 'Time step', '1');
  await addFromPalette(page, 'Dataset input');
  await expect(node(page, 'dataset')).toBeVisible();
  await addFromPalette(page, 'LIF population');
  await expect(inspector.getByRole('heading', { name: 'LIF population' })).toBeVisible();
  await inspector.getByLabel('reset timing', { exact: true }).selectOption('tutorial');
  await addFromPalette(page, 'Leaky integrator readout');
  await expect(inspector.getByRole('heading', { name: 'Leaky integrator readout' })).toBeVisible();
  await setField(inspector, 'Size', '12');
  for (const [from, to] of [['dataset', 'lif'], ['lif', 'leaky_integrator']]) {
    await node(page, from).click();
    await inspector.getByLabel('Connect to').selectOption(to);
    await inspector.getByRole('button', { name: 'Connect' }).click();
  }
  // Both projections trainable (click each edge's label).
  for (let i = 0; i < 2; i++) {
    await canvas.getByText('all-to-all · delta', { exact: true }).first().click();
    await inspector.getByLabel('Trainable').check();
    await expect(canvas.getByText('all-to-all · delta · trainable')).toHaveCount(i + 1);
  }

  // Train one tiny epoch on the CPU, then Apply.
  await page.getByRole('tab', { name: 'Training' }).click();
  const t = page.getByRole('region', { name: 'Training' });
  await expect(t.getByRole('region', { name: 'Training plan' })).toContainText('dataset 200 → lif LIF 10 → leaky_integrator LI 12');
  for (const [label, value] of [['Epochs', '1'], ['Train samples', '128'], ['Batch size', '32'], ['Test samples', '64']]) await setField(t, label, value);
  await t.getByLabel('Backend').selectOption('cpu');
  await t.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-state')).toHaveText(/^Finished: 1 epoch/, { timeout: 90_000 });
  await t.getByRole('button', { name: 'Apply to network' }).click();
  await expect(areas(page).status).toContainText('Applied the last trained weights to dataset_lif, lif_leaky_integrator');

  // The sample picker: test sample 3 (typed, then Next and Previous), its true IPD and class.
  await node(page, 'dataset').click();
  const picker = inspector.getByRole('group', { name: 'Sample to play' });
  await expect(picker.getByTestId('sample-meta')).toContainText('−1: plays the IPD set below');
  await setField(picker, 'Sample', '3');
  await picker.getByRole('button', { name: 'Next sample' }).click();
  await expect(picker.getByLabel('Sample', { exact: true })).toHaveValue('4');
  await picker.getByRole('button', { name: 'Previous sample' }).click();
  await expect(picker.getByLabel('Sample', { exact: true })).toHaveValue('3');
  await expect(picker.getByTestId('sample-meta')).toContainText(/Sample 3 of the test set: true IPD −?\d+\.\d°, class \d+: /);

  // What snn evaluate --engine decodes for this sample, from the document as saved now.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const loaded = loadDocument(JSON.parse(readFileSync((await (await download).path())!, 'utf8')));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  expect(loaded.doc.projections.every((p) => p.weight.dist === 'explicit')).toBe(true);
  const plan = planTraining(loaded.doc);
  if (!plan.ok) throw new Error(JSON.stringify(plan.diagnostics));
  const ref = await evaluateOnEngine(loaded.doc, plan.plan, (ir) => createCpuEngine(ir), { count: 4 });
  const expected = ref.predictions[3], truth = ref.labels[3];
  await expect(picker.getByTestId('sample-meta')).toHaveAttribute('data-class', String(truth));

  // Run it (the document has no monitors: the run records the readout itself).
  await page.getByRole('tab', { name: 'Run results' }).click();
  await run.getByLabel('Backend').selectOption('cpu');
  await run.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 60_000 });
  const decision = page.getByRole('region', { name: 'Decision' });
  await expect(decision.getByTestId('decision-predicted')).toHaveAttribute('data-class', String(expected));
  await expect(decision.getByTestId('decision-true')).toHaveAttribute('data-class', String(truth));
  await expect(decision.getByTestId('decision-true')).toContainText('True (sample 3 of the test set)');
  await expect(decision.getByTestId('decision-verdict')).toHaveText(expected === truth ? '✓ Correct' : '✗ Incorrect');
  await expect(decision.getByRole('table', { name: 'Decoded score per class' }).locator('tr')).toHaveCount(12);
  const traces = page.getByRole('region', { name: 'Membrane traces' });
  await expect(traces).toContainText('leaky_integrator class 0: −90°–−75°');
  await expect(traces).toContainText('leaky_integrator class 11: 75°–90°');
  expect(loaded.doc.monitors).toEqual([]);

  // The 3D view draws the trained weights: both projections as explicit-weight ribbons.
  await page.getByRole('button', { name: 'Show 3D view' }).click();
  const view = page.getByRole('region', { name: '3D view' });
  await expect(view.getByTestId('view3d-explicit')).toHaveCount(2);
  await expect(view.getByTestId('view3d-explicit').first()).toContainText(/dataset_lif explicit weights: -?\d/);
  expect(Number(await view.locator('.view3d-stage').getAttribute('data-explicit-axons'))).toBeGreaterThan(100);
});
