// A run's recordings as NIR graph data (docs/formats.md, "NIR graph data"): the NIRGraphData / NIRNodeData /
// EventData / TimeGriddedData of the NIR reference implementation's `nir.data_ir`, which `nir.read_data` loads.
// One NIRNodeData per population that recorded anything, named by the population id — the name its node has in
// our NIR graph export (./export.ts) — holding `spikes` (EventData) and one TimeGriddedData per traced variable.
// Times are in seconds, as in every NIR file. Pure data: ./data-hdf5.ts writes it.

/** Events of one sample (NIR's EventData with n_samples = 1): neuron index and time (s) of each, in run order. */
export interface NirEventData {
  type: 'EventData';
  idx: Float64Array;
  time: Float64Array;
  nNeurons: number;
  /** Length of the recording (s). */
  tMax: number;
}

/** A sampled signal of one sample (NIR's TimeGriddedData, shape (1, steps, neurons), row-major). */
export interface NirTimeGriddedData {
  type: 'TimeGriddedData';
  /** Values [step][neuron], float32 as the engines compute them. */
  data: Float32Array;
  steps: number;
  /** Which neurons of the population the columns are (NIR has no field for a subset: our `snn_index`). */
  index: number[];
  /** Sample spacing (s). */
  dt: number;
}

export type NirObservable = NirEventData | NirTimeGriddedData;

export interface NirGraphData {
  /** Node name → observable name → data, in population order. */
  nodes: Map<string, Map<string, NirObservable>>;
}

/** A spiking population's recorded spikes (`snn run`'s `spikes`: neuron index and time in ms, run order). */
export interface RecordedSpikes {
  population: string;
  size: number;
  index: ArrayLike<number>;
  timeMs: ArrayLike<number>;
}

/** One monitor's trace: `values[step · index.length + column]`, samples `dtMs` apart from t = 0. */
export interface RecordedTrace {
  population: string;
  variable: string;
  index: readonly number[];
  steps: number;
  dtMs: number;
  values: ArrayLike<number>;
}

export interface Recordings {
  /** Simulated time (ms): NIR's `t_max` of the events. */
  durationMs: number;
  spikes: RecordedSpikes[];
  traces: RecordedTrace[];
}

/**
 * Milliseconds → seconds, rounded to the nanosecond: our times are whole multiples of dt written to 1e-6 ms
 * (docs/cli.md, "snn run output"), so 2.1 ms is 0.0021 s, not 0.0021000000000000003.
 */
export const msToSeconds = (ms: number): number => Math.round(ms * 1e6) / 1e9;

/** The observable name of spike events; a state variable of that name would collide, so it gets a suffix. */
export const SPIKES = 'spikes';

/**
 * The recordings as NIR graph data: `spikes` per spiking population, one TimeGriddedData per traced variable
 * (the first trace of that population and variable, as `snn run`'s JSON keeps one per variable).
 */
export function recordingsToNirData(rec: Recordings): NirGraphData {
  const nodes = new Map<string, Map<string, NirObservable>>();
  const node = (id: string) => nodes.get(id) ?? nodes.set(id, new Map()).get(id)!;
  const tMax = msToSeconds(rec.durationMs);
  for (const s of rec.spikes) {
    if (s.index.length !== s.timeMs.length) throw new Error(`${s.population}: ${s.index.length} spike indices but ${s.timeMs.length} times`);
    node(s.population).set(SPIKES, {
      type: 'EventData', idx: Float64Array.from(s.index), time: Float64Array.from(s.timeMs, msToSeconds), nNeurons: s.size, tMax,
    });
  }
  for (const t of rec.traces) {
    if (t.values.length !== t.steps * t.index.length) throw new Error(`${t.population}.${t.variable}: ${t.values.length} values for ${t.steps} steps × ${t.index.length} neurons`);
    const obs = node(t.population);
    const name = t.variable === SPIKES ? `${SPIKES}_state` : t.variable;
    if (obs.has(name)) continue;
    obs.set(name, { type: 'TimeGriddedData', data: Float32Array.from(t.values), steps: t.steps, index: [...t.index], dt: msToSeconds(t.dtMs) });
  }
  return { nodes };
}
