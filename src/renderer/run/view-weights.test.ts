// The worker's weight readings for the 3D view (ViewWeights): none while the view is closed, one on opening when
// paused, one per slice while open, one at the end unless that step was read; the sample only, through the
// engine's gather (readWeights with indices); step 0 from the IR with no readback.
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../shared/graph';
import { compileNetwork } from '../../shared/compiler';
import { createCpuEngine } from '../../shared/engine/cpu-engine';
import type { Engine } from '../../shared/engine/types';
import { sampleSynapsesFromIR } from '../view3d/ir';
import stdp from '../../../resources/examples/stdp.snn.json';
import { ViewWeights, type WeightsMessage } from './view-weights';

function setup() {
  const r = loadDocument(structuredClone(stdp));
  if (!r.ok) throw new Error('example does not load');
  const ir = compileNetwork(r.doc, { seed: r.doc.simulation.seed });
  const engine = createCpuEngine(ir);
  const calls: { id: string; indices?: Uint32Array }[] = [];
  const read = engine.readWeights.bind(engine);
  engine.readWeights = (id: string, indices?: Uint32Array) => { calls.push({ id, indices }); return read(id, indices); };
  const index = Uint32Array.of(3, 50, 199);
  const posted: WeightsMessage[] = [];
  const vw = new ViewWeights([{ id: 'inputs_neuron', index }], (m) => posted.push(m));
  return { ir, engine: engine as Engine, calls, index, posted, vw };
}

describe('ViewWeights (engine worker)', () => {
  it('reads only while the view is open, once on opening when paused, and at the end', async () => {
    const { ir, engine, calls, index, posted, vw } = setup();
    vw.initial(ir);
    expect(calls.length).toBe(0); // step 0 comes from the IR
    expect(posted[0].step).toBe(0);
    expect([...posted[0].weights.inputs_neuron]).toEqual(Array.from(index, (k) => ir.projections[0].weight[k]));

    // Closed: slices read nothing.
    await engine.run({ steps: 300 });
    await vw.afterSlice(engine);
    expect(calls.length).toBe(0);
    // Opening while the engine runs waits for the next slice; opening while paused reads at once.
    await vw.setOpen(true, engine, true);
    expect(calls.length).toBe(0);
    await vw.setOpen(false, engine, false);
    await vw.setOpen(true, engine, false);
    expect(calls.length).toBe(1);
    expect(posted.at(-1)!.step).toBe(300);
    // Only the sample, through the gather: the indices go to the engine.
    expect([...calls[0].indices!]).toEqual([3, 50, 199]);
    expect([...posted.at(-1)!.weights.inputs_neuron]).toEqual([...await createCpuEngineAt(ir, 300, index)]);
    // Reopening at the same step does not read again.
    await vw.setOpen(false, engine, false);
    await vw.setOpen(true, engine, false);
    expect(calls.length).toBe(1);
    // Open: every slice reads.
    await engine.run({ steps: 100 });
    await vw.afterSlice(engine);
    await engine.run({ steps: 100 });
    await vw.afterSlice(engine);
    expect(posted.map((m) => m.step)).toEqual([0, 300, 400, 500]);
    // The end: already read at this step, so no second read; after a closed stretch, one read.
    await vw.atEnd(engine);
    expect(calls.length).toBe(3);
    await vw.setOpen(false, engine, true);
    await engine.run({ steps: 100 });
    await vw.afterSlice(engine);
    expect(calls.length).toBe(3);
    await vw.atEnd(engine);
    expect(calls.length).toBe(4);
    expect(posted.at(-1)!.step).toBe(600);
  });

  it('a projection-less sample posts nothing', async () => {
    const posted: WeightsMessage[] = [];
    const vw = new ViewWeights([], (m) => posted.push(m));
    const { ir, engine } = setup();
    vw.initial(ir);
    await vw.setOpen(true, engine, false);
    await vw.atEnd(engine);
    expect(posted).toEqual([]);
  });

  it('the worker\'s sample indices are the view\'s (sampleSynapsesFromIR)', () => {
    const { ir } = setup();
    expect(sampleSynapsesFromIR(ir).inputs_neuron.index!.length).toBe(200);
  });
});

async function createCpuEngineAt(ir: Parameters<typeof createCpuEngine>[0], steps: number, index: Uint32Array) {
  const e = createCpuEngine(ir);
  await e.run({ steps });
  return e.readWeights('inputs_neuron', index);
}
