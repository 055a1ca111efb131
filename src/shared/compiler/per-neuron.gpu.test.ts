// Per-neuron parameters on the GPU engine (the PN_<pop> buffer read by update_<pop>, ./kernels/neuron.wgsl.ts):
// the same spikes as the CPU engine, and the same as one uniform single-neuron population per neuron
// (test/engine/per-neuron-network.ts). Spikes must be identical; traces agree within 1e-5 relative (the GPU
// compiler may fuse a·b + c, as in the other GPU-vs-CPU tests: docs/engine.md, "Tolerances").
import { beforeAll, describe, expect, it } from 'vitest';
import { getTestDevice } from '../../../test/gpu';
import { loadDocument } from '../graph';
import { compileNetwork } from '.';
import { createCpuEngine } from '../engine/cpu-engine';
import { createGpuEngine } from '../engine/gpu-engine';
import { runAndCollect } from '../engine/collect';
import { PER_NEURON_CASES, perNeuronDocument } from '../../../test/engine/per-neuron-network';

let device: GPUDevice;
beforeAll(async () => { device = await getTestDevice('per-neuron'); });

describe('per-neuron parameters: GPU engine = CPU engine', () => {
  for (const c of PER_NEURON_CASES) {
    it(`${c.model}: ${Object.keys(c.per).join(', ')} per neuron`, async () => {
      const r = loadDocument(perNeuronDocument(c, 300));
      if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
      const cpu = await runAndCollect(createCpuEngine(compileNetwork(r.doc)), 300);
      const g = await createGpuEngine(device, compileNetwork(r.doc));
      expect(g.program.buffers.map((b) => b.name)).toContain('PN_pop');
      const gpu = await runAndCollect(g, 300);
      // A uniform edit of another parameter recomputes the per-neuron columns on both engines.
      const other = 'v_rest';
      g.setParam('pop', other, 0.05); g.reset();
      const cpuEdited = createCpuEngine(compileNetwork(r.doc)); cpuEdited.setParam('pop', other, 0.05);
      const [gpu2, cpu2] = [await runAndCollect(g, 300), await runAndCollect(cpuEdited, 300)];
      g.dispose();
      for (const [a, b, label] of [[cpu, gpu, 'as loaded'], [cpu2, gpu2, `after setParam ${other}`]] as const) {
        expect(b.spikes.pop.step, label).toEqual(a.spikes.pop.step);
        expect(b.spikes.pop.index, label).toEqual(a.spikes.pop.index);
        a.traces.pop_v.forEach((t, i) => t.forEach((v, s) => expect(Math.abs(b.traces.pop_v[i][s] - v), `${label}: v of ${i} at ${s}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(v)))));
      }
      expect(cpu.spikes.pop.step.length).toBeGreaterThan(10);
      // Against the independent reference (single uniform populations), on the GPU too.
      const n = Object.values(c.per)[0].length;
      for (let i = 0; i < n; i++) {
        const mine = gpu.spikes.pop.step.filter((_, k) => gpu.spikes.pop.index[k] === i);
        expect(mine, `neuron ${i}`).toEqual(gpu.spikes[`n${i}`]?.step ?? []);
      }
    });
  }
});
