// GpuEngine on a real WebGPU device (Dawn; SwiftShader on CI): RNG bit-identity with the TypeScript twin,
// the analytic LIF/adaptive checks, GPU = CPU on every example and on random networks, overflow reporting,
// limits, divergence, reset/resume. Tolerances: spike trains identical; states equal to 1e-5 relative
// (f32 on both engines; the GPU compiler may fuse a·b + c into one rounding), Hodgkin-Huxley 0.1 mV (exp()).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { getTestDevice, getTestGpu } from '../../../test/gpu';
import { loadDocument, type NetworkDocument } from '../graph';
import { classifyEdit, compileNetwork, type NetworkIR } from '../compiler';
import { applyEdit } from './apply-edit';
import { EDIT_STEP, EDIT_TOTAL, editScenario } from '../../../test/engine/param-edit-scenario';
import { COUNTER_RNG_WGSL, uniform01 } from '../rng';
import { createCpuEngine } from './cpu-engine';
import { createGpuEngine, checkLimits, WHOLE_RECORDS_MAX_BYTES } from './gpu-engine';
import { buildProgram } from '../compiler';
import { ctrlWords } from '../compiler/kernels/common.wgsl';
import { recordBytes } from '../compiler/kernels/spike-buffer.wgsl';
import { runAndCollect, type Collected } from './collect';
import { analyticLif } from '../../../test/engine/analytic';
import { randomNetwork } from '../../../test/engine/random-network';
import { EngineError } from './types';

let device: GPUDevice;
beforeAll(async () => { device = await getTestDevice('gpu-engine'); });

function example(name: string): NetworkDocument {
  const r = loadDocument(JSON.parse(readFileSync(new URL(`../../../resources/examples/${name}.snn.json`, import.meta.url), 'utf8')));
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}

async function both(ir: () => NetworkIR, steps: number, chunkSteps?: number, propagate?: 'direct' | 'indirect'): Promise<{ cpu: Collected; gpu: Collected }> {
  const cpu = await runAndCollect(createCpuEngine(ir()), steps, chunkSteps);
  const g = await createGpuEngine(device, ir(), { chunkSteps, propagate });
  const gpu = await runAndCollect(g, steps);
  g.dispose();
  return { cpu, gpu };
}

function expectAgree(r: { cpu: Collected; gpu: Collected }, rel = 1e-5, abs = 1e-6) {
  expect(Object.keys(r.gpu.spikes).sort()).toEqual(Object.keys(r.cpu.spikes).sort());
  for (const id of Object.keys(r.cpu.spikes)) {
    expect(r.gpu.spikes[id].step, `spike steps of ${id}`).toEqual(r.cpu.spikes[id].step);
    expect(r.gpu.spikes[id].index, `spike indices of ${id}`).toEqual(r.cpu.spikes[id].index);
  }
  for (const id of Object.keys(r.cpu.traces)) {
    const a = r.cpu.traces[id], b = r.gpu.traces[id];
    expect(b.length).toBe(a.length);
    for (let k = 0; k < a.length; k++) {
      expect(b[k].length).toBe(a[k].length);
      for (let n = 0; n < a[k].length; n++) {
        if (Math.abs(a[k][n] - b[k][n]) > abs + rel * Math.abs(a[k][n])) throw new Error(`${id}[${k}] step ${n}: cpu ${a[k][n]} gpu ${b[k][n]}`);
      }
    }
  }
}

