// GPU = CPU agreement as the compiler's GPU tests check it: spikes identical, traces within a tolerance (test helper).
import { expect } from 'vitest';
import type { Collected } from '../../src/shared/engine/collect';

/** Spikes identical; traces within `rel` (the GPU compiler may fuse a·b + c; HH's exp() differs: abs 0.1 mV). */
export function expectAgree(cpu: Collected, gpu: Collected, label: string, rel = 1e-5, abs = 1e-6) {
  expect(Object.keys(gpu.spikes).sort(), label).toEqual(Object.keys(cpu.spikes).sort());
  for (const id of Object.keys(cpu.spikes)) {
    expect(gpu.spikes[id].step, `${label}: spike steps of ${id}`).toEqual(cpu.spikes[id].step);
    expect(gpu.spikes[id].index, `${label}: spike indices of ${id}`).toEqual(cpu.spikes[id].index);
  }
  for (const id of Object.keys(cpu.traces)) {
    const a = cpu.traces[id], b = gpu.traces[id];
    for (let k = 0; k < a.length; k++) {
      for (let n = 0; n < a[k].length; n++) {
        if (!(Math.abs(a[k][n] - b[k][n]) <= abs + rel * Math.abs(a[k][n]))) throw new Error(`${label}: ${id}[${k}] step ${n}: cpu ${a[k][n]} gpu ${b[k][n]}`);
      }
    }
  }
}
