// The readout's decision after a run: when the document is a network the trainer would train (planTraining
// succeeds), its readout (the plan's last layer) is decoded exactly as `snn evaluate --engine` decodes it
// (src/shared/training/engine-eval.ts: out[t][k] = the readout's membrane at engine step t, or the spike of a LIF
// readout, for the sample's steps; the loss's reduction over time and decode from src/shared/training/loss.ts;
// docs/training.md, "Running what you trained"). The run records the readout's membrane itself when the document's
// monitors do not cover it (a RecordRequest for that run only; the document is not changed).
import type { RecordRequest } from '../../shared/compiler/build-ir';
import type { RunChunk } from '../../shared/engine/types';
import type { NetworkDocument } from '../../shared/graph';
import { getModel } from '../../shared/models';
import { decode, reduceOverTime, reductionOf } from '../../shared/training/loss';
import { planTraining, type TrainingPlan } from '../../shared/training/plan';
import { playedSample, type PlayedSample } from '../editor/dataset-sample';

export interface DecisionSetup {
  plan: TrainingPlan;
  readout: string;
  /** 'li': decoded from the membrane trace `monitor`; 'lif': from the readout's spikes. */
  kind: 'li' | 'lif';
  /** The membrane variable (the model's roles.membrane). */
  variable: string;
  /** The trace monitor id the run's chunks carry the membrane under (li only). */
  monitor: string | null;
  /** What the run must record in addition to the document's monitors (empty when they cover the readout). */
  record: RecordRequest[];
  /** What the dataset input plays (its true IPD and class). */
  played: PlayedSample | null;
}

export interface Decision {
  /** Steps decoded so far and the sample's length; the decision is final when done === steps. */
  done: number;
  steps: number;
  /** Per-class decoded score (time mean of the membrane, its maximum, or the spike count: the loss's reduction). */
  scores: number[];
  predicted: number;
  classes: number;
  /** The true class when the input plays a data-set sample (or the class of ipd_deg when it plays −1). */
  played: PlayedSample | null;
}

/** What a run of `doc` needs to decode its readout, or null when the trainer would not take the network. */
export function decisionSetup(doc: NetworkDocument): DecisionSetup | null {
  let r: ReturnType<typeof planTraining>;
  try { r = planTraining(doc); } catch { return null; }
  if (!r.ok || r.plan.config.mode !== 'classification') return null;
  const plan = r.plan;
  const layer = plan.layers[plan.layers.length - 1];
  const node = doc.nodes.find((n) => n.id === layer.id)!;
  const variable = getModel(node.model)?.roles?.membrane ?? 'v';
  const input = doc.nodes.find((n) => n.id === plan.inputNode)!;
  const base = { plan, readout: layer.id, kind: layer.kind, variable, played: playedSample(doc, input) };
  if (layer.kind !== 'li') return { ...base, monitor: null, record: [] };
  // A document monitor of the readout's membrane over every neuron serves; otherwise the run records it.
  const own = doc.monitors.find((m) => m.kind === 'state' && m.target === layer.id && m.variable === variable && coversAll(m.indices, layer.size));
  if (own) return { ...base, monitor: own.id, record: [] };
  // The compiler names an extra recording POP.VAR (src/shared/compiler/build-ir.ts).
  return { ...base, monitor: `${layer.id}.${variable}`, record: [{ population: layer.id, variable }] };
}

function coversAll(indices: readonly number[] | undefined, size: number): boolean {
  if (indices === undefined) return true;
  const seen = new Set(indices);
  for (let i = 0; i < size; i++) if (!seen.has(i)) return false;
  return true;
}

/** Collects the readout over the sample's steps from a run's chunks and decodes it. */
export class DecisionAccumulator {
  private readonly out: Float64Array;
  private readonly T: number;
  private readonly K: number;
  private done = 0;

  constructor(readonly setup: DecisionSetup) {
    this.T = setup.plan.steps;
    this.K = setup.plan.layers[setup.plan.layers.length - 1].size;
    this.out = new Float64Array(this.T * this.K);
  }

  /** Take one chunk (in order, as the engine posts them); steps past the sample are ignored. */
  add(ch: RunChunk): void {
    const { T, K, out, setup } = this;
    const n = ch.stepEnd - ch.stepStart;
    if (setup.kind === 'li') {
      const tr = ch.traces[setup.monitor!];
      if (tr) {
        for (let q = 0; q < tr.indices.length; q++) {
          for (let s = 0; s < n; s++) {
            const t = ch.stepStart + s;
            if (t < T) out[t * K + tr.indices[q]] = tr.values[q * n + s];
          }
        }
      }
    } else {
      const sp = ch.spikes[setup.readout];
      if (sp) for (let i = 0; i < sp.index.length; i++) if (sp.step[i] < T) out[sp.step[i] * K + sp.index[i]] = 1;
    }
    this.done = Math.min(T, Math.max(this.done, ch.stepEnd));
  }

  /** The decision on the steps so far (final once all the sample's steps are in). */
  result(): Decision {
    const c = this.setup.plan.config;
    const { m } = reduceOverTime(this.out, 1, this.T, this.K, reductionOf(c.loss));
    const dec = decode(c, m, 1, this.K);
    return { done: this.done, steps: this.T, scores: Array.from(m), predicted: dec.cls[0], classes: c.classes, played: this.setup.played };
  }
}