describe('counter RNG on the GPU', () => {
  it('WGSL uniform01 is bit-identical to the TypeScript one', async () => {
    const N = 10_007;
    const keys = new Uint32Array(4 * N);
    for (let i = 0; i < N; i++) keys.set([i * 2654435761 >>> 0, 0x1000 + (i % 7), i * 31 + 5, (i * 97) ^ 0xdeadbeef], 4 * i);
    const code = `${COUNTER_RNG_WGSL}
@group(0) @binding(0) var<storage, read> keys: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) g: vec3u) {
  let i = g.x; if (i >= ${N}u) { return; }
  out[i] = uniform01(keys[4u * i], keys[4u * i + 1u], keys[4u * i + 2u], keys[4u * i + 3u]);
}`;
    const pipe = device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code }), entryPoint: 'main' } });
    const kb = device.createBuffer({ size: keys.byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(kb, 0, keys);
    const ob = device.createBuffer({ size: 4 * N, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
    // Poison the output so unwritten values cannot pass.
    device.queue.writeBuffer(ob, 0, new Float32Array(N).fill(-1));
    const st = device.createBuffer({ size: 4 * N, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipe);
    pass.setBindGroup(0, device.createBindGroup({ layout: pipe.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: kb } }, { binding: 1, resource: { buffer: ob } }] }));
    pass.dispatchWorkgroups(Math.ceil(N / 64));
    pass.end();
    enc.copyBufferToBuffer(ob, 0, st, 0, 4 * N);
    device.queue.submit([enc.finish()]);
    await st.mapAsync(GPUMapMode.READ);
    const got = new Float32Array(st.getMappedRange().slice(0));
    let mismatches = 0;
    for (let i = 0; i < N; i++) if (got[i] !== uniform01(keys[4 * i], keys[4 * i + 1], keys[4 * i + 2], keys[4 * i + 3])) mismatches++;
    expect(mismatches).toBe(0);
  });
});

describe('GpuEngine: analytic solutions', () => {
  it('LIF tutorial check on the GPU: exact exponential solution to f32 precision, spike at 60.1 ms', async () => {
    const e = await createGpuEngine(device, compileNetwork(example('lif-neuron')));
    const r = await runAndCollect(e, 1000);
    const exact = analyticLif({ dtMs: 0.1, steps: 1000, tauMs: 50, arrivals: [201, 401, 601], w: 0.5, vTh: 1 });
    for (let n = 0; n < 1000; n++) expect(Math.abs(r.traces.neuron_v[0][n] - exact.v[n])).toBeLessThanOrEqual(3e-5 * Math.max(1, exact.v[n]));
    expect(r.spikes.neuron.step).toEqual([601]);
    e.dispose();
  });

  it('adaptive LIF on the GPU: exact v and threshold; fires on bursts 1 and 3, not 2', async () => {
    const e = await createGpuEngine(device, compileNetwork(example('adaptive-threshold')));
    const r = await runAndCollect(e, 1200);
    const arrivals = [20, 22, 24, 28, 30, 32, 80, 82, 84].map((t) => t * 10 + 1);
    const exact = analyticLif({ dtMs: 0.1, steps: 1200, tauMs: 50, arrivals, w: 0.5, vTh: 1, tauTMs: 100, deltaTh: 0.5 });
    expect(r.spikes.neuron.step).toEqual(exact.spikes);
    for (let n = 0; n < 1200; n++) {
      expect(Math.abs(r.traces.neuron_v[0][n] - exact.v[n])).toBeLessThanOrEqual(3e-5 * Math.max(1, exact.v[n]));
      expect(Math.abs(r.traces.neuron_v_th[0][n] - exact.vTh[n])).toBeLessThanOrEqual(3e-5 * exact.vTh[n]);
    }
    e.dispose();
  });
});

describe('GpuEngine: Poisson statistics on the real WGSL', () => {
  it('constant and sine rates: counts within 5σ of rate·duration', async () => {
    const d = loadDocument({ format: 'snn-network', version: 1, meta: { name: 'poisson' }, simulation: { dt_ms: 0.1, duration_ms: 500, seed: 11 },
      nodes: [{ id: 'c', kind: 'input', model: 'poisson', size: 300, params: { rate_hz: 40 } },
        { id: 's', kind: 'input', model: 'poisson', size: 77, params: { shape: 'sine', rate_hz: 60, freq_hz: 10, phase_step_rad: 0.3 } }] });
    if (!d.ok) throw new Error();
    const g = await createGpuEngine(device, compileNetwork(d.doc));
    await g.run({ steps: 5000 });
    for (const [id, n, rate] of [['c', 300, 40], ['s', 77, 60]] as const) {
      const total = Array.from(await g.spikeCounts(id)).reduce((a, b) => a + b, 0), mean = n * rate * 0.5;
      expect(Math.abs(total - mean)).toBeLessThan(5 * Math.sqrt(mean));
    }
    g.dispose();
  });
});

