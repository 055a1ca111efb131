// Frame-time benchmark of the 3D view (not a test): serves the harness, opens it in Chromium for 1,000 / 10,000 /
// 100,000 synthetic neurons firing at 20 Hz, and prints frame intervals and main-thread frame cost as a table.
//   npm run bench:view3d            (PLAYWRIGHT_CHROMIUM_PATH or /usr/bin/chromium, else Playwright's own)
//   npm run bench:view3d -- 1000 50000   (other sizes)
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { serveHarness } from './serve';

// This file type-checks without the DOM library (tsconfig.node.json): the page's globals, as evaluate() sees them.
declare const document: any, requestAnimationFrame: (cb: (now: number) => void) => number, navigator: any;

const PORT = 5175;
const WARMUP_MS = 2500;
const MEASURE_MS = 5000;
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [1_000, 10_000, 100_000];

const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const server = await serveHarness(PORT);
const browser = await chromium.launch({
  executablePath, headless: true,
  args: ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-quic', '--no-first-run', '--ignore-gpu-blocklist'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // tsx (esbuild keepNames) wraps named functions in __name(); the page needs it to run evaluate()'s source.
  await page.addInitScript('window.__name = (f) => f;');
  const rows: string[] = [];
  let adapter = '';
  for (const n of SIZES) {
    await page.goto(`http://127.0.0.1:${PORT}/?neurons=${n}&rate=20&steps=3000`);
    await page.waitForFunction(() => (globalThis as { __view3dReady?: boolean }).__view3dReady === true, null, { timeout: 180_000 });
    await page.waitForTimeout(WARMUP_MS);
    const r = await page.evaluate(async (ms) => {
      const stage = document.querySelector('.view3d-stage');
      const gaps: number[] = [];
      const cpu: number[] = [];
      const pulses: number[] = [];
      let last = performance.now();
      await new Promise<void>((done) => {
        const end = last + ms;
        const tick = (now: number) => {
          gaps.push(now - last);
          last = now;
          cpu.push(Number(stage.dataset.frameCpuMs));
          pulses.push(Number(stage.dataset.pulses));
          if (now < end) requestAnimationFrame(tick); else done();
        };
        requestAnimationFrame(tick);
      });
      gaps.shift();
      const sorted = [...gaps].sort((a, b) => a - b);
      const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
      const gl = document.createElement('canvas').getContext('webgl2');
      const ext = gl?.getExtension('WEBGL_debug_renderer_info');
      const renderer = gl && ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : 'unknown';
      const gpu = navigator.gpu;
      const a = gpu ? await gpu.requestAdapter() : null;
      return {
        frames: gaps.length, mean: gaps.reduce((x, y) => x + y, 0) / gaps.length, p50: q(0.5), p95: q(0.95),
        cpu: cpu.reduce((x, y) => x + y, 0) / cpu.length, pulses: Math.round(pulses.reduce((x, y) => x + y, 0) / pulses.length),
        neurons: Number(stage.dataset.neurons), renderer,
        webgpu: a?.info ? `${a.info.vendor} ${a.info.architecture} ${a.info.description}`.trim() : 'none',
      };
    }, MEASURE_MS);
    adapter = `WebGL: ${r.renderer}; WebGPU adapter: ${r.webgpu}`;
    rows.push(`| ${n.toLocaleString('en-US')} | ${r.frames} | ${r.mean.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${(1000 / r.mean).toFixed(1)} | ${r.cpu.toFixed(1)} | ${r.pulses} |`);
    console.error(`${n} neurons: ${rows[rows.length - 1]}`);
  }
  console.log(`\n${adapter}\n`);
  console.log('| neurons | frames | mean frame (ms) | p50 (ms) | p95 (ms) | fps | main-thread work per frame (ms) | pulses in flight |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);
} finally {
  await browser.close();
  await server.close();
}
