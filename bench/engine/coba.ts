// The COBA benchmark network (resources/examples/coba.snn.json) scaled to N neurons: 80 % excitatory,
// 20 % inhibitory, connection probability 80/N so every neuron keeps ~80 inputs as in the 4,000-neuron
// original (Brette et al. 2007's scaling), and a Poisson kick of N/10 neurons during the first 50 ms.
import { readFileSync } from 'node:fs';
import { loadDocument, type NetworkDocument } from '../../src/shared/graph';

export function cobaDocument(n: number, durationMs: number): NetworkDocument {
  const raw = JSON.parse(readFileSync(new URL('../../resources/examples/coba.snn.json', import.meta.url), 'utf8'));
  const nExc = Math.round(0.8 * n), nInh = n - nExc, p = Math.min(1, 80 / n);
  raw.meta.name = n === 4000 ? 'coba' : `coba-${n}`;
  raw.simulation.duration_ms = durationMs;
  for (const node of raw.nodes) node.size = node.id === 'exc' ? nExc : node.id === 'inh' ? nInh : Math.max(1, Math.round(n / 10));
  for (const pj of raw.projections) pj.connectivity.p = p;
  const r = loadDocument(raw);
  if (!r.ok) throw new Error(`scaled COBA (${n}) is invalid: ${JSON.stringify(r.diagnostics)}`);
  return r.doc;
}
