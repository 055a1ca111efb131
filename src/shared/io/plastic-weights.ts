// The final weights of a run's plastic (STDP) projections as a weights file (`snn run --weights-out`, the
// run's "Save weights"; docs/cli.md, "Weights of plastic projections"). The file is the `snn-weights` v1 form
// the trainer writes (../io/weights.ts): one `[pre][post]` matrix per projection. The engines hold a
// projection's weights in synapse order — CSR by presynaptic neuron, synapse s of row i going to post[s]
// (compiler/ir.ts) — so synapse s lands at weights[i][post[s]]; a pair without a synapse is 0. A pair with
// two synapses (a multapse, which fixed_indegree can draw) has no single cell, so such a projection is refused.
import type { NetworkDocument } from '../graph/schema';
import type { NetworkIR, ProjectionIR } from '../compiler/ir';
import { WEIGHTS_FORMAT, WEIGHTS_LAYOUT, WEIGHTS_VERSION, type WeightsFile } from './weights';
import { isPerNeuron, perNeuronSummary } from '../models';

/** The projections a run changes: those with a plasticity rule, in document order. */
export const plasticProjections = (ir: NetworkIR): ProjectionIR[] => ir.projections.filter((p) => p.plasticity !== null);

/** Why `p` cannot be written as a [pre][post] matrix (a pair with two synapses), or null. */
export function matrixProblem(p: ProjectionIR): string | null {
  const seen = new Int32Array(p.nPost).fill(-1);
  for (let i = 0; i < p.nPre; i++) {
    for (let s = p.rowPtr[i]; s < p.rowPtr[i + 1]; s++) {
      if (seen[p.post[s]] === i) return `projection "${p.id}" has two synapses from pre ${i} to post ${p.post[s]}: a [pre][post] matrix holds one weight per pair`;
      seen[p.post[s]] = i;
    }
  }
  return null;
}

/** Synapse-order weights (`w[s]`, as Engine.readWeights gives them) as the file's rows: w[s] at [pre][post[s]], 0 where no synapse. */
export function synapsesToRows(p: ProjectionIR, w: ArrayLike<number>): number[][] {
  const rows = Array.from({ length: p.nPre }, () => new Array<number>(p.nPost).fill(0));
  for (let i = 0; i < p.nPre; i++) for (let s = p.rowPtr[i]; s < p.rowPtr[i + 1]; s++) rows[i][p.post[s]] = w[s];
  return rows;
}

/**
 * The weights file of `finals` (per plastic projection, in plasticProjections order, synapse order): each
 * projection's source and target populations (size, model, the document's parameters) and its matrix.
 */
export function plasticWeightsFile(doc: NetworkDocument, ir: NetworkIR, finals: readonly ArrayLike<number>[], sourceSha256: string): WeightsFile {
  const populations: WeightsFile['populations'] = {};
  const projections: WeightsFile['projections'] = {};
  plasticProjections(ir).forEach((p, k) => {
    const source = ir.populations[p.source].id, target = ir.populations[p.target].id;
    for (const id of [source, target]) {
      const n = doc.nodes.find((x) => x.id === id);
      // A per-neuron value (docs/file-format.md) is written as its mean: the file's params hold one value each.
      if (n) populations[id] = { size: n.size, model: n.model, params: Object.fromEntries(Object.entries(n.params).map(([k, v]) => [k, isPerNeuron(v) ? perNeuronSummary(v.per_neuron).mean : v])) };
    }
    projections[p.id] = { source, target, shape: [p.nPre, p.nPost], layout: WEIGHTS_LAYOUT, weights: synapsesToRows(p, finals[k]) };
  });
  return { format: WEIGHTS_FORMAT, version: WEIGHTS_VERSION, network: { name: ir.name, source_sha256: sourceSha256 }, populations, projections };
}