describe('GpuEngine agrees with CpuEngine', () => {
  const cases: [string, number, number?][] = [
    ['lif-neuron', 1000], ['adaptive-threshold', 1200], ['coincidence-detection', 2000, 700], ['stdp', 1500, 400],
    ['coba', 600, 250],
  ];
  for (const [name, steps, chunk] of cases) {
    it(`example ${name}: identical spike trains, traces within 1e-5 (${steps} steps)`, async () => {
      const d = example(name);
      const r = await both(() => compileNetwork(d), steps, chunk);
      expect(Object.values(r.cpu.spikes).some((s) => s.step.length > 0)).toBe(true);
      expectAgree(r);
    });
  }

  // HH: the CPU form evaluates the rates in f64 and GPU exp() differs in its last bits; on the upstroke
  // (dv/dt ≈ 100 mV/ms) that shows as up to ~1e-3 of the 100 mV spike amplitude. Spike steps stay identical.
  it('example hodgkin-huxley: identical spike steps, v within 0.1 mV (exp() and f64 rates differ in the last bits)', async () => {
    const r = await both(() => compileNetwork(example('hodgkin-huxley')), 8000);
    expectAgree(r, 0, 0.1);
    expect(r.cpu.spikes.neuron.step.length).toBeGreaterThanOrEqual(3);
  });

  it('STDP weights after a run agree to 1e-6', async () => {
    const d = example('stdp');
    const c = createCpuEngine(compileNetwork(d));
    const g = await createGpuEngine(device, compileNetwork(d));
    await c.run({ steps: 1500 });
    await g.run({ steps: 1500 });
    const a = await c.readWeights('inputs_neuron'), b = await g.readWeights('inputs_neuron');
    const initial = compileNetwork(d).projections[0].weight;
    expect(a.some((w, i) => w !== initial[i])).toBe(true);
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-6);
    g.dispose();
  });

  // Izhikevich: dv = 0.04v² + 5v + … — the GPU compiler may fuse (0.04v)·v + 5v into one rounding (WGSL allows
  // it; SwiftShader does), and the quadratic term amplifies that 1-ulp difference before a spike. Stated bound:
  // spike steps within one step, v within 1e-3 relative + 1e-3 mV away from spike upstrokes.
  it('Izhikevich neurons under Poisson input: spikes within one step, v within 1e-3', async () => {
    const d = randomNetwork(12345, ['izhikevich']);
    const r = await both(() => compileNetwork(d), 300, 128);
    for (const id of Object.keys(r.cpu.spikes)) {
      const a = r.cpu.spikes[id], b = r.gpu.spikes[id];
      expect(Math.abs(a.step.length - b.step.length)).toBeLessThanOrEqual(Math.ceil(0.01 * a.step.length));
      for (let k = 0; k < Math.min(a.step.length, b.step.length); k++) if (a.index[k] === b.index[k]) expect(Math.abs(a.step[k] - b.step[k])).toBeLessThanOrEqual(1);
    }
    const va = r.cpu.traces.A_v, vb = r.gpu.traces.A_v;
    let close = 0, total = 0;
    for (let k = 0; k < va.length; k++) for (let n = 0; n < va[k].length; n++) { total++; if (Math.abs(va[k][n] - vb[k][n]) <= 1e-3 + 1e-3 * Math.abs(va[k][n])) close++; }
    expect(close / total).toBeGreaterThan(0.97);
  });

  const seeds = Array.from({ length: 4 }, () => 1 + Math.floor(Math.random() * 1e9));
  for (const [j, seed] of seeds.entries()) {
    const propagate = j % 2 ? 'indirect' : 'direct';
    it(`random network (fresh seed ${seed}, ${propagate} propagate): identical spikes, traces within 1e-5`, async () => {
      const d = randomNetwork(seed);
      const r = await both(() => compileNetwork(d), 300, 128, propagate);
      expectAgree(r, 1e-5, 1e-5);
    });
  }
});

