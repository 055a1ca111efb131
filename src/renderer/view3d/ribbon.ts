// Plastic axons as screen-space ribbons whose width follows the synapse's weight (WebGL draws lines one pixel
// wide, so thickness needs triangles). Each axon is a strip along its Bézier (SEGMENTS + 1 points, two vertices a
// point); the vertex shader offsets each vertex sideways in pixels by ±width/2, perpendicular to the curve on
// screen, so the width is the same at any zoom. Only plastic bundles and static ones with explicit weights draw this way (the view samples ≤ 200 axons a
// projection: ≤ 6,800 vertices and 6,400 triangles, cheap even on a software rasteriser); the rest stay lines.
import * as THREE from 'three';
import { curvePoint } from './axons';
import { AXON, signedWeightColor, weightColor, type RGB } from './colors';

/** Ribbon width in CSS pixels: w_min draws at RIBBON_MIN_PX, w_max at RIBBON_MAX_PX, linear between. */
export const RIBBON_MIN_PX = 1;
export const RIBBON_MAX_PX = 6;
/** Width of a plastic axon before any weight is known. */
export const RIBBON_NO_WEIGHT_PX = 1.5;

export function weightWidthPx(w: number, wMin: number, wMax: number): number {
  const t = wMax > wMin ? Math.min(1, Math.max(0, (w - wMin) / (wMax - wMin))) : 0.5;
  return RIBBON_MIN_PX + (RIBBON_MAX_PX - RIBBON_MIN_PX) * t;
}

/** The strip geometry of n axons (12 floats of curve a axon): position, prev, next, side, width, color; indexed. */
export function ribbonGeometry(curves: Float32Array, n: number, segments: number): THREE.BufferGeometry {
  const per = 2 * (segments + 1);
  const pos = new Float32Array(3 * per * n), prev = new Float32Array(3 * per * n), next = new Float32Array(3 * per * n);
  const side = new Float32Array(per * n);
  const pts = new Float32Array(3 * (segments + 1));
  const index = new Uint32Array(6 * segments * n);
  for (let j = 0; j < n; j++) {
    for (let s = 0; s <= segments; s++) curvePoint(curves, j, s / segments, pts, 3 * s);
    for (let s = 0; s <= segments; s++) {
      const a = Math.max(0, s - 1), b = Math.min(segments, s + 1);
      for (let k = 0; k < 2; k++) {
        const v = j * per + 2 * s + k;
        pos.set(pts.subarray(3 * s, 3 * s + 3), 3 * v);
        prev.set(pts.subarray(3 * a, 3 * a + 3), 3 * v);
        next.set(pts.subarray(3 * b, 3 * b + 3), 3 * v);
        side[v] = k === 0 ? -1 : 1;
      }
    }
    for (let s = 0; s < segments; s++) {
      const v = j * per + 2 * s, o = 6 * (j * segments + s);
      index.set([v, v + 1, v + 2, v + 1, v + 3, v + 2], o);
    }
  }
  const geo = new THREE.BufferGeometry();
  geo.setAttribute('position', new THREE.BufferAttribute(pos, 3));
  geo.setAttribute('prev', new THREE.BufferAttribute(prev, 3));
  geo.setAttribute('next', new THREE.BufferAttribute(next, 3));
  geo.setAttribute('side', new THREE.BufferAttribute(side, 1));
  geo.setAttribute('width', new THREE.BufferAttribute(new Float32Array(per * n).fill(RIBBON_NO_WEIGHT_PX), 1).setUsage(THREE.DynamicDrawUsage));
  geo.setAttribute('color', new THREE.BufferAttribute(new Float32Array(3 * per * n), 3).setUsage(THREE.DynamicDrawUsage));
  geo.setIndex(new THREE.BufferAttribute(index, 1));
  return geo;
}

