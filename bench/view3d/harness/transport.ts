// Spike transport benchmark page (bench/view3d/transport.ts drives it; docs/benchmarks.md "Spike transport"):
// a real GpuEngine runs a Poisson → LIF → LIF network in this page, advanced every animation frame by the steps
// the playback speed implies, and the somas are lit by one of three paths:
//   ?mode=a-webgl    streamed (the app today): engine.run's onChunk spikes → ActivityStore → frameState on the
//                    CPU → instance colours → the app's own NetworkScene (WebGLRenderer), axons left out
//   ?mode=a-webgpu   streamed, drawn with three's WebGPURenderer: CPU flash intensities → an instanced attribute
//                    → the same soma billboards as path B (isolates transport from renderer)
//   ?mode=b          shared device: WebGPURenderer on the engine's GPUDevice; SpikeScatter turns the engine's
//                    GPU spike counts into last-spike steps on the GPU, the soma shader computes the flash;
//                    the engine keeps no spike records (capacity 1) and run() reads back only its control block
// Other parameters: &neurons=10000 (10 % Poisson inputs, 60 % and 30 % LIF), &speed=20 (simulated ms per view
// second), &check=1 (path B with spike records kept, for the e2e test: window.__transportCheck()).
// Every path draws 1280×800 into an off-screen render target and waits for the GPU to finish each frame before
// the next (WebGPU: queue.onSubmittedWorkDone; WebGL: an async 1-pixel readback behind a fence), so frame times include the GPU's
// work on equal terms. Not presented: in this container's headless Chromium (SwiftShader), presenting a WebGPU
// canvas crashes the GPU process ("Could not find SharedImageBackingFactory … WebgpuSwapChainTexture", then
// every GPUDevice is lost), so compositing is left out of all three paths.
// window.__transport: counters the driver reads; window.__transportReady once the first frame is drawn.
import * as THREE from 'three';
import * as WG from 'three/webgpu';
import { loadDocument, type NetworkDocument } from '../../../src/shared/graph';
import { compileNetwork } from '../../../src/shared/compiler';
import { createGpuEngine, type GpuEngine } from '../../../src/shared/engine/gpu-engine';
import type { RunChunk } from '../../../src/shared/engine/types';
import { layoutNetwork, type ViewLayout } from '../../../src/renderer/view3d/layout';
import { ActivityStore, frameState, type FrameOptions } from '../../../src/renderer/view3d/timeline';
import { membraneTauMs } from '../../../src/renderer/view3d/activity';
import { NetworkScene } from '../../../src/renderer/view3d/scene';
import { BACKGROUND, INPUT_BASE, POP_BASE } from '../../../src/renderer/view3d/colors';
import { flashFromLastSpike, gpuBufferOf, lastSpikeAttribute, perSoma, somaBillboards, SpikeScatter } from '../../../src/renderer/view3d/gpu-spikes';

type Mode = 'a-webgl' | 'a-webgpu' | 'b';
const q = new URLSearchParams(location.search);
const MODE = (q.get('mode') ?? 'b') as Mode;
const N = Number(q.get('neurons') ?? 1000);
const SPEED = Number(q.get('speed') ?? 20);
const CHECK = q.get('check') === '1';
/** Steps per engine chunk: at most this many per frame (a slow frame carries the rest to the next ones). */
const CHUNK = 100;
/** As View3D: flashes last at least 0.15 s of view time. */
const MIN_FLASH_S = 0.15;