describe('GpuEngine: runs, records and limits', () => {
  it('spike record overflow is reported as droppedSpikes; spikeCounts stays complete', async () => {
    const d = loadDocument({ format: 'snn-network', version: 1, meta: { name: 'o' }, nodes: [{ id: 'p', kind: 'input', model: 'poisson', size: 300, params: { rate_hz: 500 } }] });
    if (!d.ok) throw new Error();
    const cpu = createCpuEngine(compileNetwork(d.doc));
    await cpu.run({ steps: 200 });
    const g = await createGpuEngine(device, compileNetwork(d.doc), { chunkSteps: 100, recordCapacity: 500 });
    const r = await runAndCollect(g, 200);
    const total = Array.from(await cpu.spikeCounts('p')).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(1000);
    expect(r.summary.droppedSpikes).toBe(total - r.spikes.p.step.length);
    expect(r.spikes.p.step.length).toBe(1000);
    expect(Array.from(await g.spikeCounts('p'))).toEqual(Array.from(await cpu.spikeCounts('p')));
    g.dispose();
  });

  it('pause/resume (two runs) and reset reproduce one run exactly', async () => {
    const ir = compileNetwork(example('coincidence-detection'));
    const g = await createGpuEngine(device, ir, { chunkSteps: 300 });
    const one = await runAndCollect(g, 1000);
    g.reset();
    const a = await runAndCollect(g, 450), b = await runAndCollect(g, 550);
    expect(g.step).toBe(1000);
    expect([...a.spikes.detectors.step, ...b.spikes.detectors.step]).toEqual(one.spikes.detectors.step);
    g.setParam('detectors', 'v_th', 0.4);
    g.reset();
    const low = await runAndCollect(g, 1000);
    expect(low.spikes.detectors.step.length).toBeGreaterThan(one.spikes.detectors.step.length);
    g.dispose();
  });

  it('a network beyond device limits fails before allocating, saying what to shrink', () => {
    const d = loadDocument({ format: 'snn-network', version: 1, meta: { name: 'big' },
      nodes: [{ id: 'g', kind: 'input', model: 'spike_generator', size: 1 }, { id: 'big', kind: 'population', model: 'lif', size: 3_000_000 }],
      projections: [{ id: 'p', source: 'g', target: 'big', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 1 }, delay: { kind: 'constant', ms: 10 } }] });
    if (!d.ok) throw new Error();
    const ir = compileNetwork(d.doc);
    const err = (() => { try { checkLimits(buildProgram(ir, { chunkSteps: 100 }), ir, device.limits); } catch (e) { return e; } })() as EngineError;
    expect(err).toBeInstanceOf(EngineError);
    expect(err.kind).toBe('limits');
    expect(err.message).toMatch(/ring_big .* population "big" × the largest delay \(100 steps\)/);
  });

  it('divergence names population, variable and step, as on the CPU', async () => {
    const d = loadDocument({ format: 'snn-network', version: 1, meta: { name: 'div' },
      nodes: [{ id: 'g', kind: 'input', model: 'spike_generator', size: 1, data: { spikes: { index: [0], time_ms: [1] } } }, { id: 'out', kind: 'population', model: 'leaky_integrator', size: 3 }],
      projections: [{ id: 'p', source: 'g', target: 'out', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 100000 }, synapse: { kind: 'conductance', tau_ms: 5, e_rev: 100 } }] });
    if (!d.ok) throw new Error();
    const cpuErr = await createCpuEngine(compileNetwork(d.doc)).run({ steps: 500 }).catch((e) => e);
    const g = await createGpuEngine(device, compileNetwork(d.doc));
    const gpuErr = await g.run({ steps: 500 }).catch((e) => e);
    expect(gpuErr).toBeInstanceOf(EngineError);
    expect(gpuErr.kind).toBe('divergence');
    expect(gpuErr.where).toEqual(cpuErr.where);
    g.dispose();
  });

  it('a kernel that fails to compile is reported with its name and the compiler message', async () => {
    const err = await createGpuEngine(device, compileNetwork(example('lif-neuron')), {
      schedule: 'separate',
      transformProgram: (p) => ({ ...p, kernels: p.kernels.map((k) => (k.name === 'update_neuron' ? { ...k, code: k.code.replace('let l_vinf: f32 =', 'let l_vinf: u32 =') } : k)) }),
    }).catch((e) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect(err.kind).toBe('shader');
    expect(err.where.kernel).toBe('update_neuron');
    expect(err.message).toMatch(/kernel update_neuron failed to compile: \d+:\d+ /);
  });

  it('a lost device surfaces as EngineError("device-lost")', async () => {
    const adapter = await (await getTestGpu()).gpu.requestAdapter();
    const dev = await adapter!.requestDevice();
    const e = await createGpuEngine(dev, compileNetwork(example('lif-neuron')));
    dev.destroy();
    await dev.lost;
    const err = await e.run({ steps: 100 }).catch((x) => x);
    expect(err).toBeInstanceOf(EngineError);
    expect(err.kind).toBe('device-lost');
  });

  it('populations past one dispatch dimension (> 65535 workgroups of 64) update every neuron', async () => {
    const n = 65535 * 64 + 77;
    const d = loadDocument({ format: 'snn-network', version: 1, meta: { name: 'wide' },
      nodes: [{ id: 'p', kind: 'input', model: 'poisson', size: n, params: { rate_hz: 1000 } },
        { id: 'n', kind: 'population', model: 'lif', size: n, params: { v_init: 2 } }] });
    if (!d.ok) throw new Error();
    const cpu = createCpuEngine(compileNetwork(d.doc));
    await cpu.run({ steps: 1 });
    const g = await createGpuEngine(device, compileNetwork(d.doc), { chunkSteps: 1 });
    await g.run({ steps: 1 });
    const gn = await g.spikeCounts('n');
    expect(gn[0]).toBe(1);
    expect(gn[n - 1]).toBe(1);
    expect(gn.every((c) => c === 1)).toBe(true);
    const a = await cpu.spikeCounts('p'), b = await g.spikeCounts('p');
    let diff = 0;
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) diff++;
    expect(diff).toBe(0);
    expect(b.subarray(n - 1000).some((c) => c > 0)).toBe(true);
    g.dispose();
  });
});


