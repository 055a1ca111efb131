// The NIR graph in memory: what ./hdf5.ts writes and reads, what ./export.ts builds from a network document and
// ./import.ts turns back into one. The node types and parameter names are those of the NIR reference
// implementation (docs/formats.md, "NIR"); parameters are kept as float64 arrays with their shape.

/** One parameter dataset: row-major values and the shape (e.g. [out, in] for a weight). */
export interface NirArray {
  shape: number[];
  data: Float64Array;
}

/** A metadata value: the reference writes strings and numbers (scalars). */
export type NirMeta = Record<string, string | number>;

export interface NirNode {
  /** `LIF`, `Affine`, …; any other string read from a file is kept so that import can name it. */
  type: string;
  params: Record<string, NirArray>;
  metadata: NirMeta;
}

export interface NirGraph {
  /** The NIR version the file says it follows (root `version`). */
  version: string;
  /** Nodes in file order. */
  nodes: Map<string, NirNode>;
  edges: [string, string][];
  metadata: NirMeta;
}

/** The NIR release whose layout we follow and write (docs/formats.md, "NIR"). */
export const NIR_VERSION = '1.0.7';

/**
 * The node types we read and write, with their parameter datasets: required ones, then optional ones (the
 * reference fills `v_reset` with zeros and `w_in` with 1 when absent). Input/Output carry an integer `shape`.
 */
export const NIR_TYPES: Record<string, { required: string[]; optional: string[] }> = {
  Input: { required: ['shape'], optional: [] },
  Output: { required: ['shape'], optional: [] },
  Affine: { required: ['weight', 'bias'], optional: [] },
  Linear: { required: ['weight'], optional: [] },
  LIF: { required: ['tau', 'r', 'v_leak', 'v_threshold'], optional: ['v_reset'] },
  CubaLIF: { required: ['tau_syn', 'tau_mem', 'r', 'v_leak', 'v_threshold'], optional: ['v_reset', 'w_in'] },
  LI: { required: ['tau', 'r', 'v_leak'], optional: [] },
  IF: { required: ['r', 'v_threshold'], optional: ['v_reset'] },
  Delay: { required: ['delay'], optional: [] },
};

/** A malformed or unusable NIR file: `where` is the HDF5 path (dataset or group) at fault. */
export class NirFormatError extends Error {
  constructor(readonly where: string, readonly reason: string) {
    super(`${where}: ${reason}`);
    this.name = 'NirFormatError';
  }
}

export const vector = (values: ArrayLike<number>): NirArray => ({ shape: [values.length], data: Float64Array.from(values) });
export const filled = (n: number, value: number): NirArray => ({ shape: [n], data: new Float64Array(n).fill(value) });
export const count = (a: NirArray): number => a.shape.reduce((p, d) => p * d, 1);
