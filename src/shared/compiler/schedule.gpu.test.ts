// Launch schedules on the real WGSL (Dawn; SwiftShader on CI): with the schedule forced 'separate', 'fused' and
// 'single', the GPU's spike trains equal the CPU engine's, traces agree to 1e-5 relative (as in
// ../engine/gpu-engine.gpu.test.ts: the GPU compiler may fuse a·b + c) and STDP weights to 1e-6. Every schedule
// runs the same kernel bodies on the same integers, so GPU traces are also bit-identical across schedules. A
// device with WebGPU's default limits (8 storage buffers per stage) runs the pooled layout. Networks: examples
// with spikes in every population kind, all channel kinds, STDP, per-synapse delays (propagation-network.ts),
// and fresh random networks.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { getTestDevice, getTestGpu } from '../../../test/gpu';
import { loadDocument, type NetworkDocument } from '../graph';
import { compileNetwork } from '.';
import type { Schedule } from './schedule';
import { createCpuEngine } from '../engine/cpu-engine';
import { createGpuEngine } from '../engine/gpu-engine';
import { runAndCollect, type Collected } from '../engine/collect';
import { randomNetwork } from '../../../test/engine/random-network';
import { expectAgree } from '../../../test/engine/expect-agree';
import { propagationNetwork } from './propagation-network';

let device: GPUDevice;
beforeAll(async () => { device = await getTestDevice('schedule'); });

// Single runs with the adapter's workgroup size (one subgroup on SwiftShader) and with 256 threads (hardware GPUs).
const SCHEDULES: { schedule: Schedule; singleWorkgroupSize?: number }[] = [
  { schedule: 'separate' }, { schedule: 'fused' }, { schedule: 'single' }, { schedule: 'single', singleWorkgroupSize: 256 },
];

function example(name: string): NetworkDocument {
  const r = loadDocument(JSON.parse(readFileSync(new URL(`../../../resources/examples/${name}.snn.json`, import.meta.url), 'utf8')));
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}

/** CPU once, then the GPU under every schedule on `dev`; returns the GPU Programs' schedules and pool counts. */
async function agreeUnderEverySchedule(doc: NetworkDocument, steps: number, chunk?: number, dev = device) {
  const ir0 = compileNetwork(doc);
  const plastic = ir0.projections.filter((p) => p.plasticity).map((p) => p.id);
  const c = createCpuEngine(compileNetwork(doc));
  const cpu = await runAndCollect(c, steps, chunk);
  expect(Object.values(cpu.spikes).some((s) => s.step.length > 0), 'some spikes').toBe(true);
  const cpuW = await Promise.all(plastic.map((id) => c.readWeights(id)));
  const got: { schedule: string; pools: number; traces: Collected['traces']; weights: Float32Array[] }[] = [];
  for (const { schedule: s, singleWorkgroupSize } of SCHEDULES) {
    const g = await createGpuEngine(dev, compileNetwork(doc), { chunkSteps: chunk, schedule: s, singleWorkgroupSize });
    expect(g.program.schedule, `${ir0.name}: ${g.program.scheduleReason}`).toBe(s);
    if (singleWorkgroupSize) expect(g.program.kernels[0].code).toContain(`@workgroup_size(${singleWorkgroupSize})`);
    const schedule = `${s}${singleWorkgroupSize ? ` (${singleWorkgroupSize} threads)` : ''}`;
    const r = await runAndCollect(g, steps);
    const weights = await Promise.all(plastic.map((id) => g.readWeights(id)));
    got.push({ schedule, pools: g.program.pools.length, traces: r.traces, weights });
    g.dispose();
    expectAgree(cpu, r, `${ir0.name} ${schedule}`);
    weights.forEach((w, k) => { for (let i = 0; i < w.length; i++) expect(Math.abs(w[i] - cpuW[k][i]), `${schedule} ${plastic[k]}[${i}]`).toBeLessThan(1e-6); });
  }
  for (const g of got.slice(1)) {
    expect(g.traces, g.schedule).toEqual(got[0].traces);
    expect(g.weights, g.schedule).toEqual(got[0].weights);
  }
  return got;
}

describe('launch schedules: GPU = CPU under separate, fused and single', () => {
  it('coba (4,000 neurons, conductance channels, Poisson input): identical spikes', async () => {
    await agreeUnderEverySchedule(example('coba'), 200, 90);
  });

  it('stdp: identical spikes, weights within 1e-6', async () => {
    await agreeUnderEverySchedule(example('stdp'), 800, 300);
  });

  it('repeated pairs, per-synapse delays up to the ring size, all channel kinds, all-to-all STDP', async () => {
    await agreeUnderEverySchedule(propagationNetwork(11), 300, 128);
  });

  const seed = 1 + Math.floor(Math.random() * 1e9);
  it(`random network (fresh seed ${seed}): identical spikes`, async () => {
    await agreeUnderEverySchedule(randomNetwork(seed), 250, 100);
  });

  it('a device with the default limits (8 storage buffers per stage) runs fused and single over pooled buffers', async () => {
    const adapter = await (await getTestGpu()).gpu.requestAdapter();
    const small = await adapter!.requestDevice({ label: 'schedule default limits' });
    expect(small.limits.maxStorageBuffersPerShaderStage).toBe(8);
    const got = await agreeUnderEverySchedule(propagationNetwork(12), 200, 64, small);
    expect(got.map((g) => g.pools > 0)).toEqual([false, true, true, true]);
    small.destroy();
  });
});
