// Random network documents for engine conformance tests: fresh seeds, sizes that are not multiples of the
// workgroup size, every synapse kind, random delays up to the ring size, STDP on one projection. Izhikevich is
// optional: its v² term amplifies a fused multiply-add on the GPU beyond f32 agreement (tested separately).
import { loadDocument, type NetworkDocument } from '../../src/shared/graph';
import { CounterRng } from '../../src/shared/rng';

// Reset timing from the seed's low bits (not the RNG, so the drawn sizes of a seed stay as they were).
const timing = (bit: number) => (bit ? 'tutorial' : 'immediate');

export function randomNetwork(seed: number, models: readonly string[] = ['lif', 'adaptive_lif']): NetworkDocument {
  const r = new CounterRng(seed, 0x7e57);
  const size = (lo: number, hi: number) => { let s = lo + r.int(hi - lo); if (s % 64 === 0) s++; return s; };
  const nIn = size(20, 300), nA = size(1, 260), nB = size(1, 200);
  const modelA = models[r.int(models.length)];
  const maxDelay = 1 + r.int(40);
  const raw = {
    format: 'snn-network', version: 1, meta: { name: `random-${seed}` },
    simulation: { dt_ms: 0.1, duration_ms: 30, seed },
    nodes: [
      { id: 'in', kind: 'input', model: 'poisson', size: nIn, params: { rate_hz: 50 + r.int(200) } },
      { id: 'gen', kind: 'input', model: 'spike_generator', size: 3, data: { spikes: { index: [0, 1, 2, 0], time_ms: [1, 2.5, 2.5, 7] } } },
      { id: 'A', kind: 'population', model: modelA, size: nA, params: modelA === 'izhikevich' ? {} : { tau_ms: 5 + r.int(20), refractory_ms: r.int(3), reset_timing: timing((seed >> 1) % 2) } },
      { id: 'B', kind: 'population', model: 'lif', size: nB, params: { tau_ms: 10, v_rest: -0.2, reset_timing: timing(seed % 2) } },
    ],
    projections: [
      { id: 'in_A', source: 'in', target: 'A', connectivity: { rule: 'fixed_probability', p: 0.05 + 0.2 * r.next() },
        weight: { dist: 'normal', mean: modelA === 'izhikevich' ? 8 : 0.25, std: modelA === 'izhikevich' ? 4 : 0.1 },
        delay: { kind: 'expression', expr: `((pre * 7 + post * 3) % ${maxDelay + 1}) * 0.1` } },
      { id: 'gen_B', source: 'gen', target: 'B', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 0.7 } },
      { id: 'A_B', source: 'A', target: 'B', connectivity: { rule: 'fixed_indegree', k: Math.min(nA, 1 + r.int(10)) },
        weight: { dist: 'uniform', low: 0, high: 2 }, delay: { kind: 'constant', ms: 0.1 * r.int(maxDelay) },
        synapse: { kind: 'exponential', tau_ms: 2 + r.int(5) } },
      { id: 'B_A', source: 'B', target: 'A', connectivity: { rule: 'fixed_probability', p: 0.1 },
        weight: { dist: 'uniform', low: 0, high: 0.5 }, synapse: { kind: 'conductance', tau_ms: 4, e_rev: -1 } },
      { id: 'in_B', source: 'in', target: 'B', connectivity: { rule: 'fixed_probability', p: 0.05 },
        weight: { dist: 'uniform', low: 0, high: 0.3 }, plasticity: { rule: 'stdp', a_plus: 0.02, a_minus: 0.021, w_max: 0.3 } },
    ],
    monitors: [
      { id: 'A_v', kind: 'state', target: 'A', variable: 'v', indices: [0, nA - 1] },
      { id: 'B_v', kind: 'state', target: 'B', variable: 'v' },
    ],
  };
  const res = loadDocument(raw);
  if (!res.ok) throw new Error(`random network ${seed} is invalid: ${JSON.stringify(res.diagnostics)}`);
  return res.doc;
}
