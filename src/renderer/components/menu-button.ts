// The WAI-ARIA menu-button pattern, shared by the top bar's menus (./ToolbarMenu.tsx) and File › Recent
// (./RecentMenu.tsx): whether the menu is open, its id and elements, focus on its first item once it is open
// (keyboard users land in the menu), a click away closes it, `close` returns focus to the button when asked,
// and the open menu's keyboard (./menu-keys.ts) over the items `items` selects.
import { useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { menuKeyDown } from './menu-keys';

/**
 * `items`: a selector of the menu's focusable items; `onClose`: also run when the menu is closed by `close`;
 * `ready`: whether the items are there to focus (a menu that loads them: false until they are).
 */
export function useMenuButton(items: string, { onClose, ready = true }: { onClose?: () => void; ready?: boolean } = {}) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open && ready) menu.current?.querySelector<HTMLElement>(items)?.focus();
  }, [open, ready, items]);

  useClickAway(open, root, () => setOpen(false));

  const close = (refocus: boolean) => { setOpen(false); onClose?.(); if (refocus) button.current?.focus(); };
  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => menuKeyDown(e, [...(menu.current?.querySelectorAll<HTMLElement>(items) ?? [])], close);
  return { open, setOpen, close, onMenuKey, menuId, root, button, menu };
}

/** While `open`, a pointer pressed outside `root` calls `away` (a menu closes; also ./ExportMenu.tsx). */
export function useClickAway(open: boolean, root: RefObject<HTMLElement | null>, away: () => void) {
  useEffect(() => {
    if (!open) return;
    const down = (e: PointerEvent) => { if (!root.current?.contains(e.target as Node)) away(); };
    document.addEventListener('pointerdown', down);
    return () => document.removeEventListener('pointerdown', down);
  }, [open, root, away]);
}
