// Run journeys: build a network from the palette and run it (spikes appear in the raster), and run an
// example on the GPU (WebGPU on SwiftShader in CI) and on the CPU: both engines give the same spike count.
import { test, expect, type Page } from '@playwright/test';
import { addFromPalette, areas, node, openApp } from './helpers';

async function runToEnd(page: Page) {
  await areas(page).run.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 120_000 });
  return (await page.getByRole('region', { name: 'Spike raster' }).getByTestId('raster-summary').textContent()) ?? '';
}

/** The lif-neuron example, run for one Step and left paused; returns the run controls. */
async function pausedLifNeuron(page: Page) {
  await openApp(page);
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('button', { name: 'Open lif-neuron' }).click();
  const run = areas(page).run;
  await run.getByRole('button', { name: 'Step' }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Paused');
  return run;
}

test('build a network, run it and see spikes and membrane traces', async ({ page }) => {
  await openApp(page);
  const { inspector } = areas(page);
  await addFromPalette(page, 'Poisson input');
  const rate = inspector.getByLabel('rate', { exact: true });
  await rate.fill('200');
  await rate.press('Enter');
  await addFromPalette(page, 'LIF population');
  await addFromPalette(page, 'Membrane monitor'); // on the selected node: lif
  await expect(node(page, 'lif')).toContainText('v');
  await node(page, 'poisson').click();
  await inspector.getByLabel('Connect to').selectOption('lif');
  await inspector.getByRole('button', { name: 'Connect' }).click();

  const summary = await runToEnd(page);
  expect(summary).toMatch(/^[\d,]+ spikes in 100 ms$/);
  expect(Number(summary.split(' ')[0].replace(/,/g, ''))).toBeGreaterThan(0);
  await expect(page.getByRole('progressbar', { name: 'Run progress' })).toHaveAttribute('value', '1000');
  await expect(page.getByRole('region', { name: 'Membrane traces' })).toContainText('lif.v[0]');
});

test('run an example on the GPU and on the CPU: the same spikes', async ({ page }) => {
  await openApp(page);
  await expect(areas(page).status).toContainText('WebGPU adapter');
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('button', { name: 'Open coincidence-detection' }).click();
  const backend = areas(page).run.getByLabel('Backend');
  await expect(backend).toHaveValue('gpu');
  const gpu = await runToEnd(page);
  expect(gpu).toMatch(/^[\d,]+ spikes in 1000 ms$/);
  await backend.selectOption('cpu');
  const cpu = await runToEnd(page);
  expect(cpu).toBe(gpu);
});

test('pause, step and stop a run', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('button', { name: 'Open lif-neuron' }).click();
  const run = areas(page).run;
  await run.getByLabel('Backend').selectOption('cpu');
  // Step runs 1 ms from t = 0 and pauses; a second Step adds 1 ms.
  await run.getByRole('button', { name: 'Step' }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Paused');
  await expect(page.getByTestId('run-time')).toHaveText('1 / 100 ms');
  await run.getByRole('button', { name: 'Step' }).click();
  await expect(page.getByTestId('run-time')).toHaveText('2 / 100 ms');
  await run.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Stopped');
  await expect(page.getByTestId('run-time')).toHaveText('2 / 100 ms');

  // At a tenth of real time the 100 ms run takes a second: Pause stops it part-way, Run resumes to the end.
  await run.getByLabel('Speed').selectOption('0.1');
  await run.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText(/Running/);
  await run.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Paused');
  await expect(page.getByTestId('run-time')).not.toHaveText('100 / 100 ms');
  await run.getByLabel('Speed').selectOption('max');
  await run.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished');
  await expect(page.getByTestId('run-time')).toHaveText('100 / 100 ms');
  await expect(page.getByTestId('raster-summary')).toHaveText('4 spikes in 100 ms');
});

test('a parameter changed while paused takes effect when the run resumes', async ({ page }) => {
  const run = await pausedLifNeuron(page);
  // Raise the threshold out of reach: the third input spike (60 ms) no longer makes the neuron fire.
  await node(page, 'neuron').click();
  const vth = areas(page).inspector.getByLabel('v_th', { exact: true });
  await vth.fill('100');
  await vth.press('Enter');
  await run.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished');
  await expect(page.getByTestId('raster-summary')).toHaveText('3 spikes in 100 ms');
});

test('the one-neuron tutorial built from an empty canvas gives the same spikes as its example', async ({ page }) => {
  await openApp(page);
  const { inspector } = areas(page);
  const set = async (label: string, value: string) => {
    const f = inspector.getByLabel(label, { exact: true });
    await f.fill(value);
    await f.press('Enter');
    await expect(f).toHaveAttribute('aria-invalid', 'false');
  };
  await addFromPalette(page, 'Spike generator');
  await set('Spike times', '20, 40, 60');
  await addFromPalette(page, 'LIF population');
  await set('Size', '1');
  await set('tau', '50');
  await node(page, 'spike_generator').click();
  await inspector.getByLabel('Connect to').selectOption('lif');
  await inspector.getByRole('button', { name: 'Connect' }).click();
  await expect(node(page, 'spike_generator')).toContainText('1 neuron');
  expect(await runToEnd(page)).toBe('4 spikes in 100 ms'); // 3 input spikes, and the neuron fires once at 60 ms
});

test('the coincidence-detection tutorial built with the mouse gives the same spikes as its example', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('button', { name: 'Open coincidence-detection' }).click();
  const backend = areas(page).run.getByLabel('Backend');
  await backend.selectOption('cpu');
  const expected = await runToEnd(page);

  page.once('dialog', (d) => void d.accept()); // New over the (unchanged) example asks nothing; accept if it does
  await page.getByRole('button', { name: 'New' }).click();
  await expect(node(page, 'ears')).toHaveCount(0);
  const { inspector, canvas, palette } = areas(page);
  const set = async (label: string, value: string) => {
    const f = inspector.getByLabel(label, { exact: true });
    await f.fill(value);
    await f.press('Enter');
    await expect(f).toHaveAttribute('aria-invalid', 'false');
  };
  await palette.getByRole('button', { name: 'Sound source (two ears)' }).dragTo(canvas, { targetPosition: { x: 150, y: 150 } });
  await node(page, 'sound_source').click();
  await set('IPD', '90');
  await palette.getByRole('button', { name: 'LIF population', exact: true }).dragTo(canvas, { targetPosition: { x: 550, y: 150 } });
  await node(page, 'lif').click();
  await set('Size', '100');
  await set('tau', '1');
  await page.getByTitle('Output of sound_source').dragTo(page.getByTitle('Input of lif'));
  await canvas.getByText('all-to-all · delta').click();
  await expect(inspector.getByRole('heading', { name: 'Projection' })).toBeVisible();
  await inspector.getByLabel('Delay kind').selectOption('expression');
  await set('Delay expression', 'pre == 1 ? 1000 * post / ((n_post - 1) * 50) : 0');
  await expect(canvas.getByText('all-to-all · delta · delay f(pre, post)')).toBeVisible();
  const duration = areas(page).run.getByLabel('Duration');
  await duration.fill('1000');
  await duration.press('Enter');
  await backend.selectOption('cpu');
  expect(await runToEnd(page)).toBe(expected);
});