/** Poisson inputs (20 Hz) → hidden LIF → output LIF, fixed in-degree 50 (fewer when the source is smaller). */
function transportDoc(n: number): NetworkDocument {
  const sizes = [Math.max(1, Math.round(n * 0.1)), Math.max(1, Math.round(n * 0.6)), 0];
  sizes[2] = Math.max(1, n - sizes[0] - sizes[1]);
  const ids = ['input', 'hidden', 'output'];
  const r = loadDocument({
    format: 'snn-network', version: 1, meta: { name: `transport-${n}` },
    simulation: { dt_ms: 0.1, duration_ms: 100_000, seed: 1 },
    nodes: ids.map((id, i) => ({
      id, kind: i === 0 ? 'input' : 'population', model: i === 0 ? 'poisson' : 'lif', size: sizes[i],
      label: id[0].toUpperCase() + id.slice(1), params: i === 0 ? { rate_hz: 20 } : {},
    })),
    projections: [
      { id: 'input_hidden', source: 'input', target: 'hidden', connectivity: { rule: 'fixed_indegree', k: Math.min(50, sizes[0]) }, weight: { dist: 'constant', value: 0.1 }, delay: { kind: 'constant', ms: 1 } },
      { id: 'hidden_output', source: 'hidden', target: 'output', connectivity: { rule: 'fixed_indegree', k: Math.min(50, sizes[1]) }, weight: { dist: 'constant', value: 0.1 }, delay: { kind: 'constant', ms: 2 } },
    ],
    layout: { nodes: { input: { x: 0, y: 0 }, hidden: { x: 300, y: 0 }, output: { x: 600, y: 0 } } },
  });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.doc;
}

/** The camera NetworkScene.fit(null) gives: the whole network from the front-right. */
function fitCamera(camera: THREE.PerspectiveCamera, layout: ViewLayout) {
  const center = new THREE.Vector3(...layout.center);
  const fov = THREE.MathUtils.degToRad(camera.fov) / 2;
  const fitH = layout.radius / Math.sin(Math.min(fov, Math.atan(Math.tan(fov) * camera.aspect)));
  camera.position.copy(center.clone().add(new THREE.Vector3(0.3, 0.18, 1).normalize().multiplyScalar(fitH * 1.05)));
  camera.far = Math.max(5000, fitH * 10);
  camera.lookAt(center);
  camera.updateProjectionMatrix();
}

const stats = {
  mode: MODE, neurons: N, adapter: '', frames: 0, workMs: 0, ingestMs: 0, runs: 0, runMs: 0, stepsAtMark: 0, step: 0,
  markAt: 0, error: '' as string,
  /** Frame-to-frame times since the mark: from one frame's end on the GPU to the next's. */
  intervals: [] as number[],
};
Object.assign(window, {
  __transport: stats,
  __transportMark: () => {
    Object.assign(stats, { frames: 0, workMs: 0, ingestMs: 0, runs: 0, runMs: 0, stepsAtMark: stats.step, markAt: performance.now(), intervals: [] });
  },
});