describe('GpuEngine: parameter edits mid-run', () => {
  it('pause, setParam (LIF, adaptive LIF, Poisson rate), resume: identical spikes to the CPU and to a fresh run of the edited document', async () => {
    const verdict = classifyEdit(editScenario(false), editScenario(true));
    const g = await createGpuEngine(device, compileNetwork(editScenario(false)), { chunkSteps: 128 });
    const a = await runAndCollect(g, EDIT_STEP);
    expect(applyEdit(g, verdict)).toBe(true);
    const b = await runAndCollect(g, EDIT_TOTAL - EDIT_STEP);
    g.dispose();
    const fresh = await createGpuEngine(device, compileNetwork(editScenario(true)), { chunkSteps: 128 });
    const f = await runAndCollect(fresh, EDIT_TOTAL);
    fresh.dispose();
    const c = createCpuEngine(compileNetwork(editScenario(false)));
    const ca = await runAndCollect(c, EDIT_STEP, 128);
    applyEdit(c, verdict);
    const cb = await runAndCollect(c, EDIT_TOTAL - EDIT_STEP, 128);
    for (const id of ['in', 'exc', 'ada']) {
      const gs = [...(a.spikes[id]?.step ?? []), ...b.spikes[id].step], gi = [...(a.spikes[id]?.index ?? []), ...b.spikes[id].index];
      expect(gs, id).toEqual(f.spikes[id].step);
      expect(gi, id).toEqual(f.spikes[id].index);
      expect(gs, id).toEqual([...(ca.spikes[id]?.step ?? []), ...cb.spikes[id].step]);
      expect(gi, id).toEqual([...(ca.spikes[id]?.index ?? []), ...cb.spikes[id].index]);
    }
    const err = (() => { try { createCpuEngine(compileNetwork(editScenario(false))).setParam('in', 'shape', 1); } catch (e) { return e as EngineError; } })();
    const g2 = await createGpuEngine(device, compileNetwork(editScenario(false)));
    const gerr = (() => { try { g2.setParam('in', 'shape', 1); } catch (e) { return e as EngineError; } })();
    g2.dispose();
    expect(gerr?.kind).toBe('unsupported');
    expect(gerr?.message).toBe(err?.message);
  });
});

