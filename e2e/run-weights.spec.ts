// Save weights after a run with plastic projections: the STDP example run for 200 ms on the CPU in the app
// saves the same final weights `snn run --weights-out` writes for that run (the same engine, seed and steps),
// a valid weights file with the [pre][post] matrix of the plastic projection.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import { areas, openApp, useUploadDownload } from './helpers';

const Ajv2020 = ((Ajv2020Module as unknown as { default?: typeof Ajv2020Module }).default ?? Ajv2020Module);

test('Save weights after an STDP run equals snn run --weights-out for the same run', async ({ page }) => {
  test.setTimeout(180_000);
  await useUploadDownload(page);
  await openApp(page);
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('button', { name: 'Open stdp', exact: true }).click();
  const run = areas(page).run;
  await expect(run.getByRole('button', { name: 'Save weights' })).toHaveCount(0);
  await run.getByLabel('Backend').selectOption('cpu');
  const duration = run.getByLabel('Duration', { exact: true });
  await duration.fill('200');
  await duration.press('Enter');
  await run.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 120_000 });
  const download = page.waitForEvent('download');
  await run.getByRole('button', { name: 'Save weights' }).click();
  const d = await download;
  expect(d.suggestedFilename()).toBe('stdp.run-weights.json');
  const saved = JSON.parse(readFileSync((await d.path())!, 'utf8'));
  const schema = JSON.parse(readFileSync('resources/schemas/weights.schema.json', 'utf8'));
  const check = new Ajv2020({ strict: false }).compile(schema);
  expect(check(saved) ? [] : check.errors).toEqual([]);
  expect(saved.projections.inputs_neuron).toMatchObject({ source: 'inputs', target: 'neuron', shape: [200, 1] });

  const dir = mkdtempSync(join(tmpdir(), 'snn-e2e-wout-'));
  execFileSync('node', ['bin/snn.mjs', 'run', 'resources/examples/stdp.snn.json', '--backend', 'cpu', '--duration', '200', '--weights-out', join(dir, 'w.json'), '--out', join(dir, 'r.json')], { stdio: 'pipe' });
  const cli = JSON.parse(readFileSync(join(dir, 'w.json'), 'utf8'));
  // The same f32 weights, written as the doubles they equal: exactly equal.
  expect(saved.projections.inputs_neuron.weights).toEqual(cli.projections.inputs_neuron.weights);
});
