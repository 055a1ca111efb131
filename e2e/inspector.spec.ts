// Inspector journeys for what it edits beyond scalar parameters: a Poisson group's per-neuron rates (checked as
// typed, used by the run, saved), explicit connectivity as `pre post` lines (problems by line), STDP constants
// (undo restores), a state monitor's generated id following its variable, and the read-only banner.
import { readFile } from 'node:fs/promises';
import { test, expect, type Page } from '@playwright/test';
import { addFromPalette, areas, node, openApp, useUploadDownload } from './helpers';

const edit = (page: Page) => page.getByRole('toolbar', { name: 'Edit' });

async function setSize(page: Page, id: string, size: number) {
  await node(page, id).click();
  const field = areas(page).inspector.getByLabel('Size', { exact: true });
  await field.fill(String(size));
  await field.press('Enter');
  await expect(node(page, id)).toContainText(`${size} neuron${size === 1 ? '' : 's'}`);
}

/** Poisson (size `pre`) → LIF (size `post`), connected all-to-all from the inspector; the projection selected. */
async function connected(page: Page, pre: number, post: number) {
  const { inspector, canvas } = areas(page);
  await addFromPalette(page, 'Poisson input');
  await addFromPalette(page, 'LIF population');
  await setSize(page, 'lif', post);
  await setSize(page, 'poisson', pre);
  await inspector.getByLabel('Connect to').selectOption('lif');
  await inspector.getByRole('button', { name: 'Connect' }).click();
  await canvas.getByText('all-to-all · delta').click();
  await expect(inspector.getByRole('heading', { name: 'Projection' })).toBeVisible();
}

test('per-neuron rates: checked as typed, one undo step, and only the neuron with a rate fires', async ({ page }) => {
  await useUploadDownload(page);
  await openApp(page);
  const { inspector, run } = areas(page);
  await addFromPalette(page, 'Poisson input');
  await setSize(page, 'poisson', 5);
  const rates = inspector.getByLabel('Rates per neuron', { exact: true });
  const shape = inspector.getByLabel('rate shape', { exact: true });
  await expect(rates).toHaveValue('');
  await expect(shape).toHaveValue('constant');

  // Wrong count, a negative rate, one above the catalogue's maximum: shown beside the field, never written.
  await rates.fill('0, 0, 800');
  await expect(rates).toHaveAttribute('aria-invalid', 'true');
  await expect(inspector).toContainText('3 rates for 5 entries: give 5 or one for all');
  await rates.fill('0, -5, 800, 0, 0');
  await expect(inspector).toContainText('rate 2: -5 Hz is below the minimum 0 Hz');
  await rates.fill('0, 0, 2e5, 0, 0');
  await expect(inspector).toContainText('rate 3: 200000 Hz is above the maximum 100000 Hz');
  await rates.press('Enter');
  await rates.blur();
  await expect(rates).toHaveAttribute('aria-invalid', 'true');
  await expect(shape).toHaveValue('constant');

  await rates.fill('0 0 800 0*2');
  await rates.press('Enter');
  await expect(rates).toHaveValue('0, 0, 800, 0, 0');
  await expect(rates).toHaveAttribute('aria-invalid', 'false');
  await expect(shape).toHaveValue('data'); // the list is used only with rate shape "data": set in the same step
  await expect(inspector).toContainText('Not used while rate shape is data');

  // One undo step takes back both the list and the shape; redo brings them again.
  await edit(page).getByRole('button', { name: 'Undo' }).click();
  await expect(rates).toHaveValue('');
  await expect(shape).toHaveValue('constant');
  await edit(page).getByRole('button', { name: 'Redo' }).click();
  await expect(rates).toHaveValue('0, 0, 800, 0, 0');
  await expect(shape).toHaveValue('data');

  // Run on the CPU: four neurons at 0 Hz, one at 800 Hz (the histogram's top bin holds exactly one neuron).
  await run.getByLabel('Backend').selectOption('cpu');
  await run.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 120_000 });
  const summary = (await page.getByTestId('raster-summary').textContent()) ?? '';
  expect(Number(summary.split(' ')[0].replace(/,/g, ''))).toBeGreaterThan(40); // ~80 expected in 100 ms
  const histogram = page.getByRole('region', { name: 'Firing rates' }).getByRole('img', { name: /^poisson: neurons by rate/ });
  const maxHz = Number(/0 to ([\d.]+) Hz/.exec((await histogram.getAttribute('aria-label')) ?? '')?.[1]);
  expect(maxHz).toBeGreaterThan(500);
  expect(maxHz).toBeLessThan(1200);
  const heights = await histogram.locator('rect').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('height'))));
  expect(heights[0]).toBeCloseTo(38); // 4 silent neurons: the tallest bar
  expect(heights.at(-1)).toBeCloseTo(38 / 4); // 1 neuron at the top rate
  expect(heights.slice(1, -1).every((h) => h === 0)).toBe(true);

  // The saved document holds the list and the shape.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const saved = JSON.parse(await readFile(await (await download).path(), 'utf8'));
  expect(saved.nodes[0]).toMatchObject({ id: 'poisson', size: 5, params: { shape: 'data' }, data: { rates_hz: [0, 0, 800, 0, 0] } });
});

