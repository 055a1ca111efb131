// Layout of the 3D view: deterministic, stable across reloads, no overlapping clusters, shapes by role,
// seeded axon sampling with its caption, delays from the document's rules.
import { describe, expect, it } from 'vitest';
import { loadDocument, type NetworkDocument } from '../../shared/graph';
import coincidence from '../../../resources/examples/coincidence-detection.snn.json';
import lifNeuron from '../../../resources/examples/lif-neuron.snn.json';
import { assignLayers, layoutKey, layoutNetwork, localPositions, MIN_SOMA_GAP, somaRadius, type ClusterLayout, type ClusterShape } from './layout';
import { chooseIndices, curvePoint } from './axons';

function load(raw: unknown): NetworkDocument {
  const r = loadDocument(structuredClone(raw));
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}

/** A document with populations of the given sizes, chained a → b → c ..., with optional editor positions. */
function chain(sizes: number[], positions = true, rule: 'all_to_all' | 'fixed_probability' = 'all_to_all'): NetworkDocument {
  const ids = sizes.map((_, i) => `p${i}`);
  return load({
    format: 'snn-network', version: 1, meta: { name: 't' },
    nodes: sizes.map((size, i) => ({ id: ids[i], kind: i === 0 ? 'input' : 'population', model: i === 0 ? 'poisson' : 'lif', size })),
    projections: ids.slice(1).map((id, i) => ({
      id: `e${i}`, source: ids[i], target: id,
      connectivity: rule === 'all_to_all' ? { rule } : { rule, p: 0.1 },
      weight: { dist: 'constant', value: 0.1 }, delay: { kind: 'constant', ms: 1 + i },
    })),
    layout: { nodes: positions ? Object.fromEntries(ids.map((id, i) => [id, { x: 300 * i, y: 0 }])) : {} },
  });
}

function overlaps(a: ClusterLayout, b: ClusterLayout): boolean {
  const d = Math.hypot(a.center[0] - b.center[0], a.center[1] - b.center[1], a.center[2] - b.center[2]);
  return d < a.radius + b.radius;
}

function expectSomasInside(c: ClusterLayout) {
  let far = 0;
  for (let i = 0; i < c.drawn; i++) {
    far = Math.max(far, Math.hypot(c.positions[3 * i] - c.center[0], c.positions[3 * i + 1] - c.center[1], c.positions[3 * i + 2] - c.center[2]));
  }
  expect(far).toBeLessThanOrEqual(c.radius);
}

