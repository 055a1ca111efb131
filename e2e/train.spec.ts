// Training journeys: open the sound-localisation example, train it for a tiny budget (1 epoch of 4 batches of
// 32, 64 test samples) on the CPU and on the GPU (WebGPU on SwiftShader in CI), see the loss chart get points
// and the accuracy and confusion matrix reported, stop a longer training, export the weights file (valid
// against resources/schemas/weights.schema.json, shaped for the trainable projections); load the exported file
// back after a reload (Evaluate gives the training's test accuracy, Train continues from it, files that do not
// fit are refused with the JSON path); and a network that cannot be trained shows the planner's diagnostic.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';
import { areas, openApp, useUploadDownload } from './helpers';

// ajv is CommonJS: Node's ESM loader hands its class over as the default export's `default`.
const Ajv2020 = ((Ajv2020Module as unknown as { default?: typeof Ajv2020Module }).default ?? Ajv2020Module);

const training = (page: Page) => page.getByRole('region', { name: 'Training' });

async function openTraining(page: Page, example: string) {
  await openApp(page);
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('button', { name: `Open ${example}`, exact: true }).click();
  await page.getByRole('tab', { name: 'Training' }).click();
  return training(page);
}

async function set(page: Page, label: string, value: string) {
  const f = training(page).getByLabel(label, { exact: true });
  await f.fill(value);
  await f.press('Enter');
  await expect(f).toHaveAttribute('aria-invalid', 'false');
  await expect(f).toHaveValue(value);
}

/** A budget SwiftShader trains in seconds: 128 samples in batches of 32, 64 test samples. */
async function tinyBudget(page: Page, epochs: string) {
  await set(page, 'Epochs', epochs);
  await set(page, 'Train samples', '128');
  await set(page, 'Batch size', '32');
  await set(page, 'Test samples', '64');
  await expect(training(page).getByRole('region', { name: 'Training plan' })).toContainText('128 train (4 batches of 32), 64 test; 100 steps of 1 ms');
}

async function trainToEnd(page: Page) {
  const t = training(page);
  await t.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-state')).toHaveText(/^Finished: 1 epoch, test \d+\.\d % in/, { timeout: 90_000 });
  await expect(t.getByRole('img', { name: 'Loss chart' })).toHaveAttribute('data-points', '4');
  await expect(t.getByRole('img', { name: 'Accuracy chart' })).toHaveAttribute('data-points', '1');
  await expect(page.getByTestId('train-progress')).toHaveText('epoch 1/1 · batch 4/4');
  await expect(page.getByTestId('train-metrics')).toContainText(/epoch 1: loss \d+\.\d{3} · train \d+\.\d % · test \d+\.\d % · \|IPD error\| \d+\.\d°/);
  await expect(page.getByTestId('train-metrics')).toContainText(/final: train \d+\.\d % · test \d+\.\d %/);
  const confusion = t.getByRole('table', { name: 'Confusion matrix' });
  await expect(confusion.locator('tbody tr')).toHaveCount(12);
  // The 64 test samples, each counted once.
  const cells = await confusion.locator('tbody td').allTextContents();
  expect(cells.reduce((a, c) => a + (Number(c) || 0), 0)).toBe(64);
}

async function exportWeights(page: Page) {
  const download = page.waitForEvent('download');
  await training(page).getByRole('button', { name: 'Export weights' }).click();
  const d = await download;
  expect(d.suggestedFilename()).toBe('sound-localisation.weights.json');
  const json = JSON.parse(readFileSync((await d.path())!, 'utf8'));
  const schema = JSON.parse(readFileSync('resources/schemas/weights.schema.json', 'utf8'));
  const check = new Ajv2020({ strict: false }).compile(schema);
  expect(check(json) ? [] : check.errors).toEqual([]);
  expect(json.projections.in_hidden.shape).toEqual([200, 30]);
  expect(json.projections.in_hidden.weights).toHaveLength(200);
  expect(json.projections.in_hidden.weights[0]).toHaveLength(30);
  expect(json.projections.hidden_out.shape).toEqual([30, 12]);
  expect(json.projections.hidden_out.weights).toHaveLength(30);
  expect(json.projections.hidden_out.weights[29]).toHaveLength(12);
  return json;
}

