// The app's budget before a run (issue 11): what the page can hold, checked when Run is pressed, before the
// engine worker starts. The engine's own memory (synapses, state, delay rings), steps, monitors and the GPU's
// per-buffer limit are the CLI's budget (src/shared/compiler/budget.ts, docs/cli.md "Limits") with the page's
// limits; on top, the traces the results panel keeps: at most MAX_TRACE_SAMPLES samples per recorded neuron
// (src/renderer/run/controller.ts), as JS numbers. When traces are what does not fit, "Record less" makes each
// state monitor record its first N neurons (docs/editor.md, "Before a run").
import { checkRunBudget, formatBytes } from '../../shared/compiler';
import type { NetworkDocument } from '../../shared/graph';
import { MAX_TRACE_SAMPLES } from '../run/controller';

/** Memory the engine may take in the page (its worker): a tab gets a few GiB at most, shared with everything else. */
export const PAGE_MEMORY_BYTES = 2 * 2 ** 30;
/** Traces the results panel may keep. */
export const PAGE_RECORD_BYTES = 2 ** 30;
/** A kept trace sample: one JS number (8 bytes in a packed array). */
const BYTES_PER_SAMPLE = 8;
/** "Record less" never keeps more neurons per monitor than a trace plot can show apart. */
export const RECORD_LESS_MAX_NEURONS = 100;

export interface PageLimits { memoryBytes: number; recordBytes: number; gpuBufferBytes?: number }

export interface RunBudgetWarning {
  /** What is too big: the JSON path, the estimate and the limit. */
  message: string;
  /** Neurons to keep per state monitor id when recording less makes the run fit; null when it cannot help. */
  recordLess: Record<string, number> | null;
}

/** The page's limits; `gpu` is the adapter's when one was found (its per-buffer limit applies to GPU runs). */
export function pageLimits(gpu?: Pick<GPUSupportedLimits, 'maxStorageBufferBindingSize' | 'maxBufferSize'>): PageLimits {
  return { memoryBytes: PAGE_MEMORY_BYTES, recordBytes: PAGE_RECORD_BYTES, gpuBufferBytes: gpu ? Math.min(gpu.maxStorageBufferBindingSize, gpu.maxBufferSize) : undefined };
}

/** Null when the run fits the page; otherwise what is too big and, when it would help, how to record less. */
export function checkPageRun(doc: NetworkDocument, limits: PageLimits): RunBudgetWarning | null {
  const r = checkRunBudget(doc, {}, { memoryBytes: limits.memoryBytes, gpuBufferBytes: limits.gpuBufferBytes });
  if (!r.ok) return { message: r.problem.message, recordLess: null };
  const samples = Math.min(r.estimate.steps, MAX_TRACE_SAMPLES);
  const size = new Map(doc.nodes.map((n) => [n.id, n.size]));
  const traced = doc.monitors.flatMap((m, i) => (m.kind === 'state' ? [{ id: m.id, i, k: m.indices?.length ?? size.get(m.target) ?? 0 }] : []));
  const bytes = traced.reduce((a, t) => a + t.k * samples * BYTES_PER_SAMPLE, 0);
  if (bytes <= limits.recordBytes) return null;
  const big = traced.reduce((a, b) => (b.k > a.k ? b : a));
  // An equal share of half the limit per monitor (the rest is slack for what else the page holds).
  const fit = Math.floor(limits.recordBytes / 2 / traced.length / (samples * BYTES_PER_SAMPLE));
  const keep = Math.min(fit, RECORD_LESS_MAX_NEURONS);
  const recordLess = keep >= 1 ? Object.fromEntries(traced.filter((t) => t.k > keep).map((t) => [t.id, keep])) : null;
  return {
    message: `monitors[${big.i}]: the traces would need about ${formatBytes(bytes)}, above this page's limit of ${formatBytes(limits.recordBytes)}; ` +
      `the largest: monitor "${big.id}" records ${big.k.toLocaleString('en-US')} neurons × ${samples.toLocaleString('en-US')} samples; ` +
      (recordLess ? `Record less keeps the first ${keep} neuron${keep === 1 ? '' : 's'} of each state monitor` : 'record fewer neurons (indices) or fewer monitors'),
    recordLess,
  };
}
