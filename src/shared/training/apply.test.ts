import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../compiler';
import { formatDiagnostic } from '../graph/diagnostics';
import { NetworkDocument } from '../graph/schema';
import { loadDocument } from '../graph/validate';
import { applyWeights, applyWeightsFile, f32Shortest } from './apply';
import { initWeights } from './params';
import { planTraining } from './plan';
import { testDocument } from '../../../test/training/testing';
import { buildWeightsFile } from './weights-io';
import { APP_VERSION } from '../version';

const SHA = 'c'.repeat(64);
const net = { inputs: 6, hidden: [4], recurrent: true, out: 3, steps: 5 };

describe('applyWeights: trained weights into the document', () => {
  it('writes explicit weights the compiler enumerates exactly as the row-major [pre][post] matrix (recurrent, with self-connections)', () => {
    const doc = testDocument(net);
    const r = planTraining(doc);
    if (!r.ok) throw new Error('plan');
    const w = initWeights(r.plan, 7);
    const applied = applyWeights(doc, r.plan, w);
    expect(applied.projections.map((p) => p.weight.dist)).toEqual(['explicit', 'explicit', 'explicit']);
    expect(doc.projections.map((p) => p.weight.dist)).toEqual(['uniform', 'uniform', 'uniform']); // not changed
    // The applied document is still a valid document (JSON round trip through the schema and validation).
    const back = loadDocument(JSON.parse(JSON.stringify(applied)));
    expect(back.ok ? [] : back.diagnostics.map(formatDiagnostic)).toEqual([]);
    const ir = compileNetwork(applied);
    const order = ['inputs_hidden', 'hidden_rec', 'hidden_output'];
    order.forEach((id, k) => {
      const pj = ir.projections.find((p) => p.id === id)!;
      expect(pj.weight.length).toBe(pj.nPre * pj.nPost);
      for (let i = 0; i < pj.nPre; i++) for (let s = pj.rowPtr[i]; s < pj.rowPtr[i + 1]; s++) {
        expect(pj.weight[s]).toBe(Math.fround(w[k][i * pj.nPost + pj.post[s]]));
      }
    });
  });

  it('stores the shortest decimal of the f32 the engine uses, and leaves non-trainable projections alone', () => {
    expect(f32Shortest(0.1)).toBe(0.1);
    expect(f32Shortest(Math.fround(0.1))).toBe(0.1);
    expect(f32Shortest(1 / 3)).toBe(0.33333334);
    expect(f32Shortest(-0)).toBe(0);
    for (const x of [1e-30, -123.456789, 3.4e38, 0.07071067811865475]) {
      const y = f32Shortest(x);
      expect(Math.fround(y)).toBe(Math.fround(x));
      expect(String(y).replace(/^-|e.*$|\./g, '').replace(/^0+/, '').length).toBeLessThanOrEqual(9);
    }
    const raw = JSON.parse(JSON.stringify(testDocument(net)));
    raw.projections[1].trainable = false;
    const doc = NetworkDocument.parse(raw);
    const r = planTraining(doc);
    if (!r.ok) throw new Error('plan');
    const applied = applyWeights(doc, r.plan, initWeights(r.plan, 1));
    expect(applied.projections[1].weight).toEqual(doc.projections[1].weight);
    expect(applied.projections[0].weight.dist).toBe('explicit');
  });

  it('applies a weights file that fits; refuses one that does not with the JSON paths of what differs', () => {
    const doc = testDocument(net);
    const r = planTraining(doc);
    if (!r.ok) throw new Error('plan');
    const w = initWeights(r.plan, 3);
    const file = buildWeightsFile(doc, r.plan, w, SHA);
    const ok = applyWeightsFile(doc, file, SHA);
    expect(ok.ok && ok.diagnostics).toEqual([]);
    if (ok.ok) expect(ok.doc.projections[0].weight).toEqual({ dist: 'explicit', values: Array.from(w[0], f32Shortest) });

    const changed = applyWeightsFile(doc, file, 'd'.repeat(64));
    expect(changed.ok && changed.diagnostics.map(formatDiagnostic)).toEqual(['warning: network.source_sha256: the network file changed since these weights were trained']);

    const other = structuredClone(file);
    other.projections.hidden_output.shape = [4, 2];
    other.projections.hidden_output.weights = other.projections.hidden_output.weights.map((row) => row.slice(0, 2));
    other.projections.inputs_hidden.source = 'output';
    other.populations.hidden.model = 'adaptive_lif';
    other.populations.output.size = 2;
    other.populations.inputs.size = 5;
    delete (other.projections as Record<string, unknown>).hidden_rec;
    other.populations.output.params.tau_ms = 10;
    const bad = applyWeightsFile(doc, other, SHA);
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics.map(formatDiagnostic)).toEqual([
      'error: projections.inputs_hidden: connects output → hidden, but the network\'s "inputs_hidden" connects inputs → hidden',
      'error: projections.hidden_rec: missing: the network "test-net" has projection "hidden_rec" (hidden → hidden); these weights are for another network',
      'error: projections.hidden_output.shape: is [4, 2], but the network needs [4, 3] (hidden → output)',
      'error: populations.inputs.size: is 5, but the network\'s "inputs" has 6 neurons',
      'error: populations.hidden.model: is "adaptive_lif", but the network\'s "hidden" is "lif"',
      'warning: populations.output.params.tau_ms: was 10 in training, the network\'s "output" has 20',
    ]);
  });
});

