// The Brian2 script's text (every realised synapse, each model's catalogue form, the step-order moves) and its
// refusals; the realised input trains equal the CPU engine's. Running the scripts: test/interop/peer-scripts.test.ts
// and (STDP) test/interop/peer-stdp.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../compiler';
import { createCpuEngine } from '../engine/cpu-engine';
import { runAndCollect } from '../engine/collect';
import { loadDocument, parseDocumentText, type NetworkDocument } from '../graph';
import { brian2Script } from './brian2';
import { InteropError } from './errors';
import { realisedInputSpikes } from './realise';

function example(name: string): NetworkDocument {
  const r = parseDocumentText(readFileSync(`resources/examples/${name}.snn.json`, 'utf8'));
  if (!r.ok) throw new Error(`${name}: invalid example`);
  return r.doc;
}

function doc(nodes: unknown[], projections: unknown[], monitors: unknown[] = []): NetworkDocument {
  const r = loadDocument({ format: 'snn-network', version: 1, meta: { name: 't' }, simulation: { dt_ms: 0.1, duration_ms: 20, seed: 3 }, nodes, projections, monitors });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}

describe('realisedInputSpikes', () => {
  it('draws exactly the spikes the CPU engine plays for the sound source (same seed, same steps)', async () => {
    const ir = compileNetwork(example('coincidence-detection'), { durationMs: 300 });
    const ears = ir.populations.find((p) => p.id === 'ears')!;
    const got = realisedInputSpikes(ir, ears);
    const run = await runAndCollect(createCpuEngine(ir), 3000);
    expect(got.step.length).toBeGreaterThan(50);
    expect(Array.from(got.step)).toEqual(run.spikes.ears.step);
    expect(Array.from(got.index)).toEqual(run.spikes.ears.index);
  });
});