describe('layoutNetwork', () => {
  it('gives the coincidence-detection example two ears on the left and a line of detectors on the right', () => {
    const v = layoutNetwork(load(coincidence));
    const [ears, det] = v.clusters;
    expect(ears.shape).toBe('ears');
    expect(det.shape).toBe('line');
    expect(det.drawn).toBe(100);
    expect(ears.center[0]).toBeLessThan(det.center[0]);
    // Ear 0 (neuron 0) above ear 1 (neuron 1).
    expect(ears.positions[1]).toBeGreaterThan(ears.positions[4]);
    // The line: x and z constant, y strictly decreasing with the index.
    for (let i = 1; i < 100; i++) {
      expect(det.positions[3 * i]).toBeCloseTo(det.positions[0]);
      expect(det.positions[3 * i + 1]).toBeLessThan(det.positions[3 * (i - 1) + 1]);
    }
    expect(overlaps(ears, det)).toBe(false);
  });

  it('is deterministic and stable across reloads (same JSON, fresh parse, same positions and axons)', () => {
    const text = JSON.stringify(chain([300, 5000, 40], true));
    const a = layoutNetwork(load(JSON.parse(text)));
    const b = layoutNetwork(load(JSON.parse(text)));
    expect(b.clusters.map((c) => [c.center, c.radius, c.shape])).toEqual(a.clusters.map((c) => [c.center, c.radius, c.shape]));
    for (let i = 0; i < a.clusters.length; i++) expect(b.clusters[i].positions).toEqual(a.clusters[i].positions);
    for (let i = 0; i < a.bundles.length; i++) {
      expect(b.bundles[i].pre).toEqual(a.bundles[i].pre);
      expect(b.bundles[i].post).toEqual(a.bundles[i].post);
      expect(b.bundles[i].curves).toEqual(a.bundles[i].curves);
    }
  });

  it('keeps clusters apart and every soma inside its cluster, for many sizes, with and without editor positions', () => {
    for (const positions of [true, false]) {
      const doc = chain([1, 2, 37, 1000, 5000, 100_000, 12], positions);
      // Put two populations in the same editor column so clusters stack vertically too.
      if (positions) doc.layout.nodes.p2 = { x: 300, y: 200 };
      const v = layoutNetwork(doc);
      for (const c of v.clusters) expectSomasInside(c);
      for (let i = 0; i < v.clusters.length; i++) {
        for (let j = i + 1; j < v.clusters.length; j++) {
          expect(overlaps(v.clusters[i], v.clusters[j]), `${v.clusters[i].id} vs ${v.clusters[j].id}`).toBe(false);
        }
      }
      expect(v.clusters.find((c) => c.id === 'p5')!.shape).toBe('grid');
      expect(v.clusters.find((c) => c.id === 'p5')!.drawn).toBe(100_000);
    }
  });

  it('places somas of one cluster apart from each other (no two at the same spot)', () => {
    for (const size of [2, 50, 4096, 5000]) {
      const c = layoutNetwork(chain([1, size])).clusters[1];
      const keys = new Set<string>();
      for (let i = 0; i < c.drawn; i++) keys.add(`${c.positions[3 * i].toFixed(3)},${c.positions[3 * i + 1].toFixed(3)},${c.positions[3 * i + 2].toFixed(3)}`);
      expect(keys.size).toBe(size);
    }
  });

  // #15: the coincidence example's "Ears, 2 neurons" showed as one sphere: small clusters draw big somas, so
  // their neurons must be spread further apart. Every shape, every size 1..128 (small clusters are spread up to
  // 64) and a few large spheres: the nearest two somas are more than a soma diameter apart (MIN_SOMA_GAP = 1.1
  // diameters, a visible gap).
  it('keeps every two somas of a cluster more than a soma diameter apart, for every size 1..128 (and large spheres)', () => {
    const small = Array.from({ length: 128 }, (_, i) => i + 1);
    for (const shape of ['line', 'ears', 'sphere', 'grid'] as ClusterShape[]) {
      for (const n of shape === 'sphere' ? [...small, 500, 1000, 4096] : small) {
        const p = localPositions(shape, n);
        let nearest = Infinity;
        for (let i = 0; i < n; i++) {
          for (let j = i + 1; j < n; j++) {
            nearest = Math.min(nearest, Math.hypot(p[3 * i] - p[3 * j], p[3 * i + 1] - p[3 * j + 1], p[3 * i + 2] - p[3 * j + 2]));
          }
        }
        // f32 positions: 1e-4 relative slack on the bound.
        if (n > 1) expect(nearest, `${shape} of ${n}`).toBeGreaterThanOrEqual(2 * MIN_SOMA_GAP * somaRadius(shape, n) * (1 - 1e-4));
      }
    }
  });

  it('draws the coincidence example\'s two ears as two separate big somas inside their cluster', () => {
    const [ears, det] = layoutNetwork(load(coincidence)).clusters;
    expect(ears.drawn).toBe(2);
    const gap = Math.hypot(ears.positions[0] - ears.positions[3], ears.positions[1] - ears.positions[4], ears.positions[2] - ears.positions[5]);
    // Drawn larger than the detectors' somas, and many diameters apart (one ear on top, one below).
    expect(ears.somaRadius).toBeGreaterThan(2 * det.somaRadius);
    expect(gap).toBeGreaterThan(4 * 2 * ears.somaRadius);
    expectSomasInside(ears);
    // The cluster's radius holds the whole sphere of each soma, not only its centre.
    for (let i = 0; i < 2; i++) {
      const d = Math.hypot(ears.positions[3 * i] - ears.center[0], ears.positions[3 * i + 1] - ears.center[1], ears.positions[3 * i + 2] - ears.center[2]);
      expect(d + ears.somaRadius).toBeLessThanOrEqual(ears.radius);
    }
  });

  it('orders columns from the editor x, and topologically (inputs first) when positions are missing', () => {
    const withPos = chain([5, 5, 5], true);
    withPos.layout.nodes = { p0: { x: 600, y: 0 }, p1: { x: 0, y: 0 }, p2: { x: 300, y: 0 } };
    expect(Object.fromEntries(assignLayers(withPos))).toEqual({ p1: 0, p2: 1, p0: 2 });

    const noPos = chain([5, 5, 5], false);
    noPos.nodes.reverse(); // document order must not matter: the graph decides
    expect(Object.fromEntries(assignLayers(noPos))).toEqual({ p0: 0, p1: 1, p2: 2 });

    // A cycle (p1 → p2 → p1) still gets layers, and the input stays first.
    noPos.projections.push({ ...noPos.projections[1], id: 'back', source: 'p2', target: 'p1' });
    const l = assignLayers(noPos);
    expect(Object.fromEntries(l)).toEqual({ p0: 0, p1: 1, p2: 2 });
  });

  it('draws every synapse of a small projection, with delays from the expression rule', () => {
    const v = layoutNetwork(load(coincidence));
    const b = v.bundles[0];
    expect(b.pre.length).toBe(200);
    expect(b.caption).toBe('ears_detectors: all 200 synapses shown');
    for (let j = 0; j < b.pre.length; j++) {
      const expected = b.pre[j] === 1 ? (1000 * b.post[j]) / (99 * 50) : 0;
      expect(b.delayMs[j]).toBeCloseTo(expected, 4);
    }
    // Each axon starts on its pre soma and ends on the tip of its target's dendrite stub.
    const ears = v.clusters[0];
    const start = [0, 0, 0];
    curvePoint(b.curves, 0, 0, start);
    expect(start).toEqual(Array.from(ears.positions.subarray(3 * b.pre[0], 3 * b.pre[0] + 3)));
    const end = [0, 0, 0];
    curvePoint(b.curves, 0, 1, end);
    for (let k = 0; k < 3; k++) expect(end[k]).toBeCloseTo(b.dendrites[3 + k], 5);
  });

  it('samples dense projections with a seed and says so', () => {
    const v = layoutNetwork(chain([100, 100]), { maxAxonsPerProjection: 200 });
    const b = v.bundles[0];
    expect(b.pre.length).toBe(200);
    expect(b.caption).toBe('e0: showing 200 of 10,000 synapses (seeded sample)');
    const pairs = new Set(Array.from(b.pre, (p, j) => `${p}-${b.post[j]}`));
    expect(pairs.size).toBe(200);
    expect(b.delayMs.every((d) => d === 1)).toBe(true);

    const other = chain([100, 100]);
    other.simulation.seed = 2;
    expect(layoutNetwork(other).bundles[0].pre).not.toEqual(b.pre);

    const sparse = layoutNetwork(chain([1000, 1000], true, 'fixed_probability')).bundles[0];
    expect(sparse.caption).toBe('e0: showing 200 of ≈100,000 synapses (seeded sample)');
  });

  it('uses the compiled synapses when they are given', () => {
    const doc = chain([3, 3]);
    const v = layoutNetwork(doc, { synapses: { e0: { pre: [0, 2], post: [1, 1], delayMs: [0.5, 2.5] } } });
    const b = v.bundles[0];
    expect(Array.from(b.pre)).toEqual([0, 2]);
    expect(Array.from(b.post)).toEqual([1, 1]);
    expect(Array.from(b.delayMs)).toEqual([0.5, 2.5]);
    expect(b.caption).toBe('e0: all 2 synapses shown');
  });

  it('draws one cell as a point and its recurrent axons outside the cluster', () => {
    const v = layoutNetwork(load(lifNeuron));
    expect(v.clusters.map((c) => c.shape)).toEqual(['point', 'point']);
    const doc = chain([1, 20]);
    doc.projections.push({ ...doc.projections[0], id: 'rec', source: 'p1', target: 'p1' });
    const rec = layoutNetwork(doc).bundles[1];
    expect(rec.pre.length).toBe(200);
    const mid = [0, 0, 0];
    curvePoint(rec.curves, 0, 0.5, mid);
    expect(mid[2]).toBeGreaterThan(0);
  });
});

