// Recordings → NIR graph data (./data.ts) and its size guard (./data-hdf5.ts): seconds to the nanosecond, the
// first trace of a population's variable kept, inconsistent records refused, and data beyond the in-memory
// limit refused with its size before h5wasm is asked. The HDF5 layout is read by h5py in src/cli/nir-data.test.ts.
import { describe, expect, it } from 'vitest';
import { hasHdf5Signature } from './hdf5';
import { msToSeconds, recordingsToNirData } from './data';
import { nirDataBytes, writeNirData } from './data-hdf5';

const rec = () => ({
  durationMs: 30.3,
  spikes: [{ population: 'a', size: 4, index: [3, 1], timeMs: [0.3, 12.7] }],
  traces: [
    { population: 'a', variable: 'v', index: [1, 3], steps: 2, dtMs: 0.1, values: [1, 2, 3, 4] },
    { population: 'a', variable: 'v', index: [0], steps: 2, dtMs: 0.1, values: [9, 9] },
    { population: 'b', variable: 'spikes', index: [0], steps: 2, dtMs: 0.1, values: [5, 6] },
  ],
});

describe('recordingsToNirData', () => {
  it('writes seconds to the nanosecond: 2.1 ms is 0.0021 s, not 0.0021000000000000003', () => {
    expect(msToSeconds(2.1)).toBe(0.0021);
    expect(2.1 / 1000).not.toBe(0.0021); // why the rounding is there
    expect(msToSeconds(30.3)).toBe(0.0303);
  });

  it('spikes as EventData, the first trace of a variable as TimeGriddedData; a state named "spikes" does not collide', () => {
    const d = recordingsToNirData(rec());
    expect([...d.nodes.keys()]).toEqual(['a', 'b']);
    expect([...d.nodes.get('a')!.keys()]).toEqual(['spikes', 'v']);
    expect(d.nodes.get('a')!.get('spikes')).toEqual({ type: 'EventData', idx: Float64Array.of(3, 1), time: Float64Array.of(0.0003, 0.0127), nNeurons: 4, tMax: 0.0303 });
    expect(d.nodes.get('a')!.get('v')).toEqual({ type: 'TimeGriddedData', data: Float32Array.of(1, 2, 3, 4), steps: 2, index: [1, 3], dt: 0.0001 });
    expect([...d.nodes.get('b')!.keys()]).toEqual(['spikes_state']);
    expect(nirDataBytes(d)).toBe(2 * 16 + 4 * 4 + 2 * 4);
  });

  it('refuses records whose lengths disagree', () => {
    const r = rec();
    r.spikes[0].timeMs.pop();
    expect(() => recordingsToNirData(r)).toThrow('a: 2 spike indices but 1 times');
    const t = rec();
    t.traces[0].values.pop();
    expect(() => recordingsToNirData(t)).toThrow('a.v: 3 values for 2 steps × 2 neurons');
  });

  it('writes HDF5 within the limit and refuses beyond it, naming the size', async () => {
    const d = recordingsToNirData(rec());
    expect(hasHdf5Signature(await writeNirData(d))).toBe(true);
    await expect(writeNirData(d, 40)).rejects.toThrow(/^the recordings are 0\.0 MiB, more than the 0 MiB a NIR data file is built with in memory; record fewer neurons or a shorter duration$/);
  });
});