test('a network with problems is marked and not run', async ({ page }) => {
  await openApp(page);
  const { inspector, canvas } = areas(page);
  await addFromPalette(page, 'Poisson input');
  await addFromPalette(page, 'LIF population');
  await node(page, 'poisson').click();
  await inspector.getByLabel('Connect to').selectOption('lif');
  await inspector.getByRole('button', { name: 'Connect' }).click();
  await canvas.getByText('all-to-all · delta').click();
  await inspector.getByLabel('Rule').selectOption('one_to_one');
  // One-to-one needs equal sizes: shrinking the target makes the document invalid, shown on the node's edge and field.
  await node(page, 'lif').click();
  const size = inspector.getByLabel('Size');
  await size.fill('5');
  await size.press('Enter');
  await canvas.getByText('one-to-one · delta').click();
  await expect(inspector.getByText('one_to_one needs equal sizes, but "poisson" has 10 and "lif" has 5')).toBeVisible();
  // Run is disabled and the run bar says why, with a button that shows the projection at fault.
  await expect(areas(page).run.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  await expect(page.getByTestId('run-gate')).toContainText('Cannot run: projections[0].connectivity: one_to_one needs equal sizes');
  await expect(page.getByTestId('run-state')).toHaveText('Ready');
});

test('an edit that changes the compiled network keeps a paused run paused and says so', async ({ page }) => {
  const run = await pausedLifNeuron(page);
  // A constant weight is baked into the compiled projection: it cannot be rewritten in place.
  await areas(page).canvas.getByText('all-to-all · delta').click();
  const weight = areas(page).inspector.getByLabel('Weight', { exact: true });
  await weight.fill('1.5');
  await weight.press('Enter');
  await run.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-state')).toContainText('Paused: the network changed');
  await expect(page.getByTestId('run-state')).toContainText('Stop and Run again');
  await run.getByRole('button', { name: 'Stop' }).click();
  expect(await runToEnd(page)).toBe('6 spikes in 100 ms'); // after a fresh start every input spike fires the neuron
});
