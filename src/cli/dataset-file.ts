// `snn train --dataset FILE`: opens a spike data file (docs/training.md, "Your own data") by its extension —
// .h5/.hdf5 (the SHD/SSC layout, through h5wasm), .csv or .json — and turns any problem into exit 3 naming
// the file and the line or sample, before any training starts.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
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
      if (!hasHdf5Signature(abs)) throw invalidInput(`${path}: not a readable HDF5 file (no HDF5 signature)`);
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

/** HDF5's superblock signature sits at byte 0, 512, 1024, 2048, … (after an optional user block). */
function hasHdf5Signature(abs: string): boolean {
  const sig = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
  const size = statSync(abs).size, fd = openSync(abs, 'r'), buf = Buffer.alloc(8);
  try {
    for (let at = 0; at + 8 <= size; at = at === 0 ? 512 : at * 2) {
      if (readSync(fd, buf, 0, 8, at) === 8 && sig.every((b, i) => buf[i] === b)) return true;
    }
    return false;
  } finally { closeSync(fd); }
}
