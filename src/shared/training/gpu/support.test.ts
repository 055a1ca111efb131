import { describe, expect, it } from 'vitest';
import { graphPlan, testPlan } from '../../../../test/training/testing';
import { gpuCannotTrain } from './support';

describe('what the GPU training backend runs', () => {
  it('any plan with any model parameters, and says why not for what stays on the CPU', () => {
    expect(gpuCannotTrain(testPlan({ inputs: 20, hidden: [8, 6], recurrent: true, hiddenModel: 'adaptive_lif', out: 4, steps: 10 }))).toBeNull();
    const g = (pops: Parameters<typeof graphPlan>[0]['pops'], projections: Parameters<typeof graphPlan>[0]['projections'], training = {}) =>
      gpuCannotTrain(graphPlan({ inputs: 20, steps: 10, pops, projections, training }));
    const h = { id: 'h', model: 'lif' as const, size: 8, params: { reset_timing: 'tutorial' } }, out = { id: 'out', model: 'leaky_integrator' as const, size: 4 };
    const chain = [{ source: 'inputs', target: 'h' }, { source: 'h', target: 'out' }];
    expect(g([h, out], chain)).toBeNull();
    expect(g([{ ...h, params: { reset_timing: 'tutorial', v_rest: -0.2, v_reset: -0.3, v_init: 0.1, r: 2 } }, out], chain)).toBeNull();
    // Any parameters: the scans are generated from the dynamics.
    expect(g([h, { ...out, params: { v_rest: 0.5, r: 2, v_init: 0.1 } }], chain)).toBeNull();
    expect(g([{ ...h, params: {} }, out], chain)).toBeNull();
    expect(g([{ ...h, params: { refractory_ms: 2 } }, out], chain)).toBeNull();
    // Skips, exponential synapses, recurrence without self-connections.
    expect(g([h, out], [...chain, { source: 'inputs', target: 'out' }])).toBeNull();
    expect(g([h, out], [chain[0], { source: 'h', target: 'out', synapse: { kind: 'exponential', tau_ms: 5 } }])).toBeNull();
    expect(g([h, out], [...chain, { source: 'h', target: 'h', allow_self: false }])).toBeNull();
    // What stays on the CPU.
    expect(g([h, out], [...chain, { source: 'h', target: 'h', synapse: { kind: 'exponential', tau_ms: 5 } }])).toMatch(/recurrent "h_h" has exponential synapses/);
    expect(g([h, out], [{ ...chain[0], synapse: { kind: 'exponential', tau_ms: 5 } }, chain[1], { source: 'h', target: 'h' }])).toBeNull();
    expect(g([h, out], chain, { trainable_tau: true })).toBeNull();
  });
});
