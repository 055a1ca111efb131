// Spike data sets read from files (docs/training.md, "Your own data"): samples held as ragged event lists
// (time in seconds, unit) with one integer label each — the layout of the Heidelberg spiking data sets — and
// binned one sample at a time to the network's dt, so no dense samples×steps×units copy is ever made.
// This module holds the format-free part (binning, split, checks, the CSV and JSON forms); readers of other
// containers (HDF5) implement SpikeSource and live where their library may be imported.
import { STREAM, uniform01 } from '../rng';
import type { Split } from './sound-localisation';

/** One sample's events: parallel arrays, times in seconds (any order), units 0-based. */
export interface SpikeSample {
  times: ArrayLike<number>;
  units: ArrayLike<number>;
}

/** Random access to a data set's samples; a reader may fetch each sample from disk on demand. */
export interface SpikeSource {
  /** Where the data came from (a path), for error messages. */
  name: string;
  count: number;
  /** Number of input units: the file's own declaration when it has one, else 1 + the largest unit index. */
  units: number;
  /** Whether `units` was declared by the file (it must then equal the input size) or inferred (≤ it). */
  unitsDeclared: boolean;
  /** Integer class of each sample, ≥ 0. */
  labels: Int32Array;
  sample(index: number): SpikeSample;
}

/** An error in a data file: says which file and where (line, sample), for exit code 3 in the CLI. */
export class DatasetError extends Error {
  constructor(readonly source: string, message: string) {
    super(`${source}: ${message}`);
    this.name = 'DatasetError';
  }
}

/** Step a spike at `tSeconds` falls in: floor(t·1000/dt); −1 when it is outside [0, steps). */
export function binOf(tSeconds: number, dtMs: number, steps: number): number {
  if (!(tSeconds >= 0)) return -1;
  const b = Math.floor((tSeconds * 1000) / dtMs);
  return b < steps ? b : -1;
}

/**
 * Bins one sample into `out` ([step][unit], 1 = at least one spike), starting at `offset`; spikes at or after
 * steps·dt are dropped (the max time). Returns how many spikes landed.
 */
export function binSample(s: SpikeSample, units: number, dtMs: number, steps: number, out: Uint8Array, offset = 0): number {
  out.fill(0, offset, offset + steps * units);
  let landed = 0;
  for (let k = 0; k < s.times.length; k++) {
    const b = binOf(s.times[k], dtMs, steps);
    const u = s.units[k];
    if (b < 0 || u < 0 || u >= units) continue;
    out[offset + b * units + u] = 1;
    landed++;
  }
  return landed;
}

/** Sub-stream of STREAM.dataset for the split draw (the sound task uses 0..31 of it). Never renumber. */
const SPLIT_STREAM = STREAM.dataset + 0x800;

/**
 * The split rule: sample i is in the test set iff uniform01(data_seed, split stream, i, 0) < testFraction.
 * Each sample's side depends only on (seed, i), so it is deterministic and stable when samples are appended.
 * Returns the sample indices of the split, in file order.
 */
export function splitIndices(count: number, seed: number, testFraction: number, split: Split): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const isTest = uniform01(seed, SPLIT_STREAM, i, 0) < testFraction;
    if (isTest === (split === 'test')) out.push(i);
  }
  return out;
}

/**
 * Checks a source against the network: declared units must equal the input size (inferred ones be at most
 * it), labels must fit the readout. Returns the source with units set to the input size.
 */
export function checkAgainstNetwork(src: SpikeSource, inputSize: number, readoutSize: number): SpikeSource {
  // Units inferred from the spikes may fall short of the input size (the top units never fire): widen them.
  if (src.unitsDeclared ? src.units !== inputSize : src.units > inputSize) {
    throw new DatasetError(src.name, `the data have ${src.units} input units${src.unitsDeclared ? '' : ' (the largest unit index + 1)'} but the dataset node has size ${inputSize}`);
  }
  let maxLabel = -1;
  for (const l of src.labels) maxLabel = Math.max(maxLabel, l);
  if (maxLabel >= readoutSize) {
    throw new DatasetError(src.name, `labels go up to ${maxLabel} (${maxLabel + 1} classes) but the readout has only ${readoutSize} neurons`);
  }
  return { ...src, units: inputSize };
}

