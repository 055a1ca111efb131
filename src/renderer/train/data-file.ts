// A spike data file chosen in the Training tab (docs/training.md, "Your own data"): opened from its bytes —
// .csv/.json parsed by the shared readers, .h5/.hdf5 through h5wasm's browser build (loaded on first use, the
// file written into its in-memory file system) and the shared SHD-layout reader — on the UI thread for the
// facts and the preview, and again in the training worker to train on (./data-picker.ts chooses the file).
import { DatasetError, parseSpikeText, spikeFacts, type SpikeFacts, type SpikeSource } from '../../shared/tasks/spike-files';
import { hdf5SpikeSource, type H5FileLike } from '../../shared/tasks/spike-hdf5';

/** An open data file; close() frees the HDF5 copy (a no-op for the text forms). */
export interface OpenSpikeFile { source: SpikeSource; close(): void }

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** HDF5's superblock signature sits at byte 0, 512, 1024, 2048, … (after an optional user block). */
export function hasHdf5Signature(bytes: Uint8Array): boolean {
  for (let at = 0; at + 8 <= bytes.length; at = at === 0 ? 512 : at * 2) {
    if (HDF5_SIGNATURE.every((b, i) => bytes[at + i] === b)) return true;
  }
  return false;
}

let opened = 0;

/** Opens `bytes` (a file called `name`) by its extension; a bad file throws DatasetError naming it and where. */
export async function openSpikeBytes(name: string, bytes: ArrayBuffer): Promise<OpenSpikeFile> {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.json')) {
    let text: string;
    try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { throw new DatasetError(name, 'not UTF-8 text'); }
    return { source: parseSpikeText(name, text), close: () => {} };
  }
  if (!(lower.endsWith('.h5') || lower.endsWith('.hdf5'))) throw new DatasetError(name, 'a data set must be .h5/.hdf5 (SHD layout), .csv or .json');
  const data = new Uint8Array(bytes);
  if (!hasHdf5Signature(data)) throw new DatasetError(name, 'not a readable HDF5 file (no HDF5 signature)');
  const h5 = await import('h5wasm');
  const { FS } = await h5.ready;
  const path = `/snn-data-${++opened}.h5`;
  FS.writeFile(path, data);
  const unlink = () => { try { FS.unlink(path); } catch { /* already gone */ } };
  let file: InstanceType<typeof h5.File>;
  try { file = new h5.File(path, 'r'); } catch (e) { unlink(); throw new DatasetError(name, `not a readable HDF5 file (${(e as Error).message})`); }
  try {
    return { source: hdf5SpikeSource(name, file as unknown as H5FileLike), close: () => { file.close(); unlink(); } };
  } catch (e) {
    file.close(); unlink();
    throw e;
  }
}

/** One sample of the preview raster. */
export interface PreviewSample { index: number; label: number; times: Float64Array; units: Uint32Array }

/** What the tab shows of a file: its facts and its first `n` samples. */
export function previewOf(src: SpikeSource, n = 4): { facts: SpikeFacts; samples: PreviewSample[] } {
  const samples: PreviewSample[] = [];
  for (let i = 0; i < Math.min(n, src.count); i++) {
    const s = src.sample(i);
    samples.push({ index: i, label: src.labels[i], times: Float64Array.from(s.times, (t) => t * 1000), units: Uint32Array.from(s.units) });
  }
  return { facts: spikeFacts(src), samples };
}
