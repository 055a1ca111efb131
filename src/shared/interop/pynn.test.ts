import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../compiler';
import { parseDocumentText, type NetworkDocument } from '../graph';
import { pynnScript } from './pynn';
import { realisedInputSpikes } from './realise';

function example(name: string): NetworkDocument {
  const r = parseDocumentText(readFileSync(`resources/examples/${name}.snn.json`, 'utf8'));
  if (!r.ok) throw new Error(`${name}: invalid example`);
  return r.doc;
}

describe('pynnScript', () => {
  it('writes the COBA network with every realised connection and its exact weight and delay', () => {
    const ir = compileNetwork(example('coba'), { durationMs: 20 });
    const text = pynnScript(ir);
    expect(text).toContain('import pyNN.brian2 as sim');
    expect(text).toContain('sim.setup(timestep=0.1)');
    expect(text).toMatch(/pop_exc = sim\.Population\(3200, sim\.IF_cond_exp\(/);
    expect(text).toMatch(/pop_kick = sim\.Population\(400, sim\.SpikeSourcePoisson\(/);
    // One connector row per realised synapse, carrying the f32 weight as written by the compiler.
    const rows = text.match(/\(\d+, \d+, [-\d.e]+, [\d.e]+\)/g) ?? [];
    const synapses = ir.projections.reduce((a, p) => a + p.post.length, 0);
    expect(rows.length).toBe(synapses);
    const pr = ir.projections[0];
    expect(text).toContain(`(0, ${pr.post[pr.rowPtr[0]]}, ${String(pr.weight[pr.rowPtr[0]])}, `);
    expect(text).toContain("pop_exc.record('spikes')");
  });

  it('plays the sound source as the trains our engine draws for the seed (SpikeSourceArray)', () => {
    const ir = compileNetwork(example('coincidence-detection'), { durationMs: 50 });
    const g = realisedInputSpikes(ir, ir.populations[0]);
    const times: number[][] = [[], []];
    for (let k = 0; k < g.step.length; k++) times[g.index[k]].push(g.step[k] * ir.dtMs);
    const text = pynnScript(ir);
    expect(g.step.length).toBeGreaterThan(5);
    expect(text).toContain(`pop_ears = sim.Population(2, sim.SpikeSourceArray(spike_times=[${times.map((t) => `[${t.map((x) => (Number.isInteger(x) ? x.toFixed(1) : String(x))).join(', ')}]`).join(', ')}])`);
    expect(text).toContain('brian2.seed(1)');
  });

  it('refuses what it cannot represent, naming the node and the reason', () => {
    expect(() => pynnScript(compileNetwork(example('hodgkin-huxley'), { durationMs: 10 }))).toThrow(/node "current": input "current" is a current source/);
    expect(() => pynnScript(compileNetwork(example('stdp'), { durationMs: 10 }))).toThrow(/node "inputs_neuron": STDP: PyNN's pair rule/);
    const tutorial = example('coba');
    const exc = tutorial.nodes.find((n) => n.id === 'exc')!;
    exc.params = { ...exc.params, reset_timing: 'tutorial' };
    expect(() => pynnScript(compileNetwork(tutorial, { durationMs: 10 }))).toThrow(/node "exc": reset_timing "tutorial"/);
  });
});
