// The top bar: the document's name with its unsaved mark, and the File, Edit and View actions.
import type { ReactNode } from 'react';

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

export function TopBar({ name, fileName, dirty, canRevert, canUndo, canRedo, hasSelection, showMinimap, recentMenu, end, actions: a }: Props) {
  return (
    <header className="topbar">
      <span className="brand" aria-hidden="true">◆</span>
      <div className="doc-title">
        <h1>{name}{dirty && <span className="dirty-mark" title="Unsaved changes"> •<span className="sr-only"> (unsaved changes)</span></span>}</h1>
        {fileName && <span className="file-name">{fileName}</span>}
      </div>
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
      {end}
    </header>
  );
}
