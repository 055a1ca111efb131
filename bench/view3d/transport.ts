// Spike transport benchmark of the 3D view (not a test): serves the harness, opens transport.html in Chromium for
// each path × size, and prints frame intervals, main-thread work per frame and simulated steps per second.
//   npm run bench:view3d:transport                       (1,000 / 10,000 / 100,000 neurons; all three paths)
//   npm run bench:view3d:transport -- 1000 10000 --modes=b,a-webgpu --speed=20
// Paths: a-webgl (streamed spikes, CPU colours, the app's WebGL scene), a-webgpu (streamed, CPU intensities,
// WebGPURenderer), b (shared device: the engine's GPU spike counts → last-spike buffer → soma shader).
// PLAYWRIGHT_CHROMIUM_PATH or /usr/bin/chromium, else Playwright's own.
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { harnessUrl, serveHarness } from './serve';

const WARMUP_MS = Number(process.env.WARMUP_MS ?? 3000);
const MEASURE_MS = Number(process.env.MEASURE_MS ?? 6000);
const args = process.argv.slice(2);
const opt = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const sizes = args.filter((a) => !a.startsWith('--')).map(Number).filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [1_000, 10_000, 100_000];
const MODES = (opt('modes') ?? 'a-webgl,a-webgpu,b').split(',');
const SPEED = Number(opt('speed') ?? 20);

interface Stats { intervals: number[]; frames: number; workMs: number; ingestMs: number; runs: number; runMs: number; stepsAtMark: number; step: number; markAt: number; adapter: string; error: string }

const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const server = await serveHarness(0);
const base = harnessUrl(server);
const browser = await chromium.launch({
  executablePath, headless: true,
  args: ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-quic', '--no-first-run', '--ignore-gpu-blocklist',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const rows: string[] = [];
let adapter = '';
try {
  for (const n of SIZES) {
    for (const mode of MODES) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      // tsx (esbuild keepNames) wraps named functions in __name(); the page needs it to run evaluate()'s source.
      await page.addInitScript('window.__name = (f) => f;');
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.error(`[${mode} ${n}] ${m.text()}`); });
      page.on('pageerror', (e) => console.error(`[${mode} ${n}] page error: ${e.message}`));
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const load0 = loadavg()[0];
      await page.goto(`${base}transport.html?mode=${mode}&neurons=${n}&speed=${SPEED}`);
      await page.waitForFunction(() => {
        const w = globalThis as unknown as { __transportReady?: boolean; __transport?: Stats };
        if (w.__transport?.error) throw new Error(w.__transport.error);
        return w.__transportReady === true;
      }, null, { timeout: 300_000 });
      await page.waitForTimeout(WARMUP_MS);
      const metric = async () => {
        const { metrics } = await cdp.send('Performance.getMetrics');
        const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
        return { task: m.TaskDuration * 1000, script: m.ScriptDuration * 1000 };
      };
      // Frame intervals measured in the page (each frame waits for its GPU work); main-thread task time from the
      // DevTools protocol (everything the renderer's main thread did: our frame, three's encoding, the engine's
      // readback and sorting, GC).
      await page.evaluate(() => (globalThis as unknown as { __transportMark: () => void }).__transportMark());
      const m0 = await metric();
      await page.waitForTimeout(MEASURE_MS);
      // Slow frames (100,000 neurons on a software GPU): keep measuring until 10 frames, at most 40 s.
      for (let waited = MEASURE_MS; waited < 40_000; waited += 1000) {
        if (await page.evaluate(() => (globalThis as unknown as { __transport: Stats }).__transport.intervals.length >= 10)) break;
        await page.waitForTimeout(1000);
      }
      const m1 = await metric();
      const s = await page.evaluate(() => ({ ...(globalThis as unknown as { __transport: Stats }).__transport, now: performance.now() }));
      if (s.error) throw new Error(`${mode} ${n}: ${s.error}`);
      const gaps = s.intervals;
      const sorted = [...gaps].sort((a, b) => a - b);
      const qt = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
      const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
      const secs = (s.now - s.markAt) / 1000;
      const load = (load0 + loadavg()[0]) / 2;
      adapter = s.adapter;
      rows.push(`| ${n.toLocaleString('en-US')} | ${mode} | ${gaps.length} | ${mean.toFixed(1)} | ${qt(0.5).toFixed(1)} | ${qt(0.95).toFixed(1)} | ` +
        `${(s.workMs / s.frames).toFixed(1)} | ${((m1.task - m0.task) / gaps.length).toFixed(1)} | ${(s.ingestMs / Math.max(1, s.runs)).toFixed(2)} | ` +
        `${(s.runMs / Math.max(1, s.runs)).toFixed(1)} | ${Math.round((s.step - s.stepsAtMark) / secs)} | ${load.toFixed(1)} |`);
      console.error(rows[rows.length - 1]);
      await page.close();
    }
  }
  console.log(`\nWebGPU adapter: ${adapter}; playback ${SPEED} ms/s (${Math.round(SPEED / 0.1)} steps/s wanted)\n`);
  console.log('| neurons | path | frames | mean frame (ms) | p50 (ms) | p95 (ms) | frame callback (ms) | main-thread tasks per frame (ms) | spike ingest per chunk (ms) | engine.run latency (ms) | sim steps/s | load avg |');
  console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);
} finally {
  await browser.close();
  await server.close();
}
