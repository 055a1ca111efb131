// A network document → a NIR graph (docs/formats.md, "NIR"). Built from the compiled network (compileNetwork,
// docs/engine.md), so the weights and delays are exactly the ones our engines run for the seed: applied trained
// weights as written, random ones as drawn. What NIR cannot represent is refused with an InteropError naming the
// node or projection and the reason, before anything is written.
import { compileNetwork } from '../../compiler';
import type { NetworkIR, PopulationIR, ProjectionIR } from '../../compiler/ir';
import type { NetworkDocument } from '../../graph/schema';
import { InteropError, refusePerNeuron } from '../errors';
import { isPerNeuron } from '../../models';
import { NIR_VERSION, filled, vector, type NirGraph, type NirMeta, type NirNode } from './graph';
import { msToS, weightsToNir } from './scaling';

export interface NirExportOptions {
  seed?: number;
  /** Our app version, written under metadata. */
  appVersion?: string;
}

export interface NirExport {
  graph: NirGraph;
  /** Facts NIR has no parameter for (kept under metadata): say them to the user. */
  warnings: string[];
}

/** Metadata keys of our own facts (docs/formats.md lists them). */
export const META = {
  dt: 'dt', source: 'source', appVersion: 'app_version', generator: 'generator',
  durationMs: 'snn_duration_ms', seed: 'snn_seed', monitors: 'snn_monitors', order: 'snn_order',
  node: 'snn_node', trainable: 'snn_trainable', resetTiming: 'snn_reset_timing', refractoryMs: 'snn_refractory_ms', vInit: 'snn_v_init',
} as const;

export function documentToNir(doc: NetworkDocument, opts: NirExportOptions = {}): NirExport {
  // Refusals that do not need the compiled network come first (cheap, and they name the document's parts).
  for (const n of doc.nodes) {
    if (n.kind === 'population' && n.model !== 'lif' && n.model !== 'leaky_integrator') {
      throw new InteropError(n.id, `model "${n.model}" has no NIR node (only lif → LIF/CubaLIF and leaky_integrator → LI map)`);
    }
    refusePerNeuron(n.id, Object.keys(n.params).filter((k) => isPerNeuron(n.params[k])));
  }
  for (const p of doc.projections) {
    if (p.plasticity) throw new InteropError(p.id, 'STDP changes the weights during a run; a NIR graph holds fixed weights (export the final weights with `snn run --weights-out` and apply them first)');
    if (p.synapse.kind === 'conductance') throw new InteropError(p.id, 'synapse "conductance" has no NIR node (NIR synapses are current-based: delta or exponential)');
  }
  const ir = compileNetwork(doc, { seed: opts.seed });
  // A current source maps only as a constant: NIR's Affine bias (docs/formats.md, "Affine bias").
  for (const pr of ir.projections) {
    const src = ir.populations[pr.source];
    if (pr.synapse === 'current' && src.params.shape !== 'constant') throw new InteropError(pr.id, `synapse "current" from a "${String(src.params.shape)}" current has no NIR node (only a constant current maps, as an Affine bias)`);
  }
  const warnings: string[] = [];
  const used = new Set<string>([...ir.populations.map((p) => p.id), ...ir.projections.map((p) => p.id)]);
  const unique = (base: string) => {
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    return name;
  };

  const nodes = new Map<string, NirNode>();
  const edges: [string, string][] = [];
  const tauSyn = new Map<number, number>(); // population index → exponential synapse τ (ms), when CubaLIF
  for (const p of ir.populations) {
    const docNode = doc.nodes.find((n) => n.id === p.id)!;
    if (p.model === 'current') continue; // constant: folded into the Affine biases below
    if (p.kind === 'input') {
      // NIR's Input is a port: the data comes from outside the graph. Our source model is kept in metadata so
      // that import restores it (docs/formats.md).
      const own = JSON.stringify({ model: docNode.model, params: docNode.params, ...(docNode.label ? { label: docNode.label } : {}), ...(docNode.data ? { data: docNode.data } : {}) });
      nodes.set(p.id, { type: 'Input', params: { shape: vector([p.size]) }, metadata: { [META.node]: own } });
      continue;
    }
    nodes.set(p.id, neuronNode(ir, p, tauSyn, warnings, docNode.label));
  }
  const firstAffine = new Map<number, string>(); // population index → the first Affine into it (carries its bias)
  for (const pr of ir.projections) {
    const src = ir.populations[pr.source], dst = ir.populations[pr.target];
    if (pr.synapse === 'current') continue;
    if (!src.spiking) throw new InteropError(pr.id, `its source "${src.id}" does not spike (a leaky integrator's v is not a NIR edge we map)`);
    const W = weightsFor(pr, dst, tauSyn.get(dst.index));
    const delay = delaysFor(ir, pr);
    let from = src.id;
    if (delay) {
      const name = unique(`${pr.id}_delay`);
      nodes.set(name, { type: 'Delay', params: { delay: vector(delay) }, metadata: {} });
      edges.push([from, name]);
      from = name;
    }
    // Affine with a zero bias rather than Linear: every NIR consumer reads Affine (docs/formats.md).
    const trainable = doc.projections.find((p) => p.id === pr.id)!.trainable ? 1 : 0;
    nodes.set(pr.id, { type: 'Affine', params: { weight: { shape: [pr.nPost, pr.nPre], data: W }, bias: filled(pr.nPost, 0) }, metadata: { [META.trainable]: trainable } });
    edges.push([from, pr.id], [pr.id, dst.id]);
    if (!firstAffine.has(dst.index)) firstAffine.set(dst.index, pr.id);
  }
  for (const pr of ir.projections) if (pr.synapse === 'current') addBias(ir, pr, nodes, firstAffine, tauSyn);
  // Every neuron population nothing projects from is an output of the graph.
  const sinks = ir.populations.filter((p) => p.kind === 'neuron' && !ir.projections.some((pr) => pr.source === p.index));
  for (const p of sinks) {
    const name = unique(sinks.length === 1 ? 'output' : `${p.id}_output`);
    nodes.set(name, { type: 'Output', params: { shape: vector([p.size]) }, metadata: {} });
    edges.push([p.id, name]);
  }
  const metadata: NirMeta = {
    [META.dt]: msToS(ir.dtMs),
    [META.source]: doc.meta.name,
    [META.generator]: 'SNN Studio',
    [META.durationMs]: doc.simulation.duration_ms,
    [META.seed]: opts.seed ?? doc.simulation.seed,
    [META.monitors]: JSON.stringify(doc.monitors),
    // Document order of nodes and projections: a Poisson input draws from the stream of its population index
    // (docs/engine.md), so the same order is what makes an imported network spike the same.
    [META.order]: JSON.stringify([...doc.nodes.map((n) => n.id), ...doc.projections.map((p) => p.id)]),
  };
  if (opts.appVersion) metadata[META.appVersion] = opts.appVersion;
  return { graph: { version: NIR_VERSION, nodes, edges, metadata }, warnings };
}

