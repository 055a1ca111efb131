// The 3D view in Chromium. On its standalone harness (bench/view3d/harness: the coincidence-detection example run
// on the CPU engine): the canvas draws, lit somas follow the run's spikes, hover/selection, anatomy overlay,
// downloads, pausing when hidden. In the app: the example opens in the 3D view with selection linked both ways,
// after a Run the lit somas follow the spikes (checked against the CPU engine run here), and the stdp example's
// plastic weights are read while the view is shown, kept over time and equal a CPU run at each reading.
import { test, expect, type Page } from '@playwright/test';
import { inflateSync } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { ViteDevServer } from 'vite';
import { harnessUrl, serveHarness } from '../bench/view3d/serve';
import { areas, node, openApp } from './helpers';
import { loadDocument } from '../src/shared/graph';
import { compileNetwork } from '../src/shared/compiler';
import { createCpuEngine } from '../src/shared/engine/cpu-engine';
import { sampleSynapsesFromIR, sampleWeights } from '../src/renderer/view3d/ir';
import { weightSummary } from '../src/renderer/view3d/axons';

let server: ViteDevServer;
let HARNESS = '';

// A free port: other checkouts may run these tests on the same machine.
test.beforeAll(async () => { server = await serveHarness(0); HARNESS = harnessUrl(server); });
test.afterAll(async () => { await server?.close(); });

async function openExample(page: Page) {
  await page.setViewportSize({ width: 1200, height: 760 });
  await page.goto(`${HARNESS}?example=coincidence-detection&steps=3000`);
  // The first visit compiles the harness in Vite and runs the example: give it time.
  await page.waitForFunction(() => (globalThis as { __view3dReady?: boolean }).__view3dReady === true, null, { timeout: 120_000 });
  return page.getByRole('region', { name: '3D view' });
}

/** Decode an 8-bit RGB/RGBA PNG (what Playwright's screenshots are) and return the variance of its luminance. */
function lumaVariance(png: Buffer): number {
  let o = 8;
  let width = 0, height = 0, channels = 0;
  const idat: Buffer[] = [];
  while (o < png.length) {
    const len = png.readUInt32BE(o);
    const type = png.toString('ascii', o + 4, o + 8);
    const data = png.subarray(o + 8, o + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      channels = data[9] === 6 ? 4 : data[9] === 2 ? 3 : 0;
      if (data[8] !== 8 || !channels || data[12] !== 0) throw new Error('unexpected PNG format');
    }
    if (type === 'IDAT') idat.push(data);
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const img = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? img[y * stride + x - channels] : 0;
      const b = y > 0 ? img[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? img[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c;
      const pred = [0, a, b, (a + b) >> 1, Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c][f];
      img[y * stride + x] = (v + pred) & 255;
    }
  }
  let sum = 0, sum2 = 0;
  const n = width * height;
  for (let i = 0; i < n; i++) {
    const l = 0.2126 * img[i * channels] + 0.7152 * img[i * channels + 1] + 0.0722 * img[i * channels + 2];
    sum += l; sum2 += l * l;
  }
  return sum2 / n - (sum / n) ** 2;
}

test('the 3D canvas draws the network (non-blank pixels); its screenshot is kept', async ({ page }, info) => {
  const view = await openExample(page);
  const canvas = view.getByRole('img', { name: /3D view of coincidence-detection: 2 populations, 102 neurons/ });
  await expect(canvas).toBeVisible();
  await expect(view.locator('.view3d-stage')).toHaveAttribute('data-rendering', 'running');
  await expect(view.getByText('ears_detectors: all 200 synapses shown')).toBeVisible();
  await page.waitForTimeout(1500);
  const shot = await canvas.screenshot();
  expect(lumaVariance(shot)).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Anatomy' }).click();
  await expect(page.getByRole('note', { name: 'Synapse' })).toBeVisible();
  await page.waitForTimeout(500);
  const png = await view.screenshot({ type: 'png' });
  await info.attach('view3d.png', { body: png, contentType: 'image/png' });
  // VIEW3D_DOC_SHOT=1 refreshes the picture in the docs (not on every run: it is a tracked file).
  if (process.env.VIEW3D_DOC_SHOT === '1') {
    mkdirSync('docs/images', { recursive: true });
    writeFileSync('docs/images/view3d.png', png);
  }
});

test('the anatomy overlay labels soma, dendrite, axon and synapse and shows the glossary', async ({ page }) => {
  const view = await openExample(page);
  const toggle = view.getByRole('button', { name: 'Anatomy' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  for (const label of ['Soma (neuron)', 'Dendrite', 'Axon', 'Synapse']) {
    await expect(view.getByRole('note', { name: label })).toBeVisible();
  }
  const glossary = view.getByRole('complementary', { name: 'Glossary' });
  for (const term of ['Neuron', 'Synapse', 'Axon', 'Dendrite', 'Neuromorphic', 'Synaptic plasticity', 'Neurotransmitter']) {
    await expect(glossary.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) })).toBeVisible();
  }
  await toggle.click();
  await expect(view.getByRole('note', { name: 'Synapse' })).toHaveCount(0);
});

