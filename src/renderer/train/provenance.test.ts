import { describe, expect, it } from 'vitest';
import { describeProvenance } from './provenance';

describe('describeProvenance', () => {
  it('says what trained the weights, on which data, how well and when', () => {
    expect(describeProvenance({
      source: 'training', dataset: { name: 'sound_localisation', seed: 3, train_samples: 128, test_samples: 64 }, epochs: 1, backend: 'cpu',
      test_accuracy: 0.6875, date: '2026-01-31T12:05:09.000Z', app_version: '0.1.0', trained_tau: true,
    })).toBe('Weights trained in SNN Studio with per-neuron τ: sound_localisation (seed 3, 128 training samples), 1 epoch on the CPU, test accuracy 68.8 %; applied 2026-01-31 12:05 UTC by SNN Studio 0.1.0.');
    expect(describeProvenance({
      source: 'weights_file', weights_file: 'w.json', dataset: { name: 'sound_localisation', seed: 9 }, epochs: 10, backend: 'gpu',
      date: '2026-01-31T12:05:09Z', app_version: '0.1.0', trained_tau: false,
    })).toBe('Weights from w.json: sound_localisation (seed 9), 10 epochs on the GPU; applied 2026-01-31 12:05 UTC by SNN Studio 0.1.0.');
  });
});
