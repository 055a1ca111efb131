// Picking without three.js: takes a view ray (origin, unit direction) and the layout, gives the nearest soma the
// ray passes within `hitRadius` of. Clusters the ray misses are skipped, so 100,000 somas cost one loop.
import type { ViewLayout } from './layout';

export interface Pick { cluster: string; neuron: number; distance: number }

export function pickNeuron(layout: ViewLayout, origin: ArrayLike<number>, dir: ArrayLike<number>, hitRadius: number): Pick | null {
  let best: Pick | null = null;
  for (const c of layout.clusters) {
    if (rayPointDistance(origin, dir, c.center[0], c.center[1], c.center[2]).off > c.radius + hitRadius) continue;
    const p = c.positions;
    // Tiny clusters draw big somas (layout.ts somaRadius): the whole sphere is a hit.
    const r = c.drawn <= 8 ? Math.max(hitRadius * 2, c.somaRadius) : hitRadius;
    for (let i = 0; i < c.drawn; i++) {
      const { off, along } = rayPointDistance(origin, dir, p[3 * i], p[3 * i + 1], p[3 * i + 2]);
      if (off <= r && along > 0 && (!best || along < best.distance)) best = { cluster: c.id, neuron: i, distance: along };
    }
  }
  return best;
}

/** Distance of a point from the ray's line (off) and how far along the ray its foot lies (along). */
function rayPointDistance(o: ArrayLike<number>, d: ArrayLike<number>, x: number, y: number, z: number) {
  const vx = x - o[0], vy = y - o[1], vz = z - o[2];
  const along = vx * d[0] + vy * d[1] + vz * d[2];
  const off2 = vx * vx + vy * vy + vz * vz - along * along;
  return { off: Math.sqrt(Math.max(0, off2)), along };
}
