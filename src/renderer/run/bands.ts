// Vertical bands of the spike raster: each population gets height in proportion to its size, but at least
// `minBand` pixels, so a 2-neuron input stays readable next to 4,000 neurons. And the key that names them.
import type { NetworkDocument } from '../../shared/graph';
import { getModel } from '../../shared/models';

export interface Band { id: string; firstRow: number; size: number; y: number; h: number }

export function rasterBands(pops: readonly { id: string; size: number }[], height: number, minBand = 18): Band[] {
  if (!pops.length) return [];
  const total = pops.reduce((a, p) => a + p.size, 0);
  const floor = Math.min(minBand, height / pops.length);
  // Give small populations the floor, share the rest among the others by size.
  let fixed = pops.map((p) => (p.size / total) * height < floor);
  for (let pass = 0; pass < pops.length; pass++) {
    const rest = height - fixed.filter(Boolean).length * floor;
    const restSize = pops.reduce((a, p, i) => a + (fixed[i] ? 0 : p.size), 0);
    const next = pops.map((p, i) => fixed[i] || (restSize > 0 && (p.size / restSize) * rest < floor));
    if (next.every((v, i) => v === fixed[i])) break;
    fixed = next;
  }
  const rest = height - fixed.filter(Boolean).length * floor;
  const restSize = pops.reduce((a, p, i) => a + (fixed[i] ? 0 : p.size), 0);
  let y = 0, row = 0;
  return pops.map((p, i) => {
    const h = fixed[i] ? floor : (p.size / restSize) * rest;
    const band = { id: p.id, firstRow: row, size: p.size, y, h };
    y += h;
    row += p.size;
    return band;
  });
}

/** The raster's colour key: the populations that get a band, in band order — the run's (its layout) once one
 *  has started, else the document's spiking nodes (what a run will draw), each with the node's label if it has one. */
export function rasterKey(doc: NetworkDocument, runPopulations: readonly { id: string }[] | null): { id: string; label: string }[] {
  const label = (id: string) => doc.nodes.find((n) => n.id === id)?.label || id;
  const ids = runPopulations ? runPopulations.map((p) => p.id) : doc.nodes.filter((n) => getModel(n.model)?.spiking).map((n) => n.id);
  return ids.map((id) => ({ id, label: label(id) }));
}
