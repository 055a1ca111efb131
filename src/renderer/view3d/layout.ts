// 3D layout of a network document: takes the document (nodes, projections, the editor's layout) and gives one
// cluster per population with every drawn neuron's position. Pure and deterministic (no three.js, no DOM).
import type { NetworkDocument, NetworkNode } from '../../shared/graph/schema';
import { sampleBundles, type AxonBundle, type SynapseOverride } from './axons';
import { populationColor } from '../plots/palette';

export type Vec3 = [number, number, number];
export type ClusterShape = 'line' | 'ears' | 'sphere' | 'grid' | 'point';

export interface ClusterLayout {
  id: string;
  label: string;
  model: string;
  kind: NetworkNode['kind'];
  /** The node's colour in every plot and view (plots/palette.ts). */
  color: string;
  /** Neurons in the population and neurons drawn (fewer only above `maxNeuronsPerCluster`). */
  size: number;
  drawn: number;
  shape: ClusterShape;
  /** Column, left to right (inputs first). */
  layer: number;
  center: Vec3;
  /** Every drawn soma lies within this distance of `center` (margin included): used for no-overlap and focus. */
  radius: number;
  /** Radius of each drawn soma (`somaRadius`): neighbouring somas are more than two of these apart. */
  somaRadius: number;
  /** Absolute positions, 3 floats per drawn neuron, neuron i at [3i, 3i+3). */
  positions: Float32Array;
}

export interface ViewLayout {
  clusters: ClusterLayout[];
  bundles: AxonBundle[];
  center: Vec3;
  /** Radius of a sphere around `center` holding every cluster. */
  radius: number;
}

export interface LayoutOptions {
  /** Axons drawn per projection at most; the rest are summarised in the bundle's caption. */
  maxAxonsPerProjection?: number;
  /** Neurons drawn per population at most (the first ones by index). */
  maxNeuronsPerCluster?: number;
  /** The compiled network's synapses by projection id (pre, post, delays), when an IR is at hand. */
  synapses?: Record<string, SynapseOverride>;
}

/** Distance between neighbouring somas and the free space kept between clusters, in world units. */
export const SPACING = 1;
export const CLUSTER_GAP = 6;
const MARGIN = 1;
/** Editor nodes whose x differ by less than this (pixels) share a column. */
const COLUMN_PX = 140;
const SPHERE_MAX = 4096;
const LINE_MAX = 4000;
/** Populations of at most this many neurons draw larger somas, so one or two neurons still show beside big
 *  clusters (the coincidence example's two ears next to 100 detectors). */
const SMALL_CLUSTER = 8;
/** Neighbouring somas' centres are at least this many soma diameters apart: a visible gap between spheres. */
export const MIN_SOMA_GAP = 1.1;

/** Radius of a drawn soma in world units (scene.ts draws spheres of this size, pick.ts hits them). */
export function somaRadius(shape: ClusterShape, drawn: number): number {
  return drawn <= SMALL_CLUSTER ? 1.2 : shape === 'line' ? 0.36 : 0.3;
}

/** Cluster shapes and positions of every population of `doc`, placed left to right; same input, same output. */
export function layoutNetwork(doc: NetworkDocument, options: LayoutOptions = {}): ViewLayout {
  const maxNeurons = options.maxNeuronsPerCluster ?? 250_000;
  const layers = assignLayers(doc);
  const shapes = doc.nodes.map((n) => {
    const drawn = Math.min(n.size, maxNeurons);
    const shape = shapeOf(doc, n, drawn);
    const local = localPositions(shape, drawn);
    return { node: n, drawn, shape, local, radius: boundingRadius(local) + Math.max(MARGIN, 2 * somaRadius(shape, drawn)) };
  });

  // Columns: x advances by the widest clusters of neighbouring columns; rows stack top to bottom.
  const nLayers = Math.max(0, ...layers.values()) + 1;
  const byLayer: (typeof shapes)[] = Array.from({ length: nLayers }, () => []);
  for (const s of shapes) byLayer[layers.get(s.node.id)!].push(s);
  const pos = doc.layout.nodes;
  for (const col of byLayer) col.sort((a, b) => (pos[a.node.id]?.y ?? 0) - (pos[b.node.id]?.y ?? 0));

  const clusters = new Map<string, ClusterLayout>();
  const nodeIds = doc.nodes.map((n) => n.id);
  let x = 0;
  let prevWidth = 0;
  byLayer.forEach((col, layer) => {
    if (col.length === 0) return;
    const width = Math.max(...col.map((s) => s.radius));
    x += layer === 0 || prevWidth === 0 ? 0 : prevWidth + CLUSTER_GAP + width;
    prevWidth = width;
    const height = col.reduce((h, s) => h + 2 * s.radius, 0) + CLUSTER_GAP * (col.length - 1);
    let y = height / 2;
    for (const s of col) {
      const center: Vec3 = [x, y - s.radius, 0];
      y -= 2 * s.radius + CLUSTER_GAP;
      const positions = new Float32Array(s.local.length);
      for (let i = 0; i < s.local.length; i += 3) {
        positions[i] = s.local[i] + center[0];
        positions[i + 1] = s.local[i + 1] + center[1];
        positions[i + 2] = s.local[i + 2] + center[2];
      }
      clusters.set(s.node.id, {
        id: s.node.id, label: s.node.label ?? s.node.id, model: s.node.model, kind: s.node.kind, color: populationColor(nodeIds, s.node.id),
        size: s.node.size, drawn: s.drawn, shape: s.shape, layer, center, radius: s.radius,
        somaRadius: somaRadius(s.shape, s.drawn), positions,
      });
    }
  });

  const ordered = doc.nodes.map((n) => clusters.get(n.id)!);
  const bundles = sampleBundles(doc, clusters, {
    maxAxons: options.maxAxonsPerProjection ?? 200,
    synapses: options.synapses ?? {},
  });
  const { center, radius } = enclosing(ordered);
  return { clusters: ordered, bundles, center, radius };
}