/** Labels of a split and its samples binned into one batch buffer ([sample][step][unit]). */
export function binBatch(src: SpikeSource, indices: readonly number[], dtMs: number, steps: number): { spikes: Uint8Array; labels: Int32Array } {
  const per = steps * src.units;
  const spikes = new Uint8Array(indices.length * per);
  const labels = new Int32Array(indices.length);
  indices.forEach((i, k) => {
    binSample(src.sample(i), src.units, dtMs, steps, spikes, k * per);
    labels[k] = src.labels[i];
  });
  return { spikes, labels };
}

function inMemorySource(name: string, samples: { times: number[]; units: number[]; label: number }[], declaredUnits?: number): SpikeSource {
  let maxUnit = -1;
  for (const s of samples) for (const u of s.units) maxUnit = Math.max(maxUnit, u);
  const units = declaredUnits ?? maxUnit + 1;
  if (maxUnit >= units) throw new DatasetError(name, `unit ${maxUnit} is outside the declared ${units} units`);
  return {
    name, count: samples.length, units, unitsDeclared: declaredUnits !== undefined,
    labels: Int32Array.from(samples, (s) => s.label),
    sample: (i) => samples[i],
  };
}

const isNonNegInt = (v: number) => Number.isInteger(v) && v >= 0;

/**
 * CSV form: a header line `sample,label,time_ms,unit`, then one row per spike. `sample` and `label` are
 * integers ≥ 0; a sample's label must be the same on all its rows; `time_ms` is a time ≥ 0 in milliseconds.
 * Sample ids need not be contiguous: samples are ordered by id. A sample with no spikes needs one row with
 * empty time_ms and unit.
 */
export function parseSpikeCsv(name: string, text: string): SpikeSource {
  const lines = text.split(/\r?\n/);
  const header = lines[0]?.trim().split(',').map((h) => h.trim());
  if (header?.join(',') !== 'sample,label,time_ms,unit') {
    throw new DatasetError(name, 'line 1: the header must be "sample,label,time_ms,unit"');
  }
  const byId = new Map<number, { times: number[]; units: number[]; label: number }>();
  for (let ln = 1; ln < lines.length; ln++) {
    const line = lines[ln].trim();
    if (line === '') continue;
    const f = line.split(',').map((x) => x.trim());
    const where = `line ${ln + 1}`;
    if (f.length !== 4) throw new DatasetError(name, `${where}: expected 4 fields, found ${f.length}`);
    const [sample, label] = [Number(f[0]), Number(f[1])];
    if (f[0] === '' || !isNonNegInt(sample)) throw new DatasetError(name, `${where}: sample "${f[0]}" is not an integer ≥ 0`);
    if (f[1] === '' || !isNonNegInt(label)) throw new DatasetError(name, `${where}: label "${f[1]}" is not an integer ≥ 0`);
    let s = byId.get(sample);
    if (!s) byId.set(sample, (s = { times: [], units: [], label }));
    else if (s.label !== label) throw new DatasetError(name, `${where}: sample ${sample} has label ${label} here but ${s.label} before`);
    if (f[2] === '' && f[3] === '') continue;
    const [t, u] = [Number(f[2]), Number(f[3])];
    if (f[2] === '' || !(Number.isFinite(t) && t >= 0)) throw new DatasetError(name, `${where}: time_ms "${f[2]}" is not a number ≥ 0`);
    if (f[3] === '' || !isNonNegInt(u)) throw new DatasetError(name, `${where}: unit "${f[3]}" is not an integer ≥ 0`);
    s.times.push(t / 1000);
    s.units.push(u);
  }
  if (byId.size === 0) throw new DatasetError(name, 'no samples');
  const ids = [...byId.keys()].sort((a, b) => a - b);
  return inMemorySource(name, ids.map((id) => byId.get(id)!));
}

/**
 * JSON form: `{ "units": N?, "samples": [{ "label": int, "times_ms": [..], "units": [..] }, ...] }`;
 * `units` (optional) declares the input size when the last units never fire.
 */