test('train the sound-localisation example on the CPU, see loss and accuracy, export the weights, apply them to the network and undo', async ({ page }) => {
  await useUploadDownload(page);
  const t = await openTraining(page, 'sound-localisation');
  const plan = t.getByRole('region', { name: 'Training plan' });
  await expect(plan).toContainText('inputs 200 → hidden LIF 30 → output LI 12');
  await expect(plan).toContainText('in_hidden 200×30, hidden_out 30×12');
  await expect(plan).toContainText('Adam, lr 0.01');
  await expect(t.getByRole('button', { name: 'Export weights' })).toBeDisabled();
  // Overrides are checked as typed and refused with a reason.
  const batch = t.getByLabel('Batch size', { exact: true });
  await batch.fill('0');
  await expect(batch).toHaveAttribute('aria-invalid', 'true');
  await expect(t.getByText('must be at least 1', { exact: true })).toBeVisible();
  // A red field stops Train, and the Training tab says which (docs/editor.md, "Nothing runs on invalid input").
  await expect(t.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await expect(page.getByTestId('train-gate')).toContainText('Cannot train: Batch size: must be at least 1');
  await batch.press('Escape');
  await expect(t.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  await tinyBudget(page, '1');
  await t.getByLabel('Backend').selectOption('cpu');
  await trainToEnd(page);
  const json = await exportWeights(page);
  expect(json.training).toMatchObject({ epochs: 1, batch_size: 32, lr: 0.01, seed: 1, backend: 'cpu', epochs_completed: 1, adapter: 'cpu' });
  expect(json.training.loss).toHaveLength(1);
  // Training never touches the document: no unsaved-changes mark.
  expect(await page.title()).not.toMatch(/^•/);

  // Apply to network: one undoable edit that makes the trainable projections' weights explicit (unsaved).
  await t.getByRole('button', { name: 'Apply to network' }).click();
  const { canvas, inspector, status } = areas(page);
  await expect(status).toContainText('Applied the last trained weights to in_hidden, hidden_out');
  await expect(page).toHaveTitle(/^•/);
  await canvas.getByText('all-to-all · delta · trainable').first().click();
  await expect(inspector.getByText('inputs → hidden')).toBeVisible();
  await expect(inspector.getByLabel('Distribution')).toHaveValue('explicit');
  const weights = inspector.getByLabel('Weights', { exact: true });
  const first = json.projections.in_hidden.weights[0][0] as number;
  expect(Math.fround(Number((await weights.inputValue()).split(/[\s,]+/)[0]))).toBe(Math.fround(first));
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(inspector.getByLabel('Distribution')).toHaveValue('uniform');
  await expect(inspector.getByLabel('Low', { exact: true })).toHaveValue('-0.0707');
  await expect(page).not.toHaveTitle(/^•/);
});

test('train on the GPU (WebGPU), and stop a longer training at the next batch', async ({ page }) => {
  await useUploadDownload(page);
  const t = await openTraining(page, 'sound-localisation');
  await expect(t.getByLabel('Backend')).toHaveValue('gpu');
  await tinyBudget(page, '1');
  await trainToEnd(page);
  const json = await exportWeights(page);
  expect(json.training).toMatchObject({ backend: 'gpu', epochs_completed: 1 });
  expect(json.training.adapter).not.toBe('cpu');

  // 50 epochs would take minutes: Stop ends it after the current batch and keeps the weights so far.
  await set(page, 'Epochs', '50');
  await t.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(t.getByRole('img', { name: 'Loss chart' })).not.toHaveAttribute('data-points', '0', { timeout: 60_000 });
  await t.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('train-state')).toHaveText(/^Stopped: \d+ epochs?, test/, { timeout: 60_000 });
  await expect(t.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  const stopped = await exportWeights(page);
  expect(stopped.training.epochs).toBe(50);
  expect(stopped.training.epochs_completed).toBeLessThan(50);
});

async function loadWeightsFile(page: Page, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await training(page).getByRole('button', { name: 'Load weights…' }).click();
  await (await chooser).setFiles(path);
}

test('load exported weights back after a reload: Evaluate reports the training\'s test accuracy, Train continues from them, a file that does not fit is refused', async ({ page }, testInfo) => {
  await useUploadDownload(page);
  let t = await openTraining(page, 'sound-localisation');
  await expect(page.getByTestId('train-weights')).toHaveText('Weights: initial (seed 1)');
  await expect(t.getByRole('button', { name: 'Evaluate' })).toBeDisabled();
  await tinyBudget(page, '1');
  await t.getByLabel('Backend').selectOption('cpu');
  await trainToEnd(page);
  const reported = /final: train \d+\.\d % · test (\d+\.\d) %/.exec((await page.getByTestId('train-metrics').textContent()) ?? '')?.[1];
  expect(reported).toBeDefined();
  const json = await exportWeights(page);
  const file = testInfo.outputPath('sound-localisation.weights.json');
  writeFileSync(file, JSON.stringify(json));

  // A fresh page and document: the same test set (64 samples, seed 1), the exported weights loaded and evaluated.
  t = await openTraining(page, 'sound-localisation');
  await tinyBudget(page, '1');
  await t.getByLabel('Backend').selectOption('cpu');
  await loadWeightsFile(page, file);
  await expect(page.getByTestId('train-weights')).toHaveText('Weights: loaded from sound-localisation.weights.json');
  await expect(page.getByTestId('train-load-warning')).toHaveCount(0); // the same document: the hash matches
  await t.getByRole('button', { name: 'Evaluate' }).click();
  await expect(page.getByTestId('train-state')).toHaveText(new RegExp(`^Evaluated sound-localisation\\.weights\\.json: test ${reported!.replace('.', '\\.')} % \\(64 samples, seed 1\\) in`), { timeout: 60_000 });
  await expect(page.getByTestId('train-evaluation')).toContainText(`sound-localisation.weights.json: test ${reported} % · |IPD error|`);
  await expect(page.getByTestId('train-evaluation')).toContainText('(64 test samples, seed 1, CPU)');
  const cells = await t.getByRole('table', { name: 'Confusion matrix' }).locator('tbody td').allTextContents();
  expect(cells.reduce((a, c) => a + (Number(c) || 0), 0)).toBe(64);
  // The GPU backend evaluates the same file (float32: the accuracy may differ by a sample, so only its form).
  await t.getByLabel('Backend').selectOption('gpu');
  await t.getByRole('button', { name: 'Evaluate' }).click();
  await expect(page.getByTestId('train-state')).toHaveText(/^Evaluated sound-localisation\.weights\.json: test \d+\.\d % \(64 samples, seed 1\) in/, { timeout: 60_000 });
  await expect(page.getByTestId('train-evaluation')).toContainText(/\(64 test samples, seed 1, GPU \(.+\)\)/);

  // Train continues from the loaded weights; Export writes the continued ones.
  await t.getByLabel('Backend').selectOption('cpu');
  await expect(t.getByText('Train starts from sound-localisation.weights.json')).toHaveCount(0);
  await trainToEnd(page);
  await expect(page.getByTestId('train-weights')).toHaveText('Weights: trained from sound-localisation.weights.json (1 epoch here)');
  await expect(t.getByText('Train starts from sound-localisation.weights.json')).toBeVisible();
  const continued = await exportWeights(page);
  expect(continued.projections.hidden_out.weights).not.toEqual(json.projections.hidden_out.weights);

  // Files that do not fit: the JSON path of each problem, and nothing else changes.
  const edited = structuredClone(json);
  edited.projections.hidden_out.shape = [30, 11];
  edited.projections.hidden_out.weights = edited.projections.hidden_out.weights.map((r: number[]) => r.slice(0, 11));
  const editedFile = testInfo.outputPath('edited.weights.json');
  writeFileSync(editedFile, JSON.stringify(edited));
  await loadWeightsFile(page, editedFile);
  const problem = page.getByTestId('train-load-problem');
  await expect(problem).toContainText('edited.weights.json: these weights do not fit sound-localisation');
  await expect(problem).toContainText('error: projections.hidden_out.shape: is [30, 11], but the network needs [30, 12] (hidden → output)');
  await expect(page.getByTestId('train-weights')).toHaveText('Weights: trained from sound-localisation.weights.json (1 epoch here)');
  await loadWeightsFile(page, 'resources/examples/sound-localisation.snn.json');
  await expect(problem).toContainText('sound-localisation.snn.json: invalid weights file');
  await expect(problem).toContainText('error: format: must be "snn-weights", got "snn-network": this is not an SNN Studio weights file');
  await expect(t.getByRole('button', { name: 'Export weights' })).toBeEnabled();

  // An edited document (its description): the file still fits, so it loads with the CLI's warning.
  const description = areas(page).inspector.getByLabel('Description');
  await description.fill('edited after training');
  await description.press('Enter');
  await loadWeightsFile(page, file);
  await expect(problem).toHaveCount(0);
  await expect(page.getByTestId('train-load-warning'))
    .toHaveText('sound-localisation.weights.json: warning: network.source_sha256: the network file changed since these weights were trained');
  await expect(t.getByText('Train starts from sound-localisation.weights.json')).toBeVisible();
});

test('a network that cannot be trained shows the planner\'s diagnostic instead of the panel', async ({ page }) => {
  const t = await openTraining(page, 'lif-neuron');
  await expect(t.getByRole('heading', { name: 'This network cannot be trained' })).toBeVisible();
  await expect(t.getByTestId('train-diagnostics')).toContainText('nodes: training needs exactly one input node, of model "dataset" (found "input" (spike_generator))');
  await expect(t.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  // The run results are one click away.
  await page.getByRole('tab', { name: 'Run results' }).click();
  await expect(page.getByRole('region', { name: 'Spike raster' })).toBeVisible();
  await expect(training(page)).toHaveCount(0);
  // And a new run brings them to the front by itself.
  await page.getByRole('tab', { name: 'Training' }).click();
  await expect(training(page)).toBeVisible();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Run results' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Spike raster' })).toBeVisible();
});