function neuronNode(ir: NetworkIR, p: PopulationIR, tauSyn: Map<number, number>, warnings: string[], label?: string): NirNode {
  const num = (k: string) => p.params[k] as number;
  const n = p.size;
  const metadata: NirMeta = label ? { label } : {};
  const incoming = ir.projections.filter((pr) => pr.target === p.index);
  const exp = incoming.filter((pr) => pr.synapse === 'exponential');
  if (p.model === 'leaky_integrator') {
    if (exp.length > 0) throw new InteropError(p.id, `exponential synapses into a leaky integrator (projection "${exp[0].id}") are not mapped (NIR's CubaLI is not supported yet)`);
    if (num('v_init') !== 0) { metadata[META.vInit] = num('v_init'); warnings.push(`${p.id}: v_init = ${num('v_init')} has no NIR parameter (kept in metadata)`); }
    return { type: 'LI', params: { tau: filled(n, msToS(num('tau_ms'))), r: filled(n, num('r')), v_leak: filled(n, num('v_rest')) }, metadata };
  }
  // lif: reset timing, refractoriness and the initial v have no NIR parameter (docs/formats.md).
  const timing = String(p.params.reset_timing);
  metadata[META.resetTiming] = timing;
  if (timing !== 'immediate') warnings.push(`${p.id}: reset_timing "${timing}" (spike one step after the crossing) has no NIR parameter (kept in metadata)`);
  if (num('refractory_ms') > 0) { metadata[META.refractoryMs] = num('refractory_ms'); warnings.push(`${p.id}: refractory period ${num('refractory_ms')} ms has no NIR parameter (kept in metadata)`); }
  if (num('v_init') !== 0) { metadata[META.vInit] = num('v_init'); warnings.push(`${p.id}: v_init = ${num('v_init')} has no NIR parameter (kept in metadata)`); }
  const common = { r: filled(n, num('r')), v_leak: filled(n, num('v_rest')), v_threshold: filled(n, num('v_th')), v_reset: filled(n, num('v_reset')) };
  if (exp.length === 0) return { type: 'LIF', params: { tau: filled(n, msToS(num('tau_ms'))), ...common }, metadata };
  const delta = incoming.find((pr) => pr.synapse === 'delta');
  if (delta) throw new InteropError(p.id, `receives both delta ("${delta.id}") and exponential ("${exp[0].id}") synapses; a NIR CubaLIF has one synaptic current`);
  const taus = [...new Set(exp.map((pr) => p.channels[pr.channel].tauMs))];
  if (taus.length > 1) throw new InteropError(p.id, `its exponential synapses have different time constants (${taus.join(', ')} ms); a NIR CubaLIF has one tau_syn`);
  tauSyn.set(p.index, taus[0]);
  return {
    type: 'CubaLIF',
    params: { tau_syn: filled(n, msToS(taus[0])), tau_mem: filled(n, msToS(num('tau_ms'))), ...common, w_in: filled(n, 1) },
    metadata,
  };
}

