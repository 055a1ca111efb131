// Colours of the 3D view: takes a population's role, a normalised membrane potential or a weight, gives RGB in
// [0, 1]. One place so the legend (CSS gradient) and the scene (instance colours) cannot disagree.

export type RGB = [number, number, number];

export const BACKGROUND = 0x0b0d12;
export const INPUT_BASE: RGB = [0.85, 0.55, 0.18];
export const POP_BASE: RGB = [0.22, 0.5, 0.95];
export const FLASH: RGB = [1, 0.96, 0.72];
export const AXON: RGB = [0.35, 0.55, 0.9];
export const DENDRITE: RGB = [0.35, 0.8, 0.55];
export const PULSE: RGB = [1, 0.85, 0.35];

/** Membrane colour scale, from rest (0) to threshold (1): deep blue → teal → amber → red. */
const STOPS: RGB[] = [[0.12, 0.16, 0.45], [0.1, 0.55, 0.65], [0.95, 0.7, 0.2], [0.95, 0.25, 0.2]];

export function potentialColor(x: number, out: RGB = [0, 0, 0]): RGB {
  const t = Math.min(1, Math.max(0, Number.isFinite(x) ? x : 0)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(t));
  const f = t - i;
  for (let k = 0; k < 3; k++) out[k] = STOPS[i][k] + (STOPS[i + 1][k] - STOPS[i][k]) * f;
  return out;
}

/** The legend's CSS gradient, from the same stops. */
export function potentialGradientCss(): string {
  const rgb = (c: RGB) => `rgb(${c.map((v) => Math.round(v * 255)).join(',')})`;
  return `linear-gradient(to right, ${STOPS.map(rgb).join(', ')})`;
}

/** Plastic synapse colour by weight within [wMin, wMax]: dim blue (weak) → bright magenta (strong). */
export function weightColor(w: number, wMin: number, wMax: number, out: RGB = [0, 0, 0]): RGB {
  const t = wMax > wMin ? Math.min(1, Math.max(0, (w - wMin) / (wMax - wMin))) : 0.5;
  out[0] = 0.2 + 0.8 * t; out[1] = 0.3 - 0.1 * t; out[2] = 0.6 + 0.4 * t;
  return out;
}

/** Explicit (static, e.g. trained) synapse colour by sign: warm orange for w > 0, cyan-blue for w < 0, brighter
 *  with |w| / maxAbs; grey at 0. */
export const EXCITATORY: RGB = [1, 0.55, 0.15];
export const INHIBITORY: RGB = [0.2, 0.65, 1];
export function signedWeightColor(w: number, maxAbs: number, out: RGB = [0, 0, 0]): RGB {
  const t = maxAbs > 0 ? Math.min(1, Math.abs(w) / maxAbs) : 0;
  const base = w < 0 ? INHIBITORY : EXCITATORY;
  for (let k = 0; k < 3; k++) out[k] = 0.3 + (base[k] - 0.3) * (0.35 + 0.65 * t);
  return out;
}

export function toCss(c: RGB): string {
  return `rgb(${c.map((v) => Math.round(v * 255)).join(',')})`;
}