test('explicit connectivity: pre post lines checked against both populations, problems by line', async ({ page }) => {
  await openApp(page);
  const { inspector } = areas(page);
  await connected(page, 3, 2);
  await inspector.getByLabel('Rule', { exact: true }).selectOption('explicit');
  const pairs = inspector.getByLabel('Pairs', { exact: true });
  await expect(pairs).toHaveValue('');

  await pairs.fill('0 1\n5 0\n2 -> 1\n1 3\n0 x');
  await expect(pairs).toHaveAttribute('aria-invalid', 'true');
  const error = inspector.locator('.field-error').filter({ hasText: 'Line 2' });
  await expect(error).toContainText('Line 2: pre 5 is out of range: the source has 3 neurons (0-2)');
  await expect(error).toContainText('Line 4: post 3 is out of range: the target has 2 neurons (0-1)');
  await expect(error).toContainText('Line 5: post "x" is not a neuron index');
  await pairs.blur(); // not applied: the document keeps its empty list
  await expect(pairs).toHaveAttribute('aria-invalid', 'true');
  await expect(inspector.getByLabel('Distribution', { exact: true })).toHaveValue('constant');

  // Mixed columns are refused too; then a valid list with weights, applied with Ctrl+Enter.
  await pairs.fill('0 1 0.5\n2 1');
  await expect(inspector).toContainText('Line 2: gives no weight, but line 1 does');
  await pairs.fill('0 1 0.5\n2 -> 1 0.25   # strong\n1 0 1');
  await expect(pairs).toHaveAttribute('aria-invalid', 'false');
  await pairs.press('Control+Enter');
  await expect(pairs).toHaveValue('0 1 w=0.5\n2 1 w=0.25\n1 0 w=1');
  await expect(inspector.getByLabel('Distribution', { exact: true })).toHaveValue('explicit');
  await expect(inspector).toContainText('3 weights, listed with the pairs');

  await edit(page).getByRole('button', { name: 'Undo' }).click();
  await expect(pairs).toHaveValue('');
  await expect(inspector.getByLabel('Distribution', { exact: true })).toHaveValue('constant');
  await edit(page).getByRole('button', { name: 'Redo' }).click();
  await expect(pairs).toHaveValue('0 1 w=0.5\n2 1 w=0.25\n1 0 w=1');
  await areas(page).canvas.click({ position: { x: 20, y: 20 } });
  await expect(inspector).toContainText('None: the network is valid.');
});

