// The 3D view's shared-device spike path (src/renderer/view3d/gpu-spikes.ts, "path B" of docs/view3d.md) in
// Chromium, on the transport benchmark page (bench/view3d/harness/transport.html, its own Vite server on a free
// port): a real GpuEngine and three's WebGPURenderer on one GPUDevice. After 600 steps, the last-spike buffer the
// soma shader reads (read back once here) must mark exactly the neurons the engine's own spike records say
// spiked, each with the newest step of the frame in which it last spiked, and the drawn frame must show lit somas.
import { test, expect } from '@playwright/test';
import type { ViteDevServer } from 'vite';
import { harnessUrl, serveHarness } from '../bench/view3d/serve';

let server: ViteDevServer;
let HARNESS = '';
test.beforeAll(async () => { server = await serveHarness(0); HARNESS = harnessUrl(server); });
test.afterAll(async () => { await server?.close(); });

const NEVER = -1e9;
const STEPS = 600;

interface Check {
  pops: Record<string, { last: number[]; counts: number[]; spikes: number[] }>;
  scatterSteps: number[];
  step: number;
  brightPixels: number;
}

test('shared device: the last-spike buffer the somas are drawn from matches the engine\'s spikes', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 800, height: 500 });
  await page.goto(`${HARNESS}transport.html?mode=b&check=1&neurons=1000&steps=${STEPS}`);
  await page.waitForFunction((steps) => {
    const w = globalThis as unknown as { __transport?: { error: string; step: number }; __transportIdle?: boolean };
    if (w.__transport?.error) throw new Error(w.__transport.error);
    return (w.__transport?.step ?? 0) >= steps && w.__transportIdle === true;
  }, STEPS, { timeout: 80_000 });
  const r = await page.evaluate(() => (globalThis as unknown as { __transportCheck: () => Promise<Check> }).__transportCheck());

  expect(r.step).toBe(STEPS);
  const scatter = [...r.scatterSteps].sort((a, b) => a - b);
  expect(scatter.length).toBeGreaterThan(3);
  expect(scatter[scatter.length - 1]).toBe(STEPS - 1);
  let spiking = 0;
  for (const [pop, p] of Object.entries(r.pops)) {
    const n = p.counts.length;
    const recLast = new Array<number>(n).fill(-1);
    const recCount = new Array<number>(n).fill(0);
    for (let k = 0; k < p.spikes.length; k += 2) {
      const [step, i] = [p.spikes[k], p.spikes[k + 1]];
      recLast[i] = Math.max(recLast[i], step);
      recCount[i]++;
    }
    // The records are complete at this size: they agree with the engine's exact per-neuron counts.
    expect(recCount, `${pop}: records vs spikeCounts`).toEqual(p.counts);
    const expected = recLast.map((s) => (s < 0 ? NEVER : scatter.find((x) => x >= s)!));
    expect(p.last, `${pop}: last-spike buffer`).toEqual(expected);
    const fired = recCount.filter((c) => c > 0).length;
    expect(fired, `${pop}: some neurons spiked`).toBeGreaterThan(0);
    spiking += fired;
  }
  expect(spiking).toBeGreaterThan(20);
  // The soma material reads that buffer: the frame drawn at the last step has somas in the flash colour.
  expect(r.brightPixels).toBeGreaterThan(0);
});