describe('brian2Script', () => {
  it('writes COBA with every realised synapse, its weight and delay, and each channel decayed before the update', () => {
    const ir = compileNetwork(example('coba'), { durationMs: 20 });
    const text = brian2Script(ir);
    expect(text).toContain('from brian2 import *');
    expect(text).toContain("# set_device('cpp_standalone', directory='coba_standalone')");
    expect(text).toContain("prefs.codegen.target = os.environ.get('SNN_BRIAN2_TARGET', 'auto')");
    expect(text).toContain('defaultclock.dt = 0.1 * ms');
    // lif's catalogue form; refractory 5 ms = 50 steps held after the spike step → Brian2's 51 (counts the spike step).
    expect(text).toContain('dv/dt = (v_rest - v + r * I) / (tau_ms * ms) : 1 (unless refractory)');
    expect(text).toContain('refractory=51 * defaultclock.dt');
    expect(text).toContain('I = g_kick_exc * (0.0 - v) + g_inh_exc * (-80.0 - v)\ng_kick_exc = g_kick_exc * exp(-dt / (5.0 * ms))');
    expect(text).toContain("threshold='rand() < p and timestep(t, dt) >= 0 and timestep(t, dt) < 500'");
    for (const pr of ir.projections) {
      const name = `syn_${pr.id}`;
      // CSR row pointers and post indices verbatim: Brian2 gets our connectivity, not its own draw.
      expect(text).toContain(`${name}.connect(i=np.repeat(np.arange(${pr.nPre}), np.diff([${Array.from(pr.rowPtr).join(', ')}])), j=np.array([${Array.from(pr.post).join(', ')}], dtype=int))  # ${pr.post.length} synapses`);
      expect(text).toContain(`${name}.w = ${String(pr.weight[0])}`);
      // Our delay d (here 1 step) is Brian2's d − 1 with the synapses moved before the threshold.
      expect(text).toContain(`${name}.delay = ${pr.delayConst! - 1} * defaultclock.dt`);
      expect(text).toContain(`${name}.pre.when = 'after_groups'`);
    }
    expect(text).toContain("trace_exc_v = StateMonitor(pop_exc, \"v\", record=[0, 1, 2], when='end'");
    expect(text).toContain('run(200.0 * defaultclock.dt)');
  });

  it('plays the sound source as the realised trains and delivers delta input only outside refractoriness', () => {
    const ir = compileNetwork(example('coincidence-detection'), { durationMs: 50 });
    const text = brian2Script(ir);
    const g = realisedInputSpikes(ir, ir.populations[0]);
    expect(text).toContain(`pop_ears = SpikeGeneratorGroup(2, [${Array.from(g.index).join(', ')}], np.array([${Array.from(g.step).join(', ')}]) * defaultclock.dt`);
    expect(text).toContain('on_pre="v_post += w * int(not_refractory_post)"');
    const pr = ir.projections[0];
    expect(text).toContain(`syn_ears_detectors.delay = (np.array([${Array.from(pr.delay).join(', ')}]) - 1) * defaultclock.dt`);
  });

  it('maps the other catalogue forms, exponential channels and current sources', () => {
    const d = doc([
      { id: 'src', kind: 'input', model: 'spike_generator', size: 2, params: {}, data: { spikes: { index: [0, 1], time_ms: [1, 3] } } },
      { id: 'cur', kind: 'input', model: 'current', size: 1, params: { shape: 'step', amplitude: 5, start_ms: 1, stop_ms: 2 } },
      { id: 'izh', kind: 'population', model: 'izhikevich', size: 3, params: {} },
      { id: 'li', kind: 'population', model: 'leaky_integrator', size: 2, params: {} },
    ], [
      { id: 'src_izh', source: 'src', target: 'izh', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 2 }, synapse: { kind: 'exponential', tau_ms: 3 } },
      { id: 'cur_izh', source: 'cur', target: 'izh', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 1.5 }, synapse: { kind: 'current' } },
      { id: 'izh_li', source: 'izh', target: 'li', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 0.1 }, synapse: { kind: 'delta' } },
    ]);
    const text = brian2Script(compileNetwork(d));
    expect(text).toContain('dv/dt = (0.04 * v**2 + 5 * v + 140 - u + I) / ms : 1');
    expect(text).toContain('method="euler"');
    expect(text).toContain('pop_izh.u = "b * v_init"');
    expect(text).toContain('current_cur = TimedArray(np.array([0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 5.0, 5.0,');
    expect(text).toContain('I = I_src_izh + current_cur(t) * wsum_cur_izh\nI_src_izh = I_src_izh * exp(-dt / (3.0 * ms))');
    expect(text).toContain('pop_izh.wsum_cur_izh = 1.5');
    expect(text).toContain('on_pre="v_post += w"'); // the leaky integrator has no refractoriness
    expect(text).toContain('pop_src = SpikeGeneratorGroup(2, [0, 1], np.array([10, 30]) * defaultclock.dt');
  });

  it('writes STDP as pathways after the delivery: depression, potentiation, then the traces (docs/engine.md, "Step order" 6)', () => {
    const text = brian2Script(compileNetwork(example('stdp'), { durationMs: 10 }));
    expect(text).toContain("'''w : 1\ndxpre/dt = -xpre / (20.0 * ms) : 1 (event-driven)\ndypost/dt = -ypost / (20.0 * ms) : 1 (event-driven)'''");
    expect(text).toContain(`on_pre={'pre': "v_post += w * int(not_refractory_post)", 'depress': "w = clip(w - 0.00525 * ypost, 0.0, 0.05)", 'pre_trace': 'xpre += 1'}`);
    expect(text).toContain(`on_post={'potentiate': "w = clip(w + 0.005 * xpre, 0.0, 0.05)", 'post_trace': 'ypost += 1'}`);
    expect(text).toContain('syn_inputs_neuron.delay = 0 * defaultclock.dt');
    for (const [path, order] of [['depress', 1], ['potentiate', 2], ['pre_trace', 3], ['post_trace', 3]]) {
      expect(text).toContain(`syn_inputs_neuron.${path}.when = 'after_groups'; syn_inputs_neuron.${path}.order = ${order}`);
    }
    expect(text).toContain(`result['weights']["inputs_neuron"] = syn_inputs_neuron.w[:].tolist()`);
  });

  it('refuses what it cannot represent, naming the node and the reason', () => {
    expect(() => brian2Script(compileNetwork(example('hodgkin-huxley'), { durationMs: 10 })))
      .toThrow(/node "neuron": model "hodgkin_huxley" has no Brian2 form/);
    const tutorial = example('coba');
    tutorial.nodes.find((n) => n.id === 'exc')!.params.reset_timing = 'tutorial';
    expect(() => brian2Script(compileNetwork(tutorial, { durationMs: 10 }))).toThrow(new InteropError('exc', 'reset_timing "tutorial" (spike one step after the crossing) has no Brian2 threshold/reset equivalent'));
    const slow = example('stdp');
    slow.projections[0].delay = { kind: 'constant', ms: 0.2 };
    expect(() => brian2Script(compileNetwork(slow, { durationMs: 10 }))).toThrow(/node "inputs_neuron": STDP with a delay over one step/);
    const adex = doc([{ id: 'a', kind: 'population', model: 'adex', size: 1, params: {} }], []);
    adex.simulation.dt_ms = 0.25;
    expect(() => brian2Script(compileNetwork(adex))).toThrow(/node "a": dt 0.25 ms: model "adex" sub-steps beyond 0.1 ms/);
    const lif = doc([{ id: 'n', kind: 'population', model: 'lif', size: 1, params: {} }], []);
    expect(() => brian2Script(compileNetwork(lif, { record: [{ population: 'n', variable: 'refrac' }] }))).toThrow(/node "n.refrac": records "refrac"/);
  });
});
