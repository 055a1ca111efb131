// Screen-space placement of the 3D view's floating labels (cluster names and the Anatomy callouts): takes, per
// label, its box size and the positions to try (best first), the stage's size and boxes to keep clear of, and
// gives each label a box that overlaps no other placed box or obstacle and lies inside the stage, or null when
// none of its positions has room (the view then hides it and says so). Pure (no DOM): unit-tested.

export interface Rect { x: number; y: number; w: number; h: number }

export interface LabelRequest {
  w: number;
  h: number;
  /** Top-left corners to try, in stage pixels, best first. Each is first moved inside the stage. */
  candidates: readonly (readonly [number, number])[];
}

/** Free pixels kept between two boxes and between a box and the stage's edge. */
export const LABEL_GAP = 3;

export function overlaps(a: Rect, b: Rect, gap = 0): boolean {
  return a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;
}

/**
 * Places labels in order (earlier ones win their preferred spot). A candidate is shifted inside the stage
 * (`width` × `height`, LABEL_GAP from each edge) and taken if it keeps LABEL_GAP from every obstacle and every
 * box placed before it.
 */
export function placeLabels(requests: readonly LabelRequest[], width: number, height: number,
  obstacles: readonly Rect[] = []): (Rect | null)[] {
  const taken: Rect[] = [...obstacles];
  return requests.map((r) => {
    if (r.w > width - 2 * LABEL_GAP || r.h > height - 2 * LABEL_GAP) return null;
    for (const [cx, cy] of r.candidates) {
      const box = {
        x: Math.min(Math.max(cx, LABEL_GAP), width - LABEL_GAP - r.w),
        y: Math.min(Math.max(cy, LABEL_GAP), height - LABEL_GAP - r.h),
        w: r.w, h: r.h,
      };
      if (taken.some((t) => overlaps(box, t, LABEL_GAP))) continue;
      taken.push(box);
      return box;
    }
    return null;
  });
}

export type Side = 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w' | 'nw';
const SIDES: readonly Side[] = ['n', 'ne', 'e', 'se', 's', 'sw', 'w', 'nw'];
/** Distances (px) from a pin to its callout tried, nearest first; a leader line joins them when far. */
const REACH = [14, 40, 80, 130, 190];

/**
 * Top-left corners for a `w` × `h` callout around a pin at (x, y): on every side at growing distances, the
 * preferred side first at each distance, then its neighbours going round.
 */
export function calloutCandidates(x: number, y: number, w: number, h: number, prefer: Side): [number, number][] {
  const start = SIDES.indexOf(prefer);
  const order = [0, 1, -1, 2, -2, 3, -3, 4].map((k) => SIDES[(start + k + 8) % 8]);
  const out: [number, number][] = [];
  for (const d of REACH) {
    const q = d * Math.SQRT1_2;
    for (const side of order) {
      switch (side) {
        case 'n': out.push([x - w / 2, y - d - h]); break;
        case 's': out.push([x - w / 2, y + d]); break;
        case 'e': out.push([x + d, y - h / 2]); break;
        case 'w': out.push([x - d - w, y - h / 2]); break;
        case 'ne': out.push([x + q, y - q - h]); break;
        case 'nw': out.push([x - q - w, y - q - h]); break;
        case 'se': out.push([x + q, y + q]); break;
        case 'sw': out.push([x - q - w, y + q]); break;
      }
    }
  }
  return out;
}

/** A square of `size` px centred on a point: a pin the callouts must not cover. */
export function pinRect(x: number, y: number, size = 12): Rect {
  return { x: x - size / 2, y: y - size / 2, w: size, h: size };
}

/** The point of `r` nearest to (x, y): where a leader line from a pin meets its callout. */
export function nearestPoint(r: Rect, x: number, y: number): [number, number] {
  return [Math.min(Math.max(x, r.x), r.x + r.w), Math.min(Math.max(y, r.y), r.y + r.h)];
}

export interface CalloutPlan {
  /** 'full' (title and sentence) when every callout fits so, else 'compact' (titles only). */
  mode: 'full' | 'compact';
  boxes: (Rect | null)[];
  /** Callouts left out for want of room (the view says "+N more in the Glossary" beside the Anatomy button). */
  hidden: number;
}

/**
 * The Anatomy callouts: full size when all fit, else titles only; those that still do not fit are hidden
 * (`pins` come in priority order: earlier ones are placed first). `obstacles`: the cluster labels already
 * placed and anything else to leave uncovered; every pin is kept clear too.
 */
export function planCallouts(pins: readonly { x: number; y: number; prefer: Side }[],
  full: readonly { w: number; h: number }[], compact: readonly { w: number; h: number }[],
  width: number, height: number, obstacles: readonly Rect[]): CalloutPlan {
  const keepClear = [...obstacles, ...pins.map((p) => pinRect(p.x, p.y))];
  const place = (sizes: readonly { w: number; h: number }[]) => placeLabels(
    pins.map((p, i) => ({ ...sizes[i], candidates: calloutCandidates(p.x, p.y, sizes[i].w, sizes[i].h, p.prefer) })),
    width, height, keepClear);
  const fullBoxes = place(full);
  if (fullBoxes.every(Boolean)) return { mode: 'full', boxes: fullBoxes, hidden: 0 };
  const boxes = place(compact);
  return { mode: 'compact', boxes, hidden: boxes.filter((b) => !b).length };
}

/** Top-left corners for a cluster's `w` × `h` name label: centred above the cluster's top point, else below
 *  its bottom, right of its right, left of its left, then the same a little further out. */
export function clusterLabelCandidates(top: readonly [number, number], bottom: readonly [number, number],
  left: readonly [number, number], right: readonly [number, number], w: number, h: number): [number, number][] {
  return [0, 16, 40].flatMap((d) => [
    [top[0] - w / 2, top[1] - h - 4 - d],
    [bottom[0] - w / 2, bottom[1] + 4 + d],
    [right[0] + 6 + d, right[1] - h / 2],
    [left[0] - 6 - d - w, left[1] - h / 2],
  ] as [number, number][]);
}
