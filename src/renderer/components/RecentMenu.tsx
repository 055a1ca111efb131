// File › Recent: a menu button listing the files opened or saved lately (newest first), opening one on
// click, and Clear recent. The list is read from the platform each time the menu opens. Where the host keeps
// no recent files (the web build without the File System Access API) the button is inert and says why.
import { useEffect, useState } from 'react';
import type { RecentItem } from '../platform';
import { useMenuButton } from './menu-button';

interface Props {
  recent: { readonly unavailable?: string; list(): Promise<RecentItem[]>; clear(): Promise<void> };
  onOpen(item: RecentItem): void;
  notify(m: string, kind?: 'info' | 'error'): void;
}

export function RecentMenu({ recent, onOpen, notify }: Props) {
  const [items, setItems] = useState<RecentItem[] | null>(null);
  const { open, setOpen, close, onMenuKey, menuId, root, button, menu } =
    useMenuButton('[role="menuitem"]:not([aria-disabled="true"])', { onClose: () => setItems(null), ready: items !== null });

  useEffect(() => {
    if (!open) return;
    let live = true;
    recent.list().then((l) => { if (live) setItems(l); }, () => { if (live) setItems([]); });
    return () => { live = false; };
  }, [open, recent]);

  if (recent.unavailable) {
    return <button type="button" aria-disabled="true" className="inert" title={recent.unavailable}>Recent</button>;
  }
  return (
    <div className="menu-anchor" ref={root}>
      <button type="button" ref={button} aria-haspopup="menu" aria-expanded={open} aria-controls={open ? menuId : undefined}
        title="Files opened or saved lately" onClick={() => (open ? close(false) : setOpen(true))}>Recent</button>
      {open && (
        <div className="menu" role="menu" id={menuId} aria-label="Recent" ref={menu} onKeyDown={onMenuKey}>
          {items === null && <div role="menuitem" aria-disabled="true" className="menu-note">Loading…</div>}
          {items?.length === 0 && <div role="menuitem" aria-disabled="true" className="menu-note">No recent files</div>}
          {items?.map((it, i) => (
            <button type="button" role="menuitem" key={`${i}:${it.name}`} title={it.detail ?? `Opened ${new Date(it.openedAt).toLocaleString()}`}
              onClick={() => { close(false); onOpen(it); }}>{it.name}</button>
          ))}
          {items && items.length > 0 && <>
            <div role="separator" />
            <button type="button" role="menuitem" onClick={() => {
              close(true);
              recent.clear().then(() => notify('Cleared the recent files'), (e: unknown) => notify(`Could not clear the recent files: ${e instanceof Error ? e.message : String(e)}`, 'error'));
            }}>Clear recent</button>
          </>}
        </div>
      )}
    </div>
  );
}
