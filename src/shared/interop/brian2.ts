// Brian2 script export: a compiled NetworkIR (../compiler) → a standalone Brian2 script that runs our network
// step for step (docs/formats.md, "Brian2"): each neuron model's Brian2 form from its catalogue entry
// (../models, `brian2`), our realised connectivity, weights and delays as arrays, input trains realised from the
// same seed (./realise.ts), and monitors written as JSON. Pure text generation; what cannot be represented is
// refused, naming the node and why.
import type { ChannelIR, NetworkIR, PlasticityIR, PopulationIR, ProjectionIR } from '../compiler/ir';
import { currentAt } from '../compiler/inputs';
import { getModel } from '../models';
import type { Brian2Form } from '../models/types';
import { InteropError, refusePerNeuron } from './errors';
import { realisedInputSpikes, runSteps } from './realise';

const num = (x: number) => (Number.isInteger(x) ? x.toFixed(1) : String(x));
const ident = (id: string) => id.replace(/[^A-Za-z0-9_]/g, '_');
const pyName = (id: string) => `pop_${ident(id)}`;
const synName = (id: string) => `syn_${ident(id)}`;
/** A Python list literal; a constant array as its one value. */
const list = (xs: ArrayLike<number>, fmt: (x: number) => string = num) => `[${Array.from(xs, fmt).join(', ')}]`;
const allEqual = (xs: ArrayLike<number>) => Array.prototype.every.call(xs, (x: number) => x === xs[0]);
/** The environment variable the script reads for Brian2's code-generation target (runtime device only). */
export const BRIAN2_TARGET_ENV = 'SNN_BRIAN2_TARGET';

function formOf(p: PopulationIR, ir: NetworkIR): Brian2Form {
  refusePerNeuron(p.id, Object.keys(p.perNeuron ?? {}));
  const form = getModel(p.model)?.brian2;
  if (!form) throw new InteropError(p.id, `model "${p.model}" has no Brian2 form in its catalogue entry (not mapped yet; docs/formats.md, "Brian2")`);
  if (p.params.reset_timing !== undefined && p.params.reset_timing !== 'immediate') {
    throw new InteropError(p.id, 'reset_timing "tutorial" (spike one step after the crossing) has no Brian2 threshold/reset equivalent');
  }
  if (form.maxDtMs !== undefined && ir.dtMs > form.maxDtMs + 1e-12) {
    throw new InteropError(p.id, `dt ${ir.dtMs} ms: model "${p.model}" sub-steps beyond ${form.maxDtMs} ms, Brian2's single ${form.method} step would differ`);
  }
  return form;
}

/** Brian2 name of a channel's state variable (our `g_<projection>` / `I_<projection>`). */
const channelVar = (c: ChannelIR) => ident(c.stateVar);

