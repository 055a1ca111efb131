// PyNN script export: a compiled NetworkIR (../compiler) → a standalone PyNN script with our realised
// connectivity, weights and delays as explicit FromListConnector lists (docs/formats.md "PyNN and Brian2
// scripts"). Pure text generation; what cannot be represented exactly is refused, naming the node.
import type { NetworkIR, PopulationIR, ProjectionIR } from '../compiler/ir';
import { InteropError, refusePerNeuron } from './errors';
import { realisedInputSpikes, runSteps } from './realise';
import { BRIAN2_TARGET_ENV } from './brian2';

export { InteropError };

const num = (x: number) => (Number.isInteger(x) ? x.toFixed(1) : String(x));
const pyName = (id: string) => `pop_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;

function neuronCell(p: PopulationIR): string {
  refusePerNeuron(p.id, Object.keys(p.perNeuron ?? {}));
  if (p.model !== 'lif') throw new InteropError(p.id, `model "${p.model}" has no exact PyNN standard cell (only lif maps)`);
  if (p.params.reset_timing !== 'immediate') throw new InteropError(p.id, 'reset_timing "tutorial" (spike one step late) has no PyNN equivalent');
  const tau = p.params.tau_ms as number;
  const r = p.params.r as number;
  if (!(r > 0)) throw new InteropError(p.id, `R = ${r} has no PyNN membrane capacitance (cm = tau/R needs R > 0)`);
  // Our v is dimensionless; PyNN reads it as mV. cm = tau/R keeps R·I: tau_m dv/dt = -(v - v_rest) + (tau_m/cm) I,
  // and makes the leak conductance cm/tau_m = 1/R, so our conductance weights (docs/engine.md step 1:
  // I = g·(E − v)) are PyNN's in µS unchanged.
  const common = `tau_m=${num(tau)}, cm=${num(tau / r)}, v_rest=${num(p.params.v_rest as number)}, ` +
    `v_thresh=${num(p.params.v_th as number)}, v_reset=${num(p.params.v_reset as number)}, ` +
    `tau_refrac=${num(p.params.refractory_ms as number)}, i_offset=0.0`;
  const kinds = new Set(p.channels.map((c) => c.kind));
  if (kinds.size > 1) throw new InteropError(p.id, `mixes ${[...kinds].join(' and ')} synapses; a PyNN standard cell has one kind`);
  if (kinds.has('exponential')) throw new InteropError(p.id, 'exponential-current synapses are not mapped yet (our I jumps by w, IF_curr_exp scales differently)');
  if (kinds.has('conductance')) {
    if (p.channels.length > 2) throw new InteropError(p.id, `has ${p.channels.length} conductance channels; IF_cond_exp has two (E and I)`);
    const [e, i = e] = p.channels;
    return `sim.IF_cond_exp(${common}, tau_syn_E=${num(e.tauMs)}, e_rev_E=${num(e.eRev)}, tau_syn_I=${num(i.tauMs)}, e_rev_I=${num(i.eRev)})`;
  }
  return `sim.IF_curr_delta(${common})`;
}

function sourceCell(p: PopulationIR, ir: NetworkIR): string {
  if (p.input.kind === 'table') {
    // Inputs computed per step on our host (sound source, sine Poisson, dataset, spike lists): the trains our
    // engine plays for this seed, drawn the same way (./realise.ts).
    const g = realisedInputSpikes(ir, p);
    const times: number[][] = Array.from({ length: p.size }, () => []);
    for (let k = 0; k < g.step.length; k++) times[g.index[k]].push(g.step[k] * ir.dtMs);
    return `sim.SpikeSourceArray(spike_times=[${times.map((t) => `[${t.map(num).join(', ')}]`).join(', ')}])`;
  }
  if (p.input.kind === 'const') {
    const probs = Array.from(p.input.prob);
    const rates = probs.map((q) => (q / ir.dtMs) * 1000);
    return `sim.SpikeSourcePoisson(rate=[${rates.map(num).join(', ')}], start=${num(p.input.startStep * ir.dtMs)}, ` +
      `duration=${num((Math.min(p.input.stopStep, runSteps(ir)) - p.input.startStep) * ir.dtMs)})`;
  }
  throw new InteropError(p.id, `input "${p.model}" is a current source; PyNN current sources inject into cells, not through weighted projections (not mapped yet)`);
}

function connections(pr: ProjectionIR, ir: NetworkIR, keep: (w: number) => boolean): string {
  const rows: string[] = [];
  for (let i = 0; i < pr.nPre; i++) {
    for (let k = pr.rowPtr[i]; k < pr.rowPtr[i + 1]; k++) {
      // PyNN delays are at least one dt; our delay-0 spike arrives in the next step too (docs/engine.md).
      if (!keep(pr.weight[k])) continue;
      const d = Math.max(pr.delayConst ?? pr.delay[k], 1) * ir.dtMs;
      rows.push(`(${i}, ${pr.post[k]}, ${num(pr.weight[k])}, ${num(d)})`);
    }
  }
  return `[${rows.join(',\n    ')}]`;
}

/** The PyNN script for a compiled network; throws InteropError naming the first node it cannot represent. */
export function pynnScript(ir: NetworkIR): string {
  const pops = ir.populations.map((p) => ({ p, cell: p.kind === 'input' ? sourceCell(p, ir) : neuronCell(p) }));
  for (const pr of ir.projections) {
    if (pr.plasticity) {
      // SpikePairRule + AdditiveWeightDependence (amplitudes × w_max) is our rule's shape, but not its timing: on
      // PyNN's Brian2 backend a presynaptic spike takes part at its arrival (axonal delay ≥ one step),
      // and a pre and a post spike of the same step pair; ours pair at emission and not within a step
      // (docs/formats.md, "PyNN and Brian2 scripts").
      throw new InteropError(pr.id, 'STDP: PyNN\'s pair rule times a presynaptic spike at its arrival (≥ one step after emission) and pairs spikes of the same step, ours at emission and not within a step; export to Brian2 instead');
    }
    if (pr.synapse !== 'delta' && pr.synapse !== 'conductance') throw new InteropError(pr.id, `${pr.synapse} synapses are not mapped yet`);
  }
  const out: string[] = [
    `# ${ir.name}: exported by SNN Studio (snn export --format pynn), seed ${ir.seed}.`,
    '# Change only the next line to run on another PyNN backend (pyNN.nest, pyNN.spiNNaker).',
    'import pyNN.brian2 as sim',
    'import json, os, sys',
    `# On PyNN's Brian2 backend: ${BRIAN2_TARGET_ENV}=numpy skips compiling (SNN Studio's tests use it).`,
    `if os.environ.get('${BRIAN2_TARGET_ENV}') and sim.__name__ == 'pyNN.brian2':`,
    `    import brian2; brian2.prefs.codegen.target = os.environ['${BRIAN2_TARGET_ENV}']`,
    '# PyNN\'s Brian2 backend draws SpikeSourcePoisson with Brian2\'s generator: seed it for a repeatable run.',
    "if sim.__name__ == 'pyNN.brian2':",
    `    import brian2; brian2.seed(${ir.seed})`,
    '',
    `sim.setup(timestep=${num(ir.dtMs)})`,
  ];
  for (const { p, cell } of pops) out.push(`${pyName(p.id)} = sim.Population(${p.size}, ${cell}, label=${JSON.stringify(p.id)})`);
  for (const p of ir.populations) {
    if (p.kind === 'neuron') out.push(`${pyName(p.id)}.initialize(v=${num(p.params.v_init as number)})`);
  }
  for (const pr of ir.projections) {
    const src = ir.populations[pr.source], dst = ir.populations[pr.target];
    // Conductance: the channel picks the receptor (channel 0 → E, 1 → I). Delta: PyNN wants inhibitory
    // current weights negative on the inhibitory receptor, so a mixed-sign projection becomes two.
    const parts: [string, (w: number) => boolean][] = pr.synapse === 'conductance'
      ? [[pr.channel === 0 ? 'excitatory' : 'inhibitory', () => true]]
      : [['excitatory', (w) => w >= 0], ['inhibitory', (w) => w < 0]];
    for (const [rt, keep] of parts) {
      if (pr.synapse !== 'conductance' && !pr.weight.some(keep)) continue;
      out.push(`sim.Projection(${pyName(src.id)}, ${pyName(dst.id)}, sim.FromListConnector(${connections(pr, ir, keep)}),`,
        `    synapse_type=sim.StaticSynapse(), receptor_type=${JSON.stringify(rt)}, label=${JSON.stringify(pr.id)})`);
    }
  }
  const recorded = [...new Set(ir.monitors.filter((m) => m.kind === 'spikes').map((m) => ir.populations[m.population]))];
  for (const p of recorded) out.push(`${pyName(p.id)}.record('spikes')`);
  out.push('', `sim.run(${num(ir.durationMs)})`, '', 'result = {}');
  for (const p of recorded) {
    out.push(`result[${JSON.stringify(p.id)}] = [[float(t) for t in st] for st in ${pyName(p.id)}.get_data('spikes').segments[0].spiketrains]`);
  }
  // Written before sim.end(): a backend may tear the process down there.
  out.push('if len(sys.argv) > 1:', '    with open(sys.argv[1], "w") as f:', '        json.dump(result, f)', 'else:', '    json.dump(result, sys.stdout)', 'sim.end()', '');
  return out.join('\n');
}
