// A conformance case (Brian2's feature tests): a small network document, how long to run it, and what to
// measure against an analytic expectation or a reference property. Every measurement states two bounds on
// |got − expected|: `strict` (what the f32 reference engine must meet: the discretisation error of the step
// order in docs/engine.md, nothing more) and `tolerant` (what any engine with our semantics must meet, e.g. a
// GPU whose compiler fuses a·b + c or whose exp() differs in the last bits). ./run.ts runs a case on an Engine.
import type { NetworkDocument } from '../../src/shared/graph';
import type { Collected } from '../../src/shared/engine/collect';
import type { Engine } from '../../src/shared/engine/types';
import type { NetworkIR } from '../../src/shared/compiler/ir';
import type { RecordRequest } from '../../src/shared/compiler/build-ir';

export interface Measurement { what: string; got: number; expected: number; strict: number; tolerant: number }

export interface CaseRun { run: Collected; engine: Engine; ir: NetworkIR }

export interface ConformanceCase {
  name: string;
  /** What is checked and where the expectation comes from. */
  description: string;
  doc(): NetworkDocument;
  record?: RecordRequest[];
  steps: number;
  measure(r: CaseRun): Promise<Measurement[]> | Measurement[];
}
