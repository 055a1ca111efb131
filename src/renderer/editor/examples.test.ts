// The examples gallery: every bundled example has a name and description and opens without problems.
import { describe, it, expect } from 'vitest';
import { loadDocument } from '../../shared/graph';
import { EXAMPLES } from './examples';

describe('EXAMPLES', () => {
  it('bundles every resources/examples file, each valid, named and described', () => {
    expect(EXAMPLES.map((e) => e.file)).toContain('coincidence-detection.snn.json');
    expect(EXAMPLES.map((e) => e.file)).toContain('lif-neuron.snn.json');
    for (const ex of EXAMPLES) {
      const r = loadDocument(ex.json);
      expect(r.ok ? [] : r.diagnostics, ex.file).toEqual([]);
      expect(ex.name.length, ex.file).toBeGreaterThan(0);
      expect(ex.description.length, ex.file).toBeGreaterThan(20);
    }
  });
});
