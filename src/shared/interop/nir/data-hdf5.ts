// NIR graph data → HDF5 bytes with h5wasm in memory (as ./hdf5.ts does for graphs), in the layout of the NIR
// reference implementation's `write_data` (docs/formats.md, "NIR graph data"), so that its `read_data` loads it:
// the root and each group say what they are in a `__type__` attribute (a variable-length string, as h5py writes
// a Python str), the events' `idx` int64 and `time` float64 of shape (1, n), `n_neurons` and `t_max` attributes,
// a TimeGriddedData's `data` (1, steps, neurons) with its `dt` attribute.
import type { NirGraphData } from './data';
import { loadH5wasm, memName, memoryFs } from './hdf5';

/**
 * The largest data a file may hold: h5wasm's heap stops at 2 GiB and each dataset passes through it (with the
 * library's own buffers beside it), so beyond this the write would fail inside h5wasm without a useful message.
 */
export const NIR_DATA_MAX_BYTES = 1024 ** 3;

/** Bytes of the datasets: 16 per spike (int64 index, float64 time), 4 per trace value. */
export function nirDataBytes(data: NirGraphData): number {
  let n = 0;
  for (const obs of data.nodes.values()) for (const o of obs.values()) n += o.type === 'EventData' ? 16 * o.idx.length : 4 * o.data.length;
  return n;
}

/** The bytes of a NIR graph data file holding `data`; an Error naming the size when it is over `maxBytes`. */
export async function writeNirData(data: NirGraphData, maxBytes = NIR_DATA_MAX_BYTES): Promise<Uint8Array> {
  const size = nirDataBytes(data);
  if (size > maxBytes) {
    throw new Error(`the recordings are ${(size / 1024 ** 2).toFixed(1)} MiB, more than the ${(maxBytes / 1024 ** 2).toFixed(0)} MiB a NIR data file is built with in memory; record fewer neurons or a shorter duration`);
  }
  const h5 = await loadH5wasm();
  const FS = await memoryFs();
  const name = memName();
  const f = new h5.File(name, 'w');
  try {
    f.create_attribute('__type__', 'NIRGraphData');
    const nodes = f.create_group('nodes');
    for (const [key, observables] of data.nodes) {
      const g = nodes.create_group(key);
      g.create_attribute('__type__', 'NIRNodeData');
      const obs = g.create_group('observables');
      for (const [oname, o] of observables) {
        const h = obs.create_group(oname);
        h.create_attribute('__type__', o.type);
        if (o.type === 'EventData') {
          h.create_dataset({ name: 'idx', data: BigInt64Array.from(o.idx, (x) => BigInt(x)), shape: [1, o.idx.length] });
          h.create_dataset({ name: 'time', data: o.time, shape: [1, o.time.length] });
          h.create_attribute('n_neurons', BigInt64Array.of(BigInt(o.nNeurons)), []);
          h.create_attribute('t_max', Float64Array.of(o.tMax), []);
        } else {
          h.create_dataset({ name: 'data', data: o.data, shape: [1, o.steps, o.index.length] });
          h.create_attribute('dt', Float64Array.of(o.dt), []);
          h.create_attribute('snn_index', BigInt64Array.from(o.index, (x) => BigInt(x)), [o.index.length]);
        }
      }
    }
  } finally {
    f.close();
  }
  try { return FS.readFile(name).slice(); } finally { FS.unlink(name); }
}
