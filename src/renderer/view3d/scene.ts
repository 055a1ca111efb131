// The three.js side of the 3D view: takes a ViewLayout and per-frame FrameStates, draws instanced somas,
// axon bundles, dendrite stubs, travelling pulses, the selection and the anatomy highlight. No React here.
// WebGLRenderer: the most robust everywhere today; WebGPURenderer would let the view share the engine's
// GPUDevice and draw straight from its buffers (docs/view3d.md).
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { mergeVertices } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { ClusterLayout, Vec3, ViewLayout } from './layout';
import { curvePoint } from './axons';
import { glowTexture, sphereTexture } from './sprites';
import { ribbonGeometry, ribbonMaterial, setRibbonSigned, setRibbonWeights } from './ribbon';
import type { FrameState } from './timeline';
import { AXON, BACKGROUND, DENDRITE, FLASH, PULSE, potentialColor, type RGB } from './colors';
import { hexToRgb } from '../plots/palette';

const SEGMENTS = 16;
const MAX_PULSES = 50_000;

interface ClusterMesh { layout: ClusterLayout; colorAttr: THREE.BufferAttribute; colors: Float32Array; base: RGB }

/** Above this many somas a software rasteriser draws sprites (one vertex a soma) instead of instanced spheres. */
const SOFTWARE_SPRITES_ABOVE = 2_000;

/** Anchor points of the anatomy labels, in world space. */
export interface AnatomyAnchors { neuron: Vec3; dendrite: Vec3; axon: Vec3; synapse: Vec3 }

export class NetworkScene {
  readonly renderer: THREE.WebGLRenderer;
  readonly camera = new THREE.PerspectiveCamera(45, 1, 0.1, 5000);
  readonly controls: OrbitControls;
  private scene = new THREE.Scene();
  private root = new THREE.Group();
  private clusters: ClusterMesh[] = [];
  /** Per bundle: plain axons as 1 px lines, plastic ones and those with explicit weights as ribbons whose width
   *  follows the weight (ribbon.ts). */
  private axonLines: (THREE.LineSegments | THREE.Mesh<THREE.BufferGeometry, THREE.ShaderMaterial>)[] = [];
  private pulses!: THREE.Points;
  private selection: THREE.LineSegments | null = null;
  private anatomy: THREE.Group | null = null;
  private anchors: AnatomyAnchors | null = null;
  private layout: ViewLayout | null = null;
  private tmp = new Float32Array(3);
  private flight: { from: THREE.Vector3; to: THREE.Vector3; camFrom: THREE.Vector3; camTo: THREE.Vector3; t: number } | null = null;
  /** What the camera was last fitted to (a population id, or null for the whole network) until the user turns or
   *  zooms it: a resize fits it again, so the first fit (made before the canvas had its size) never cuts the
   *  network at the sides of a narrow view. */
  private fitted: string | null | undefined = undefined;

  /** Set when something changed that the next render() must draw; render() skips idle frames otherwise. */
  dirty = true;
  readonly software: boolean;

  constructor(readonly canvas: HTMLCanvasElement) {
    // A software rasteriser (SwiftShader, llvmpipe: CI, VMs) pays per pixel and per triangle: no MSAA, 1× pixels.
    this.software = isSoftwareGL();
    this.renderer = new THREE.WebGLRenderer({ canvas, antialias: !this.software, powerPreference: 'high-performance' });
    this.renderer.setClearColor(BACKGROUND);
    this.renderer.setPixelRatio(this.software ? 1 : Math.min(2, window.devicePixelRatio || 1));
    this.scene.background = new THREE.Color(BACKGROUND);
    this.scene.add(new THREE.AmbientLight(0xffffff, 1.4));
    const sun = new THREE.DirectionalLight(0xffffff, 1.6);
    sun.position.set(1, 2, 3);
    this.scene.add(sun);
    this.scene.add(this.root);
    this.controls = new OrbitControls(this.camera, canvas);
    this.controls.enableDamping = true;
    this.controls.screenSpacePanning = true;
    this.controls.addEventListener('change', () => { this.dirty = true; });
    this.controls.addEventListener('start', () => { this.fitted = undefined; });
    this.makePulses();
  }

  setSize(width: number, height: number): void {
    this.renderer.setSize(width, height, false);
    this.sizeRibbons();
    this.camera.aspect = width / Math.max(1, height);
    this.camera.updateProjectionMatrix();
    if (this.fitted !== undefined) this.fit(this.fitted, this.flight !== null);
  }

