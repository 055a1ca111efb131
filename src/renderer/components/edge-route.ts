// Routing of a projection on the canvas around the nodes between its ends: takes the edge's two handles and the
// other nodes' boxes (flow coordinates), gives the height of an arc over those a straight edge would pass behind
// (a skip connection such as sound-localisation-deep's alif → output, whose line and label the middle node
// covered), or null when the way is clear. Pure: unit-tested.

export interface Box { x: number; y: number; width: number; height: number }

/** Space kept round a node the edge must clear, and between the arc's top and the highest node it passes (px). */
const CLEARANCE = 8;
const ARC_LIFT = 40;

/** Whether the segment from (x0, y0) to (x1, y1) crosses `b` grown by CLEARANCE (Liang–Barsky clipping). */
function crosses(x0: number, y0: number, x1: number, y1: number, b: Box): boolean {
  const dx = x1 - x0, dy = y1 - y0;
  let lo = 0, hi = 1;
  const edges: [number, number][] = [
    [-dx, x0 - (b.x - CLEARANCE)], [dx, b.x + b.width + CLEARANCE - x0],
    [-dy, y0 - (b.y - CLEARANCE)], [dy, b.y + b.height + CLEARANCE - y0],
  ];
  for (const [p, q] of edges) {
    if (p === 0) { if (q < 0) return false; continue; }
    const t = q / p;
    if (p < 0) lo = Math.max(lo, t); else hi = Math.min(hi, t);
    if (lo > hi) return false;
  }
  return true;
}

/**
 * The y of an arc over every node in `others` that the straight line from the source handle (sx, sy) to the
 * target handle (tx, ty) would cross: ARC_LIFT above the highest of them and of both ends; null when none is
 * in the way. Only edges running left to right are routed (the others already bend round their ends).
 */
export function detourTop(sx: number, sy: number, tx: number, ty: number, others: readonly Box[]): number | null {
  if (tx <= sx) return null;
  const blocking = others.filter((b) => crosses(sx, sy, tx, ty, b));
  if (blocking.length === 0) return null;
  return Math.min(sy, ty, ...blocking.map((b) => b.y)) - ARC_LIFT;
}
