// Ids for new nodes, projections and monitors: valid document ids (no dots or spaces), unique in a document.
import type { NetworkDocument } from '../../shared/graph';

/** Every id in use: nodes, projections and monitors share one namespace (validate.ts checks it so). */
export function usedIds(doc: NetworkDocument): Set<string> {
  return new Set([...doc.nodes.map((n) => n.id), ...doc.projections.map((p) => p.id), ...doc.monitors.map((m) => m.id)]);
}

/** `base` made into a valid id (`LIF population` → `lif_population`), then `_2`, `_3`… until unused. */
export function uniqueId(base: string, used: ReadonlySet<string>): string {
  const stem = idStem(base);
  if (!used.has(stem)) return stem;
  const m = /^(.*)_(\d+)$/.exec(stem);
  const root = m ? m[1] : stem;
  for (let i = m ? Number(m[2]) + 1 : 2; ; i++) {
    const id = `${root}_${i}`;
    if (!used.has(id)) return id;
  }
}

/** `base` made into a valid id, before any `_2` suffix: what `uniqueId` starts from. */
export function idStem(base: string): string {
  const stem = base.toLowerCase().replace(/[^a-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || 'node';
  return /^[a-z_]/.test(stem) ? stem : `n_${stem}`;
}

/** Whether `id` is what `uniqueId(base, …)` gives for some set of used ids (the stem, or it with `_N`). */
export function isGeneratedId(id: string, base: string): boolean {
  const stem = idStem(base);
  if (id === stem) return true;
  const m = /^(.*)_(\d+)$/.exec(id);
  if (!m) return false;
  const root = /^(.*)_(\d+)$/.exec(stem)?.[1];
  return m[1] === stem || (root !== undefined && m[1] === root);
}

export const ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;
