// Canvas labels of projections.
import { describe, it, expect } from 'vitest';
import { describeProjection } from './describe';
import { Projection } from '../../shared/graph';

describe('describeProjection', () => {
  it('names rule, synapse, delay and flags', () => {
    const p = Projection.parse({
      id: 'p', source: 'a', target: 'b', connectivity: { rule: 'fixed_probability', p: 0.1 },
      weight: { dist: 'constant', value: 1 }, delay: { kind: 'constant', ms: 1.5 },
      synapse: { kind: 'exponential', tau_ms: 5 }, plasticity: { rule: 'stdp' }, trainable: true,
    });
    expect(describeProjection(p)).toBe('p = 0.1 · exp 5 ms · delay 1.5 ms · STDP · trainable');
    expect(describeProjection({ ...p, connectivity: { rule: 'all_to_all', allow_self: true }, delay: { kind: 'constant', ms: 0 }, synapse: { kind: 'delta' }, plasticity: undefined, trainable: false }))
      .toBe('all-to-all · delta');
  });
});