export function parseSpikeJson(name: string, text: string): SpikeSource {
  let doc: unknown;
  try { doc = JSON.parse(text); } catch (e) { throw new DatasetError(name, `not valid JSON: ${(e as Error).message}`); }
  const o = doc as { units?: unknown; samples?: unknown };
  if (typeof o !== 'object' || o === null || !Array.isArray(o.samples)) throw new DatasetError(name, 'expected an object with a "samples" array');
  if (o.units !== undefined && !(typeof o.units === 'number' && isNonNegInt(o.units) && o.units > 0)) throw new DatasetError(name, '"units" must be an integer ≥ 1');
  if (o.samples.length === 0) throw new DatasetError(name, 'no samples');
  const samples = o.samples.map((raw: unknown, i: number) => {
    const s = raw as { label?: unknown; times_ms?: unknown; units?: unknown };
    const where = `samples[${i}]`;
    if (typeof s !== 'object' || s === null) throw new DatasetError(name, `${where}: not an object`);
    if (typeof s.label !== 'number' || !isNonNegInt(s.label)) throw new DatasetError(name, `${where}.label: not an integer ≥ 0`);
    if (!Array.isArray(s.times_ms) || !Array.isArray(s.units)) throw new DatasetError(name, `${where}: "times_ms" and "units" must be arrays`);
    if (s.times_ms.length !== s.units.length) throw new DatasetError(name, `${where}: "times_ms" has ${s.times_ms.length} entries but "units" ${s.units.length}`);
    s.times_ms.forEach((t, k) => { if (!(typeof t === 'number' && Number.isFinite(t) && t >= 0)) throw new DatasetError(name, `${where}.times_ms[${k}]: not a number ≥ 0`); });
    s.units.forEach((u, k) => { if (!(typeof u === 'number' && isNonNegInt(u))) throw new DatasetError(name, `${where}.units[${k}]: not an integer ≥ 0`); });
    return { label: s.label, times: (s.times_ms as number[]).map((t) => t / 1000), units: s.units as number[] };
  });
  return inMemorySource(name, samples, o.units as number | undefined);
}

/** The share of a file's samples the split rule puts in the test set (docs/training.md, "Your own data"). */
export const TEST_FRACTION = 0.2;

/**
 * One split of a file-backed data set as the trainer reads it: samples are binned only when a batch is
 * built (fill), never held as a dense samples×steps×units array.
 */
export interface FileSplit {
  kind: 'file';
  count: number;
  inputs: number;
  steps: number;
  labels: Int32Array;
  /** File samples have no IPD: zeros, so the trainer's IPD error is 0 and meaningless for them. */
  ipd: Float64Array;
  classes: number;
  /** Bins sample `s` of the split into `out` at `offset`. */
  fill(s: number, out: Uint8Array, offset: number): void;
}

/** A split of `src` by the split rule, binned to dt over `steps` steps (duration / dt) when read. */
export function fileSplit(src: SpikeSource, seed: number, split: Split, dtMs: number, steps: number, classes: number, testFraction = TEST_FRACTION): FileSplit {
  const idx = splitIndices(src.count, seed, testFraction, split);
  if (idx.length === 0) throw new DatasetError(src.name, `the ${split} split is empty (${src.count} samples; ${+(testFraction * 100).toFixed(2)}% go to test): add samples`);
  return {
    kind: 'file', count: idx.length, inputs: src.units, steps, classes,
    labels: Int32Array.from(idx, (i) => src.labels[i]),
    ipd: new Float64Array(idx.length),
    fill: (s, out, offset) => { binSample(src.sample(idx[s]), src.units, dtMs, steps, out, offset); },
  };
}

/** What the Training tab shows of a data file before training on it. */
export interface SpikeFacts {
  samples: number;
  units: number;
  /** 1 + the largest label (the readout needs at least this many neurons). */
  classes: number;
  /** Samples per label, index = label. */
  perClass: number[];
  spikes: number;
  /** The latest spike of any sample, in ms (a sample's spikes after the document's duration are dropped). */
  lastSpikeMs: number;
}

/** Facts of a source, reading every sample once (row by row for HDF5: never the whole file at once). */
export function spikeFacts(src: SpikeSource): SpikeFacts {
  let maxLabel = -1, spikes = 0, last = 0;
  for (const l of src.labels) maxLabel = Math.max(maxLabel, l);
  const perClass = new Array<number>(maxLabel + 1).fill(0);
  for (const l of src.labels) perClass[l]++;
  for (let i = 0; i < src.count; i++) {
    const s = src.sample(i);
    spikes += s.times.length;
    for (let k = 0; k < s.times.length; k++) last = Math.max(last, s.times[k]);
  }
  return { samples: src.count, units: src.units, classes: maxLabel + 1, perClass, spikes, lastSpikeMs: last * 1000 };
}

/** Parses a data file's text form (.csv or .json) chosen by its name's extension; other names are refused. */
export function parseSpikeText(name: string, text: string): SpikeSource {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return parseSpikeCsv(name, text);
  if (lower.endsWith('.json')) return parseSpikeJson(name, text);
  throw new DatasetError(name, 'a data set must be .h5/.hdf5 (SHD layout), .csv or .json');
}