  /** Replace everything drawn with a new layout (document edits); the camera stays where the user put it. */
  setLayout(layout: ViewLayout, weights?: Record<string, Float32Array>, plasticRange?: Record<string, [number, number]>): void {
    const first = this.layout === null;
    this.clearRoot();
    this.layout = layout;
    for (const c of layout.clusters) {
      const r = c.somaRadius;
      const colors = new Float32Array(3 * Math.max(1, c.drawn));
      const base: RGB = hexToRgb(c.color); // the population's colour in every view (plots/palette.ts)
      if (this.software && c.drawn > SOFTWARE_SPRITES_ABOVE) {
        const geo = new THREE.BufferGeometry();
        geo.setAttribute('position', new THREE.BufferAttribute(c.positions, 3));
        const colorAttr = new THREE.BufferAttribute(colors, 3).setUsage(THREE.DynamicDrawUsage);
        geo.setAttribute('color', colorAttr);
        const pts = new THREE.Points(geo, new THREE.PointsMaterial({
          size: 2.2 * r, sizeAttenuation: true, vertexColors: true, map: this.sphereSprite(), alphaTest: 0.4,
        }));
        pts.frustumCulled = false;
        this.root.add(pts);
        this.clusters.push({ layout: c, colorAttr, colors, base });
        continue;
      }
      // Fewer triangles per soma as clusters grow: 320 up to 2,000 somas, 80 up to 20,000, then 20.
      const detail = Math.max(0, (c.drawn > 20_000 ? 0 : c.drawn > 2_000 ? 1 : 2) - (this.software && c.drawn > 2_000 ? 1 : 0));
      // Polyhedra come unindexed (3 vertices a triangle); merged, each vertex is shaded once: 5× less work.
      const ico = new THREE.IcosahedronGeometry(r, detail);
      ico.deleteAttribute('uv');
      const geo = mergeVertices(ico);
      ico.dispose();
      const mat = new THREE.MeshLambertMaterial({ color: 0xffffff });
      const mesh = new THREE.InstancedMesh(geo, mat, Math.max(1, c.drawn));
      mesh.frustumCulled = false;
      const m = new THREE.Matrix4();
      for (let i = 0; i < c.drawn; i++) {
        m.makeTranslation(c.positions[3 * i], c.positions[3 * i + 1], c.positions[3 * i + 2]);
        mesh.setMatrixAt(i, m);
      }
      mesh.instanceColor = new THREE.InstancedBufferAttribute(colors, 3);
      mesh.instanceColor.setUsage(THREE.DynamicDrawUsage);
      this.root.add(mesh);
      this.clusters.push({ layout: c, colorAttr: mesh.instanceColor, colors, base });
    }
    for (const b of layout.bundles) {
      const n = b.pre.length;
      if (b.plastic || b.explicit) {
        const ribbon = new THREE.Mesh(ribbonGeometry(b.curves, n, SEGMENTS), ribbonMaterial(n > 100 ? 0.3 : 0.55));
        ribbon.frustumCulled = false;
        this.root.add(ribbon);
        this.axonLines.push(ribbon);
        this.addDendrites(b.dendrites);
        continue;
      }
      const pos = new Float32Array(n * SEGMENTS * 6);
      const col = new Float32Array(n * SEGMENTS * 6);
      const p = [0, 0, 0];
      const q = [0, 0, 0];
      for (let j = 0; j < n; j++) {
        for (let s = 0; s < SEGMENTS; s++) {
          curvePoint(b.curves, j, s / SEGMENTS, p);
          curvePoint(b.curves, j, (s + 1) / SEGMENTS, q);
          const o = (j * SEGMENTS + s) * 6;
          pos.set(p, o); pos.set(q, o + 3);
        }
      }
      const geo = new THREE.BufferGeometry();
      geo.setAttribute('position', new THREE.BufferAttribute(pos, 3));
      geo.setAttribute('color', new THREE.BufferAttribute(col, 3));
      const lines = new THREE.LineSegments(geo, new THREE.LineBasicMaterial({
        vertexColors: true, transparent: true, opacity: n > 100 ? 0.16 : 0.4, depthWrite: false,
      }));
      this.root.add(lines);
      this.axonLines.push(lines);
      this.addDendrites(b.dendrites);
    }
    this.sizeRibbons();
    this.root.add(this.pulses);
    this.setWeights(weights, plasticRange);
    if (first) this.fit(null, false);
    this.dirty = true;
  }

