import { describe, expect, it } from 'vitest';
import lifNeuron from '../../../resources/examples/lif-neuron.snn.json';
import soundLocalisation from '../../../resources/examples/sound-localisation.snn.json';
import { loadDocument } from '../../shared/graph';
import { planTraining, trainConfigFrom } from '../../shared/training';
import { diagnosticLines, effectiveOverrides, planSummary, validateOverride } from './overrides';

const doc = (() => {
  const r = loadDocument(structuredClone(soundLocalisation));
  if (!r.ok) throw new Error('example');
  return r.doc;
})();
const c = trainConfigFrom(doc);

describe('training overrides', () => {
  it('checks each value as typed, against the other settings', () => {
    expect(validateOverride('epochs', 1, c)).toBeNull();
    expect(validateOverride('epochs', 0, c)).toBe('must be 1 to 10000');
    expect(validateOverride('epochs', 1.5, c)).toBe('must be a whole number');
    expect(validateOverride('lr', 0.001, c)).toBeNull();
    expect(validateOverride('lr', 0, c)).toMatch(/above 0/);
    expect(validateOverride('batchSize', 8192, c)).toBe('must be at most the 4096 train samples');
    expect(validateOverride('trainSamples', 32, c)).toBe('must be at least the batch size (64)');
    expect(validateOverride('trainSamples', 128, c)).toBeNull();
    expect(validateOverride('seed', -1, c)).toMatch(/0 to/);
    expect(validateOverride('testSamples', 0, c)).toMatch(/1 to/);
  });

  it('passes only values that differ from the document', () => {
    expect(effectiveOverrides({ epochs: 10, lr: 0.02, seed: 1 }, c)).toEqual({ lr: 0.02 });
  });

  it('summarises the plan: layers, trainable projections, data and settings', () => {
    const r = planTraining(doc, { trainSamples: 128, batchSize: 32 });
    if (!r.ok) throw new Error('plan');
    const rows = Object.fromEntries(planSummary(r.plan).map((x) => [x.label, x.value]));
    expect(rows).toMatchObject({
      Layers: 'inputs 200 → hidden LIF 30 → output LI 12',
      Trainable: 'in_hidden 200×30, hidden_out 30×12',
      Data: '128 train (4 batches of 32), 2048 test; 100 steps of 1 ms',
      Optimiser: 'Adam, lr 0.01', Loss: 'nll_mean', Surrogate: 'sigmoid, β 5', Epochs: '10, seed 1',
    });
  });

  it('gives the planner\'s errors as "where: what"', () => {
    const lif = loadDocument(structuredClone(lifNeuron));
    if (!lif.ok) throw new Error('example');
    const r = planTraining(lif.doc);
    expect(r.ok).toBe(false);
    expect(diagnosticLines(r.diagnostics)[0]).toMatch(/^nodes: training needs exactly one input node, of model "dataset" \(found "input" \(spike_generator\)\)$/);
  });
});