test('the number of lit somas follows the spikes of the run when scrubbing', async ({ page }) => {
  const view = await openExample(page);
  const stage = view.locator('.view3d-stage');
  await view.getByRole('button', { name: 'Pause' }).click();
  // At 1 ms/s a flash lasts its membrane tau (detectors 1 ms, ears 2 ms): a soma is lit for tau after its spike.
  await view.getByRole('combobox', { name: 'Playback speed' }).selectOption('1');
  const spikes = await page.evaluate(() => (globalThis as unknown as { __view3dSpikes: Record<string, [number, number][]> }).__view3dSpikes);
  const tau: Record<string, number> = { ears: 2, detectors: 1 };
  const expected = (t: number) => Object.entries(spikes).reduce((n, [pop, list]) => {
    const lit = new Set(list.filter(([s]) => s * 0.1 <= t && t - s * 0.1 < tau[pop]).map(([, i]) => i));
    return n + lit.size;
  }, 0);
  const seen: number[] = [];
  for (const t of [5.05, 12.35, 21.45, 33.15, 47.25, 88.85, 150.55, 250.05]) {
    await view.getByRole('slider', { name: 'Time' }).fill(String(t));
    await expect(stage).toHaveAttribute('data-time-ms', t.toFixed(2));
    await expect(stage).toHaveAttribute('data-lit-somas', String(expected(t)));
    seen.push(expected(t));
  }
  // The run has spikes in these windows, and not the same number each time.
  expect(Math.max(...seen)).toBeGreaterThan(0);
  expect(new Set(seen).size).toBeGreaterThan(1);
});

test('clicking a soma selects its population; hovering names the neuron', async ({ page }) => {
  const view = await openExample(page);
  await view.getByRole('combobox', { name: 'Focus on population' }).selectOption('detectors');
  await page.waitForTimeout(1200); // the camera flies for 0.6 s
  const box = (await view.locator('.view3d-stage').boundingBox())!;
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await expect(view.getByRole('tooltip')).toContainText(/Coincidence detectors · neuron (49|50)/);
  await expect(view.getByRole('tooltip')).toContainText(/rate \d+\.\d Hz · last spike/);
  await page.mouse.click(cx, cy);
  await expect(page.getByLabel('Selected population')).toHaveText('Selected: detectors');
  // The prop comes back to the view: the detectors' label is marked selected.
  await expect(view.locator('.view3d-label.selected')).toContainText('Coincidence detectors');
  await page.mouse.click(box.x + 20, box.y + 20);
  await expect(page.getByLabel('Selected population')).toHaveText('Selected: none');
});