describe('GpuEngine: double-buffered readback', () => {
  it('gives the same chunks as one-chunk-at-a-time readback (spikes, traces, STDP weights), and stops at a chunk boundary', async () => {
    const ir = () => compileNetwork(example('stdp'));
    const runWith = async (doubleBuffer: boolean) => {
      const g = await createGpuEngine(device, ir(), { chunkSteps: 170, doubleBuffer });
      const r = await runAndCollect(g, 1000);
      const w = Array.from(await g.readWeights(ir().projections.find((p) => p.plasticity)!.id));
      const chunks: number[] = [];
      const flag = { aborted: false };
      const s = await g.run({ steps: 1000, onChunk: (c) => { chunks.push(c.stepEnd); if (chunks.length === 2) flag.aborted = true; }, signal: flag });
      g.dispose();
      return { r, w, chunks, s, step: g.step };
    };
    const a = await runWith(true), b = await runWith(false);
    expect(a.r.spikes).toEqual(b.r.spikes);
    expect(a.r.traces).toEqual(b.r.traces);
    expect(a.w).toEqual(b.w);
    expect(Object.values(a.r.spikes).reduce((n, s) => n + s.step.length, 0)).toBeGreaterThan(0);
    expect(a.r.traces.neuron_v[0]).toHaveLength(1000);
    // Stopping: the chunks already submitted when the callback aborts are delivered too — one without double
    // buffering (queued once the aborting chunk's counts were read), two with it. Every simulated step is reported.
    expect(b.chunks).toEqual([1170, 1340, 1510]);
    expect(a.chunks).toEqual([1170, 1340, 1510, 1680]);
    expect(a.s.stepsRun).toBe(680);
    expect(b.s.stepsRun).toBe(510);
    expect(a.step).toBe(1680);
    expect(b.step).toBe(1510);
    expect(a.s.stopped && b.s.stopped).toBe(true);
  });
});

