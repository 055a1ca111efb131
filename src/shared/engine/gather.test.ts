// readWeights(projection, indices) on the CPU engine: only those weights, in the order given (repeats and any
// order allowed), equal to the whole read; empty sets; out-of-range indices and unknown projections refused.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../graph';
import { compileNetwork } from '../compiler';
import { createCpuEngine } from './cpu-engine';
import { checkGatherIndices, gatherOnHost } from './gather';
import { EngineError } from './types';

function stdp() {
  const r = loadDocument(JSON.parse(readFileSync(new URL('../../../resources/examples/stdp.snn.json', import.meta.url), 'utf8')));
  if (!r.ok) throw new Error('example does not load');
  return compileNetwork(r.doc, { seed: r.doc.simulation.seed });
}

describe('CpuEngine.readWeights with indices', () => {
  it('gives the chosen synapses\' current weights in the order given, after STDP moved them', async () => {
    const ir = stdp();
    const e = createCpuEngine(ir);
    await e.run({ steps: 1500 });
    const all = await e.readWeights('inputs_neuron');
    expect(all.some((w, k) => w !== ir.projections[0].weight[k])).toBe(true);
    const idx = Uint32Array.of(199, 0, 17, 17, 100);
    expect(Array.from(await e.readWeights('inputs_neuron', idx))).toEqual(Array.from(idx, (k) => all[k]));
    expect((await e.readWeights('inputs_neuron', new Uint32Array(0))).length).toBe(0);
    // A copy: changing it does not touch the engine.
    const got = await e.readWeights('inputs_neuron', Uint32Array.of(3));
    got[0] = 99;
    expect((await e.readWeights('inputs_neuron'))[3]).toBe(all[3]);
  });

  it('refuses an index past the projection\'s synapses, naming the projection', async () => {
    const e = createCpuEngine(stdp());
    const err = await e.readWeights('inputs_neuron', Uint32Array.of(0, 200)).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).kind).toBe('unsupported');
    expect((err as EngineError).message).toMatch(/inputs_neuron.*200.*200 synapses/);
    await expect(e.readWeights('nope', Uint32Array.of(0))).rejects.toThrow(/no projection "nope"/);
  });
});

describe('gather helpers', () => {
  it('gatherOnHost picks w[idx[k]]; checkGatherIndices accepts the last synapse, not one past it', () => {
    expect(Array.from(gatherOnHost(Float32Array.of(1, 2, 3), Uint32Array.of(2, 0)))).toEqual([3, 1]);
    expect(() => checkGatherIndices('p', Uint32Array.of(2), 3)).not.toThrow();
    expect(() => checkGatherIndices('p', Uint32Array.of(3), 3)).toThrow(EngineError);
  });
});
