// Builds a validated network document for a conformance case (dt 0.1 ms, seed 11 unless given).
import { loadDocument, type NetworkDocument } from '../../src/shared/graph';

export function network(parts: { nodes: unknown[]; projections?: unknown[]; monitors?: unknown[]; dtMs?: number; seed?: number }): NetworkDocument {
  const r = loadDocument({
    format: 'snn-network', version: 1, meta: { name: 'conformance' },
    simulation: { dt_ms: parts.dtMs ?? 0.1, duration_ms: 100, seed: parts.seed ?? 11 },
    nodes: parts.nodes, projections: parts.projections ?? [], monitors: parts.monitors ?? [],
  });
  if (!r.ok) throw new Error(`conformance document is invalid: ${JSON.stringify(r.diagnostics)}`);
  return r.doc;
}