/**
 * A constant current c through a `current` projection adds I_j = c·Σw (its synapses into neuron j) to the current
 * of `τ dv/dt = (v_rest − v) + R·I` (docs/engine.md, "Step order"): exactly an Affine bias b_j into a LIF or LI.
 * NIR has no node for a bias alone, so it rides on the first Affine into the same population; into a CubaLIF it
 * would be filtered through tau_syn (docs/formats.md, "Affine bias"), so that is refused.
 */
function addBias(ir: NetworkIR, pr: ProjectionIR, nodes: Map<string, NirNode>, firstAffine: Map<number, string>, tauSyn: Map<number, number>): void {
  const src = ir.populations[pr.source], dst = ir.populations[pr.target];
  if (tauSyn.has(dst.index)) throw new InteropError(pr.id, `a constant current into "${dst.id}", which has exponential synapses (a NIR CubaLIF): its bias would be filtered through tau_syn, unlike our current`);
  const name = firstAffine.get(dst.index);
  if (!name) throw new InteropError(pr.id, `a constant current into "${dst.id}", which no spiking population projects to: NIR holds a constant current as the bias of an Affine into it, and there is none`);
  const c = (src.params.offset as number) + (src.params.amplitude as number);
  const bias = nodes.get(name)!.params.bias.data;
  for (let i = 0; i < pr.nPre; i++) for (let s = pr.rowPtr[i]; s < pr.rowPtr[i + 1]; s++) bias[pr.post[s]] += c * pr.weight[s];
}

/**
 * The dense (out, in) NIR weight of a projection, scaled to continuous time (docs/formats.md): W = w·τ/R into a
 * LIF or LI, W = w·τ_syn/w_in (w_in = 1) into a CubaLIF, whose synaptic current jumps by w_in·W/τ_syn = w. Synapses
 * missing from a sparse rule are zeros; repeated pairs add (one spike through both gives the sum).
 */
function weightsFor(pr: ProjectionIR, dst: PopulationIR, tauSynMs: number | undefined): Float64Array {
  const out = pr.nPost, inn = pr.nPre;
  if (out * inn > 50_000_000) throw new InteropError(pr.id, `a dense ${out}×${inn} weight matrix is too large for a NIR file (limit 50,000,000 entries)`);
  const w = new Float64Array(out * inn);
  for (let i = 0; i < inn; i++) {
    for (let s = pr.rowPtr[i]; s < pr.rowPtr[i + 1]; s++) w[pr.post[s] * inn + i] += pr.weight[s];
  }
  if (tauSynMs !== undefined) return weightsToNir(w, out, inn, new Array(out).fill(msToS(tauSynMs)), new Array(out).fill(1));
  return weightsToNir(w, out, inn, new Array(out).fill(msToS(dst.params.tau_ms as number)), new Array(out).fill(dst.params.r as number));
}

/**
 * A NIR Delay (one value per presynaptic neuron, seconds) when some synapse waits more than the one step every
 * spike takes in our engine (docs/engine.md, "Step order", 5); null when none does (NIR's undelayed edge).
 */
function delaysFor(ir: NetworkIR, pr: ProjectionIR): number[] | null {
  if (pr.delayConst === 1) return null;
  const perPre: number[] = [];
  for (let i = 0; i < pr.nPre; i++) {
    let d = -1;
    for (let s = pr.rowPtr[i]; s < pr.rowPtr[i + 1]; s++) {
      if (d >= 0 && pr.delay[s] !== d) throw new InteropError(pr.id, `presynaptic neuron ${i} has synapses with different delays; a NIR Delay holds one delay per presynaptic neuron`);
      d = pr.delay[s];
    }
    perPre.push(d < 0 ? 0 : msToS(d * ir.dtMs));
  }
  return perPre;
}
