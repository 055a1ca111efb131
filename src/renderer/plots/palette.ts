// The colours of the plots and views: one colour per node of the network, the same on the canvas, in the
// raster and its rate list, the rate histograms, the membrane traces, the 3D view and their legends. A node's
// colour is keyed by its place in the document (inputs and populations in file order), so a network always
// shows the same colours and neighbours never share one (up to POPULATION_COLORS.length nodes).

/** Eight hues that read on the dark theme (docs/editor.md "Colours"). */
export const POPULATION_COLORS = ['#5aa9ff', '#ffb547', '#4fd18b', '#ff7ab6', '#b18cff', '#59d8e6', '#e6e159', '#9be15d'] as const;

/** Colour of each node id, from the document's node order. */
export function populationColors(nodeIds: readonly string[]): Map<string, string> {
  return new Map(nodeIds.map((id, i) => [id, POPULATION_COLORS[i % POPULATION_COLORS.length]]));
}

/** One node's colour (grey for an id not in the list, e.g. a stale run after the node was removed). */
export function populationColor(nodeIds: readonly string[], id: string): string {
  const i = nodeIds.indexOf(id);
  return i < 0 ? '#8a92a3' : POPULATION_COLORS[i % POPULATION_COLORS.length];
}

/**
 * `n` distinct colours around one population's colour, for several traces of the same population: hues spread
 * over up to ±70° of the base hue and alternating lightness, so neighbours differ in both. n = 1 gives the base.
 */
export function seriesColors(base: string, n: number): string[] {
  if (n <= 1) return n === 1 ? [base] : [];
  const [h, s, l] = hexToHsl(base);
  const spread = Math.min(140, 20 * (n - 1));
  return Array.from({ length: n }, (_, k) => {
    const hue = h + spread * (k / (n - 1) - 0.5);
    const light = k % 2 === 0 ? Math.max(0.5, l - 0.06) : Math.min(0.82, l + 0.14);
    return hslToHex(hue, Math.max(0.6, s), light);
  });
}

/** `#rrggbb` → [r, g, b] in [0, 1]. */
export function hexToRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
}

function hexToHsl(hex: string): [number, number, number] {
  const [r, g, b] = hexToRgb(hex);
  const max = Math.max(r, g, b), min = Math.min(r, g, b), l = (max + min) / 2, d = max - min;
  if (d === 0) return [0, 0, l];
  const s = d / (1 - Math.abs(2 * l - 1));
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return [(h * 60 + 360) % 360, s, l];
}

function hslToHex(h: number, s: number, l: number): string {
  const c = (1 - Math.abs(2 * l - 1)) * s, hp = (((h % 360) + 360) % 360) / 60, x = c * (1 - Math.abs((hp % 2) - 1));
  const [r, g, b] = hp < 1 ? [c, x, 0] : hp < 2 ? [x, c, 0] : hp < 3 ? [0, c, x] : hp < 4 ? [0, x, c] : hp < 5 ? [x, 0, c] : [c, 0, x];
  const m = l - c / 2;
  return `#${[r, g, b].map((v) => Math.round((v + m) * 255).toString(16).padStart(2, '0')).join('')}`;
}