  private addDendrites(dendrites: Float32Array): void {
    const dg = new THREE.BufferGeometry();
    dg.setAttribute('position', new THREE.BufferAttribute(dendrites.slice(), 3));
    this.root.add(new THREE.LineSegments(dg, new THREE.LineBasicMaterial({ color: new THREE.Color(...DENDRITE), transparent: true, opacity: 0.8 })));
  }

  /** Ribbon widths are in pixels: they need the drawing buffer's size and the pixel ratio. */
  private sizeRibbons(): void {
    const size = this.renderer.getDrawingBufferSize(new THREE.Vector2());
    for (const o of this.axonLines) {
      if (!(o.material instanceof THREE.ShaderMaterial)) continue;
      o.material.uniforms.resolution.value.copy(size);
      o.material.uniforms.pixelRatio.value = this.renderer.getPixelRatio();
    }
  }

  /** Axon colours: plastic projections by their current weight (engine.readWeights), as colour and ribbon width;
   *  static explicit weights by sign and |w|; the rest plain. */
  setWeights(weights?: Record<string, Float32Array>, plasticRange?: Record<string, [number, number]>): void {
    const c: RGB = [0, 0, 0];
    this.layout?.bundles.forEach((b, bi) => {
      if (b.plastic) {
        setRibbonWeights(this.axonLines[bi].geometry, SEGMENTS, b.weightIndex, weights?.[b.projection], plasticRange?.[b.projection] ?? [0, 1]);
        return;
      }
      if (b.explicit) { // static explicit weights (e.g. trained, applied): width by |w|, colour by sign
        setRibbonSigned(this.axonLines[bi].geometry, SEGMENTS, b.explicit, b.explicitMaxAbs);
        return;
      }
      const attr = this.axonLines[bi].geometry.getAttribute('color') as THREE.BufferAttribute;
      const col = attr.array as Float32Array;
      c.splice(0, 3, ...AXON);
      for (let j = 0; j < b.pre.length; j++) {
        for (let v = 0; v < SEGMENTS * 2; v++) col.set(c, (j * SEGMENTS * 2 + v) * 3);
      }
      attr.needsUpdate = true;
    });
    this.dirty = true;
  }

  /** Colours every soma from its flash and (when recorded) its membrane potential; moves the pulses. */
  update(frame: FrameState | null, potentials: Record<string, { indices: Uint32Array; values: Float32Array }>, selected: string | null): void {
    const rgb: RGB = [0, 0, 0];
    for (const c of this.clusters) {
      const f = frame?.intensity[c.layout.id];
      const dim = selected && selected !== c.layout.id ? 0.55 : 1;
      const cols = c.colors;
      for (let i = 0; i < c.layout.drawn; i++) {
        cols[3 * i] = c.base[0] * 0.6 * dim; cols[3 * i + 1] = c.base[1] * 0.6 * dim; cols[3 * i + 2] = c.base[2] * 0.6 * dim;
      }
      const pot = potentials[c.layout.id];
      if (pot) {
        for (let k = 0; k < pot.indices.length; k++) {
          const i = pot.indices[k];
          if (i >= c.layout.drawn) continue;
          potentialColor(pot.values[k], rgb);
          cols[3 * i] = rgb[0] * dim; cols[3 * i + 1] = rgb[1] * dim; cols[3 * i + 2] = rgb[2] * dim;
        }
      }
      if (f) {
        for (let i = 0; i < c.layout.drawn; i++) {
          const a = f[i];
          if (a <= 0.002) continue;
          for (let k = 0; k < 3; k++) cols[3 * i + k] += (FLASH[k] * 1.6 - cols[3 * i + k]) * a;
        }
      }
      c.colorAttr.needsUpdate = true;
    }
    this.placePulses(frame);
    this.dirty = true;
  }

  private placePulses(frame: FrameState | null): void {
    const attr = this.pulses.geometry.getAttribute('position') as THREE.BufferAttribute;
    const arr = attr.array as Float32Array;
    const n = frame && this.layout ? Math.min(MAX_PULSES, frame.pulseCount) : 0;
    for (let p = 0; p < n; p++) {
      const b = this.layout!.bundles[frame!.pulses[3 * p]];
      curvePoint(b.curves, frame!.pulses[3 * p + 1], frame!.pulses[3 * p + 2], this.tmp);
      arr[3 * p] = this.tmp[0]; arr[3 * p + 1] = this.tmp[1]; arr[3 * p + 2] = this.tmp[2];
    }
    this.pulses.geometry.setDrawRange(0, n);
    attr.needsUpdate = true;
  }

