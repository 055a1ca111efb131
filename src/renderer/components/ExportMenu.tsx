// The small per-plot export menu (docs/editor.md, "Exporting plots"): "PNG image" saves what the plot draws,
// "CSV data" the numbers behind it. Generic: put it in a plot's heading with the plot's CSV; the PNG is, by
// default, the canvases and SVG images of the enclosing <section> (./plot-png.ts), or what `png` draws; `more`
// adds items after those two (the raster's "Recordings as NIR data", run/nir-data.ts).
// Saved as a download: the browser's download in the web build; under Electron the download asks where to
// save with the system's save dialog.
import { useRef, useState } from 'react';
import { useClickAway } from './menu-button';
import { elementsPng } from './plot-png';

interface Props {
  /** What the plot is, for the button's name and the file names (`NAME.png`, `NAME.csv`). */
  name: string;
  csv: () => string;
  png?: () => Promise<Blob>;
  notify?: (m: string, kind?: 'info' | 'error') => void;
  /** Further exports of the same results, each a menu item that saves by itself. */
  more?: readonly { label: string; run: () => void }[];
}

function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url; a.download = fileName; a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const fileBase = (name: string) => name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-|-$/g, '') || 'plot';

export function ExportMenu({ name, csv, png, notify, more = [] }: Props) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLSpanElement>(null);
  useClickAway(open, ref, () => setOpen(false));
  const savePng = async () => {
    setOpen(false);
    try {
      const section = ref.current?.closest('section');
      const blob = png ? await png() : section ? await elementsPng(section) : null;
      if (blob) download(blob, `${fileBase(name)}.png`);
    } catch (e) {
      notify?.(`${name}: no image to save (${e instanceof Error ? e.message : String(e)})`, 'error');
    }
  };
  const saveCsv = () => {
    setOpen(false);
    download(new Blob([csv()], { type: 'text/csv' }), `${fileBase(name)}.csv`);
  };
  return (
    <span className="export-menu" ref={ref} onKeyDown={(e) => { if (e.key === 'Escape') setOpen(false); }}>
      <button type="button" className="link" aria-haspopup="menu" aria-expanded={open} aria-label={`Export ${name}`} title={`Export ${name} as PNG or CSV`}
        onClick={() => setOpen((o) => !o)}>⤓</button>
      {open && (
        <span role="menu" aria-label={`Export ${name}`} className="export-menu-items">
          <button type="button" role="menuitem" onClick={() => void savePng()}>PNG image</button>
          <button type="button" role="menuitem" onClick={saveCsv}>CSV data</button>
          {more.map((m) => <button key={m.label} type="button" role="menuitem" onClick={() => { setOpen(false); m.run(); }}>{m.label}</button>)}
        </span>
      )}
    </span>
  );
}
