// Editor journeys: build a small network from the palette, connect, set a parameter (validated as typed),
// undo/redo, and open an example from the gallery.
import { test, expect } from '@playwright/test';
import { addFromPalette, areas, node, openApp } from './helpers';


test('build a network from the palette, connect it and set a parameter', async ({ page }) => {
  await openApp(page);
  const { canvas, inspector, palette } = areas(page);
  // The hint names every way to add (it once read "or press to add", the key missing).
  await expect(palette.getByText('Drag onto the canvas, or click (or press Enter) to add.')).toBeVisible();

  // Drag a Poisson input and a LIF population from the palette onto the canvas.
  await palette.getByRole('button', { name: 'Poisson input', exact: true }).dragTo(canvas, { targetPosition: { x: 120, y: 200 } });
  await expect(node(page, 'poisson')).toBeVisible();
  // A node without a label shows its id once (the name line), not again beside the size.
  await expect(node(page, 'poisson').getByText('poisson', { exact: true })).toHaveCount(1);
  await palette.getByRole('button', { name: 'LIF population', exact: true }).dragTo(canvas, { targetPosition: { x: 520, y: 200 } });
  await expect(node(page, 'lif')).toContainText('10 neurons');
  await node(page, 'poisson').click();
  await expect(inspector.getByRole('heading', { name: 'Poisson input' })).toBeVisible();

  // Connect poisson → lif from the inspector: a projection with default rules appears as an edge.
  await inspector.getByLabel('Connect to').selectOption('lif');
  await inspector.getByRole('button', { name: 'Connect' }).click();
  await expect(canvas.getByText('all-to-all · delta')).toBeVisible();

  // Connecting the same pair again by dragging between handles is refused with the reason.
  await page.getByTitle('Output of poisson').dragTo(page.getByTitle('Input of lif'));
  await expect(page.getByRole('alert')).toContainText('Cannot connect: "poisson" is already connected to "lif"');

  // Set tau of the LIF population: bad values are flagged as typed and not applied.
  await node(page, 'lif').click();
  await expect(inspector.getByRole('heading', { name: 'LIF population' })).toBeVisible();
  const tau = inspector.getByLabel('tau', { exact: true });
  await tau.fill('abc');
  await expect(tau).toHaveAttribute('aria-invalid', 'true');
  await expect(inspector.getByText('"abc" is not a number')).toBeVisible();
  await tau.fill('-1');
  await expect(inspector.getByText('-1 ms is not above the minimum 0 ms')).toBeVisible();
  await tau.fill('20');
  await tau.press('Enter');
  await expect(tau).toHaveAttribute('aria-invalid', 'false');
  await expect(tau).toHaveValue('20');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('(unsaved changes)');

  // A monitor dropped on a node records it; the node shows the badge.
  await palette.getByRole('button', { name: 'Spike monitor' }).dragTo(node(page, 'lif'));
  await expect(node(page, 'lif').getByText('spikes', { exact: true })).toBeVisible();
  await expect(inspector.getByRole('button', { name: 'Remove lif_spikes' })).toBeVisible();
});

test('undo and redo with the keyboard and the toolbar', async ({ page }) => {
  await openApp(page);
  const { inspector } = areas(page);
  await addFromPalette(page, 'LIF population');
  await expect(node(page, 'lif')).toBeVisible();
  const tau = inspector.getByLabel('tau', { exact: true });
  await tau.fill('25');
  await tau.press('Enter');
  await expect(tau).toHaveValue('25');

  // Shortcuts act on the document when focus is not in a text field.
  await node(page, 'lif').click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(tau).toHaveValue('50'); // a new LIF's tau (NEW_NODE_PARAMS, the tutorial's 50 ms)
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(tau).toHaveValue('25');

  // Delete removes the node; Undo brings it back, Redo removes it again.
  await page.keyboard.press('Delete');
  await expect(node(page, 'lif')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(node(page, 'lif')).toBeVisible();
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(node(page, 'lif')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(node(page, 'lif')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
});

test('open an example from the gallery', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Examples' }).click();
  const gallery = page.getByRole('dialog', { name: 'Examples' });
  await expect(gallery).toContainText('Tutorial part 1');
  await gallery.getByRole('button', { name: 'Open coincidence-detection' }).click();
  await expect(gallery).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('coincidence-detection');
  await expect(node(page, 'ears')).toContainText('Sound source (two ears)');
  await expect(node(page, 'detectors')).toContainText('100 neurons');
  await expect(areas(page).canvas.getByText('all-to-all · delta · delay f(pre, post)')).toBeVisible();
});

test('copy and paste nodes with their projection; duplicate; auto-layout', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('button', { name: 'Open lif-neuron' }).click();
  const canvas = areas(page).canvas;
  // Select both nodes (Shift+click), copy, paste: copies with fresh ids and their projection.
  await node(page, 'input').click();
  await node(page, 'neuron').click({ modifiers: ['Shift'] });
  await page.keyboard.press('ControlOrMeta+c');
  await page.keyboard.press('ControlOrMeta+v');
  await expect(node(page, 'input_2')).toBeVisible();
  await expect(node(page, 'neuron_2')).toBeVisible();
  await expect(canvas.getByText('all-to-all · delta')).toHaveCount(2);
  // Duplicate (Ctrl/Cmd+D) the pasted, still selected, pair.
  await page.keyboard.press('ControlOrMeta+d');
  await expect(node(page, 'neuron_3')).toBeVisible();
  await expect(canvas.getByText('all-to-all · delta')).toHaveCount(3);
  // Auto-layout puts inputs in the first column, their targets in the second.
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  const x = async (id: string) => (await node(page, id).boundingBox())!.x;
  expect(await x('input_2')).toBeCloseTo(await x('input'), 0);
  expect(await x('neuron_3')).toBeGreaterThan(await x('input_3'));
  // One undo step per command: undo the layout, the duplicate and the paste.
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Undo' }).click();
  await expect(node(page, 'input_2')).toHaveCount(0);
  await expect(node(page, 'neuron')).toBeVisible();
});

test('align several selected nodes from the inspector', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('button', { name: 'Open lif-neuron' }).click();
  await node(page, 'input').click();
  await node(page, 'neuron').click({ modifiers: ['Shift'] });
  await expect(areas(page).inspector).toContainText('2 items selected.');
  await areas(page).inspector.getByRole('button', { name: 'Align left' }).click();
  const box = async (id: string) => (await node(page, id).boundingBox())!;
  await expect.poll(async () => Math.round((await box('neuron')).x - (await box('input')).x)).toBe(0);
  expect((await box('neuron')).y).toBeGreaterThan((await box('input')).y + (await box('input')).height);
});