/** Colour and width of every ribbon from its weight (`w[weightIndex[j]]`), or plain axons without weights. */
export function setRibbonWeights(
  geo: THREE.BufferGeometry, segments: number, weightIndex: ArrayLike<number>, w: ArrayLike<number> | undefined, range: [number, number],
): void {
  const per = 2 * (segments + 1);
  const col = geo.getAttribute('color') as THREE.BufferAttribute, width = geo.getAttribute('width') as THREE.BufferAttribute;
  const c = col.array as Float32Array, wd = width.array as Float32Array;
  const rgb: RGB = [0, 0, 0];
  for (let j = 0; j < weightIndex.length; j++) {
    let px = RIBBON_NO_WEIGHT_PX;
    if (w) {
      const v = w[weightIndex[j]] ?? 0;
      weightColor(v, range[0], range[1], rgb);
      px = weightWidthPx(v, range[0], range[1]);
    } else {
      rgb.splice(0, 3, ...AXON);
    }
    for (let k = 0; k < per; k++) { c.set(rgb, 3 * (j * per + k)); wd[j * per + k] = px; }
  }
  col.needsUpdate = true;
  width.needsUpdate = true;
}

/** Width of an explicit-weight axon: RIBBON_MIN_PX at 0 to RIBBON_MAX_PX at the projection's largest |w|. */
export function signedWidthPx(w: number, maxAbs: number): number {
  const t = maxAbs > 0 ? Math.min(1, Math.abs(w) / maxAbs) : 0;
  return RIBBON_MIN_PX + (RIBBON_MAX_PX - RIBBON_MIN_PX) * t;
}

/** Colour by sign and width by |w| of every ribbon of a static projection with explicit weights (one a drawn axon). */
export function setRibbonSigned(geo: THREE.BufferGeometry, segments: number, w: ArrayLike<number>, maxAbs: number): void {
  const per = 2 * (segments + 1);
  const col = geo.getAttribute('color') as THREE.BufferAttribute, width = geo.getAttribute('width') as THREE.BufferAttribute;
  const c = col.array as Float32Array, wd = width.array as Float32Array;
  const rgb: RGB = [0, 0, 0];
  for (let j = 0; j < w.length; j++) {
    signedWeightColor(w[j], maxAbs, rgb);
    const px = signedWidthPx(w[j], maxAbs);
    for (let k = 0; k < per; k++) { c.set(rgb, 3 * (j * per + k)); wd[j * per + k] = px; }
  }
  col.needsUpdate = true;
  width.needsUpdate = true;
}

/** The ribbon material: widths in CSS pixels × `pixelRatio`, `resolution` the drawing buffer size (setSize). */
export function ribbonMaterial(opacity: number): THREE.ShaderMaterial {
  return new THREE.ShaderMaterial({
    uniforms: { resolution: { value: new THREE.Vector2(1, 1) }, pixelRatio: { value: 1 }, opacity: { value: opacity } },
    vertexShader: /* glsl */ `
      attribute vec3 prev;
      attribute vec3 next;
      attribute float side;
      attribute float width;
      attribute vec3 color;
      uniform vec2 resolution;
      uniform float pixelRatio;
      varying vec3 vColor;
      void main() {
        vColor = color;
        mat4 mvp = projectionMatrix * modelViewMatrix;
        vec4 c = mvp * vec4(position, 1.0);
        vec4 p = mvp * vec4(prev, 1.0);
        vec4 n = mvp * vec4(next, 1.0);
        vec2 half_res = 0.5 * resolution;
        vec2 dir = (n.xy / n.w - p.xy / p.w) * half_res;
        dir = dot(dir, dir) > 1e-12 ? normalize(dir) : vec2(1.0, 0.0);
        vec2 offset = vec2(-dir.y, dir.x) * side * 0.5 * width * pixelRatio;
        c.xy += offset / half_res * c.w;
        gl_Position = c;
      }`,
    fragmentShader: /* glsl */ `
      uniform float opacity;
      varying vec3 vColor;
      void main() {
        gl_FragColor = vec4(vColor, opacity);
        #include <colorspace_fragment>
      }`,
    transparent: true,
    depthWrite: false,
    side: THREE.DoubleSide,
  });
}
