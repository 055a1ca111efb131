// NetworkIR: the flat, engine-neutral form of a network document, built by ./build-ir.ts. Populations carry
// resolved numeric params; projections are CSR (by presynaptic neuron) with f32 weights and whole-step delays.
// Both engines (CPU and GPU) run from this one structure, so they cannot disagree about the network.

export type SynapseKindIR = 'delta' | 'exponential' | 'conductance' | 'current';

/** One synaptic input channel of a target population: all projections of one kind/tau/e_rev add into it. */
export interface ChannelIR {
  kind: 'delta' | 'exponential' | 'conductance';
  tauMs: number;
  eRev: number;
  /** State variable holding I (exponential) or g (conductance); '' for delta. */
  stateVar: string;
  /**
   * Fixed-point fraction bits: a delivered weight w is added to the ring buffer as the i32
   * floor(w·2^F + 0.5), read back as acc·2^-F (both engines identically). Chosen so that the largest possible
   * input of one step cannot overflow i32.
   */
  fixedBits: number;
}

export type InputMode =
  /** Per-neuron probability (aux, f32) switched on in [startStep, stopStep). */
  | { kind: 'const'; prob: Float32Array; startStep: number; stopStep: number }
  /** Probability table computed on the host per chunk ([step][neuron], f32): sine, sound, dataset, generator. */
  | { kind: 'table' }
  /** A current source: I(step) computed on the host per chunk; injected into targets through 'current' synapses. */
  | { kind: 'current' }
  | { kind: 'none' };

export interface PopulationIR {
  id: string;
  index: number;
  model: string;
  kind: 'neuron' | 'input';
  size: number;
  spiking: boolean;
  /**
   * Every catalogue param, defaults filled; enums/booleans as given. A per-neuron param (docs/file-format.md,
   * "Per-neuron parameters") holds its mean here, for readers that want one value (plots, 3D view).
   */
  params: Record<string, number | string | boolean>;
  /** Per-neuron values (f64, length = size) of the params the document gives per neuron; absent when none. */
  perNeuron?: Record<string, Float64Array>;
  /** Model state variables (catalogue's first, then internal ones, then synaptic channel variables). */
  stateVars: string[];
  /** Synaptic channels for neuron populations (index = channel id). */
  channels: ChannelIR[];
  input: InputMode;
  /** Spike generator: (step, index) pairs sorted by step. */
  generator?: { step: Uint32Array; index: Uint32Array };
}

export interface PlasticityIR {
  aPlus: number; aMinus: number; tauPlusMs: number; tauMinusMs: number; wMin: number; wMax: number;
}

export interface ProjectionIR {
  id: string;
  index: number;
  source: number;
  target: number;
  synapse: SynapseKindIR;
  /** Target channel index (-1 for 'current'). */
  channel: number;
  nPre: number;
  nPost: number;
  /** CSR by presynaptic neuron: synapses of pre i are [rowPtr[i], rowPtr[i+1]). */
  rowPtr: Uint32Array;
  post: Uint32Array;
  weight: Float32Array;
  /** Delay in whole steps (≥ 1: a zero delay reaches the target at the next step). */
  delay: Uint32Array;
  /** When every synapse has the same delay: that delay (then `delay` is still filled). */
  delayConst: number | null;
  /** All-to-all (post index = position in row): propagated densely without reading `post`. */
  dense: boolean;
  plasticity: PlasticityIR | null;
}

export interface MonitorIR {
  id: string;
  kind: 'spikes' | 'state';
  population: number;
  variable: string;
  indices: Uint32Array;
}

export interface NetworkIR {
  name: string;
  dtMs: number;
  durationMs: number;
  seed: number;
  populations: PopulationIR[];
  projections: ProjectionIR[];
  monitors: MonitorIR[];
  /** Largest delay in steps (≥ 1); the ring buffer holds maxDelay + 1 slots. */
  maxDelay: number;
}

export const ringSize = (ir: NetworkIR) => ir.maxDelay + 1;
export const synapseCount = (ir: NetworkIR) => ir.projections.reduce((a, p) => a + p.post.length, 0);