async function main() {
  const doc = transportDoc(N);
  const ir = compileNetwork(doc, { seed: doc.simulation.seed });
  const gpu = navigator.gpu;
  const adapter = await gpu?.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('no WebGPU adapter');
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
      maxStorageBuffersPerShaderStage: adapter.limits.maxStorageBuffersPerShaderStage,
    },
  });
  void device.lost.then((info) => { stats.error ||= `device lost (${info.reason}): ${info.message}`; console.error(stats.error); });
  stats.adapter = `${adapter.info.vendor} ${adapter.info.architecture} ${adapter.info.description}`.trim();
  // Path B needs no spike records: capacity 1 (overflow is only counted); the check keeps them to compare.
  const engine: GpuEngine = await createGpuEngine(device, ir, { chunkSteps: CHUNK, recordCapacity: MODE === 'b' && !CHECK ? 1 : undefined });
  const full = layoutNetwork(doc);
  const layout: ViewLayout = { ...full, bundles: [] };
  const dtMs = ir.dtMs;
  const tauMs = Object.fromEntries(doc.nodes.map((n) => [n.id, Math.max(SPEED * MIN_FLASH_S, membraneTauMs(n))]));
  const canvas = document.getElementById('view') as HTMLCanvasElement;
  const w = canvas.clientWidth, h = canvas.clientHeight;
  const store = new ActivityStore(dtMs);
  const checkSpikes: Record<string, number[]> = {};
  const scatterSteps: number[] = [];

  let draw: () => void;
  /** Resolves when the frame's drawing is done on the GPU (see the header: no presentation, one frame at a time). */
  let finish: () => Promise<unknown>;
  let scatter: SpikeScatter | null = null;
  if (MODE === 'a-webgl') {
    const scene = new NetworkScene(canvas);
    scene.setSize(w, h);
    scene.setLayout(layout);
    const rt = new THREE.WebGLRenderTarget(w, h);
    scene.renderer.setRenderTarget(rt);
    const px = new Uint8Array(4);
    // Async (a fence, polled): the main thread stays free while the GPU finishes, as with onSubmittedWorkDone.
    finish = () => scene.renderer.readRenderTargetPixelsAsync(rt, 0, 0, 1, 1, px);
    const opts: FrameOptions = { tauMs, drawn: Object.fromEntries(layout.clusters.map((c) => [c.id, c.drawn])) };
    draw = () => {
      scene.update(frameState(store, [], [], store.endMs, opts), {}, null);
      scene.render(0, true);
    };
  } else {
    // Path B shares the engine's device; A-webgpu gets its own, like the app (engine in a worker, view in the page).
    const renderer = new WG.WebGPURenderer(MODE === 'b' ? { canvas, device, antialias: false } : { canvas, antialias: false });
    renderer.setPixelRatio(1);
    renderer.setSize(w, h, false);
    await renderer.init();
    const target = new WG.RenderTarget(w, h, { depthBuffer: true });
    renderer.setRenderTarget(target);
    const rdev = (renderer.backend as unknown as { device: GPUDevice }).device;
    if ((rdev === device) !== (MODE === 'b')) throw new Error('the renderer is not on the expected device');
    finish = () => rdev.queue.onSubmittedWorkDone();
    const scene = new WG.Scene();
    scene.background = new WG.Color(BACKGROUND);
    const camera = new WG.PerspectiveCamera(45, w / Math.max(1, h), 0.1, 5000);
    fitCamera(camera, layout);
    // The on-screen size NetworkScene gives on a software rasteriser: spheres of radius r up to 2,000 somas, above
    // that Points of size 2.2·r with size attenuation, which cover 2.2·r·tan(fov/2) world units.
    const size = (c: ViewLayout['clusters'][number]) => {
      const r = c.somaRadius;
      return c.drawn > 2_000 ? 2.2 * r * Math.tan(THREE.MathUtils.degToRad(camera.fov) / 2) : 2 * r;
    };
    if (MODE === 'a-webgpu') {
      const attrs = new Map<string, WG.StorageBufferAttribute>();
      for (const c of layout.clusters) {
        const attr = new WG.StorageBufferAttribute(new Float32Array(Math.max(1, c.drawn)), 1);
        attrs.set(c.id, attr);
        scene.add(somaBillboards(c.positions, c.drawn, size(c), c.kind === 'input' ? INPUT_BASE : POP_BASE, perSoma(attr, c.drawn)));
      }
      const opts: FrameOptions = { tauMs, drawn: Object.fromEntries(layout.clusters.map((c) => [c.id, c.drawn])) };
      draw = () => {
        const f = frameState(store, [], [], store.endMs, opts);
        for (const [id, attr] of attrs) { (attr.array as Float32Array).set(f.intensity[id]); attr.needsUpdate = true; }
        renderer.render(scene, camera);
      };
    } else {
      const flashes = layout.clusters.map((c) => {
        const last = lastSpikeAttribute(c.drawn);
        const fl = flashFromLastSpike(last, c.drawn);
        fl.k.value = dtMs / tauMs[c.id];
        scene.add(somaBillboards(c.positions, c.drawn, size(c), c.kind === 'input' ? INPUT_BASE : POP_BASE, fl.intensity));
        return { c, last, fl };
      });
      // The first render creates three's GPU buffers for the last-spike attributes; the scatter then writes them.
      renderer.render(scene, camera);
      const lastBuffers = flashes.map((f) => gpuBufferOf(renderer, f.last));
      if (lastBuffers.some((b) => !b)) throw new Error('three did not create the last-spike buffers');
      scatter = new SpikeScatter(device, engine, flashes.map((f, j) => ({ id: f.c.id, size: f.c.size, drawn: f.c.drawn, last: lastBuffers[j]! })));
      Object.assign(window, {
        __transportCheck: async () => {
          const read = async (b: GPUBuffer, bytes: number) => {
            const st = device.createBuffer({ size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
            const enc = device.createCommandEncoder();
            enc.copyBufferToBuffer(b, 0, st, 0, bytes);
            device.queue.submit([enc.finish()]);
            await st.mapAsync(GPUMapMode.READ);
            const out = new Float32Array(st.getMappedRange().slice(0));
            st.destroy();
            return out;
          };
          const out: Record<string, { last: number[]; counts: number[]; spikes: number[] }> = {};
          for (let j = 0; j < flashes.length; j++) {
            const id = flashes[j].c.id;
            out[id] = {
              last: Array.from(await read(lastBuffers[j]!, 4 * flashes[j].c.drawn)),
              counts: Array.from(await engine.spikeCounts(id)),
              spikes: checkSpikes[id] ?? [],
            };
          }
          // Somas drawn in the flash colour (R and G near 1; the resting colours have R or G below 0.6).
          const px = await renderer.readRenderTargetPixelsAsync(target, 0, 0, w, h) as Uint8Array;
          let bright = 0;
          for (let p = 0; p < px.length; p += 4) if (px[p] > 200 && px[p + 1] > 200) bright++;
          return { pops: out, scatterSteps, step: engine.step, brightPixels: bright, tauMs, dtMs };
        },
      });
      draw = () => {
        for (const f of flashes) f.fl.now.value = engine.step;
        renderer.render(scene, camera);
      };
    }
  }

  const onChunk = MODE === 'b' && !CHECK ? undefined : (c: RunChunk) => {
    const t = performance.now();
    if (CHECK) for (const [pop, s] of Object.entries(c.spikes)) for (let k = 0; k < s.step.length; k++) (checkSpikes[pop] ??= []).push(s.step[k], s.index[k]);
    else store.ingest(c);
    stats.ingestMs += performance.now() - t;
  };
  const hud = document.getElementById('hud')!;
  let owed = 0, busy = false, last = performance.now();
  const maxSteps = CHECK ? Number(q.get('steps') ?? 400) : Infinity;
  const frame = (now: number) => {
    const t0 = performance.now();
    owed = Math.min(owed + (Math.max(0, now - last) / 1000) * (SPEED / dtMs), 4 * CHUNK);
    last = Math.max(last, now);
    const k = Math.min(CHUNK, Math.floor(owed), maxSteps - engine.step);
    if (!busy && k >= 1) {
      owed -= k;
      busy = true;
      const started = performance.now();
      engine.run({ steps: k, chunkSteps: k, onChunk }).then(() => {
        busy = false;
        stats.runs++;
        stats.runMs += performance.now() - started;
      }, (e: Error) => { stats.error = e.message; });
      // The chunk is submitted: the scatter (queued after it) sees all of its spikes.
      if (scatter) { scatter.update(); scatterSteps.push(engine.step - 1); }
    }
    stats.step = engine.step;
    draw();
    stats.workMs += performance.now() - t0;
    void finish().then(() => {
      const end = performance.now();
      if (stats.markAt > 0) stats.intervals.push(end - prevEnd);
      prevEnd = end;
      stats.frames++;
      if (stats.frames % 10 === 0) hud.textContent = `${MODE}: ${N.toLocaleString('en-US')} neurons, step ${engine.step}`;
      Object.assign(window, { __transportReady: true, __transportIdle: !busy });
      requestAnimationFrame(frame);
    }, (e: Error) => { stats.error = e.message; });
  };
  let prevEnd = performance.now();
  requestAnimationFrame(frame);
}

main().catch((e: Error) => {
  stats.error = e.message;
  document.getElementById('hud')!.textContent = `error: ${e.message}`;
  console.error(e);
});