function neuronGroup(p: PopulationIR, ir: NetworkIR, out: string[]): void {
  const form = formOf(p, ir), name = pyName(p.id);
  const membrane = getModel(p.model)?.roles?.membrane ?? 'v';
  const ns = Object.entries(p.params).filter(([, v]) => typeof v === 'number').map(([k, v]) => `'${k}': ${num(v as number)}`);
  const currents = ir.projections.filter((pr) => pr.target === p.index && pr.synapse === 'current');
  const eqs = [...form.equations.split('\n'), 'I : 1',
    ...p.channels.filter((c) => c.kind !== 'delta').map((c) => `${channelVar(c)} : 1`),
    ...currents.map((pr) => `wsum_${ident(pr.id)} : 1`)];
  // Our refractory count holds v for round(t_ref/dt) steps after the spike step; Brian2 counts the spike step
  // itself (not_refractory once timestep(t − lastspike) ≥ timestep(refractory)), hence one step more.
  const refSteps = form.refractory ? Math.floor((p.params[form.refractory] as number) / ir.dtMs + 0.5) : 0;
  out.push(`# ${p.id}: ${p.model}, ${p.size} neurons`,
    `${name} = NeuronGroup(${p.size}, '''\n${eqs.join('\n')}\n''', method=${JSON.stringify(form.method)},`,
    ...(form.threshold ? [`    threshold=${JSON.stringify(form.threshold)}, reset=${JSON.stringify(form.reset ?? '')},`] : []),
    ...(form.refractory ? [`    refractory=${refSteps + 1} * defaultclock.dt,`] : []),
    `    namespace={${ns.join(', ')}}, name=${JSON.stringify(name)})`);
  for (const init of form.init) {
    const [v, expr] = init.split('=').map((s) => s.trim());
    out.push(`${name}.${v} = ${JSON.stringify(expr)}`);
  }
  for (const pr of currents) {
    // Σw of the current source's synapses onto each neuron (docs/engine.md, "Step order" 1).
    const sums = new Float64Array(p.size);
    for (let s = 0; s < pr.post.length; s++) sums[pr.post[s]] += pr.weight[s];
    out.push(`${name}.wsum_${ident(pr.id)} = ${allEqual(sums) ? num(sums[0]) : list(sums)}`);
  }
  // The step's input current from the channels as they stood at the end of the last step, then the channels'
  // decay: before the state update, as our engines do (docs/engine.md, "Step order" 1). This step's arrivals
  // come after the state update (the synapses run 'after_groups', below) and before the threshold.
  const terms = [
    ...p.channels.map((c) => c.kind === 'exponential' ? channelVar(c) : c.kind === 'conductance' ? `${channelVar(c)} * (${num(c.eRev)} - ${membrane})` : ''),
    ...currents.map((pr) => `${curName(ir.populations[pr.source])}(t) * wsum_${ident(pr.id)}`),
  ].filter(Boolean);
  const decays = p.channels.filter((c) => c.kind !== 'delta').map((c) => `${channelVar(c)} = ${channelVar(c)} * exp(-dt / (${num(c.tauMs)} * ms))`);
  if (terms.length > 0) out.push(`${name}.run_regularly('''\n${[`I = ${terms.join(' + ')}`, ...decays].join('\n')}\n''', when='before_groups')`);
}

const curName = (p: PopulationIR) => `current_${ident(p.id)}`;

function inputGroup(p: PopulationIR, ir: NetworkIR, out: string[]): void {
  const name = pyName(p.id);
  if (p.input.kind === 'const') {
    const prob = p.input.prob;
    out.push(`# ${p.id}: ${p.model}, ${p.size} sources firing with probability p per step (rate · dt) in steps [${p.input.startStep}, ${p.input.stopStep})`,
      `${name} = NeuronGroup(${p.size}, 'p : 1', threshold='rand() < p and timestep(t, dt) >= ${p.input.startStep} and timestep(t, dt) < ${p.input.stopStep}', name=${JSON.stringify(name)})`,
      `${name}.p = ${allEqual(prob) ? String(prob[0]) : list(prob, String)}`);
    return;
  }
  if (p.input.kind === 'table') {
    const g = realisedInputSpikes(ir, p);
    out.push(`# ${p.id}: ${p.model}, ${p.size} sources: the ${g.step.length} spikes our engine draws for seed ${ir.seed}`,
      `${name} = SpikeGeneratorGroup(${p.size}, ${list(g.index, String)}, np.array(${list(g.step, String)}) * defaultclock.dt, name=${JSON.stringify(name)})`);
    return;
  }
  if (p.input.kind === 'current') {
    // I(step), held over the step: a TimedArray on the simulation clock.
    const vals = Array.from({ length: runSteps(ir) }, (_, n) => Math.fround(currentAt(p, n, ir.dtMs)));
    out.push(`# ${p.id}: current source (${String(p.params.shape)}), one value a step`,
      `${curName(p)} = TimedArray(np.array(${list(vals)}), dt=defaultclock.dt)`);
    return;
  }
  throw new InteropError(p.id, `input "${p.model}" has no Brian2 form`);
}

