// The HDF5 layout of the Heidelberg spiking data sets (SHD, SSC; docs/training.md, "Your own data"):
// `spikes/times` (variable-length, seconds) and `spikes/units` (variable-length) per sample, `labels` (one
// integer per sample), `extra/` metadata (ignored). Reads each sample's two ragged rows on demand, so a
// ~0.5 GB file is never held in memory as a whole. Works on an open h5wasm File (Node or browser build): the
// caller opens it, so this module depends on no loader or file system.
import { DatasetError, type SpikeSource } from './spike-files';

/** The part of h5wasm's Dataset this reader uses. */
interface H5Dataset {
  shape: number[] | null;
  value: unknown;
  slice(ranges: Array<[number, number]>): unknown;
}
/** The part of h5wasm's File (a Group) this reader uses. */
export interface H5FileLike {
  get(path: string): unknown;
}

function dataset(file: H5FileLike, name: string, path: string): H5Dataset {
  const d = file.get(path) as Partial<H5Dataset> | null | undefined;
  if (!d || typeof d.slice !== 'function' || !('shape' in d)) {
    throw new DatasetError(name, `no dataset "${path}" (the SHD/SSC layout needs spikes/times, spikes/units and labels)`);
  }
  return d as H5Dataset;
}

const isNumArray = (v: unknown): v is ArrayLike<number> =>
  (ArrayBuffer.isView(v) && !(v instanceof DataView)) || (Array.isArray(v) && v.every((x) => typeof x === 'number'));

/**
 * A SpikeSource over an SHD-layout file. Labels are read whole (one integer per sample); the number of units
 * is `units` when given (SHD has 700), else 1 + the largest unit found in one pass over spikes/units, row by row.
 */
export function hdf5SpikeSource(name: string, file: H5FileLike, units?: number): SpikeSource {
  const times = dataset(file, name, 'spikes/times');
  const unitsDs = dataset(file, name, 'spikes/units');
  const labelsDs = dataset(file, name, 'labels');
  const count = labelsDs.shape?.[0] ?? 0;
  if (labelsDs.shape?.length !== 1 || count === 0) throw new DatasetError(name, '"labels" must be a non-empty one-dimensional dataset');
  if (times.shape?.[0] !== count || unitsDs.shape?.[0] !== count) {
    throw new DatasetError(name, `"labels" has ${count} samples but spikes/times ${times.shape?.[0]} and spikes/units ${unitsDs.shape?.[0]}`);
  }
  const raw = labelsDs.value;
  if (!isNumArray(raw)) throw new DatasetError(name, '"labels" must hold integers');
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const l = Number(raw[i]);
    if (!Number.isInteger(l) || l < 0) throw new DatasetError(name, `labels[${i}] is ${raw[i]}: not an integer ≥ 0`);
    labels[i] = l;
  }
  const row = (d: H5Dataset, path: string, i: number): ArrayLike<number> => {
    const r = d.slice([[i, i + 1]]);
    const v = Array.isArray(r) && r.length === 1 ? r[0] : r;
    if (!isNumArray(v)) throw new DatasetError(name, `${path}[${i}] is not a variable-length numeric row`);
    return v;
  };
  const sample = (i: number) => {
    const t = row(times, 'spikes/times', i);
    const u = row(unitsDs, 'spikes/units', i);
    if (t.length !== u.length) throw new DatasetError(name, `sample ${i}: spikes/times has ${t.length} entries but spikes/units ${u.length}`);
    return { times: t, units: u };
  };
  let n = units;
  if (n === undefined) {
    let max = -1;
    for (let i = 0; i < count; i++) { const u = row(unitsDs, 'spikes/units', i); for (let k = 0; k < u.length; k++) max = Math.max(max, u[k]); }
    n = max + 1;
  }
  return { name, count, units: n, unitsDeclared: units !== undefined, labels, sample };
}
