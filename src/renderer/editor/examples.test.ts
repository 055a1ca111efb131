// The examples gallery: every bundled example has a name and description and opens without problems.
import { describe, it, expect } from 'vitest';
import { loadDocument } from '../../shared/graph';
import { EXAMPLES, EXAMPLE_JSON, GALLERY, exampleStem } from './examples';

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

describe('GALLERY', () => {
  it('orders the examples as the tutorial does, and every example has its one line', () => {
    expect(EXAMPLES.slice(0, 4).map((e) => e.file)).toEqual(['lif-neuron.snn.json', 'adaptive-threshold.snn.json', 'hodgkin-huxley.snn.json', 'coincidence-detection.snn.json']);
    expect(EXAMPLES.map((e) => exampleStem(e.file))).toEqual(GALLERY.map((g) => g.stem)); // a new example must be placed in GALLERY
    for (const ex of EXAMPLES) expect(ex.line.length, ex.file).toBeLessThanOrEqual(90);
    expect(Object.keys(EXAMPLE_JSON)).toContain('lif-neuron');
  });
});