function synapses(pr: ProjectionIR, ir: NetworkIR, out: string[]): void {
  if (pr.synapse === 'current') {
    if (pr.plasticity) throw new InteropError(pr.id, 'STDP on a current-source projection: its weights are folded into the target\'s input current, no Brian2 synapses carry them');
    return; // folded into the target's input current (neuronGroup)
  }
  if (pr.plasticity && !(pr.delayConst === 1 || (pr.delayConst === null && pr.delay.every((d) => d === 1)))) {
    // Our spike carries the weight it had when emitted; a Brian2 synapse reads its weight when the spike arrives.
    // With a one-step delay both are the weight before that step's STDP (below); with longer delays they differ.
    throw new InteropError(pr.id, 'STDP with a delay over one step: our spike carries its weight at emission, Brian2 reads it at arrival (only a one-step delay, round(delay/dt) ≤ 1, is mapped)');
  }
  const src = ir.populations[pr.source], dst = ir.populations[pr.target], name = synName(pr.id);
  const ch = dst.channels[pr.channel];
  const form = getModel(dst.model)?.brian2;
  const membrane = getModel(dst.model)?.roles?.membrane ?? 'v';
  // Delta input is discarded while the target is refractory (docs/engine.md, "Step order" 4).
  const onPre = ch.kind === 'delta'
    ? `${membrane}_post += w${form?.refractory ? ' * int(not_refractory_post)' : ''}`
    : `${channelVar(ch)}_post += w`;
  const n = pr.post.length;
  const i = pr.dense
    ? `np.repeat(np.arange(${pr.nPre}), ${pr.nPost})`
    : `np.repeat(np.arange(${pr.nPre}), np.diff(${list(pr.rowPtr, String)}))`;
  const j = pr.dense ? `np.tile(np.arange(${pr.nPost}), ${pr.nPre})` : `np.array(${list(pr.post, String)}, dtype=int)`;
  // Our delay d (≥ 1 step) delivers at step n + d before the threshold. Brian2's synapses run after the
  // thresholds; moved to 'after_groups' they push the previous step's spikes, so a Brian2 delay of d − 1 steps
  // delivers at n + d after the state update and before the threshold: our order exactly.
  const delays = pr.delayConst !== null ? `${pr.delayConst - 1} * defaultclock.dt` : `(np.array(${list(pr.delay, String)}) - 1) * defaultclock.dt`;
  const st = pr.plasticity ? stdpPathways(pr.plasticity) : null;
  const model = st ? st.model : `'w : 1'`;
  const pre = st ? `{'pre': ${JSON.stringify(onPre)}, ${st.onPre}}` : JSON.stringify(onPre);
  out.push(`${name} = Synapses(${pyName(src.id)}, ${pyName(dst.id)}, ${model}, on_pre=${pre},${st ? ` on_post={${st.onPost}},` : ''} name=${JSON.stringify(name)})`,
    `${name}.connect(i=${i}, j=${j})  # ${n} synapses, as our engine realised them`,
    `${name}.w = ${allEqual(pr.weight) && n > 0 ? num(pr.weight[0]) : list(pr.weight)}`,
    `${name}.delay = ${delays}`,
    `${name}.pre.when = 'after_groups'`);
  if (st) out.push(...st.schedule(name));
}

/**
 * Our pair-based STDP (docs/engine.md, "Step order" 6) as Brian2 pathways. Ours runs at the end of step n on
 * that step's spikes: depression for each presynaptic spike (w −= a_minus·y, y the post trace decayed to n
 * without this step's spikes), then potentiation for each postsynaptic spike (w += a_plus·x likewise), each
 * clipped to [w_min, w_max], then the traces take this step's spikes. Brian2's pathways at 'after_groups' of
 * step n + 1 see the spikes of step n (as the delivery above does), so every STDP event runs one step late
 * and pair intervals are unchanged. Ordered after the delivery ('pre', order 0), they leave the delivered
 * weight the one before step n's update, as ours (delay one step only: synapses() refuses longer ones).
 * The traces are event-driven (exact exponential decay between events, per synapse) and take their spikes
 * in a pathway of their own after both updates, so a pre and a post spike in the same step do not pair.
 */
function stdpPathways(p: PlasticityIR) {
  const clip = (e: string) => `w = clip(${e}, ${num(p.wMin)}, ${num(p.wMax)})`;
  return {
    model: `'''w : 1\ndxpre/dt = -xpre / (${num(p.tauPlusMs)} * ms) : 1 (event-driven)\ndypost/dt = -ypost / (${num(p.tauMinusMs)} * ms) : 1 (event-driven)'''`,
    onPre: `'depress': ${JSON.stringify(clip(`w - ${num(p.aMinus)} * ypost`))}, 'pre_trace': 'xpre += 1'`,
    onPost: `'potentiate': ${JSON.stringify(clip(`w + ${num(p.aPlus)} * xpre`))}, 'post_trace': 'ypost += 1'`,
    schedule: (name: string) => [
      `# STDP: depression, potentiation, then the traces, all after this step's delivery (order 0).`,
      ...([['depress', 1], ['potentiate', 2], ['pre_trace', 3], ['post_trace', 3]] as const)
        .map(([path, order]) => `${name}.${path}.when = 'after_groups'; ${name}.${path}.order = ${order}`),
    ],
  };
}

