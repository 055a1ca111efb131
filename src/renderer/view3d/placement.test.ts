// Placement of the 3D view's floating labels (#15: the Anatomy callouts crowded and were cut at 1280×720):
// placed boxes never overlap each other, obstacles or pins, always lie inside the stage, keep their preferred
// spot when it is free, and fall back to titles only and then to hiding (counted, "+N more") for want of room.
import { describe, expect, it } from 'vitest';
import { calloutCandidates, clusterLabelCandidates, LABEL_GAP, nearestPoint, overlaps, pinRect, placeLabels, planCallouts, type Rect, type Side } from './placement';

const inside = (r: Rect, w: number, h: number) => r.x >= LABEL_GAP - 1e-9 && r.y >= LABEL_GAP - 1e-9
  && r.x + r.w <= w - LABEL_GAP + 1e-9 && r.y + r.h <= h - LABEL_GAP + 1e-9;

function expectDisjoint(boxes: readonly Rect[], what: string) {
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i], boxes[j]), `${what}: ${i} and ${j}`).toBe(false);
  }
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so a failure is reproducible. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The callouts' sizes in the app (view3d.css: 210 px wide with a sentence; titles only about 60–110 px × 24 px).
const FULL = [{ w: 210, h: 74 }, { w: 210, h: 58 }, { w: 210, h: 74 }, { w: 210, h: 58 }];
const COMPACT = [{ w: 110, h: 24 }, { w: 78, h: 24 }, { w: 52, h: 24 }, { w: 70, h: 24 }];
const PREFER: Side[] = ['nw', 'se', 's', 'ne'];

describe('placeLabels', () => {
  it('keeps a label on its first choice when it is free, and moves a label at the edge inside the stage', () => {
    const [a, b] = placeLabels([
      { w: 50, h: 20, candidates: [[100, 100]] },
      { w: 50, h: 20, candidates: [[380, -30]] },
    ], 400, 300);
    expect(a).toEqual({ x: 100, y: 100, w: 50, h: 20 });
    expect(b).toEqual({ x: 400 - LABEL_GAP - 50, y: LABEL_GAP, w: 50, h: 20 });
  });

  it('skips a taken spot for the next candidate, and gives null when no candidate has room', () => {
    const placed = placeLabels([
      { w: 50, h: 20, candidates: [[10, 10]] },
      { w: 50, h: 20, candidates: [[20, 15], [10, 60]] },
      { w: 50, h: 20, candidates: [[10, 10], [30, 20]] },
      { w: 500, h: 20, candidates: [[0, 0]] }, // wider than the stage
    ], 400, 300);
    expect(placed[1]).toEqual({ x: 10, y: 60, w: 50, h: 20 });
    expect(placed[2]).toBeNull();
    expect(placed[3]).toBeNull();
  });

  it('never overlaps, never leaves the stage, over 500 random layouts with obstacles', () => {
    const r = rng(15);
    for (let k = 0; k < 500; k++) {
      const W = 200 + r() * 1200, H = 120 + r() * 700;
      const obstacles = Array.from({ length: Math.floor(r() * 4) }, () => ({ x: r() * W, y: r() * H, w: 10 + r() * 80, h: 10 + r() * 40 }));
      const reqs = Array.from({ length: 1 + Math.floor(r() * 8) }, () => {
        const w = 30 + r() * 200, h = 16 + r() * 70;
        return { w, h, candidates: calloutCandidates(r() * W * 1.2 - W * 0.1, r() * H * 1.2 - H * 0.1, w, h, 'ne') };
      });
      const placed = placeLabels(reqs, W, H, obstacles).filter((b): b is Rect => !!b);
      for (const b of placed) expect(inside(b, W, H)).toBe(true);
      expectDisjoint(placed, `layout ${k}`);
      for (const b of placed) for (const o of obstacles) expect(overlaps(b, o), `layout ${k}: obstacle`).toBe(false);
    }
  });
});

