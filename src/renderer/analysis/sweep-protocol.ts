// Messages between the IPD sweep controller (./sweep.ts) and its worker (./sweep.worker.ts).
import type { NetworkDocument } from '../../shared/graph';
import type { SweepPoint } from '../../shared/analysis/ipd';

export interface SweepRequest {
  doc: NetworkDocument;
  ipdsDeg: number[];
  seeds: number;
  durationMs?: number;
}

export type ToSweepWorker = { type: 'start' } & SweepRequest;

export type FromSweepWorker =
  | { type: 'point'; done: number; total: number; point: SweepPoint }
  | { type: 'finished'; meanErrorDeg: number }
  | { type: 'error'; message: string };