// Readback of the used records only (docs/engine.md, "Readback"): the engine's byte counter (GpuEngine.copied)
// against what the chunks must carry — per chunk the control block and each trace buffer, plus 8 bytes per
// recorded spike — with spikes identical to the CPU engine's. Both modes: double-buffered (GPU snapshots, two
// chunks ahead) and counts-first.
describe('GpuEngine: reads back only the used spike records', () => {
  const fixedPerChunk = (ir: NetworkIR, chunkSteps: number) => 4 * ctrlWords(ir.populations.length)
    + ir.monitors.filter((m) => m.kind === 'state').reduce((a, m) => a + 4 * m.indices.length * chunkSteps, 0);
  const spikesOf = (c: Collected) => Object.values(c.spikes).reduce((a, s) => a + s.step.length, 0);

  for (const doubleBuffer of [true, false]) {
    it(`record capacity ≫ spikes over 7 chunks (doubleBuffer ${doubleBuffer}): CPU spikes, and exactly the used records read back`, async () => {
      const doc = randomNetwork(4242);
      const chunkSteps = 64, steps = 6 * 64 + 20, recordCapacity = 40_000;
      const cpu = await runAndCollect(createCpuEngine(compileNetwork(doc)), steps, chunkSteps);
      const ir = compileNetwork(doc);
      const g = await createGpuEngine(device, ir, { chunkSteps, recordCapacity, doubleBuffer });
      expect(g.doubleBuffer).toBe(doubleBuffer);
      const before = { ...g.copied };
      const gpu = await runAndCollect(g, steps);
      g.dispose();
      expectAgree({ cpu, gpu }, 1e-5, 1e-5);
      const spikes = spikesOf(gpu), spiking = ir.populations.filter((p) => p.spiking).length;
      expect(spikes).toBeGreaterThan(50);
      expect(gpu.summary.droppedSpikes).toBe(0);
      // The test is only meaningful when the capacity dwarfs the spikes (the old readback copied all of it) and
      // is too large to be read whole with the control block.
      expect(recordBytes(recordCapacity) * spiking).toBeGreaterThan(50 * recordBytes(spikes / 7));
      expect(recordBytes(recordCapacity) * spiking).toBeGreaterThan(WHOLE_RECORDS_MAX_BYTES);
      expect(g.recordRead).toBe('used');
      expect(g.copied.chunks - before.chunks).toBe(7);
      expect(g.copied.readback - before.readback).toBe(7 * fixedPerChunk(ir, chunkSteps) + recordBytes(spikes));
      expect(g.copied.snapshot - before.snapshot).toBe(doubleBuffer ? 7 * spiking * recordBytes(recordCapacity) : 0);
    });
  }

  it('a burst chunk after quiet ones (spikes 100× the previous chunk), and a chunk past the record capacity: counts and records stay exact', async () => {
    // 400 generator neurons: chunk 0 three spikes, chunk 1 every neuron at every one of its 50 steps (20,000),
    // chunk 2 none, chunk 3 ten; the LIF population they drive spikes only in and after the burst. Capacities
    // above WHOLE_RECORDS_MAX_BYTES in all, so the used records are read after the counts.
    const index: number[] = [], time: number[] = [];
    const at = (i: number, step: number) => { index.push(i); time.push(step / 10); };
    [5, 17, 33].forEach((s, i) => at(i, s));
    for (let s = 50; s < 100; s++) for (let i = 0; i < 400; i++) at(i, s);
    for (let i = 0; i < 10; i++) at(i * 7, 150 + i);
    const d = loadDocument({ format: 'snn-network', version: 1, meta: { name: 'burst' }, simulation: { dt_ms: 0.1, duration_ms: 20, seed: 5 },
      nodes: [{ id: 'g', kind: 'input', model: 'spike_generator', size: 400, data: { spikes: { index, time_ms: time } } },
        { id: 'n', kind: 'population', model: 'lif', size: 40, params: { tau_ms: 10 } }],
      projections: [{ id: 'p', source: 'g', target: 'n', connectivity: { rule: 'fixed_probability', p: 0.3 }, weight: { dist: 'constant', value: 0.2 } }],
      monitors: [{ id: 'nv', kind: 'state', target: 'n', variable: 'v', indices: [0, 1] }] });
    if (!d.ok) throw new Error(JSON.stringify(d.diagnostics));
    const chunkSteps = 50, steps = 200;
    const cpu = await runAndCollect(createCpuEngine(compileNetwork(d.doc)), steps, chunkSteps);
    expect(cpu.spikes.g.step.length).toBe(20_013);
    expect(cpu.spikes.n.step.length).toBeGreaterThan(0);
    for (const doubleBuffer of [true, false]) {
      const ir = compileNetwork(d.doc);
      const g = await createGpuEngine(device, ir, { chunkSteps, recordCapacity: 24_000, doubleBuffer });
      expect(g.recordRead).toBe('used');
      const gpu = await runAndCollect(g, steps);
      expectAgree({ cpu, gpu });
      expect(g.copied.readback).toBe(4 * fixedPerChunk(ir, chunkSteps) + recordBytes(spikesOf(gpu)));
      g.dispose();
      // Past the capacity: the burst chunk keeps 17,000 of the generator's 20,000 records (3,000 counted as
      // dropped) and reads back exactly those; the quiet chunks around it are still complete.
      expect(2 * recordBytes(17_000)).toBeGreaterThan(WHOLE_RECORDS_MAX_BYTES);
      const small = await createGpuEngine(device, compileNetwork(d.doc), { chunkSteps, recordCapacity: 17_000, doubleBuffer });
      const chunks: number[] = [];
      const s = await small.run({ steps, onChunk: (c) => { chunks.push(c.spikes.g.step.length); } });
      expect(chunks).toEqual([3, 17_000, 0, 10]);
      expect(s.droppedSpikes).toBe(3000);
      const nSpikes = cpu.spikes.n.step.length;
      expect(small.copied.readback).toBe(4 * fixedPerChunk(ir, chunkSteps) + recordBytes(17_013 + nSpikes));
      small.dispose();
    }
  });

  it('a small record capacity is read whole with the control block: CPU spikes, the whole capacity read back, no snapshot', async () => {
    const doc = randomNetwork(777);
    const chunkSteps = 64, steps = 3 * 64, recordCapacity = 2000;
    const cpu = await runAndCollect(createCpuEngine(compileNetwork(doc)), steps, chunkSteps);
    const ir = compileNetwork(doc);
    const spiking = ir.populations.filter((p) => p.spiking).length;
    expect(spiking * recordBytes(recordCapacity)).toBeLessThanOrEqual(WHOLE_RECORDS_MAX_BYTES);
    for (const doubleBuffer of [true, false]) {
      const g = await createGpuEngine(device, ir, { chunkSteps, recordCapacity, doubleBuffer });
      expect(g.recordRead).toBe('whole');
      const gpu = await runAndCollect(g, steps);
      g.dispose();
      expectAgree({ cpu, gpu }, 1e-5, 1e-5);
      expect(gpu.summary.droppedSpikes).toBe(0);
      expect(spikesOf(gpu)).toBeGreaterThan(10);
      expect(g.copied.readback).toBe(3 * (fixedPerChunk(ir, chunkSteps) + spiking * recordBytes(recordCapacity)));
      expect(g.copied.snapshot).toBe(0);
    }
  });
});
