// Messages between the run controller (UI thread) and the engine worker: start/continue/pause/stop in,
// layout, chunks of spikes and traces, and state changes out.
import type { WeightsFile } from '../../shared/io/weights';
import type { NetworkDocument } from '../../shared/graph';
import type { BackendKind, RunChunk, RunSummary } from '../../shared/engine/types';
import type { SynapseOverride } from '../view3d/axons';
import type { RecordRequest } from '../../shared/compiler/build-ir';
import type { ThreadsChoice } from './engine-threads';

export type ToWorker =
  /** `viewOpen`: whether the 3D view is open (the worker reads plastic weights for it only then). */
  /** `record`: state recordings for this run only, beside the document's monitors (the readout's membrane for the
   *  Decision panel, ./decision.ts); the document is not changed. */
  /** `threads`: the CPU engine's threads (./engine-threads.ts; absent: 'auto'). */
  | { type: 'start'; doc: NetworkDocument; backend: BackendKind; steps: number; speed: number | null; pauseAfter: number | null; viewOpen: boolean; record?: RecordRequest[]; threads?: ThreadsChoice }
  /** Run `steps` more (resume or single step); `doc` carries parameter edits made while paused. */
  | { type: 'continue'; doc: NetworkDocument; steps: number; speed: number | null }
  | { type: 'pause' }
  | { type: 'stop' }
  /** The 3D view opened or closed: plastic weights are read after each slice only while it is open, and once on
   *  opening (when paused) so the view is current at once. */
  | { type: 'view'; open: boolean };

export interface RunLayout {
  backend: BackendKind;
  adapter: string;
  /** The CPU engine's threads (./engine-threads.ts); absent for the GPU. */
  threads?: number;
  dtMs: number;
  totalSteps: number;
  /** Spiking populations in document order, for the raster's rows. */
  populations: { id: string; size: number }[];
  /** State monitors, for the traces. */
  traces: { id: string; population: string; variable: string; indices: number[] }[];
}

export type FromWorker =
  /** `synapses`: the compiled synapses the 3D view draws (a bounded sample a projection, view3d/ir.ts). */
  | { type: 'ready'; layout: RunLayout; synapses: Record<string, SynapseOverride> }
  /** Weights of the sampled synapses of plastic (STDP) projections, in the sample's order, at `step` (the engine's
   *  step count): step 0 from the IR at ready, then after each slice while the 3D view is open, on opening, and at
   *  the end of the run (run/view-weights.ts). */
  | { type: 'weights'; step: number; weights: Record<string, Float32Array> }
  /** At the end of a run with plastic projections: their final weights as a weights file (`snn run --weights-out`'s). */
  | { type: 'finalWeights'; file: WeightsFile }
  | { type: 'chunk'; chunk: RunChunk }
  | { type: 'paused'; step: number }
  | { type: 'finished'; summary: RunSummary; step: number }
  | { type: 'notice'; message: string }
  | { type: 'error'; message: string };