describe('provenance: where applied weights came from (docs/file-format.md)', () => {
  it('Apply records the dataset and its seed, epochs, backend, test accuracy, date and app version; the record validates', () => {
    const doc = testDocument(net);
    const r = planTraining(doc);
    if (!r.ok) throw new Error('plan');
    const training = { epochs: 4, batch_size: 8, lr: 0.01, seed: 9, backend: 'gpu' as const, loss: [1, 0.9, 0.8], train_accuracy: 0.5, test_accuracy: 0.625, test_mean_abs_error_deg: 12, wall_ms: 5, epochs_completed: 3 };
    const file = buildWeightsFile(doc, r.plan, initWeights(r.plan, 3), SHA, training);
    const a = applyWeightsFile(doc, file, SHA, { weightsFile: 'w.json', date: new Date('2026-01-31T12:00:00Z') });
    if (!a.ok) throw new Error('apply');
    expect(a.doc.provenance).toEqual({
      // A weights file does not record its sample counts: left out rather than guessed from the document.
      source: 'weights_file', weights_file: 'w.json', dataset: { name: 'sound_localisation', seed: 9 },
      epochs: 3, backend: 'gpu', test_accuracy: 0.625, date: '2026-01-31T12:00:00.000Z', app_version: APP_VERSION, trained_tau: false,
    });
    const back = loadDocument(JSON.parse(JSON.stringify(a.doc)));
    expect(back.ok && back.doc.provenance).toEqual(a.doc.provenance);
    // Applying the document's own weights again (no origin) keeps the record.
    expect(applyWeights(a.doc, r.plan, initWeights(r.plan, 4)).provenance).toEqual(a.doc.provenance);
  });

  it('a bad record is refused with the JSON path of each problem', () => {
    const doc = JSON.parse(JSON.stringify(testDocument(net)));
    doc.provenance = { source: 'training', dataset: { name: 'x', seed: -1 }, epochs: 1, backend: 'tpu', test_accuracy: 1.5, date: 'yesterday', app_version: '0.1.0', colour: 'red' };
    const r = loadDocument(doc);
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.path).sort()).toEqual(['provenance', 'provenance.backend', 'provenance.dataset.seed', 'provenance.date', 'provenance.test_accuracy']);
    expect(r.diagnostics.find((d) => d.path === 'provenance.date')!.message).toMatch(/ISO 8601/);
  });
});