test('an explicit weight list on an all-to-all projection: one value per synapse, or one for all', async ({ page }) => {
  await openApp(page);
  const { inspector } = areas(page);
  await connected(page, 2, 2);
  await inspector.getByLabel('Distribution', { exact: true }).selectOption('explicit');
  const weights = inspector.getByLabel('Weights', { exact: true });
  await weights.fill('0.1, 0.2');
  await expect(inspector).toContainText('2 values for 4 entries: give 4 or one for all');
  await weights.fill('0.1 0.2 0.3 x');
  await expect(inspector).toContainText('"x" is not a number');
  await weights.fill('0.1 0.2 0.3 0.4');
  await weights.press('Enter');
  await expect(weights).toHaveValue('0.1, 0.2, 0.3, 0.4');
  await weights.fill('0.25');
  await weights.press('Enter');
  await expect(weights).toHaveValue('0.25');
  await edit(page).getByRole('button', { name: 'Undo' }).click();
  await expect(weights).toHaveValue('0.1, 0.2, 0.3, 0.4');
  await areas(page).canvas.click({ position: { x: 20, y: 20 } });
  await expect(inspector).toContainText('None: the network is valid.');
});

test('STDP: enable, edit its constants (refusing bad ones), and undo restores each step', async ({ page }) => {
  await openApp(page);
  const { inspector, canvas } = areas(page);
  await connected(page, 4, 4);
  const stdp = inspector.getByLabel('STDP plasticity', { exact: true });
  const aPlus = inspector.getByLabel('Potentiation A+', { exact: true });
  const wMax = inspector.getByLabel('Maximum weight', { exact: true });
  const tauMinus = inspector.getByLabel('Depression window τ−', { exact: true });
  await expect(aPlus).toHaveCount(0);
  await stdp.check();
  await expect(canvas.getByText('all-to-all · delta · STDP')).toBeVisible();
  await expect(aPlus).toHaveValue('0.01');
  await expect(inspector.getByLabel('Depression A−', { exact: true })).toHaveValue('0.0105');
  await expect(inspector.getByLabel('Potentiation window τ+', { exact: true })).toHaveValue('20');
  await expect(tauMinus).toHaveValue('20');
  await expect(inspector.getByLabel('Minimum weight', { exact: true })).toHaveValue('0');
  await expect(wMax).toHaveValue('1');

  await aPlus.fill('0.05');
  await aPlus.press('Enter');
  await expect(aPlus).toHaveValue('0.05');
  await wMax.fill('-1');
  await expect(wMax).toHaveAttribute('aria-invalid', 'true');
  await expect(inspector).toContainText('w_min (0) must not be above w_max (-1)');
  await wMax.press('Enter');
  await wMax.press('Escape');
  await expect(wMax).toHaveValue('1');
  await tauMinus.fill('0');
  await expect(inspector).toContainText('tau_minus_ms: must be above 0');
  await tauMinus.fill('35');
  await tauMinus.press('Enter');
  await expect(tauMinus).toHaveValue('35');

  const undo = edit(page).getByRole('button', { name: 'Undo' });
  await undo.click();
  await expect(tauMinus).toHaveValue('20');
  await expect(aPlus).toHaveValue('0.05');
  await undo.click();
  await expect(aPlus).toHaveValue('0.01');
  await undo.click();
  await expect(stdp).not.toBeChecked();
  await expect(aPlus).toHaveCount(0);
  await expect(canvas.getByText('all-to-all · delta', { exact: true })).toBeVisible();
  await edit(page).getByRole('button', { name: 'Redo' }).click();
  await expect(stdp).toBeChecked();
  await expect(aPlus).toHaveValue('0.01');
});

