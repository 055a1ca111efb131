// The page's budget before a run: traces the results panel would keep beyond the limit are named with the
// monitor's JSON path; Record less (one undoable editor command) makes the run fit; engine limits (synapses,
// steps, the GPU's per-buffer limit) come from the shared budget and cannot be fixed by recording less.
import { describe, expect, it } from 'vitest';
import { loadDocument, type NetworkDocument } from '../../shared/graph';
import { EditorModel } from '../editor/model';
import { checkPageRun, pageLimits, PAGE_RECORD_BYTES, RECORD_LESS_MAX_NEURONS } from './run-budget';

function doc(raw: Record<string, unknown>): NetworkDocument {
  const r = loadDocument({ format: 'snn-network', version: 1, meta: { name: 't' }, ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}

// 150,000 neurons traced for 1000 steps: 1.5e8 samples × 8 bytes ≈ 1.12 GiB, above the page's 1 GiB.
const wide = () => doc({
  nodes: [{ id: 'big', kind: 'population', model: 'lif', size: 150_000 }],
  monitors: [{ id: 'big_v', kind: 'state', target: 'big', variable: 'v' }, { id: 'big_spikes', kind: 'spikes', target: 'big' }],
});

describe('the page budget before a run', () => {
  it('a run that fits: no warning', () => {
    expect(checkPageRun(doc({ nodes: [{ id: 'a', kind: 'population', model: 'lif', size: 1000 }], monitors: [{ id: 'm', kind: 'state', target: 'a', variable: 'v' }] }), pageLimits())).toBeNull();
  });

  it('traces beyond the limit: names the monitor, the estimate and the limit; Record less makes it fit and Undo restores it', () => {
    const m = new EditorModel(wide());
    const w = checkPageRun(m.document, pageLimits());
    expect(w?.message).toMatch(/^monitors\[0\]: the traces would need about 1\.12 GiB, above this page's limit of 1\.00 GiB; the largest: monitor "big_v" records 150,000 neurons × 1,000 samples; Record less keeps the first 100 neurons of each state monitor$/);
    expect(w?.recordLess).toEqual({ big_v: RECORD_LESS_MAX_NEURONS });
    const before = m.document;
    const r = m.limitRecordedNeurons(w!.recordLess!);
    expect(r).toEqual({ ok: true, value: ['big_v'] });
    expect(m.document.monitors[0]).toMatchObject({ id: 'big_v', indices: Array.from({ length: 100 }, (_, i) => i) });
    expect(m.document.monitors[1]).toBe(before.monitors[1]);
    expect(checkPageRun(m.document, pageLimits())).toBeNull();
    m.undo();
    expect(m.document).toBe(before);
  });

  it('long runs keep at most MAX_TRACE_SAMPLES samples a neuron, so only the traced neurons count beyond that', () => {
    const long = doc({ simulation: { duration_ms: 1e6 }, nodes: [{ id: 'a', kind: 'population', model: 'lif', size: 10 }], monitors: [{ id: 'm', kind: 'state', target: 'a', variable: 'v' }] });
    expect(checkPageRun(long, pageLimits())).toBeNull();
  });

  it('engine limits are the shared budget and Record less cannot fix them', () => {
    const ata = doc({ nodes: [{ id: 'a', kind: 'population', model: 'lif', size: 100_000 }], projections: [{ id: 'p', source: 'a', target: 'a', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 0 } }] });
    expect(checkPageRun(ata, pageLimits())).toEqual({ recordLess: null, message: expect.stringMatching(/^projections\[0\]\.connectivity: the run needs about 224 GiB of memory, above the limit of 2\.00 GiB/) });
    const ring = doc({ nodes: [{ id: 'g', kind: 'input', model: 'spike_generator', size: 1 }, { id: 'big', kind: 'population', model: 'lif', size: 3_000_000 }],
      projections: [{ id: 'p', source: 'g', target: 'big', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 1 }, delay: { kind: 'constant', ms: 10 }, synapse: { kind: 'exponential', tau_ms: 5 } }] });
    expect(checkPageRun(ring, pageLimits({ maxStorageBufferBindingSize: 128 * 2 ** 20, maxBufferSize: 256 * 2 ** 20 }))?.message).toMatch(/^nodes\[1\]\.size: the delay ring of "big" .* above this device's limit of 128 MiB per buffer/);
    expect(PAGE_RECORD_BYTES).toBe(2 ** 30);
  });
});
