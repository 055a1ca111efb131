// A file with several problems reports all of them at once: the shape problems (zod) and the checks beyond
// shape on the parts whose shape is right, with the file's own indices in the paths.
import { describe, expect, it } from 'vitest';
import { loadDocument } from './validate';
import { formatDiagnostic } from './diagnostics';

const base = { format: 'snn-network', version: 1, meta: { name: 'bad' } };

describe('every problem of a file at once', () => {
  it('shape problems and model/parameter/reference problems together', () => {
    const r = loadDocument({
      ...base,
      nodes: [
        { id: 'a', kind: 'population', model: 'lif', size: 0 },
        { id: 'b', kind: 'population', model: 'nope', size: 3 },
        { id: 'c', kind: 'population', model: 'lif', size: 2, params: { tau_ms: -5 } },
      ],
      projections: [
        { id: 'p', source: 'c', target: 'zz', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 1 } },
        { id: 'q', source: 'a', target: 'c', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 1 } },
      ],
      simulation: { dt_ms: -1, duration_ms: 100 },
    });
    expect(r.ok).toBe(false);
    const text = r.diagnostics.map(formatDiagnostic);
    expect(text).toEqual(expect.arrayContaining([
      'error: simulation.dt_ms: must be above 0',
      'error: nodes[0].size: must be at least 1',
      'error: nodes[1].model: unknown model "nope"',
      'error: nodes[2].params.tau_ms: -5 ms is not above the minimum 0 ms',
      'error: projections[0].target: no node has id "zz"',
    ]));
    // q refers to node a, whose shape is wrong: its own message covers it, no "no node has id" for it.
    expect(text.filter((t) => t.startsWith('error: projections[1]'))).toEqual([]);
  });

  it('without meta or simulation the rest is still checked', () => {
    const r = loadDocument({ format: 'snn-network', version: 1, nodes: [{ id: 'b', kind: 'population', model: 'nope', size: 3 }] });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual(expect.arrayContaining(['error: nodes[0].model: unknown model "nope"']));
    expect(r.diagnostics.some((d) => d.path.startsWith('meta'))).toBe(true);
  });
});