describe('chooseIndices', () => {
  it('gives distinct ascending indices within range, all of them when few', () => {
    expect(chooseIndices(1, 2, 5, 10)).toEqual([0, 1, 2, 3, 4]);
    const big = chooseIndices(1, 2, 1e10, 500);
    expect(big.length).toBe(500);
    expect(big.every((v, i) => v >= 0 && v < 1e10 && (i === 0 || v > big[i - 1]))).toBe(true);
    expect(chooseIndices(1, 2, 1e10, 500)).toEqual(big);
  });
});

describe('layoutKey', () => {
  it('changes with what the layout depends on, not with parameter edits or small moves', () => {
    const doc = chain([10, 20, 30]);
    const key = layoutKey(doc);
    const edited = structuredClone(doc);
    edited.nodes[1].params = { tau_ms: 3 };
    edited.layout.nodes.p1 = { x: 310, y: 5 };
    expect(layoutKey(edited)).toBe(key);
    const resized = structuredClone(doc);
    resized.nodes[1].size = 21;
    expect(layoutKey(resized)).not.toBe(key);
    const moved = structuredClone(doc);
    moved.layout.nodes.p2 = { x: 0, y: 0 }; // into the first column
    expect(layoutKey(moved)).not.toBe(key);
    const rewired = structuredClone(doc);
    rewired.projections[0].delay = { kind: 'constant', ms: 7 };
    expect(layoutKey(rewired)).not.toBe(key);
  });
});