/**
 * What the layout depends on, as a string: node identities and sizes, projections, seed, and the columns and
 * row order derived from the editor's positions. A parameter edit, or dragging a node within its place,
 * leaves it unchanged, so the view keeps its scene instead of rebuilding it.
 */
export function layoutKey(doc: NetworkDocument): string {
  const pos = doc.layout.nodes;
  const layers = assignLayers(doc);
  // Top-to-bottom order within each column (the same sort layoutNetwork uses).
  const rows = [...doc.nodes].sort((a, b) => layers.get(a.id)! - layers.get(b.id)! || (pos[a.id]?.y ?? 0) - (pos[b.id]?.y ?? 0))
    .map((n) => [n.id, layers.get(n.id)]);
  return JSON.stringify([
    doc.nodes.map((n) => [n.id, n.kind, n.model, n.size, n.label ?? '']),
    // Explicit weights are drawn (axons.ts): applying trained weights changes the scene, a rule's constants do not.
    doc.projections.map((p) => [p.id, p.source, p.target, p.connectivity, p.delay, !!p.plasticity,
      p.weight.dist === 'explicit' ? hashNumbers(p.weight.values) : null]),
    doc.simulation.seed, rows,
  ]);
}

/**
 * Column of each node. From the editor's x when every node has a position (what the user drew); otherwise
 * the longest path from the inputs (topological order), cycles broken in document order.
 */
export function assignLayers(doc: NetworkDocument): Map<string, number> {
  const pos = doc.layout.nodes;
  const out = new Map<string, number>();
  if (doc.nodes.length > 0 && doc.nodes.every((n) => pos[n.id])) {
    const sorted = [...doc.nodes].sort((a, b) => pos[a.id].x - pos[b.id].x || a.id.localeCompare(b.id));
    let layer = 0;
    let colStart = pos[sorted[0].id].x;
    for (const n of sorted) {
      if (pos[n.id].x - colStart >= COLUMN_PX) { layer++; colStart = pos[n.id].x; }
      out.set(n.id, layer);
    }
    return out;
  }
  const preds = new Map<string, Set<string>>(doc.nodes.map((n) => [n.id, new Set()]));
  for (const p of doc.projections) {
    if (p.source !== p.target && preds.has(p.target) && preds.has(p.source)) preds.get(p.target)!.add(p.source);
  }
  const remaining = new Set(doc.nodes.map((n) => n.id));
  const settle = (id: string) => {
    let depth = 0;
    for (const s of preds.get(id)!) if (out.has(s)) depth = Math.max(depth, out.get(s)! + 1);
    out.set(id, depth);
    remaining.delete(id);
  };
  // Inputs first, then Kahn's order; when only cycles remain, the first node (in document order) that some
  // placed node feeds goes next, so a loop hangs after what drives it.
  for (const n of doc.nodes) if (n.kind === 'input') settle(n.id);
  const left = () => doc.nodes.filter((n) => remaining.has(n.id));
  while (remaining.size > 0) {
    const ready = left().find((n) => [...preds.get(n.id)!].every((s) => out.has(s)))
      ?? left().find((n) => [...preds.get(n.id)!].some((s) => out.has(s)))
      ?? left()[0];
    settle(ready.id);
  }
  return out;
}

/** Two ears for a sound source; a line for a population fed by one (the Jeffress delay line); else sphere/grid. */
export function shapeOf(doc: NetworkDocument, node: NetworkNode, drawn: number): ClusterShape {
  if (drawn === 1) return 'point';
  if (node.model === 'sound_source') return 'ears';
  const fedBySound = doc.projections.some((p) => p.target === node.id
    && doc.nodes.find((n) => n.id === p.source)?.model === 'sound_source');
  if (fedBySound && node.kind === 'population' && drawn <= LINE_MAX) return 'line';
  return drawn <= SPHERE_MAX ? 'sphere' : 'grid';
}

/**
 * Positions around the origin, 3 floats a neuron, with neighbouring somas at least `MIN_SOMA_GAP` diameters
 * apart (somaRadius): small populations are spread out, since their somas are drawn larger.
 */
