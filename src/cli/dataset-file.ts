// `snn train --dataset FILE`: opens a spike data file (docs/training.md, "Your own data") by its extension —
// .h5/.hdf5 (the SHD/SSC layout, through h5wasm), .csv or .json — and turns any problem into exit 3 naming
// the file and the line or sample, before any training starts.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import h5wasm from 'h5wasm/node';
import { DatasetError, parseSpikeCsv, parseSpikeJson, type SpikeSource } from '../shared/tasks/spike-files';
import { hdf5SpikeSource } from '../shared/tasks/spike-hdf5';
import { invalidInput } from './exit';
import { readTextFile, type CliIo } from './io';

/** The open source and a close() for the HDF5 handle (a no-op for the text forms). */
export async function openDatasetFile(io: CliIo, path: string): Promise<{ source: SpikeSource; close: () => void }> {
  const lower = path.toLowerCase();
  try {
    if (lower.endsWith('.csv') || lower.endsWith('.json')) {
      // Text forms are parsed whole: they are meant for small data sets (the HDF5 form for large ones).
      const { text } = readTextFile(io, path, 'data set');
      return { source: lower.endsWith('.csv') ? parseSpikeCsv(path, text) : parseSpikeJson(path, text), close: () => {} };
    }
    if (lower.endsWith('.h5') || lower.endsWith('.hdf5')) {
      const abs = resolve(io.cwd, path);
      if (!existsSync(abs) || !statSync(abs).isFile()) throw invalidInput(`${path}: cannot read the data set: no such file`);
      await h5wasm.ready;
      let file: InstanceType<typeof h5wasm.File>;
      try { file = new h5wasm.File(abs, 'r'); } catch (e) { throw invalidInput(`${path}: not a readable HDF5 file (${(e as Error).message})`); }
      try { return { source: hdf5SpikeSource(path, file), close: () => file.close() }; } catch (e) { file.close(); throw e; }
    }
    throw invalidInput(`${path}: a data set must be .h5/.hdf5 (SHD layout), .csv or .json`);
  } catch (e) {
    if (e instanceof DatasetError) throw invalidInput(e.message);
    throw e;
  }
}
