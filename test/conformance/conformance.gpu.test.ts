// Every conformance case on the GPU engine (real WGSL through Dawn): each measurement within its tolerant
// bound, and the measurement equal to the CPU engine's within the same bound.
import { beforeAll, describe, expect, it } from 'vitest';
import { getTestDevice } from '../gpu';
import { createCpuEngine } from '../../src/shared/engine/cpu-engine';
import { createGpuEngine } from '../../src/shared/engine/gpu-engine';
import { CONFORMANCE_CASES, describeChecked, runCase } from '.';

let device: GPUDevice;
beforeAll(async () => { device = await getTestDevice('conformance'); });

describe('conformance cases on the GPU engine (tolerant bounds)', () => {
  it.each(CONFORMANCE_CASES.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
    const gpu = await runCase(c, (ir) => createGpuEngine(device, ir, { chunkSteps: 500 }));
    const cpu = await runCase(c, (ir) => createCpuEngine(ir));
    expect(gpu.map((m) => m.what)).toEqual(cpu.map((m) => m.what));
    gpu.forEach((m, k) => {
      expect(m.passTolerant, `GPU ${describeChecked(m)}`).toBe(true);
      expect(Math.abs(m.got - cpu[k].got), `GPU vs CPU, ${m.what}`).toBeLessThanOrEqual(m.tolerant);
    });
  });
});
