// The engine contract: what the editor, the 3D view, the trainer and the `snn` command use to run a network.
// Both engines (GpuEngine on any GPUDevice, CpuEngine in plain TypeScript) implement `Engine` with the same
// semantics (docs/semantics.md); results agree within the tolerances their tests state.
//
//   const ir = compileNetwork(doc, { seed, overrides });     // src/shared/compiler
//   const engine = await createGpuEngine(device, ir)  |  createCpuEngine(ir)
//   const result = await engine.run({ steps, onChunk, signal });

/** Which engine ran. */
export type BackendKind = 'gpu' | 'cpu';

/** Spikes of one population within a chunk of steps: parallel arrays, sorted by step then index. */
export interface SpikeChunk {
  index: Uint32Array;
  step: Uint32Array;
}

/** Recorded state of one monitor within a chunk: values[k][j] = variable of neuron indices[k] at step j. */
export interface TraceChunk {
  population: string;
  variable: string;
  indices: Uint32Array;
  /** Row-major [indices.length][steps in chunk]. */
  values: Float32Array;
}

export interface RunChunk {
  /** First step of the chunk (inclusive) and the step after its last (exclusive), counted from the run's start. */
  stepStart: number;
  stepEnd: number;
  /** By population id, for every spiking population. */
  spikes: Record<string, SpikeChunk>;
  /** By monitor id (state monitors and --record requests). */
  traces: Record<string, TraceChunk>;
}

export interface RunOptions {
  /** Steps to simulate from the engine's current time. */
  steps: number;
  /** Steps per chunk handed to onChunk (and per GPU readback). The engine may choose when absent. */
  chunkSteps?: number;
  /** Called after each chunk, in order; use it for live plots and progress. */
  onChunk?: (chunk: RunChunk) => void;
  /** Stops the run at the next chunk boundary; run() then resolves with what was simulated. */
  signal?: { readonly aborted: boolean };
}

export interface RunSummary {
  backend: BackendKind;
  /** Adapter description for the GPU engine, 'cpu' for the CPU engine. */
  adapter: string;
  stepsRun: number;
  stopped: boolean;
  wallMs: number;
  /** Spikes the GPU spike buffer could not hold; reported, never silently dropped (0 on the CPU). */
  droppedSpikes: number;
}

export interface Engine {
  readonly backend: BackendKind;
  /** Simulated steps so far (the engine keeps its state between runs: pause/resume = two runs). */
  readonly step: number;
  run(options: RunOptions): Promise<RunSummary>;
  /** Change a population's parameter without recompiling (takes effect at the next step). */
  setParam(population: string, param: string, value: number): void;
  /** Back to t = 0 with the initial state. */
  reset(): void;
  /** Read a state variable of a population (for inspection/tests; not for per-step use). */
  readState(population: string, variable: string): Promise<Float32Array>;
  /** Read a projection's current weights, in the IR's synapse order (they change under STDP). With `indices`
   *  (synapse indices in that order) only those weights, in the order given: the GPU engine gathers them on the
   *  device and maps just those bytes. An index past the projection's synapses throws EngineError('unsupported'). */
  readWeights(projection: string, indices?: Uint32Array): Promise<Float32Array>;
  /** Spikes per neuron of a spiking population since reset (never lossy, unlike the chunk records). */
  spikeCounts?(population: string): Promise<Uint32Array>;
  dispose(): void;
}

/** A failure the user must see: which kernel/population/variable/step, and what to do. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly kind: 'divergence' | 'device-lost' | 'limits' | 'shader' | 'validation' | 'unsupported',
    readonly where?: { kernel?: string; population?: string; variable?: string; step?: number },
  ) {
    super(message);
  }
}