describe('calloutCandidates', () => {
  it('tries the preferred side first, close to the pin, without covering it', () => {
    for (const side of ['n', 'ne', 'e', 'se', 's', 'sw', 'w', 'nw'] as Side[]) {
      const c = calloutCandidates(300, 200, 100, 40, side);
      expect(c.length).toBe(40);
      const first = { x: c[0][0], y: c[0][1], w: 100, h: 40 };
      expect(overlaps(first, pinRect(300, 200)), side).toBe(false);
      const [nx, ny] = nearestPoint(first, 300, 200);
      expect(Math.hypot(nx - 300, ny - 200), side).toBeLessThanOrEqual(15);
      // The box lies on that side of the pin.
      const cx = first.x + first.w / 2, cy = first.y + first.h / 2;
      if (side.includes('e')) expect(cx).toBeGreaterThan(300);
      if (side.includes('w')) expect(cx).toBeLessThan(300);
      if (side.includes('n')) expect(cy).toBeLessThan(200);
      if (side.includes('s')) expect(cy).toBeGreaterThan(200);
    }
  });
});

describe('planCallouts', () => {
  const pinsAt = (pts: [number, number][]) => pts.map(([x, y], i) => ({ x, y, prefer: PREFER[i] }));

  it('shows every callout in full where there is room (the 1920×1080 split view)', () => {
    const pins = pinsAt([[250, 300], [560, 330], [400, 320], [555, 350]]);
    const plan = planCallouts(pins, FULL, COMPACT, 900, 700, []);
    expect(plan.mode).toBe('full');
    expect(plan.hidden).toBe(0);
    const boxes = plan.boxes as Rect[];
    expectDisjoint(boxes, 'full');
    for (const b of boxes) {
      expect(inside(b, 900, 700)).toBe(true);
      for (const p of pins) expect(overlaps(b, pinRect(p.x, p.y))).toBe(false);
    }
  });

  it('falls back to titles only in a small stage (the 1280×720 maximised view, 530×230), all four shown', () => {
    const pins = pinsAt([[190, 95], [290, 115], [230, 105], [285, 125]]);
    const plan = planCallouts(pins, FULL, COMPACT, 530, 230, [{ x: 150, y: 50, w: 70, h: 32 }]);
    expect(plan.mode).toBe('compact');
    expect(plan.hidden).toBe(0);
    expectDisjoint(plan.boxes as Rect[], 'compact');
  });

  it('hides what has no room and counts it', () => {
    const pins = pinsAt([[60, 30], [80, 35], [70, 32], [75, 38]]);
    const plan = planCallouts(pins, FULL, COMPACT, 170, 70, []);
    expect(plan.mode).toBe('compact');
    expect(plan.hidden).toBeGreaterThan(0);
    expect(plan.hidden).toBe(plan.boxes.filter((b) => !b).length);
    const shown = plan.boxes.filter((b): b is Rect => !!b);
    expect(shown.length).toBeGreaterThan(0);
    expectDisjoint(shown, 'what is shown');
    for (const b of shown) expect(inside(b, 170, 70)).toBe(true);
  });

  it('never overlaps pins, obstacles or each other, over 300 random scenes', () => {
    const r = rng(1280);
    for (let k = 0; k < 300; k++) {
      const W = 150 + r() * 900, H = 90 + r() * 600;
      const pins = pinsAt(Array.from({ length: 4 }, () => [W * (0.2 + 0.6 * r()), H * (0.2 + 0.6 * r())] as [number, number]));
      const obstacles = Array.from({ length: 3 }, () => ({ x: r() * W, y: r() * H, w: 60, h: 30 }));
      const plan = planCallouts(pins, FULL, COMPACT, W, H, obstacles);
      const shown = plan.boxes.filter((b): b is Rect => !!b);
      expectDisjoint(shown, `scene ${k}`);
      for (const b of shown) {
        expect(inside(b, W, H)).toBe(true);
        for (const o of obstacles) expect(overlaps(b, o)).toBe(false);
        for (const p of pins) expect(overlaps(b, pinRect(p.x, p.y))).toBe(false);
      }
      expect(plan.hidden).toBe(4 - shown.length);
    }
  });
});

describe('clusterLabelCandidates', () => {
  it('puts a name above the cluster first, then below, right and left', () => {
    const c = clusterLabelCandidates([100, 50], [100, 150], [60, 100], [140, 100], 80, 30);
    expect(c[0]).toEqual([60, 16]);
    expect(c[1]).toEqual([60, 154]);
    expect(c[2][0]).toBeGreaterThan(140);
    expect(c[3][0] + 80).toBeLessThan(60);
  });
});