test('Save PNG and Record clip download a PNG and a WebM of the view', async ({ page }) => {
  const view = await openExample(page);
  await page.waitForTimeout(500);
  const [png] = await Promise.all([page.waitForEvent('download'), view.getByRole('button', { name: 'Save PNG' }).click()]);
  expect(png.suggestedFilename()).toBe('snn-3d-view.png');
  const pngBytes = readFileSync((await png.path())!);
  expect(pngBytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  expect(lumaVariance(pngBytes)).toBeGreaterThan(20);

  await view.getByRole('button', { name: 'Record clip' }).click();
  await expect(view.getByRole('button', { name: 'Stop recording' })).toHaveAttribute('aria-pressed', 'true');
  await page.waitForTimeout(1500);
  const [clip] = await Promise.all([page.waitForEvent('download'), view.getByRole('button', { name: 'Stop recording' }).click()]);
  expect(clip.suggestedFilename()).toBe('snn-3d-view.webm');
  const webm = readFileSync((await clip.path())!);
  expect(webm.readUInt32BE(0)).toBe(0x1a45dfa3); // the EBML magic that opens every WebM file
  expect(webm.length).toBeGreaterThan(1000);
});

test('rendering pauses while the view is hidden and resumes when shown', async ({ page }) => {
  await openExample(page);
  // A CSS locator: a hidden view has no role in the accessibility tree.
  const stage = page.locator('.view3d-stage');
  await expect(stage).toHaveAttribute('data-rendering', 'running');
  await page.evaluate(() => { (globalThis as unknown as { document: { getElementById(id: string): { style: { display: string } } } }).document.getElementById('root').style.display = 'none'; });
  await expect(stage).toHaveAttribute('data-rendering', 'paused');
  const t = await stage.getAttribute('data-time-ms');
  await page.waitForTimeout(500);
  expect(await stage.getAttribute('data-time-ms')).toBe(t);
  await page.evaluate(() => { (globalThis as unknown as { document: { getElementById(id: string): { style: { display: string } } } }).document.getElementById('root').style.display = ''; });
  await expect(stage).toHaveAttribute('data-rendering', 'running');
});

test.describe('in the app', () => {
  test('the example opens in the 3D view beside the canvas, and selection is linked both ways', async ({ page }) => {
    await openApp(page);
    await page.getByRole('button', { name: 'Examples' }).click();
    await page.getByRole('dialog', { name: 'Examples' }).getByRole('button', { name: 'Open coincidence-detection' }).click();
    await page.getByRole('button', { name: 'Show 3D view' }).click();
    const view = page.getByRole('region', { name: '3D view' });
    const canvas = view.getByRole('img', { name: /3D view of coincidence-detection: 2 populations, 102 neurons/ });
    await expect(canvas).toBeVisible();
    await page.waitForTimeout(1000);
    expect(lumaVariance(await canvas.screenshot())).toBeGreaterThan(20);

    // Editor → 3D: selecting the ears node marks the ears' cluster.
    await node(page, 'ears').click();
    await expect(view.locator('.view3d-label.selected')).toContainText('Ears');
    // 3D → editor: clicking a detector soma selects the detectors in the editor (the inspector shows them).
    await view.getByRole('combobox', { name: 'Focus on population' }).selectOption('detectors');
    await page.waitForTimeout(1200);
    const box = (await view.locator('.view3d-stage').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(view.locator('.view3d-label.selected')).toContainText('Coincidence detectors');
    await expect(areas(page).inspector.getByRole('heading', { name: 'LIF population' })).toBeVisible();

    // The legend folds to its summary so it never has to cover a small view.
    const legend = view.getByLabel('3D view legend');
    await expect(legend.getByText(/spike in flight/)).toBeVisible();
    await legend.getByText('Legend', { exact: true }).click();
    await expect(legend.getByText(/spike in flight/)).toBeHidden();
  });

  test('STDP: weights read while the 3D view is shown, kept over time, and equal to a CPU run at each reading', async ({ page }) => {
    test.setTimeout(300_000);
    // The same network on the CPU engine here: the weights of the synapses the view draws at any step,
    // summarised as the legend does.
    const r = loadDocument(JSON.parse(readFileSync('resources/examples/stdp.snn.json', 'utf8')));
    if (!r.ok) throw new Error('example does not load');
    const ir = compileNetwork(r.doc, { seed: r.doc.simulation.seed });
    const index = sampleSynapsesFromIR(ir).inputs_neuron.index as Uint32Array;
    const summaryAt = async (step: number) => {
      const engine = createCpuEngine(ir);
      await engine.run({ steps: step });
      return weightSummary('inputs_neuron', await engine.readWeights('inputs_neuron', index), 0, 0.05);
    };
    const total = Math.round(r.doc.simulation.duration_ms / r.doc.simulation.dt_ms);
    const final = await summaryAt(total);
    // STDP has moved weights onto the bounds (the initial uniform draw puts none there): the line shows learning.
    expect(final).not.toMatch(/; 0 of 200 at/);

    await openApp(page);
    await page.getByRole('button', { name: 'Examples' }).click();
    await page.getByRole('dialog', { name: 'Examples' }).getByRole('button', { name: 'Open stdp' }).click();
    const run = areas(page).run;
    await run.getByLabel('Backend').selectOption('cpu');
    // With the 3D view closed: run at 0.1× real time for a while, then pause.
    await run.getByLabel('Speed').selectOption('0.1');
    await run.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('run-state')).toHaveText(/Running/, { timeout: 60_000 });
    await page.waitForTimeout(3000);
    await run.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByTestId('run-state')).toHaveText('Paused');

    // Open the view: it replays the run so far, goes Live at the paused step, and the worker reads the weights once.
    await page.getByRole('button', { name: 'Show 3D view' }).click();
    const view = page.getByRole('region', { name: '3D view' });
    const legend = view.getByLabel('3D view legend');
    const at = legend.getByTestId('view3d-weights-at');
    const shown = legend.getByTestId('view3d-weights');
    await expect(legend).toContainText('inputs_neuron: all 200 synapses shown');
    await expect(legend).toContainText('Plastic synapses: colour and thickness show weight');
    const pausedMs = Number((await page.getByTestId('run-time').textContent())!.split(' / ')[0]);
    const paused = Math.round(pausedMs / r.doc.simulation.dt_ms);
    expect(paused).toBeGreaterThan(100);
    expect(paused).toBeLessThan(total);
    await expect(view.locator('.view3d-stage')).toHaveAttribute('data-time-ms', pausedMs.toFixed(2));
    await expect(at).toHaveAttribute('data-step', String(paused));
    await expect(shown).toHaveText(await summaryAt(paused));

    // Nothing was read while the view was closed: before the paused step the view has only the compiled weights.
    await view.getByRole('button', { name: 'Pause' }).click();
    await view.getByRole('slider', { name: 'Time' }).fill(String(pausedMs / 2));
    await expect(at).toHaveAttribute('data-step', '0');
    const initial = await summaryAt(0);
    await expect(shown).toHaveText(initial);

    // Resume with the view open: readings after each slice; Live at the end shows the final weights.
    await view.getByRole('button', { name: 'Live' }).click();
    await run.getByLabel('Speed').selectOption('max');
    await run.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('run-state')).toHaveText(/Finished/, { timeout: 200_000 });
    await expect(at).toHaveAttribute('data-step', String(total));
    await expect(shown).toHaveText(final);

    // Scrub back (playback is still paused): the weights of the last reading at or before the playhead, which a
    // CPU run to that step gives.
    await expect(view.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    const mid = (pausedMs + r.doc.simulation.duration_ms) / 2;
    await view.getByRole('slider', { name: 'Time' }).fill(String(mid));
    await expect(view.locator('.view3d-stage')).toHaveAttribute('data-time-ms', mid.toFixed(2));
    await expect(at).not.toHaveAttribute('data-step', String(total));
    const step = Number(await at.getAttribute('data-step'));
    expect(step).toBeGreaterThanOrEqual(paused);
    expect(step).toBeLessThanOrEqual(Math.floor(mid / r.doc.simulation.dt_ms));
    const earlier = await summaryAt(step);
    expect(earlier).not.toBe(final);
    await expect(shown).toHaveText(earlier);
  });

  test('after an STDP run with the 3D view closed, opening it shows the final weights (one reading at the end)', async ({ page }) => {
    test.setTimeout(240_000);
    const r = loadDocument(JSON.parse(readFileSync('resources/examples/stdp.snn.json', 'utf8')));
    if (!r.ok) throw new Error('example does not load');
    const ir = compileNetwork(r.doc, { seed: r.doc.simulation.seed });
    const engine = createCpuEngine(ir);
    await engine.run({ steps: Math.round(r.doc.simulation.duration_ms / r.doc.simulation.dt_ms) });
    const final = sampleWeights(await engine.readWeights('inputs_neuron'), sampleSynapsesFromIR(ir).inputs_neuron.index!);

    await openApp(page);
    await page.getByRole('button', { name: 'Examples' }).click();
    await page.getByRole('dialog', { name: 'Examples' }).getByRole('button', { name: 'Open stdp' }).click();
    await areas(page).run.getByLabel('Backend').selectOption('cpu');
    await areas(page).run.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('run-state')).toHaveText(/Finished/, { timeout: 200_000 });
    await page.getByRole('button', { name: 'Show 3D view' }).click();
    const legend = page.getByRole('region', { name: '3D view' }).getByLabel('3D view legend');
    await expect(legend.getByTestId('view3d-weights')).toHaveText(weightSummary('inputs_neuron', final, 0, 0.05));
    await expect(legend.getByTestId('view3d-weights-at')).toHaveAttribute('data-step', '10000');
  });

  test('after a run, the lit somas in the 3D view follow the run\'s spikes (checked against the CPU engine)', async ({ page }) => {
    test.setTimeout(240_000);
    // The same network on the CPU engine here: the GPU engine agrees with it spike for spike (engine tests).
    const r = loadDocument(JSON.parse(readFileSync('resources/examples/coincidence-detection.snn.json', 'utf8')));
    if (!r.ok) throw new Error('example does not load');
    const engine = createCpuEngine(compileNetwork(r.doc));
    const spikes: Record<string, [number, number][]> = {};
    await engine.run({ steps: 3000, onChunk: (c) => {
      for (const [pop, sc] of Object.entries(c.spikes)) (spikes[pop] ??= []).push(...Array.from(sc.step, (st, k): [number, number] => [st, sc.index[k]]));
    } });
    const tau: Record<string, number> = { ears: 2, detectors: 1 };
    const expected = (t: number) => Object.entries(spikes).reduce((n, [pop, list]) =>
      n + new Set(list.filter(([st]) => st * 0.1 <= t && t - st * 0.1 < tau[pop]).map(([, i]) => i)).size, 0);

    await openApp(page);
    await page.getByRole('button', { name: 'Examples' }).click();
    await page.getByRole('dialog', { name: 'Examples' }).getByRole('button', { name: 'Open coincidence-detection' }).click();
    await page.getByRole('button', { name: 'Show 3D view' }).click();
    const view = page.getByRole('region', { name: '3D view' });
    await expect(view.getByRole('img', { name: /3D view of coincidence-detection/ })).toBeVisible();
    await areas(page).run.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByTestId('run-state')).toHaveText(/Finished/, { timeout: 200_000 });
    // A new run puts the view in Live mode: it shows the newest simulated step (the end, once finished).
    const stage = view.locator('.view3d-stage');
    await expect(view.getByRole('button', { name: 'Live' })).toHaveAttribute('aria-pressed', 'true');
    await expect(stage).toHaveAttribute('data-time-ms', '1000.00');
    await view.getByRole('button', { name: 'Pause' }).click();
    await expect(view.getByRole('button', { name: 'Live' })).toHaveAttribute('aria-pressed', 'false');
    await view.getByRole('combobox', { name: 'Playback speed' }).selectOption('1');
    const seen: number[] = [];
    for (const t of [5.05, 21.45, 47.25, 88.85, 150.55, 250.05]) {
      await view.getByRole('slider', { name: 'Time' }).fill(String(t));
      await expect(stage).toHaveAttribute('data-time-ms', t.toFixed(2));
      await expect(stage).toHaveAttribute('data-lit-somas', String(expected(t)));
      seen.push(expected(t));
    }
    expect(new Set(seen).size).toBeGreaterThan(1);
  });
});