test('a membrane monitor named after its variable follows a new variable; undo brings the old name back', async ({ page }) => {
  await openApp(page);
  const { inspector } = areas(page);
  await addFromPalette(page, 'Izhikevich population');
  await addFromPalette(page, 'Membrane monitor');
  await expect(inspector.getByRole('group', { name: 'izhikevich_v' })).toBeVisible();
  await inspector.getByRole('group', { name: 'izhikevich_v' }).getByLabel('Variable', { exact: true }).selectOption('u');
  const renamed = inspector.getByRole('group', { name: 'izhikevich_u' });
  await expect(renamed.getByLabel('Variable', { exact: true })).toHaveValue('u');
  await expect(inspector.getByRole('button', { name: 'Remove izhikevich_u' })).toBeVisible();
  await expect(inspector.getByRole('group', { name: 'izhikevich_v' })).toHaveCount(0);
  await edit(page).getByRole('button', { name: 'Undo' }).click();
  await expect(inspector.getByRole('group', { name: 'izhikevich_v' }).getByLabel('Variable', { exact: true })).toHaveValue('v');
});

/** A stand-in for Electron's preload API (window.snn) whose Open gives a valid network marked read-only, as main
 *  marks a file it will not write; Save As "writes" to a new path. Records the calls. */
async function fakeDesktop(page: Page, text: string) {
  await page.addInitScript((fileText) => {
    const ok = <T extends object>(v: T) => Promise.resolve({ ok: true as const, ...v });
    const calls: string[] = [];
    const off = () => () => {};
    (globalThis as unknown as { snn: unknown; __calls: string[] }).__calls = calls;
    (globalThis as unknown as { snn: unknown }).snn = {
      files: {
        open: () => { calls.push('open'); return ok({ path: '/ro/locked.snn.json', name: 'locked.snn.json', text: fileText, readOnly: true, problem: null, message: '', diagnostics: [] }); },
        openRecent: () => Promise.resolve({ ok: false, code: 'io', error: 'not here' }),
        save: (_t: string, path?: string) => { calls.push(`save ${path}`); return ok({ path: path ?? '', name: 'x', savedAt: '' }); },
        saveAs: (_t: string, name?: string) => { calls.push(`saveAs ${name}`); return ok({ path: '/home/copy.snn.json', name: 'copy.snn.json', savedAt: new Date().toISOString() }); },
        listRecent: () => ok({ files: [] }),
        clearRecent: () => ok({}),
        takeOpenRequests: () => ok({ paths: [] }),
        onOpenFile: off,
      },
      recovery: { write: () => ok({}), check: () => ok({ recovery: null }), clear: () => ok({}) },
      settings: { get: () => ok({ value: null }), set: () => ok({}) },
      app: {
        getVersion: () => ok({ version: '0', electron: '0', platform: 'linux' }),
        askUnsaved: () => ok({ choice: 'discard' }),
        confirmClose: () => ok({}),
        onCloseRequested: off,
        onMenuCommand: off,
      },
      window: { setTitle: () => ok({}), setDocumentEdited: () => ok({}) },
    };
  }, text);
}

test('a file the host opens read-only shows a banner with Save As; Save asks where, and the banner goes after Save As', async ({ page }) => {
  const lif = JSON.parse(await readFile('resources/examples/lif-neuron.snn.json', 'utf8'));
  await fakeDesktop(page, JSON.stringify(lif));
  await openApp(page);
  const banner = page.getByRole('status', { name: 'Read-only file' });
  await expect(banner).toHaveCount(0);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('lif-neuron');
  await expect(banner).toContainText('Read-only: locked.snn.json will not be written to. Save As to keep your changes in a new file.');

  // Save never writes the read-only file: it asks where (Save As) and the banner goes.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(banner).toHaveCount(0);
  const calls = await page.evaluate(() => (globalThis as unknown as { __calls: string[] }).__calls);
  expect(calls).toEqual(['open', 'saveAs lif-neuron.snn.json']);
  await expect(page.getByText('copy.snn.json', { exact: true })).toBeVisible();

  // Opened again: the banner's own Save As button does the same.
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Save As…' }).click();
  await expect(banner).toHaveCount(0);
  expect(await page.evaluate(() => (globalThis as unknown as { __calls: string[] }).__calls)).toEqual(['open', 'saveAs lif-neuron.snn.json', 'open', 'saveAs lif-neuron.snn.json']);
});
