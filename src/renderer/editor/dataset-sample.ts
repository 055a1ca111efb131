// What a `dataset` input node plays in a run, for the inspector's sample picker and the run's Decision panel:
// sample k of a split (its true IPD and class, from the task's own functions in
// src/shared/tasks/sound-localisation.ts), or the IPD `ipd_deg` (sample −1). The data seed follows the compiler's
// rule (src/shared/compiler/inputs.ts: data_seed, or the run's seed when −1, and the app runs with the document's
// simulation seed: run/engine.worker.ts); the trainer's data set uses training.seed ?? simulation.seed
// (trainConfigFrom), so the two differ only when the training block has its own seed (docs/training.md,
// "Running what you trained").
import type { NetworkDocument, NetworkNode } from '../../shared/graph';
import { getModel } from '../../shared/models';
import { ipdClass, sampleMeta, soundParamsFrom, type Split } from '../../shared/tasks/sound-localisation';
import { trainConfigFrom } from '../../shared/training/plan';

export interface PlayedSample {
  /** −1: the IPD `ipd_deg` through the run's Poisson generator; k ≥ 0: sample k of `split`. */
  sample: number;
  split: Split;
  /** Samples in the split as the training block sets them (test_samples / train_samples). */
  splitSize: number;
  /** The seed the run draws the sample from (data_seed, or the simulation seed when −1). */
  dataSeed: number;
  /** The seed of the trainer's data set (training.seed ?? simulation.seed). */
  trainingSeed: number;
  classes: number;
  /** The true IPD in degrees: the sample's (k ≥ 0) or ipd_deg (−1). */
  ipdDeg: number;
  /** Its class (the 180°/classes bin it falls in). */
  cls: number;
}

const DEG = 180 / Math.PI;

/** The class's IPD range in degrees, [lo, hi): class k of 12 is the k-th 15° bin from −90°. */
export function classRangeDeg(cls: number, classes: number): [number, number] {
  const w = 180 / classes;
  return [-90 + cls * w, -90 + (cls + 1) * w];
}

/** "class 3: −45°–−30°". */
export function classLabel(cls: number, classes: number): string {
  const [lo, hi] = classRangeDeg(cls, classes);
  const f = (d: number) => `${+d.toFixed(2)}°`.replace('-', '−');
  return `class ${cls}: ${f(lo)}–${f(hi)}`;
}

/** What the dataset node plays in a plain run of `doc`; null for other nodes. */
export function playedSample(doc: NetworkDocument, node: NetworkNode): PlayedSample | null {
  if (node.model !== 'dataset') return null;
  const spec = getModel('dataset')!;
  const param = (name: string) => node.params[name] ?? spec.params.find((p) => p.name === name)!.default;
  const cfg = trainConfigFrom(doc);
  const sample = Number(param('sample'));
  const split: Split = param('split') === 'train' ? 'train' : 'test';
  const ds = Number(param('data_seed'));
  const dataSeed = ds >= 0 ? ds : doc.simulation.seed;
  const base = { sample, split, splitSize: split === 'train' ? cfg.trainSamples : cfg.testSamples, dataSeed, trainingSeed: cfg.seed, classes: cfg.classes };
  if (sample < 0) {
    const ipdDeg = Number(param('ipd_deg'));
    return { ...base, ipdDeg, cls: ipdClass(ipdDeg / DEG, cfg.classes) };
  }
  const sp = soundParamsFrom(node.size, { ...defaults(spec.params), ...node.params }, doc.simulation.dt_ms, doc.simulation.duration_ms);
  const { ipd } = sampleMeta(sp, dataSeed, split, sample);
  return { ...base, ipdDeg: ipd * DEG, cls: ipdClass(ipd, cfg.classes) };
}

function defaults(params: readonly { name: string; default: unknown }[]): Record<string, unknown> {
  return Object.fromEntries(params.map((p) => [p.name, p.default]));
}