export function localPositions(shape: ClusterShape, n: number): Float32Array {
  const out = new Float32Array(3 * n);
  const minDist = 2 * MIN_SOMA_GAP * somaRadius(shape, n);
  switch (shape) {
    case 'point':
      break;
    case 'line': {
      // Neuron 0 at the top, as in the editor's reading order.
      const step = Math.max(0.8 * SPACING, minDist);
      for (let i = 0; i < n; i++) out[3 * i + 1] = ((n - 1) / 2 - i) * step;
      break;
    }
    case 'ears': {
      // Neurons [0, n/2) are ear 0 (top), [n/2, n) ear 1 (bottom): the sound source's own convention.
      const half = Math.ceil(n / 2);
      const shells = [spreadApart(fibonacciSphere(half, shellRadius(half)), minDist),
        spreadApart(fibonacciSphere(n - half, shellRadius(n - half)), minDist)];
      const earR = Math.max(...shells.map(boundingRadius));
      const sep = Math.max(16 * SPACING, 2 * earR + 4 * SPACING);
      for (let ear = 0; ear < 2; ear++) {
        const start = ear === 0 ? 0 : half;
        const count = ear === 0 ? half : n - half;
        const shell = shells[ear];
        const dy = ear === 0 ? sep / 2 : -sep / 2;
        for (let j = 0; j < count; j++) {
          out[3 * (start + j)] = shell[3 * j];
          out[3 * (start + j) + 1] = shell[3 * j + 1] + dy;
          out[3 * (start + j) + 2] = shell[3 * j + 2];
        }
      }
      break;
    }
    case 'sphere':
      out.set(spreadApart(fibonacciSphere(n, shellRadius(n)), minDist));
      break;
    case 'grid': {
      const side = Math.ceil(Math.cbrt(n));
      const half = (side - 1) / 2;
      const step = Math.max(SPACING, minDist);
      for (let i = 0; i < n; i++) {
        out[3 * i] = ((i % side) - half) * step;
        out[3 * i + 1] = (half - (Math.floor(i / side) % side)) * step;
        out[3 * i + 2] = (Math.floor(i / (side * side)) - half) * step;
      }
      break;
    }
  }
  return out;
}

/** Radius of a sphere shell on which n somas sit about SPACING apart. */
function shellRadius(n: number): number {
  return Math.max(0.5 * SPACING, SPACING * Math.sqrt((1.1 * n) / (4 * Math.PI)));
}

/** n nearly even points on a sphere of radius r (golden-angle spiral). */
function fibonacciSphere(n: number, r: number): Float32Array {
  const out = new Float32Array(3 * n);
  if (n === 1) return out;
  const golden = Math.PI * (3 - Math.sqrt(5));
  for (let i = 0; i < n; i++) {
    const y = 1 - (2 * (i + 0.5)) / n;
    const ring = Math.sqrt(1 - y * y);
    const a = golden * i;
    out[3 * i] = Math.cos(a) * ring * r;
    out[3 * i + 1] = y * r;
    out[3 * i + 2] = Math.sin(a) * ring * r;
  }
  return out;
}

/**
 * Scales small point sets (≤ 64 points: the pairwise check is quadratic) until no two points are closer than
 * `minDist`. Larger spheres are spaced by `shellRadius` already (tested for every size).
 */
function spreadApart(points: Float32Array, minDist: number): Float32Array {
  const n = points.length / 3;
  if (n < 2 || n > 64) return points;
  let nearest = Infinity;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      nearest = Math.min(nearest, Math.hypot(points[3 * i] - points[3 * j], points[3 * i + 1] - points[3 * j + 1], points[3 * i + 2] - points[3 * j + 2]));
    }
  }
  if (nearest >= minDist) return points;
  const k = minDist / nearest;
  return points.map((v) => v * k);
}

function boundingRadius(local: Float32Array): number {
  let r2 = 0;
  for (let i = 0; i < local.length; i += 3) {
    r2 = Math.max(r2, local[i] ** 2 + local[i + 1] ** 2 + local[i + 2] ** 2);
  }
  return Math.sqrt(r2);
}

function enclosing(clusters: readonly ClusterLayout[]): { center: Vec3; radius: number } {
  if (clusters.length === 0) return { center: [0, 0, 0], radius: 1 };
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (const c of clusters) {
    for (let k = 0; k < 3; k++) {
      lo[k] = Math.min(lo[k], c.center[k] - c.radius);
      hi[k] = Math.max(hi[k], c.center[k] + c.radius);
    }
  }
  const center: Vec3 = [(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2];
  let radius = 1;
  for (const c of clusters) {
    const d = Math.hypot(c.center[0] - center[0], c.center[1] - center[1], c.center[2] - center[2]);
    radius = Math.max(radius, d + c.radius);
  }
  return { center, radius };
}

/** FNV-1a over the f64 bits of a list: a short stand-in for the list in layoutKey. */
function hashNumbers(values: readonly number[]): string {
  const f = new Float64Array(values), u = new Uint32Array(f.buffer);
  let h = 0x811c9dc5;
  for (let i = 0; i < u.length; i++) h = Math.imul(h ^ u[i], 0x01000193);
  return `${values.length}:${(h >>> 0).toString(16)}`;
}
