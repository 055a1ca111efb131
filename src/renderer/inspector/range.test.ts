import { describe, expect, it } from 'vitest';
import { rangeText } from './fields';
import { getModel } from '../../shared/models';

describe('rangeText', () => {
  it('leaves out the catalogue\'s ±1e6 guards, keeps bounds that mean something', () => {
    expect(rangeText(-1e6, 1e6)).toBeUndefined();
    expect(rangeText(0, 1e6, true)).toBe('> 0');
    expect(rangeText(0, 1)).toBe('≥ 0, ≤ 1');
    expect(rangeText(-1e3, 1e3)).toBe('≥ -1000, ≤ 1000');
    expect(rangeText(undefined, undefined)).toBeUndefined();
  });

  it('no LIF parameter shows "1000000" any more', () => {
    for (const p of getModel('lif')!.params) expect(rangeText(p.min, p.max, p.minExclusive) ?? '').not.toContain('1000000');
  });
});
