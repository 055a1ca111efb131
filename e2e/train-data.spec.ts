// Training on your own data in the app (docs/training.md, "Your own data"): the test writes small SHD-layout
// data files (.json, .csv always; .h5 through h5py when /usr/bin/python3 has it), chooses one with Data file…
// in the Training tab of the sound-localisation example, sees its facts and the preview raster of its first
// samples with their labels, trains one short epoch on it on the CPU (no IPD error shown: files carry none),
// and sees a bad file refused with the file and the line.
import { test, expect, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, useUploadDownload } from './helpers';
import { h5pyMissing, writeShd, type ShdSample } from '../test/datasets/shd-files';

const dir = mkdtempSync(join(tmpdir(), 'snn-e2e-data-'));
const training = (page: Page) => page.getByRole('region', { name: 'Training' });

/** 40 samples, 3 classes (label i % 3), 200 units: class c fires units 60c..60c+9 at 2k + c ms (k = 0..9). */
const SAMPLES: ShdSample[] = Array.from({ length: 40 }, (_, i) => {
  const c = i % 3;
  return { label: c, times: Array.from({ length: 10 }, (_, k) => (2 * k + c) / 1000), units: Array.from({ length: 10 }, (_, k) => 60 * c + k) };
});
const SPIKES = SAMPLES.reduce((a, s) => a + s.times.length, 0);

function writeJson(name: string) {
  writeFileSync(join(dir, name), JSON.stringify({ units: 200, samples: SAMPLES.map((s) => ({ label: s.label, times_ms: s.times.map((t) => +(t * 1000).toFixed(6)), units: s.units })) }));
  return join(dir, name);
}
function writeCsv(name: string, rows?: string[]) {
  writeFileSync(join(dir, name), ['sample,label,time_ms,unit', ...(rows ?? SAMPLES.flatMap((s, i) => s.times.map((t, k) => `${i},${s.label},${+(t * 1000).toFixed(6)},${s.units[k]}`)))].join('\n') + '\n');
  return join(dir, name);
}

async function openTraining(page: Page) {
  await useUploadDownload(page);
  await openApp(page);
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('button', { name: 'Open sound-localisation', exact: true }).click();
  await page.getByRole('tab', { name: 'Training' }).click();
  const t = training(page);
  await t.getByLabel('Backend', { exact: true }).selectOption('cpu');
  const epochs = t.getByLabel('Epochs', { exact: true });
  await epochs.fill('1');
  await epochs.press('Enter');
  return t;
}

async function chooseFile(page: Page, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await training(page).getByRole('button', { name: 'Data file…' }).click();
  await (await chooser).setFiles(path);
}

async function expectPreview(page: Page, name: string, units: string) {
  const t = training(page);
  await expect(page.getByTestId('train-data-source')).toContainText(`Training data: ${name} (20 % to the test split)`);
  const facts = page.getByTestId('train-data-facts');
  await expect(facts).toContainText(`file${name}`);
  await expect(facts).toContainText('samples40');
  await expect(facts).toContainText(`units${units}`);
  await expect(facts).toContainText('classes3 (14 / 13 / 13 samples)');
  await expect(facts).toContainText(`spikes${SPIKES}`);
  await expect(facts).toContainText('last spike 20.0 ms');
  // The plan shows the file's split sizes (40 samples, about 20 % to test), not the document's sample counts.
  const data = await t.getByRole('region', { name: 'Training plan' }).locator('dt:text-is("Data") + dd').textContent();
  const m = /^(\d+) train \(\d+ batch(es)? of \d+\), (\d+) test;/.exec(data ?? '');
  expect(m, data ?? '').not.toBeNull();
  expect(Number(m![1]) + Number(m![3])).toBe(40);
  // The first four samples with their labels, each raster with its spikes.
  const rasters = page.getByTestId('train-data-preview').getByRole('img');
  await expect(rasters).toHaveCount(4);
  for (let i = 0; i < 4; i++) await expect(rasters.nth(i)).toHaveAccessibleName(`sample ${i}, label ${i % 3}, 10 spikes`);
  await expect(t.locator('.train-data-sample figcaption').nth(2)).toHaveText('sample 2 · label 2');
  expect((await rasters.nth(1).locator('path').getAttribute('d'))?.match(/M/g)).toHaveLength(10);
}

async function trainOneEpoch(page: Page) {
  const t = training(page);
  await t.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-state')).toHaveText(/^Finished: 1 epoch, test \d+\.\d % in/, { timeout: 90_000 });
  const metrics = page.getByTestId('train-metrics');
  await expect(metrics).toContainText(/epoch 1: loss \d+\.\d{3} · train \d+\.\d % · test \d+\.\d %/);
  await expect(metrics).not.toContainText('IPD');
  // Every test-split sample counted once in the confusion matrix: 40 samples, about 20 % in the test split.
  const cells = await t.getByRole('table', { name: 'Confusion matrix' }).locator('tbody td').allTextContents();
  const total = cells.reduce((a, c) => a + (Number(c) || 0), 0);
  expect(total).toBeGreaterThan(0);
  expect(total).toBeLessThan(40);
}

test('a JSON data file: facts, preview raster with labels, one short epoch; the document names the file (undoable)', async ({ page }) => {
  await openTraining(page);
  await expect(page.getByTestId('train-data-source')).toContainText('the dataset node\'s generated task');
  await chooseFile(page, writeJson('small.json'));
  await expectPreview(page, 'small.json', '200 (input 200)');
  await trainOneEpoch(page);
  // Undo removes data.file: training is back on the generated task (the file stays read, unused).
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('train-data-source')).toContainText('the dataset node\'s generated task');
});

test('a CSV data file previews; a bad CSV is refused with the file and the line', async ({ page }) => {
  await openTraining(page);
  await chooseFile(page, writeCsv('bad.csv', ['0,1,2.5,3', '1,x,1,1']));
  await expect(page.getByTestId('train-data-problem')).toHaveText('bad.csv: line 3: label "x" is not an integer ≥ 0');
  await expect(page.getByTestId('train-data-facts')).toHaveCount(0);
  await chooseFile(page, writeCsv('small.csv'));
  await expect(page.getByTestId('train-data-problem')).toHaveCount(0);
  // Units inferred from the spikes: 1 + the largest unit (130), fewer than the input's 200.
  await expectPreview(page, 'small.csv', '130 (input 200)');
});

const missing = h5pyMissing();
test('an SHD-layout .h5 file (written by h5py) previews and trains one short epoch', async ({ page }) => {
  test.skip(missing !== null, `skipped: ${missing}`);
  writeShd(join(dir, 'small.h5'), SAMPLES);
  await openTraining(page);
  await chooseFile(page, join(dir, 'small.h5'));
  await expectPreview(page, 'small.h5', '130 (input 200)');
  await trainOneEpoch(page);
});
