// The top bar: the document's name with its unsaved mark, and the File, Edit and View actions — as toolbars
// where they fit, else collapsed into File/Edit/View menus (never wrapping onto a second row or cutting the
// title to nothing).
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { ToolbarMenu, type MenuCommand } from './ToolbarMenu';

interface Props {
  name: string;
  fileName: string | null;
  dirty: boolean;
  canRevert: boolean;
  canUndo: boolean;
  canRedo: boolean;
  hasSelection: boolean;
  showMinimap: boolean;
  /** File › Recent (./RecentMenu), placed after Open. */
  recentMenu?: ReactNode;
  /** Placed at the end of the bar (App's Learn and Help). */
  end?: ReactNode;
  actions: {
    newDocument(): void; open(): void; save(): void; saveAs(): void; revert(): void; examples(): void; importNir(): void; exportNir(): void;
    undo(): void; redo(): void; duplicate(): void; remove(): void; zoomToFit(): void; toggleMinimap(): void; autoLayout(): void;
  };
}

/** Room the title keeps beside the toolbars before they collapse into menus (px). */
const TITLE_ROOM = 240;

export function TopBar({ name, fileName, dirty, canRevert, canUndo, canRedo, hasSelection, showMinimap, recentMenu, end, actions: a }: Props) {
  const header = useRef<HTMLElement>(null);
  const [compact, setCompact] = useState(false);
  // Width the full toolbars take, measured while they are shown (kept while collapsed, to know when they fit again).
  const fullWidth = useRef(0);
  useLayoutEffect(() => {
    const h = header.current;
    if (!h) return;
    const check = () => {
      if (!compact) fullWidth.current = [...h.querySelectorAll<HTMLElement>('.toolbar')].reduce((w, t) => w + t.offsetWidth + 16, 0);
      const fits = h.clientWidth >= fullWidth.current + TITLE_ROOM;
      if (fits === compact) setCompact(!fits);
    };
    check();
    const ro = new ResizeObserver(check);
    ro.observe(h);
    return () => ro.disconnect();
  }, [compact]);

  const file: MenuCommand[] = [
    { label: 'New', onClick: a.newDocument }, { label: 'Open', onClick: a.open, hint: 'Ctrl+O' },
    { label: 'Save', onClick: a.save, hint: 'Ctrl+S' }, { label: 'Save As', onClick: a.saveAs, hint: 'Shift+Ctrl+S' },
    { label: 'Revert', onClick: a.revert, disabled: !canRevert || !dirty }, { label: 'Examples', onClick: a.examples },
    { label: 'Import NIR…', onClick: a.importNir }, { label: 'Export NIR…', onClick: a.exportNir },
  ];
  const edit: MenuCommand[] = [
    { label: 'Undo', onClick: a.undo, disabled: !canUndo, hint: 'Ctrl+Z' }, { label: 'Redo', onClick: a.redo, disabled: !canRedo, hint: 'Shift+Ctrl+Z' },
    { label: 'Duplicate', onClick: a.duplicate, disabled: !hasSelection, hint: 'Ctrl+D' }, { label: 'Delete', onClick: a.remove, disabled: !hasSelection, hint: 'Delete' },
  ];
  const view: MenuCommand[] = [
    { label: 'Auto-layout', onClick: a.autoLayout }, { label: 'Zoom to fit', onClick: a.zoomToFit },
    { label: 'Minimap', onClick: a.toggleMinimap, pressed: showMinimap },
  ];

  return (
    <header className={`topbar${compact ? ' compact' : ''}`} ref={header}>
      <span className="brand" aria-hidden="true">◆</span>
      <div className="doc-title" title={fileName ? `${name} (${fileName})` : name}>
        <h1>{name}{dirty && <span className="dirty-mark" title="Unsaved changes"> •<span className="sr-only"> (unsaved changes)</span></span>}</h1>
        {fileName && <span className="file-name">{fileName}</span>}
      </div>
      {compact ? (
        <nav className="topbar-menus" aria-label="Menus">
          <ToolbarMenu label="File" commands={file} />
          {recentMenu}
          <ToolbarMenu label="Edit" commands={edit} />
          <ToolbarMenu label="View" commands={view} />
        </nav>
      ) : <>
        <div role="toolbar" aria-label="File" className="toolbar">
          <button type="button" onClick={a.newDocument}>New</button>
          <button type="button" onClick={a.open}>Open</button>
          {recentMenu}
          <button type="button" onClick={a.save}>Save</button>
          <button type="button" onClick={a.saveAs}>Save As</button>
          <button type="button" onClick={a.revert} disabled={!canRevert || !dirty} title="Back to the file as last saved">Revert</button>
          <button type="button" onClick={a.examples}>Examples</button>
          <button type="button" onClick={a.importNir} title="Open a NIR graph (.nir) as a new network">Import NIR…</button>
          <button type="button" onClick={a.exportNir} title="Download the network as a NIR graph (.nir)">Export NIR…</button>
        </div>
        <div role="toolbar" aria-label="Edit" className="toolbar">
          <button type="button" onClick={a.undo} disabled={!canUndo} title="Ctrl/Cmd+Z">Undo</button>
          <button type="button" onClick={a.redo} disabled={!canRedo} title="Shift+Ctrl/Cmd+Z">Redo</button>
          <button type="button" onClick={a.duplicate} disabled={!hasSelection} title="Ctrl/Cmd+D">Duplicate</button>
          <button type="button" onClick={a.remove} disabled={!hasSelection} title="Delete">Delete</button>
        </div>
        <div role="toolbar" aria-label="View" className="toolbar">
          <button type="button" onClick={a.autoLayout}>Auto-layout</button>
          <button type="button" onClick={a.zoomToFit}>Zoom to fit</button>
          <button type="button" aria-pressed={showMinimap} onClick={a.toggleMinimap}>Minimap</button>
        </div>
      </>}
      {end}
    </header>
  );
}
