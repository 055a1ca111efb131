import { describe, expect, it } from 'vitest';
import { POPULATION_COLORS, hexToRgb, populationColor, populationColors, seriesColors } from './palette';

const dist = (a: string, b: string) => Math.hypot(...hexToRgb(a).map((v, k) => v - hexToRgb(b)[k]));

describe('population palette', () => {
  it('keys colours by document order: the same id gets the same colour in every view, neighbours differ', () => {
    const ids = ['ears', 'detectors', 'readout'];
    const m = populationColors(ids);
    expect([...m.values()]).toEqual(POPULATION_COLORS.slice(0, 3));
    for (const id of ids) expect(populationColor(ids, id)).toBe(m.get(id));
    expect(populationColor(ids, 'gone')).toBe('#8a92a3');
    expect(new Set(populationColors(POPULATION_COLORS.map((_, i) => `n${i}`)).values()).size).toBe(POPULATION_COLORS.length);
  });

  it('the base colours are far apart (RGB distance above 0.2 of the unit cube)', () => {
    for (let i = 0; i < POPULATION_COLORS.length; i++) {
      for (let j = i + 1; j < POPULATION_COLORS.length; j++) expect(dist(POPULATION_COLORS[i], POPULATION_COLORS[j])).toBeGreaterThan(0.2);
    }
  });

  it('several traces of one population get distinct shades (no two closer than 0.08 in RGB), one trace the base', () => {
    expect(seriesColors('#5aa9ff', 1)).toEqual(['#5aa9ff']);
    expect(seriesColors('#5aa9ff', 0)).toEqual([]);
    for (const base of POPULATION_COLORS) {
      for (const n of [2, 3, 5, 12]) {
        const c = seriesColors(base, n);
        expect(c).toHaveLength(n);
        for (const x of c) expect(x).toMatch(/^#[0-9a-f]{6}$/);
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(dist(c[i], c[j]), `${base} n=${n} ${c[i]} ${c[j]}`).toBeGreaterThan(0.08);
      }
    }
  });

  it('reads hex colours exactly', () => {
    expect(hexToRgb('#ff8000')).toEqual([1, 128 / 255, 0]);
  });
});
