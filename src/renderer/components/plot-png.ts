// A plot as a PNG image (the per-plot export menu, ./ExportMenu.tsx): the canvases and SVG images of a plot's
// section drawn one under another on one canvas (SVG through an <img> of its serialized text, which the app's
// CSP allows as blob:), or a table of text cells drawn as a grid (the confusion matrix, the decision scores).

const BACKGROUND = '#161a22', TEXT = '#d7dce6', GRID = '#2c313d';

async function imageOf(el: Element): Promise<CanvasImageSource & { width: number; height: number }> {
  if (el instanceof HTMLCanvasElement) return el;
  const svg = el as SVGSVGElement;
  const box = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(Math.max(1, Math.round(box.width))));
  clone.setAttribute('height', String(Math.max(1, Math.round(box.height))));
  // Class-styled SVG (CSS fills) would lose its colours outside the page: copy the computed fill and stroke.
  const src = svg.querySelectorAll('*'), dst = clone.querySelectorAll('*');
  src.forEach((s, i) => { const cs = getComputedStyle(s); (dst[i] as SVGElement).style.fill = cs.fill; (dst[i] as SVGElement).style.stroke = cs.stroke; });
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally { URL.revokeObjectURL(url); }
}

const toPng = (c: HTMLCanvasElement) => new Promise<Blob>((resolve, reject) =>
  c.toBlob((b) => (b ? resolve(b) : reject(new Error('the image could not be encoded'))), 'image/png'));

/** The canvases and SVG images under `root` (not the export menu's own icons), stacked into one PNG. */
export async function elementsPng(root: Element): Promise<Blob> {
  const els = [...root.querySelectorAll('canvas, svg')].filter((e) => !e.closest('.export-menu'));
  if (!els.length) throw new Error('nothing drawn yet');
  const imgs = await Promise.all(els.map(imageOf));
  const gap = 4, width = Math.max(...imgs.map((i) => i.width)), height = imgs.reduce((a, i) => a + i.height, 0) + gap * (imgs.length - 1);
  const c = document.createElement('canvas');
  c.width = Math.max(1, width); c.height = Math.max(1, height);
  const ctx = c.getContext('2d')!;
  ctx.fillStyle = BACKGROUND; ctx.fillRect(0, 0, c.width, c.height);
  let y = 0;
  for (const img of imgs) { ctx.drawImage(img, 0, y, img.width, img.height); y += img.height + gap; }
  return toPng(c);
}

/** A table of text cells (first row and column as headers) drawn as a grid, as a PNG. */
export async function tablePng(rows: readonly (readonly string[])[], cell = { w: 44, h: 20 }): Promise<Blob> {
  const cols = Math.max(1, ...rows.map((r) => r.length));
  const c = document.createElement('canvas');
  c.width = cols * cell.w; c.height = Math.max(1, rows.length) * cell.h;
  const ctx = c.getContext('2d')!;
  ctx.fillStyle = BACKGROUND; ctx.fillRect(0, 0, c.width, c.height);
  ctx.font = '11px system-ui, sans-serif'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
  rows.forEach((r, i) => r.forEach((t, j) => {
    ctx.strokeStyle = GRID; ctx.strokeRect(j * cell.w + 0.5, i * cell.h + 0.5, cell.w - 1, cell.h - 1);
    ctx.fillStyle = TEXT; ctx.fillText(t, j * cell.w + cell.w / 2, i * cell.h + cell.h / 2, cell.w - 4);
  }));
  return toPng(c);
}
