// Plastic axons as ribbons: width grows linearly with weight between w_min and w_max (thin to thick), colour keeps
// the weight scale, the strip follows the axon's curve (two vertices a curve point, 2 triangles a segment).
import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { curvePoint } from './axons';
import { weightColor } from './colors';
import { RIBBON_MAX_PX, RIBBON_MIN_PX, RIBBON_NO_WEIGHT_PX, ribbonGeometry, setRibbonWeights, weightWidthPx } from './ribbon';

describe('ribbons for plastic axons', () => {
  it('width ∝ weight within [w_min, w_max], clamped outside', () => {
    expect(weightWidthPx(0, 0, 0.05)).toBe(RIBBON_MIN_PX);
    expect(weightWidthPx(0.05, 0, 0.05)).toBe(RIBBON_MAX_PX);
    expect(weightWidthPx(0.025, 0, 0.05)).toBeCloseTo((RIBBON_MIN_PX + RIBBON_MAX_PX) / 2, 6);
    expect(weightWidthPx(1, 0, 0.05)).toBe(RIBBON_MAX_PX);
    expect(weightWidthPx(-1, 0, 0.05)).toBe(RIBBON_MIN_PX);
  });

  it('builds a strip along each curve and sets each axon\'s width and colour from its weight', () => {
    const S = 4;
    const curves = Float32Array.of(0, 0, 0, 1, 0, 0, 2, 1, 0, 3, 1, 0, /* axon 1 */ 0, 5, 0, 0, 6, 0, 0, 7, 0, 0, 8, 0);
    const geo = ribbonGeometry(curves, 2, S);
    const per = 2 * (S + 1);
    const pos = geo.getAttribute('position').array as Float32Array;
    expect(pos.length).toBe(3 * per * 2);
    expect(geo.getIndex()!.count).toBe(6 * S * 2);
    // Vertex pairs sit on the curve's points (the shader moves them apart on screen).
    const p = [0, 0, 0];
    curvePoint(curves, 1, 2 / S, p);
    expect(Array.from(pos.subarray(3 * (per + 4), 3 * (per + 4) + 3))).toEqual(p.map((v) => Math.fround(v)));
    expect(Array.from((geo.getAttribute('side').array as Float32Array).subarray(0, 4))).toEqual([-1, 1, -1, 1]);
    const width = geo.getAttribute('width').array as Float32Array;
    expect(width[0]).toBe(RIBBON_NO_WEIGHT_PX);
    // Weights in the sample's order: axon 0 has entry 1 (w_max), axon 1 entry 0 (w_min).
    setRibbonWeights(geo, S, [1, 0], Float32Array.of(0, 0.05), [0, 0.05]);
    expect(width[0]).toBe(RIBBON_MAX_PX);
    expect(width[per - 1]).toBe(RIBBON_MAX_PX);
    expect(width[per]).toBe(RIBBON_MIN_PX);
    const col = geo.getAttribute('color').array as Float32Array;
    expect(Array.from(col.subarray(0, 3))).toEqual(weightColor(0.05, 0, 0.05).map((v) => Math.fround(v)));
    expect((geo.getAttribute('width') as THREE.BufferAttribute).version).toBeGreaterThan(0);
  });
});
