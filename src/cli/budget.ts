// The CLI's side of the budget before a run (src/shared/compiler/budget.ts): the limits of this machine —
// a fraction of physical memory (or --memory-limit), most of V8's heap for records kept as numbers, and the
// GPU adapter's per-buffer limit — and the refusal (exit 3) naming what to shrink. docs/cli.md, "Limits".
import { statfsSync } from 'node:fs';
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { checkRunBudget, checkTrainingBudget, estimateRun, formatBytes, parseByteSize, type BudgetLimits, type BudgetOptions, type TrainingShape } from '../shared/compiler';
import type { NetworkDocument } from '../shared/graph';
import { invalidInput, usageError } from './exit';

/** Default share of physical memory a run may take (the rest is for the OS, Node itself and other programs). */
export const MEMORY_FRACTION = 0.5;
/** Share of V8's heap limit that records kept as JS numbers may take. */
const HEAP_FRACTION = 0.75;

export const MEMORY_LIMIT_OPTION = {
  'memory-limit': { type: 'string', description: `host memory the run may take, e.g. 8GiB or 500MB (default: ${MEMORY_FRACTION * 100}% of physical memory)` },
} as const;

/** This machine's limits; `--memory-limit` parsed strictly (exit 2 when malformed). */
export function hostLimits(memoryLimit: unknown, gpuLimits?: GPUSupportedLimits): BudgetLimits {
  let memoryBytes = Math.floor(totalmem() * MEMORY_FRACTION);
  if (memoryLimit !== undefined) {
    const b = parseByteSize(String(memoryLimit));
    if (b === undefined) throw usageError(`--memory-limit ${String(memoryLimit)}: expected a size such as 8GiB, 512MiB, 2GB or a number of bytes`);
    memoryBytes = b;
  }
  return {
    memoryBytes,
    heapBytes: Math.floor(getHeapStatistics().heap_size_limit * HEAP_FRACTION),
    gpuBufferBytes: gpuLimits ? Math.min(gpuLimits.maxStorageBufferBindingSize, gpuLimits.maxBufferSize) : undefined,
  };
}

/** Refuse a run beyond the budget (exit 3) before anything is compiled or allocated. */
export function enforceRunBudget(file: string, doc: NetworkDocument, opts: BudgetOptions, limits: BudgetLimits): void {
  const r = checkRunBudget(doc, opts, limits);
  if (!r.ok) throw invalidInput(`${file}: beyond the budget of this run: ${r.problem.message}${limitHint(r.problem.message)}`);
}

export function enforceTrainingBudget(file: string, shape: TrainingShape, limits: BudgetLimits): void {
  const p = checkTrainingBudget(shape, limits);
  if (p) throw invalidInput(`${file}: beyond the budget of this run: ${p.message}${limitHint(p.message)}`);
}

const limitHint = (msg: string) => (/of memory, above the limit/.test(msg) ? ' (or raise --memory-limit)' : '');

/**
 * `snn run --out FILE` streams its records to files beside FILE while the run goes and then writes the JSON
 * from them (src/cli/run-records.ts), so its bound is the disk, not memory: refuse (exit 3) when twice the
 * estimated JSON (spool files + the output, until the spool is removed) exceeds the free space of FILE's folder.
 */
export function enforceDiskBudget(file: string, doc: NetworkDocument, opts: BudgetOptions, folder: string): void {
  const est = estimateRun(doc, { ...opts, keepRecords: true }).outputBytes;
  let free: number;
  try {
    const st = statfsSync(folder);
    free = st.bavail * st.bsize;
  } catch {
    return; // the folder is created at write time; the write itself reports a full disk
  }
  if (2 * est > free) {
    throw invalidInput(`${file}: beyond the budget of this run: the result JSON would be about ${formatBytes(est)} (twice that while it is written), but ${folder} has ${formatBytes(free)} free; record fewer neurons or a shorter duration`);
  }
}
