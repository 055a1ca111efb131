// "Apply to network" on the editor model: trained weights become the trainable projections' explicit weights in
// one undoable command (the document turns dirty, Undo restores the exact previous weights); a file that does
// not fit is refused with the CLI's lines and changes nothing.
import { describe, expect, it } from 'vitest';
import soundLocalisation from '../../../resources/examples/sound-localisation.snn.json';
import { loadDocument, type NetworkDocument } from '../../shared/graph';
import { buildWeightsFile, f32Shortest, initWeights, planTraining } from '../../shared/training';
import { EditorModel } from './model';

function example(): NetworkDocument {
  const r = loadDocument(structuredClone(soundLocalisation));
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}

function weightsFor(doc: NetworkDocument, seed = 4) {
  const r = planTraining(doc);
  if (!r.ok) throw new Error('plan');
  const w = initWeights(r.plan, seed);
  return { w, file: buildWeightsFile(doc, r.plan, w, 'e'.repeat(64)) };
}

describe('EditorModel.applyTrainedWeights', () => {
  it('applies in one command: explicit weights, dirty; one Undo restores the previous weights exactly, Redo re-applies', () => {
    const doc = example();
    const m = new EditorModel(doc);
    const { w, file } = weightsFor(doc);
    const r = m.applyTrainedWeights(file, 'trained weights');
    expect(r).toEqual({ ok: true, value: ['in_hidden', 'hidden_out'] });
    expect(m.dirty).toBe(true);
    const applied = m.document;
    expect(applied.projections[0].weight).toEqual({ dist: 'explicit', values: Array.from(w[0], f32Shortest) });
    expect(applied.projections[1].weight).toEqual({ dist: 'explicit', values: Array.from(w[1], f32Shortest) });
    expect(applied.nodes).toBe(doc.nodes);
    expect(applied.provenance).toMatchObject({ source: 'weights_file', weights_file: 'trained weights', trained_tau: false });
    expect(doc.provenance).toBeUndefined();
    expect(m.undo()).toBe(true);
    expect(m.document).toBe(doc);
    expect(m.document.projections[0].weight).toEqual({ dist: 'uniform', low: -0.0707, high: 0.0707 });
    expect(m.dirty).toBe(false);
    expect(m.canUndo).toBe(false);
    expect(m.redo()).toBe(true);
    expect(m.document).toBe(applied);
    // Applying other weights on top is one more step; Undo goes back to the first ones.
    m.applyTrainedWeights(weightsFor(doc, 9).file, 'other');
    m.undo();
    expect(m.document).toBe(applied);
  });

  it('refuses weights that do not fit the open document with the CLI\'s lines, and changes nothing', () => {
    const doc = example();
    const m = new EditorModel(doc);
    const { file } = weightsFor(doc);
    m.setNodeFields('hidden', { size: 20 });
    const before = m.document;
    const r = m.applyTrainedWeights(file, 'w.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.split('\n')).toEqual([
        'w.json: these weights do not fit sound-localisation',
        'error: projections.in_hidden.shape: is [200, 30], but the network needs [200, 20] (inputs → hidden)',
        'error: projections.hidden_out.shape: is [30, 12], but the network needs [20, 12] (hidden → output)',
      ]);
    }
    expect(m.document).toBe(before);
    // STDP and gradient training cannot be combined (immediate reset timing, refused before, now trains).
    m.setPlasticity('in_hidden', {});
    const c = m.applyTrainedWeights(file, 'w.json');
    expect(c.ok || c.reason.split('\n')[0]).toBe('w.json: this network cannot be trained');
  });
});

describe('trained τ: applied per neuron, made uniform again (both undoable)', () => {
  it('Apply writes each population\'s trained τ per neuron; Make uniform sets the mean; Undo restores each step', () => {
    const base = example();
    const doc = { ...base, training: { ...base.training!, trainable_tau: true } };
    const r = planTraining(doc);
    if (!r.ok) throw new Error('plan');
    const w = initWeights(r.plan, 4);
    const nW = w.length - r.plan.layers.length;
    w[nW] = Float64Array.from(w[nW], (_, i) => 5 + i); // hidden: 30 τ, 5…34 ms
    const m = new EditorModel(doc);
    expect(m.applyTrainedWeights(buildWeightsFile(doc, r.plan, w, 'e'.repeat(64)), 'trained', { source: 'training' }).ok).toBe(true);
    const applied = m.document;
    expect(applied.nodes.find((n) => n.id === 'hidden')!.params.tau_ms).toEqual({ per_neuron: Array.from({ length: 30 }, (_, i) => 5 + i) });
    expect(applied.provenance).toMatchObject({ source: 'training', trained_tau: true });
    expect(loadDocument(JSON.parse(JSON.stringify(applied))).ok).toBe(true);
    const u = m.makeUniform('hidden', 'tau_ms');
    expect(u).toEqual({ ok: true, value: 19.5 });
    expect(m.document.nodes.find((n) => n.id === 'hidden')!.params.tau_ms).toBe(19.5);
    expect(m.makeUniform('hidden', 'tau_ms')).toEqual({ ok: false, reason: '"hidden".tau_ms is not given per neuron' });
    expect(m.undo()).toBe(true);
    expect(m.document).toBe(applied);
    expect(m.undo()).toBe(true);
    expect(m.document).toBe(doc);
  });
});