  private sprite: THREE.Texture | null = null;
  private sphereSprite(): THREE.Texture {
    this.sprite ??= sphereTexture();
    return this.sprite;
  }

  private makePulses(): void {
    const geo = new THREE.BufferGeometry();
    geo.setAttribute('position', new THREE.BufferAttribute(new Float32Array(3 * MAX_PULSES), 3).setUsage(THREE.DynamicDrawUsage));
    geo.setDrawRange(0, 0);
    const mat = new THREE.PointsMaterial({
      size: 1.6, sizeAttenuation: true, map: glowTexture(), color: new THREE.Color(...PULSE),
      transparent: true, depthWrite: false, blending: THREE.AdditiveBlending,
    });
    this.pulses = new THREE.Points(geo, mat);
    this.pulses.frustumCulled = false;
  }

  /** A wire sphere around the selected population (none for null). */
  setSelected(id: string | null): void {
    if (this.selection) { this.root.remove(this.selection); this.selection.geometry.dispose(); this.selection = null; }
    const c = this.layout?.clusters.find((k) => k.id === id);
    if (!c) return;
    const geo = new THREE.EdgesGeometry(new THREE.IcosahedronGeometry(c.radius + 0.5, 2));
    this.selection = new THREE.LineSegments(geo, new THREE.LineBasicMaterial({ color: 0x5aa9ff, transparent: true, opacity: 0.45 }));
    this.selection.position.set(...c.center);
    this.root.add(this.selection);
    this.dirty = true;
  }

  /** Highlights the example cell of the anatomy overlay (or removes it) and returns where its labels go. */
  setAnatomy(on: boolean): AnatomyAnchors | null {
    if (this.anatomy) { this.root.remove(this.anatomy); this.anatomy = null; }
    this.anchors = null;
    const b = this.layout?.bundles.find((x) => x.pre.length > 0);
    if (!on || !this.layout || !b) return null;
    // The example: from the first drawn source neuron to the middle of its targets, so the labels have room.
    const first = b.pre[0];
    const mine = Array.from(b.pre.keys()).filter((a) => b.pre[a] === first);
    const j = mine[Math.floor(mine.length / 2)];
    const src = this.layout.clusters.find((c) => c.id === b.source)!;
    const pts = [0, 0.33, 0.66, 1].map((s) => { const v = [0, 0, 0]; curvePoint(b.curves, j, s, v); return v; });
    const curve = new THREE.CatmullRomCurve3(pts.map((v) => new THREE.Vector3(...v)));
    const g = new THREE.Group();
    const tube = (path: THREE.Curve<THREE.Vector3>, color: number) =>
      new THREE.Mesh(new THREE.TubeGeometry(path, 48, 0.09, 8), new THREE.MeshBasicMaterial({ color }));
    g.add(tube(curve, 0x7fd4ff));
    const d = b.dendrites.subarray(6 * j, 6 * j + 6);
    g.add(tube(new THREE.LineCurve3(new THREE.Vector3(d[0], d[1], d[2]), new THREE.Vector3(d[3], d[4], d[5])), 0x6dff9e));
    const soma = src.positions.subarray(3 * b.pre[j], 3 * b.pre[j] + 3);
    const ring = new THREE.Mesh(new THREE.SphereGeometry(Math.max(0.55, 1.5 * src.somaRadius), 24, 16),
      new THREE.MeshBasicMaterial({ color: 0xffffff, wireframe: true, transparent: true, opacity: 0.7 }));
    ring.position.set(soma[0], soma[1], soma[2]);
    g.add(ring);
    const syn = new THREE.Mesh(new THREE.SphereGeometry(0.22, 16, 12), new THREE.MeshBasicMaterial({ color: 0xff5fd2 }));
    syn.position.set(d[3], d[4], d[5]);
    g.add(syn);
    this.anatomy = g;
    this.root.add(g);
    this.dirty = true;
    const mid = [0, 0, 0];
    curvePoint(b.curves, j, 0.35, mid);
    this.anchors = {
      neuron: [soma[0], soma[1], soma[2]],
      axon: mid as Vec3,
      synapse: [d[3], d[4], d[5]],
      dendrite: [(d[0] + d[3]) / 2, (d[1] + d[4]) / 2, (d[2] + d[5]) / 2],
    };
    return this.anchors;
  }