/** The Brian2 script for a compiled network; throws InteropError naming the first node it cannot represent. */
export function brian2Script(ir: NetworkIR): string {
  const name = ident(ir.name) || 'network';
  const out: string[] = [
    `# ${ir.name}: exported by SNN Studio (snn export --format brian2), seed ${ir.seed}, dt ${ir.dtMs} ms, ${ir.durationMs} ms.`,
    '# Run: python3 THIS_SCRIPT.py [OUT.json] (spikes and traces as JSON to OUT.json, or to stdout).',
    'import json, os, sys',
    'import numpy as np',
    'from brian2 import *',
    '',
    '# Device: Brian2\'s runtime mode. For a standalone project, uncomment exactly ONE of these lines:',
    `# set_device('cpp_standalone', directory='${name}_standalone')  # C++ standalone`,
    `# import brian2cuda; set_device('cuda_standalone', directory='${name}_cuda')  # Brian2CUDA`,
    `# import brian2genn; set_device('genn', directory='${name}_genn')  # Brian2GeNN`,
    `# Runtime mode only: ${BRIAN2_TARGET_ENV}=numpy skips compiling (SNN Studio's tests use it); default 'auto'.`,
    `prefs.codegen.target = os.environ.get('${BRIAN2_TARGET_ENV}', 'auto')`,
    `defaultclock.dt = ${num(ir.dtMs)} * ms`,
    `seed(${ir.seed})`,
    '',
  ];
  for (const p of ir.populations) (p.kind === 'neuron' ? neuronGroup : inputGroup)(p, ir, out);
  out.push('');
  for (const pr of ir.projections) synapses(pr, ir, out);
  out.push('');
  const spikeMons = [...new Set(ir.monitors.filter((m) => m.kind === 'spikes').map((m) => ir.populations[m.population]))];
  for (const p of spikeMons) out.push(`spikes_${ident(p.id)} = SpikeMonitor(${pyName(p.id)}, name=${JSON.stringify(`spikes_${ident(p.id)}`)})`);
  const stateMons = ir.monitors.filter((m) => m.kind === 'state');
  for (const m of stateMons) {
    const p = ir.populations[m.population];
    const known = [...(getModel(p.model)?.state.map((s) => s.name) ?? []), ...p.channels.map((c) => c.stateVar)];
    if (!known.includes(m.variable)) throw new InteropError(m.id, `records "${m.variable}", an internal variable of our update with no Brian2 counterpart`);
    // 'end': the state after this step's reset, as our trace value n is (docs/engine.md, "API").
    out.push(`trace_${ident(m.id)} = StateMonitor(${pyName(p.id)}, ${JSON.stringify(ident(m.variable))}, record=${list(m.indices, String)}, when='end', name=${JSON.stringify(`trace_${ident(m.id)}`)})`);
  }
  out.push('', `run(${num(runSteps(ir))} * defaultclock.dt)`, '',
    `result = {'dt_ms': ${num(ir.dtMs)}, 'spikes': {}, 'traces': {}, 'weights': {}}`);
  // Final weights of plastic projections in synapse order (the connect order above: ours, CSR by pre neuron).
  for (const pr of ir.projections) if (pr.plasticity) out.push(`result['weights'][${JSON.stringify(pr.id)}] = ${synName(pr.id)}.w[:].tolist()`);
  for (const p of spikeMons) {
    out.push(`result['spikes'][${JSON.stringify(p.id)}] = [[float(x) for x in st / ms] for _, st in sorted(spikes_${ident(p.id)}.spike_trains().items())]`);
  }
  for (const m of stateMons) {
    out.push(`result['traces'][${JSON.stringify(m.id)}] = {'population': ${JSON.stringify(ir.populations[m.population].id)}, ` +
      `'variable': ${JSON.stringify(m.variable)}, 'indices': ${list(m.indices, String)}, 'values': trace_${ident(m.id)}.${ident(m.variable)}[:].tolist()}`);
  }
  out.push('if len(sys.argv) > 1:', '    with open(sys.argv[1], "w") as f:', '        json.dump(result, f)', 'else:', '    json.dump(result, sys.stdout)', '');
  return out.join('\n');
}
