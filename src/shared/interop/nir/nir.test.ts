// NIR export/import (docs/formats.md, "NIR"): parameters against the formulas computed by hand here, the
// export → bytes → import round trip against our CPU engine (same seed → the same spikes), and bad input.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../../compiler';
import { runAndCollect } from '../../engine/collect';
import { createCpuEngine } from '../../engine/cpu-engine';
import { loadDocument, parseDocumentText, type NetworkDocument, type NetworkDocumentInput } from '../../graph';
import { applyWeights, CpuBackend, initWeights, makeData, planTraining, train } from '../../training';
import { InteropError } from '../pynn';
import { documentToNir, nirToDocument, NirFormatError, readNir, writeNir, type NirGraph, type NirNode } from '.';
import { vector } from './graph';

function example(name: string): NetworkDocument {
  const r = parseDocumentText(readFileSync(`resources/examples/${name}.snn.json`, 'utf8'));
  if (!r.ok) throw new Error(`${name}: invalid example`);
  return r.doc;
}

function load(raw: NetworkDocumentInput): NetworkDocument {
  const r = loadDocument(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}

/** A short training of the sound-localisation network (the CPU trainer), its weights applied to the document. */
async function trainedSoundLocalisation(): Promise<NetworkDocument> {
  const doc = example('sound-localisation');
  const p = planTraining(doc, { trainSamples: 16, testSamples: 8, batchSize: 8, epochs: 1 });
  if (!p.ok) throw new Error(JSON.stringify(p.diagnostics));
  const r = await train(p.plan, new CpuBackend(p.plan, initWeights(p.plan, 1)), makeData(p.plan));
  return applyWeights(doc, p.plan, r.weights);
}

/** The graph's chain from its Input, following single edges: the types in order. */
function chain(g: NirGraph): string[] {
  let at = [...g.nodes].find(([, n]) => n.type === 'Input')![0];
  const types = [g.nodes.get(at)!.type];
  for (;;) {
    const next = g.edges.filter(([a]) => a === at);
    if (next.length !== 1) return types;
    at = next[0][1];
    types.push(g.nodes.get(at)!.type);
  }
}

async function spikesAndTraces(doc: NetworkDocument, steps: number) {
  const r = await runAndCollect(createCpuEngine(compileNetwork(doc)), steps);
  const spikes = Object.fromEntries(Object.entries(r.spikes).map(([k, s]) => [k, [...s.step].map((t, i) => `${t}:${s.index[i]}`)]));
  return { spikes, traces: r.traces };
}

describe('NIR export', () => {
  it('writes the trained sound-localisation network as Input → Affine → LIF → Affine → LI → Output with hand-computed parameters', async () => {
    const doc = await trainedSoundLocalisation();
    const { graph, warnings } = documentToNir(doc, { appVersion: '9.9.9' });
    expect(chain(graph)).toEqual(['Input', 'Affine', 'LIF', 'Affine', 'LI', 'Output']);
    expect(graph.metadata).toMatchObject({ dt: 0.001, source: 'sound-localisation', app_version: '9.9.9' });
    const hidden = graph.nodes.get('hidden')!;
    expect(hidden.params.tau.data[0]).toBe(0.02); // tau_ms 20 → seconds
    expect([...hidden.params.v_threshold.data]).toEqual(new Array(30).fill(1));
    expect(hidden.metadata.snn_reset_timing).toBe('tutorial');
    expect(warnings).toEqual(['hidden: reset_timing "tutorial" (spike one step after the crossing) has no NIR parameter (kept in metadata)']);
    // W (out, in) = w·τ/R with w the applied weight the engine uses (f32 of the document's [pre][post] list).
    const values = (doc.projections[0].weight as { values: number[] }).values;
    const W = graph.nodes.get('in_hidden')!.params.weight;
    expect(W.shape).toEqual([30, 200]);
    for (const [post, pre] of [[0, 0], [7, 123], [29, 199]]) {
      expect(W.data[post * 200 + pre]).toBeCloseTo((Math.fround(values[pre * 30 + post]) * 0.02) / 1, 15);
    }
    expect([...graph.nodes.get('in_hidden')!.params.bias.data]).toEqual(new Array(30).fill(0));
    const li = graph.nodes.get('output')!;
    expect(li.type).toBe('LI');
    expect([li.params.tau.data[0], li.params.r.data[0], li.params.v_leak.data[0]]).toEqual([0.02, 1, 0]);
  });

  it('maps exponential synapses to CubaLIF (W = w·τ_syn) and per-presynaptic delays to a Delay node', () => {
    const doc = load(lifDoc());
    const { graph } = documentToNir(doc);
    const cuba = graph.nodes.get('cuba')!;
    expect(cuba.type).toBe('CubaLIF');
    expect([cuba.params.tau_syn.data[0], cuba.params.tau_mem.data[0], cuba.params.w_in.data[0]]).toEqual([0.005, 0.02, 1]);
    const W = graph.nodes.get('a_cuba')!.params.weight;
    expect(W.data[0]).toBeCloseTo(Math.fround(0.8) * 0.005, 15);
    // Delays of 2 ms (dt 0.5 ms: 4 steps) and, per presynaptic neuron, 0.5·(pre+1) ms.
    expect([...graph.nodes.get('a_cuba_delay')!.params.delay.data]).toEqual(new Array(6).fill(0.002));
    expect([...graph.nodes.get('a_lif_delay')!.params.delay.data].map((x) => +x.toFixed(12))).toEqual([0.0005, 0.001, 0.0015, 0.002, 0.0025, 0.003]);
    expect(graph.edges).toContainEqual(['a', 'a_lif_delay']);
    expect(graph.edges).toContainEqual(['a_lif_delay', 'a_lif']);
  });

  it('refuses what NIR cannot represent, naming the node and the reason', () => {
    expect(() => documentToNir(example('hodgkin-huxley'))).toThrow(InteropError);
    expect(() => documentToNir(example('hodgkin-huxley'))).toThrow(/model "hodgkin_huxley" has no NIR node/);
    expect(() => documentToNir(example('stdp'))).toThrow(/STDP changes the weights during a run/);
    expect(() => documentToNir(example('coba'))).toThrow(/synapse "conductance" has no NIR node/);
    // coincidence-detection's delays depend on the postsynaptic neuron: NIR delays are per presynaptic one.
    expect(() => documentToNir(example('coincidence-detection'))).toThrow(/cannot export node "ears_detectors": presynaptic neuron 1 has synapses with different delays/);
    const mixed = lifDoc();
    mixed.projections!.push({ id: 'a_cuba2', source: 'a', target: 'cuba', connectivity: { rule: 'one_to_one' }, weight: { dist: 'constant', value: 0.1 }, synapse: { kind: 'delta' } });
    expect(() => documentToNir(load(mixed))).toThrow(/node "cuba": receives both delta \("a_cuba2"\) and exponential \("a_cuba"\)/);
  });
});

describe('NIR round trip: export → .nir bytes → import', () => {
  it('the trained sound-localisation network gives the same hidden spikes and readout traces for the same seed', async () => {
    const doc = await trainedSoundLocalisation();
    const back = nirToDocument(await readNir(await writeNir(documentToNir(doc).graph)), { name: 'x' });
    expect(back.nodes.map((n) => [n.id, n.model, n.size])).toEqual([['inputs', 'dataset', 200], ['hidden', 'lif', 30], ['output', 'leaky_integrator', 12]]); // document order, from metadata
    expect(back.nodes.find((n) => n.id === 'hidden')!.params).toMatchObject({ tau_ms: 20, reset_timing: 'tutorial', v_th: 1 });
    // Weights come back as the same f32 (float64 file, w·τ/R·R/τ rounds within 1 ulp of f64, far below f32's).
    const wOf = (d: NetworkDocument, id: string) => (d.projections.find((p) => p.id === id)!.weight as { values: number[] }).values.map(Math.fround);
    expect(wOf(back, 'in_hidden')).toEqual(wOf(doc, 'in_hidden'));
    expect(back.projections.every((p) => p.trainable)).toBe(true);
    const [a, b] = [await spikesAndTraces(doc, 100), await spikesAndTraces(back, 100)];
    expect(a.spikes.hidden.length).toBeGreaterThan(10); // the comparison is not vacuous
    expect(b.spikes).toEqual(a.spikes);
    expect(b.traces).toEqual(a.traces); // same f32 weights, same engine: bit-identical
    expect(back.layout.nodes).toEqual({ inputs: { x: 0, y: 0 }, hidden: { x: 320, y: 0 }, output: { x: 640, y: 0 } });
  });

  it('the lif-neuron example (spike generator → LIF) gives the same spikes and the same v trace', async () => {
    const doc = example('lif-neuron');
    const back = nirToDocument(await readNir(await writeNir(documentToNir(doc).graph)), { name: 'x' });
    const steps = doc.simulation.duration_ms / doc.simulation.dt_ms;
    const [a, b] = [await spikesAndTraces(doc, steps), await spikesAndTraces(back, steps)];
    expect(a.spikes.neuron.length).toBeGreaterThan(0); // the third input spike makes it fire
    expect(b).toEqual(a);
  });

  it('a LIF network with CubaLIF, delays, refractoriness and a Poisson input gives the same spikes', async () => {
    const doc = load(lifDoc());
    const back = nirToDocument(await readNir(await writeNir(documentToNir(doc).graph)), { name: 'x' });
    const [a, b] = [await spikesAndTraces(doc, 400), await spikesAndTraces(back, 400)];
    expect(a.spikes.cuba.length).toBeGreaterThan(5);
    expect(a.spikes.plain.length).toBeGreaterThan(5);
    expect(b.spikes).toEqual(a.spikes);
    expect(back.projections.map((p) => [p.id, p.trainable])).toEqual([['a_cuba', false], ['a_lif', false], ['cuba_plain', false]]);
    expect(back.nodes.find((n) => n.id === 'plain')!.params).toMatchObject({ refractory_ms: 2, v_init: 0.3 });
  });
});

describe('NIR import', () => {
  const base = (): NirGraph => ({
    version: '1.0.7',
    nodes: new Map<string, NirNode>([
      ['input', { type: 'Input', params: { shape: vector([2]) }, metadata: {} }],
      ['fc', { type: 'Affine', params: { weight: { shape: [1, 2], data: Float64Array.from([0.001, -0.002]) }, bias: vector([0]) }, metadata: {} }],
      ['lif.0', { type: 'LIF', params: { tau: vector([0.01]), r: vector([2]), v_leak: vector([0]), v_threshold: vector([1]) }, metadata: {} }],
      ['output', { type: 'Output', params: { shape: vector([1]) }, metadata: {} }],
    ]),
    edges: [['input', 'fc'], ['fc', 'lif.0'], ['lif.0', 'output']],
    metadata: {},
  });

  it('lays out a foreign graph: ids from names, w = W·R/τ, a spike monitor for the Output, dt 1 ms by default', () => {
    const doc = nirToDocument(base(), { name: 'foreign' });
    expect(doc.meta.name).toBe('foreign');
    expect(doc.simulation.dt_ms).toBe(1);
    expect(doc.nodes.map((n) => [n.id, n.model])).toEqual([['input', 'spike_generator'], ['lif_0', 'lif']]);
    expect(doc.nodes[1].params).toMatchObject({ tau_ms: 10, r: 2, v_th: 1, v_reset: 0 });
    expect((doc.projections[0].weight as { values: number[] }).values).toEqual([0.2, -0.4]); // 0.001·2/0.01, −0.002·2/0.01
    expect(doc.monitors).toEqual([{ id: 'lif_0_spikes', kind: 'spikes', target: 'lif_0' }]);
    expect(doc.layout.nodes).toEqual({ input: { x: 0, y: 0 }, lif_0: { x: 320, y: 0 } });
  });

  /** Input(2) → Affine(W = 0, b = [0.3, 0.8]) → LIF(τ 20 ms, R 2) → Output, dt 0.1 ms. */
  const biasGraph = () => {
    const g = base();
    g.metadata.dt = 1e-4;
    g.nodes.set('fc', { type: 'Affine', params: { weight: { shape: [2, 2], data: new Float64Array(4) }, bias: vector([0.3, 0.8]) }, metadata: {} });
    g.nodes.set('lif.0', { type: 'LIF', params: { tau: vector([0.02, 0.02]), r: vector([2, 2]), v_leak: vector([0, 0]), v_threshold: vector([1, 1]) }, metadata: {} });
    g.nodes.set('output', { type: 'Output', params: { shape: vector([2]) }, metadata: {} });
    return g;
  };

  it('maps a non-zero Affine bias to a constant current input: v and the first spike time match the analytic LIF', async () => {
    // τ dv/dt = −v + R·b with no input spikes: v(t) = R·b·(1 − e^(−t/τ)); R·b = 0.6 stays below v_th = 1,
    // R·b = 1.6 crosses it at t* = τ·ln(R·b / (R·b − v_th)) = 20 ms · ln(1.6/0.6) = 19.6166 ms.
    const doc = nirToDocument(biasGraph(), { name: 'bias' });
    expect(doc.nodes.map((n) => [n.id, n.model, n.size])).toEqual([['input', 'spike_generator', 2], ['lif_0', 'lif', 2], ['fc_bias', 'current', 1]]);
    expect(doc.nodes[2].params).toEqual({ shape: 'constant', amplitude: 1, offset: 0 });
    expect(doc.projections.map((p) => [p.id, p.source, p.target, p.synapse.kind])).toEqual([['fc', 'input', 'lif_0', 'delta'], ['fc_bias_lif_0', 'fc_bias', 'lif_0', 'current']]);
    expect((doc.projections[1].weight as { values: number[] }).values).toEqual([0.3, 0.8]);
    const steps = 300; // 30 ms of 0.1 ms
    const r = await runAndCollect(createCpuEngine(compileNetwork(doc, { durationMs: 30, record: [{ population: 'lif_0', variable: 'v' }] })), steps);
    const v = Object.values(r.traces)[0];
    const R = 2, tau = 20;
    // Exact integration of a constant current (docs/formats.md): the f32 state is within 1e-5 of the formula.
    for (let s = 0; s < steps; s += 10) expect(Math.abs(v[0][s] - R * 0.3 * (1 - Math.exp(-((s + 1) * 0.1) / tau))), `v[0] at step ${s}`).toBeLessThan(1e-5);
    const first = r.spikes.lif_0.step.find((_, i) => r.spikes.lif_0.index[i] === 1)!;
    // The spike is reported in the first step whose end lies past t*: within one step of it.
    expect(Math.abs((first + 1) * 0.1 - tau * Math.log(1.6 / 0.6))).toBeLessThanOrEqual(0.1);
    expect(r.spikes.lif_0.index.every((i) => i === 1), 'neuron 0 (R·b = 0.6) never fires').toBe(true);
  });

  it('exports the constant current back as the bias of the Affine into the same population: the same spikes again', async () => {
    const doc = nirToDocument(biasGraph(), { name: 'bias' });
    const { graph } = documentToNir(doc);
    expect([...graph.nodes.keys()]).not.toContain('fc_bias'); // folded into fc, not an Input
    expect([...graph.nodes.get('fc')!.params.bias.data]).toEqual([Math.fround(0.3), Math.fround(0.8)]); // c·w = 1·b as the f32 weight
    const back = nirToDocument(await readNir(await writeNir(graph)), { name: 'x' });
    const [a, b] = [await spikesAndTraces(doc, 600), await spikesAndTraces(back, 600)];
    expect(a.spikes.lif_0.length).toBeGreaterThan(1);
    expect(b.spikes).toEqual(a.spikes);
  });

  it('refuses a current NIR cannot hold as a bias, naming the projection and why', () => {
    const doc = nirToDocument(biasGraph(), { name: 'bias' });
    const step = structuredClone(doc);
    step.nodes.find((n) => n.id === 'fc_bias')!.params.shape = 'step';
    expect(() => documentToNir(step)).toThrow(/cannot export node "fc_bias_lif_0": synapse "current" from a "step" current has no NIR node \(only a constant current maps, as an Affine bias\)/);
    const alone = structuredClone(doc);
    alone.projections = alone.projections.filter((p) => p.id !== 'fc');
    expect(() => documentToNir(alone)).toThrow(/cannot export node "fc_bias_lif_0": a constant current into "lif_0", which no spiking population projects to/);
    const cuba = structuredClone(doc);
    cuba.projections.find((p) => p.id === 'fc')!.synapse = { kind: 'exponential', tau_ms: 5 };
    expect(() => documentToNir(cuba)).toThrow(/cannot export node "fc_bias_lif_0": a constant current into "lif_0", which has exponential synapses \(a NIR CubaLIF\)/);
  });

  it.each([
    ['an unsupported node type', (g: NirGraph) => { g.nodes.set('conv', { type: 'Conv2d', params: {}, metadata: {} }); g.nodes.set('pool', { type: 'SumPool2d', params: {}, metadata: {} }); }, /unsupported NIR nodes: "conv" \(Conv2d\), "pool" \(SumPool2d\)/],
    ['an IF node', (g: NirGraph) => { g.nodes.set('if', { type: 'IF', params: {}, metadata: {} }); }, /"if" \(IF: SNN Studio has no non-leaky integrate-and-fire model \(a LIF with a long tau would only approximate it\)\)/],
    ['a weight shape that does not fit', (g: NirGraph) => { g.nodes.get('fc')!.params.weight = { shape: [1, 3], data: new Float64Array(3) }; }, /\/node\/nodes\/fc\/weight: has 3 columns but its source "input" has 2 neurons/],
    ['a non-zero bias into a CubaLIF', (g: NirGraph) => {
      g.nodes.get('fc')!.params.bias = vector([0.5]);
      g.nodes.set('lif.0', { type: 'CubaLIF', params: { tau_syn: vector([0.005]), tau_mem: vector([0.01]), r: vector([2]), v_leak: vector([0]), v_threshold: vector([1]) }, metadata: {} });
    }, /\/node\/nodes\/fc\/bias: is not zero and feeds "lif\.0" \(CubaLIF\), whose synaptic current filters it through tau_syn/],
    ['per-neuron parameters that differ', (g: NirGraph) => {
      g.nodes.set('fc', { type: 'Affine', params: { weight: { shape: [2, 2], data: new Float64Array(4) }, bias: vector([0, 0]) }, metadata: {} });
      g.nodes.set('lif.0', { type: 'LIF', params: { tau: vector([0.01, 0.02]), r: vector([1, 1]), v_leak: vector([0, 0]), v_threshold: vector([1, 1]) }, metadata: {} });
    }, /\/node\/nodes\/lif\.0\/tau: differs across neurons \(0\.01 at 0, 0\.02 at 1\)/],
    ['an edge without a weight node', (g: NirGraph) => { g.edges.push(['input', 'lif.0']); }, /edge input → lif\.0 has no weight node/],
  ])('refuses %s, naming it', (_what, change, message) => {
    const g = base();
    change(g);
    expect(() => nirToDocument(g, { name: 'x' })).toThrow(NirFormatError);
    expect(() => nirToDocument(g, { name: 'x' })).toThrow(message);
  });
});

function lifDoc(): NetworkDocumentInput {
  return {
    format: 'snn-network', version: 1, meta: { name: 'lif-nir' },
    simulation: { dt_ms: 0.5, duration_ms: 200, seed: 7 },
    nodes: [
      { id: 'a', kind: 'input', model: 'poisson', size: 6, params: { rate_hz: 200 } },
      { id: 'cuba', kind: 'population', model: 'lif', size: 6, params: { tau_ms: 20, v_th: 0.5 } },
      { id: 'plain', kind: 'population', model: 'lif', size: 4, params: { tau_ms: 10, r: 2, refractory_ms: 2, v_init: 0.3, v_reset: -0.1 } },
    ],
    projections: [
      { id: 'a_cuba', source: 'a', target: 'cuba', connectivity: { rule: 'one_to_one' }, weight: { dist: 'constant', value: 0.8 }, synapse: { kind: 'exponential', tau_ms: 5 }, delay: { kind: 'constant', ms: 2 } },
      { id: 'a_lif', source: 'a', target: 'plain', connectivity: { rule: 'fixed_probability', p: 0.7 }, weight: { dist: 'uniform', low: 0.1, high: 0.6 }, delay: { kind: 'expression', expr: '0.5 * (pre + 1)' } },
      { id: 'cuba_plain', source: 'cuba', target: 'plain', connectivity: { rule: 'all_to_all' }, weight: { dist: 'normal', mean: 0.2, std: 0.1 } },
    ],
    monitors: [{ id: 'cs', kind: 'spikes', target: 'cuba' }, { id: 'ps', kind: 'spikes', target: 'plain' }, { id: 'pv', kind: 'state', target: 'plain', variable: 'v' }],
  };
}
