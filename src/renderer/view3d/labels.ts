// Places the 3D view's floating HTML labels after each drawn frame: takes the stage, the scene's projection and
// the label elements (cluster names, Anatomy callouts with their pins and leader lines, the "+N more" count),
// measures them, asks placement.ts for boxes that neither overlap nor leave the stage, and writes the styles.
// Reads all sizes before writing any style, so a frame costs one layout.
import type { ClusterLayout, Vec3 } from './layout';
import type { AnatomyPart } from './glossary';
import { clusterLabelCandidates, nearestPoint, pinRect, placeLabels, planCallouts, type Rect, type Side } from './placement';

/** Callouts in priority order (placed first, hidden last) and the side of its pin each prefers. */
const CALLOUTS: readonly { part: AnatomyPart; prefer: Side }[] = [
  { part: 'neuron', prefer: 'nw' }, { part: 'synapse', prefer: 'ne' }, { part: 'axon', prefer: 's' }, { part: 'dendrite', prefer: 'se' },
];
/** Populations this small have each soma kept clear of labels (layout.ts draws them big, to be seen). */
const SMALL_SOMAS = 8;
/** A leader line joins a pin to its callout when the box is farther than this (px). */
const LEADER_MIN_PX = 10;
/** Titles-only callouts (view3d.css `[data-callouts='compact']`): padding 3 × 8 px, 1 px border, 16 px line. */
const COMPACT_PAD_W = 18;
const COMPACT_H = 24;

/** A mounted callout: its element, box and pin on screen (null when its anchor is off screen) and sizes. */
interface Callout {
  el: HTMLElement; box: HTMLElement | null; pin: [number, number] | null; part: AnatomyPart; prefer: Side;
  full: { w: number; h: number }; compact: { w: number; h: number };
}

export interface LabelPlacer {
  /** Moves every label for the frame just drawn; gives each cluster label's box (null: hidden or off screen). */
  place(project: (p: Vec3) => [number, number] | null, anchor: (part: string) => Vec3 | null, w: number, h: number): Map<string, Rect | null>;
}

export function labelPlacer(stage: HTMLElement, clusters: readonly ClusterLayout[], labels: Map<string, HTMLElement>,
  selected: () => string | null): LabelPlacer {
  // Full-size callout heights depend only on their text (fixed width): measured while shown in full, kept.
  const fullSize = new Map<string, { w: number; h: number }>();
  return {
    place(project, anchor, w, h) {
      // Reads first.
      const callouts = CALLOUTS.flatMap(({ part, prefer }): Callout[] => {
        const el = stage.querySelector<HTMLElement>(`[data-anchor="${part}"]`);
        const box = el?.querySelector<HTMLElement>(':scope > div');
        const at = anchor(part);
        const pin = at && project(at);
        if (!el || !box || !pin) return el ? [{ el, box: null, pin: null, part, prefer, full: { w: 0, h: 0 }, compact: { w: 0, h: 0 } }] : [];
        const title = box.querySelector('strong');
        const compactMode = stage.dataset.callouts === 'compact';
        if (!compactMode) fullSize.set(part, { w: box.offsetWidth, h: box.offsetHeight });
        const full = fullSize.get(part) ?? { w: 210, h: 80 };
        const compact = compactMode ? { w: box.offsetWidth, h: box.offsetHeight } : { w: (title?.offsetWidth ?? 80) + COMPACT_PAD_W, h: COMPACT_H };
        return [{ el, box, pin, part, prefer, full, compact }];
      });
      const sel = selected();
      const order = [...clusters].sort((a, b) => Number(b.id === sel) - Number(a.id === sel));
      const requests = order.map((c) => {
        const el = labels.get(c.id);
        const [x, y, z] = c.center, r = c.radius;
        const top = project([x, y + r, z]), bottom = project([x, y - r, z]), left = project([x - r, y, z]), right = project([x + r, y, z]);
        const size = { w: el?.offsetWidth ?? 0, h: el?.offsetHeight ?? 0 };
        return { c, el, ...size, candidates: top && bottom && left && right ? clusterLabelCandidates(top, bottom, left, right, size.w, size.h) : [] };
      });

      // The somas of tiny populations (the coincidence example's two ears) stay uncovered, like the pins.
      const somas = clusters.filter((c) => c.drawn <= SMALL_SOMAS).flatMap((c) => Array.from({ length: c.drawn }, (_, i) => {
        const at = project([c.positions[3 * i], c.positions[3 * i + 1], c.positions[3 * i + 2]]);
        return at ? [pinRect(at[0], at[1])] : [];
      }).flat());
      // Cluster names first (clear of the callouts' pins), then the callouts clear of the names.
      const shown = callouts.filter((c) => c.pin && c.box);
      const pins = [...shown.map((c) => pinRect(c.pin![0], c.pin![1])), ...somas];
      const names = placeLabels(requests, w, h, pins);
      const placed = new Map<string, Rect | null>();
      requests.forEach((q, i) => {
        placed.set(q.c.id, names[i]);
        if (!q.el) return;
        const b = names[i];
        q.el.dataset.placed = String(!!b);
        q.el.style.transform = b ? `translate(${b.x}px, ${b.y}px)` : 'translate(-9999px, 0)';
      });
      const plan = planCallouts(shown.map((c) => ({ x: c.pin![0], y: c.pin![1], prefer: c.prefer })),
        shown.map((c) => c.full), shown.map((c) => c.compact), w, h, [...names.filter((b): b is Rect => !!b), ...somas]);

      // Writes.
      if (shown.length) stage.dataset.callouts = plan.mode; else delete stage.dataset.callouts;
      for (const c of callouts) {
        const i = shown.indexOf(c);
        const b = i >= 0 ? plan.boxes[i] : null;
        c.el.dataset.placed = String(!!b);
        const line = stage.querySelector<SVGLineElement>(`[data-leader="${c.part}"]`);
        if (!b || !c.pin || !c.box) {
          c.el.style.transform = 'translate(-9999px, 0)';
          line?.setAttribute('visibility', 'hidden');
          continue;
        }
        const [px, py] = c.pin;
        c.el.style.transform = `translate(${px}px, ${py}px)`;
        c.box.style.left = `${b.x - px}px`;
        c.box.style.top = `${b.y - py}px`;
        if (line) {
          const [nx, ny] = nearestPoint(b, px, py);
          const far = Math.hypot(nx - px, ny - py) > LEADER_MIN_PX;
          line.setAttribute('visibility', far ? 'visible' : 'hidden');
          line.setAttribute('x1', String(px)); line.setAttribute('y1', String(py));
          line.setAttribute('x2', String(nx)); line.setAttribute('y2', String(ny));
        }
      }
      // Beside the Anatomy button (outside the scene, so it never covers it): how many callouts had no room.
      const more = stage.closest('.view3d')?.querySelector<HTMLElement>('.view3d-more');
      const text = plan.hidden ? `+${plan.hidden} more in the Glossary` : '';
      if (more && more.textContent !== text) more.textContent = text;
      return placed;
    },
  };
}
