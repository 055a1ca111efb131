// Picking: a ray aimed at a soma finds it (the nearest along the ray when several line up); a miss finds none.
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../shared/graph';
import coincidence from '../../../resources/examples/coincidence-detection.snn.json';
import { layoutNetwork } from './layout';
import { pickNeuron } from './pick';

describe('pickNeuron', () => {
  const r = loadDocument(structuredClone(coincidence));
  if (!r.ok) throw new Error('example does not load');
  const v = layoutNetwork(r.doc);
  const det = v.clusters[1];

  it('finds the soma a ray from the front is aimed at', () => {
    for (const k of [0, 37, 99]) {
      const p = det.positions.subarray(3 * k, 3 * k + 3);
      const hit = pickNeuron(v, [p[0], p[1], p[2] + 50], [0, 0, -1], 0.3);
      expect(hit).toMatchObject({ cluster: 'detectors', neuron: k });
      expect(hit!.distance).toBeCloseTo(50, 4);
    }
  });

  it('takes the nearest soma along the ray, and nothing when the ray misses or points away', () => {
    // Looking down the line from above: neuron 0 is on top, so it is hit first.
    const top = det.positions.subarray(0, 3);
    expect(pickNeuron(v, [top[0], top[1] + 10, top[2]], [0, -1, 0], 0.3)).toMatchObject({ cluster: 'detectors', neuron: 0 });
    expect(pickNeuron(v, [top[0], top[1] + 10, top[2]], [0, 1, 0], 0.3)).toBeNull();
    expect(pickNeuron(v, [1000, 1000, 50], [0, 0, -1], 0.3)).toBeNull();
  });
});
