// GpuEngine.readWeights(projection, indices) on a real device (Dawn; SwiftShader on CI): after an STDP run the
// gathered weights equal the CPU engine's (1e-6, the STDP tolerance) and the GPU's own whole read exactly; only
// 4 bytes an index are mapped back (never the whole weight buffer); repeated and changed index sets; out of range.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { getTestDevice } from '../../../test/gpu';
import { loadDocument } from '../graph';
import { compileNetwork } from '../compiler';
import { createCpuEngine } from './cpu-engine';
import { createGpuEngine } from './gpu-engine';
import { EngineError } from './types';

let device: GPUDevice;
beforeAll(async () => { device = await getTestDevice('gather'); });

function stdpIr(inputs: number) {
  const d = JSON.parse(readFileSync(new URL('../../../resources/examples/stdp.snn.json', import.meta.url), 'utf8'));
  d.nodes[0].size = inputs;
  const r = loadDocument(d);
  if (!r.ok) throw new Error('example does not load');
  return compileNetwork(r.doc, { seed: r.doc.simulation.seed });
}

/** Sizes of the MAP_READ buffers created while `f` runs (what is copied back to the host). */
async function mappedSizes<T>(f: () => Promise<T>): Promise<{ value: T; sizes: number[] }> {
  const sizes: number[] = [];
  const create = device.createBuffer.bind(device);
  device.createBuffer = (desc: GPUBufferDescriptor) => {
    if (desc.usage & GPUBufferUsage.MAP_READ) sizes.push(desc.size);
    return create(desc);
  };
  try {
    return { value: await f(), sizes };
  } finally {
    device.createBuffer = create;
  }
}

describe('GpuEngine.readWeights with indices', () => {
  it('after an STDP run: GPU gather = CPU gather (1e-6) = the GPU\'s whole read, mapping only the gathered bytes', async () => {
    const ir = () => stdpIr(5000);
    const c = createCpuEngine(ir());
    const g = await createGpuEngine(device, ir());
    await c.run({ steps: 1500 });
    await g.run({ steps: 1500 });
    const idx = Uint32Array.from({ length: 300 }, (_, k) => (k * 7919) % 5000);
    idx[5] = 4999; idx[6] = 0; idx[7] = idx[8];
    const { value: got, sizes } = await mappedSizes(() => g.readWeights('inputs_neuron', idx));
    expect(sizes).toEqual([4 * idx.length]);
    const cpu = await c.readWeights('inputs_neuron', idx);
    const whole = await g.readWeights('inputs_neuron');
    const initial = ir().projections[0].weight;
    expect(Array.from(idx).some((k) => whole[k] !== initial[k])).toBe(true);
    for (let k = 0; k < idx.length; k++) {
      expect(got[k]).toBe(whole[idx[k]]);
      expect(Math.abs(got[k] - cpu[k])).toBeLessThan(1e-6);
    }
    // The same set again (its index buffer is kept), after more steps; then another set; then an empty one.
    await c.run({ steps: 500 });
    await g.run({ steps: 500 });
    const again = await g.readWeights('inputs_neuron', idx.slice());
    const cpu2 = await c.readWeights('inputs_neuron', idx);
    for (let k = 0; k < idx.length; k++) expect(Math.abs(again[k] - cpu2[k])).toBeLessThan(1e-6);
    const other = Uint32Array.of(42, 41, 40);
    const g3 = await g.readWeights('inputs_neuron', other), c3 = await c.readWeights('inputs_neuron', other);
    for (let k = 0; k < 3; k++) expect(Math.abs(g3[k] - c3[k])).toBeLessThan(1e-6);
    expect((await g.readWeights('inputs_neuron', new Uint32Array(0))).length).toBe(0);
    g.dispose();
  });

  it('an index past the projection\'s synapses is EngineError("unsupported") naming it', async () => {
    const g = await createGpuEngine(device, stdpIr(200));
    const err = await g.readWeights('inputs_neuron', Uint32Array.of(0, 200)).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).kind).toBe('unsupported');
    expect((err as EngineError).message).toMatch(/inputs_neuron/);
    g.dispose();
  });
});