  /** World point a label of the anatomy overlay is attached to. */
  anatomyAnchor(part: string): Vec3 | null {
    return (this.anchors as Record<string, Vec3> | null)?.[part] ?? null;
  }

  /** Fly the camera to a population (or the whole network for null). */
  fit(id: string | null, animate = true): void {
    if (!this.layout) return;
    this.fitted = id;
    const c = id ? this.layout.clusters.find((k) => k.id === id) : null;
    const center = new THREE.Vector3(...(c ? c.center : this.layout.center));
    const radius = c ? c.radius + 2 : this.layout.radius;
    const fov = THREE.MathUtils.degToRad(this.camera.fov) / 2;
    const fitH = radius / Math.sin(Math.min(fov, Math.atan(Math.tan(fov) * this.camera.aspect)));
    // Keep the direction the camera looks from; the first fit (camera still on its target) looks from the front.
    const from = this.camera.position.clone().sub(this.controls.target);
    const dir = from.lengthSq() > 1e-12 ? from.normalize() : new THREE.Vector3(0.3, 0.18, 1).normalize();
    const camTo = center.clone().add(dir.multiplyScalar(fitH * 1.05));
    this.camera.far = Math.max(5000, fitH * 10);
    this.camera.updateProjectionMatrix();
    if (!animate) {
      this.controls.target.copy(center);
      this.camera.position.copy(camTo);
      this.controls.update();
      return;
    }
    this.flight = { from: this.controls.target.clone(), to: center, camFrom: this.camera.position.clone(), camTo, t: 0 };
  }

  /** Advance controls and camera flights, then draw if anything changed (or when forced). True if drawn. */
  render(dtSeconds: number, force = false): boolean {
    if (this.flight) {
      this.dirty = true;
      const f = this.flight;
      f.t = Math.min(1, f.t + dtSeconds / 0.6);
      const e = f.t * f.t * (3 - 2 * f.t);
      this.controls.target.lerpVectors(f.from, f.to, e);
      this.camera.position.lerpVectors(f.camFrom, f.camTo, e);
      if (f.t >= 1) this.flight = null;
    }
    this.controls.update();
    if (!this.dirty && !force) return false;
    this.dirty = false;
    this.renderer.render(this.scene, this.camera);
    return true;
  }

  /** World ray through a canvas pixel: origin and unit direction. */
  ray(x: number, y: number, width: number, height: number): { origin: number[]; dir: number[] } {
    const v = new THREE.Vector3((x / width) * 2 - 1, -(y / height) * 2 + 1, 0.5).unproject(this.camera);
    const o = this.camera.position;
    const d = v.sub(o).normalize();
    return { origin: [o.x, o.y, o.z], dir: [d.x, d.y, d.z] };
  }

  /** Canvas pixel of a world point, or null behind the camera. */
  project(p: Vec3, width: number, height: number): [number, number] | null {
    const v = new THREE.Vector3(...p).project(this.camera);
    if (v.z > 1) return null;
    return [((v.x + 1) / 2) * width, ((1 - v.y) / 2) * height];
  }

  private clearRoot(): void {
    for (const o of [...this.root.children]) {
      this.root.remove(o);
      if (o === this.pulses) continue;
      o.traverse((x) => {
        const m = x as THREE.Mesh;
        m.geometry?.dispose();
        const mat = m.material as THREE.Material | THREE.Material[] | undefined;
        if (Array.isArray(mat)) mat.forEach((k) => k.dispose()); else mat?.dispose();
      });
    }
    this.clusters = [];
    this.axonLines = [];
    this.selection = null;
    this.anatomy = null;
    this.anchors = null;
  }

  dispose(): void {
    this.clearRoot();
    this.pulses.geometry.dispose();
    (this.pulses.material as THREE.PointsMaterial).map?.dispose();
    (this.pulses.material as THREE.Material).dispose();
    this.sprite?.dispose();
    this.controls.dispose();
    this.renderer.dispose();
  }
}

/** Whether WebGL runs on a CPU rasteriser, from the unmasked renderer string of a throwaway context. */
function isSoftwareGL(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return false;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(name);
  } catch {
    return false;
  }
}
