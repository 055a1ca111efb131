// The keyboard of an open menu (the WAI-ARIA menu-button pattern), shared by the top bar's menus and File ›
// Recent: arrows move among the enabled items (wrapping), Escape closes and returns focus to the button, Tab
// closes and lets focus move on.
import type { KeyboardEvent } from 'react';

export function menuKeyDown(e: KeyboardEvent<HTMLElement>, items: readonly HTMLElement[], close: (refocus: boolean) => void): void {
  const at = items.indexOf(document.activeElement as HTMLElement);
  if (e.key === 'Escape') { e.preventDefault(); close(true); }
  else if (e.key === 'ArrowDown') { e.preventDefault(); items[(at + 1) % items.length]?.focus(); }
  else if (e.key === 'ArrowUp') { e.preventDefault(); items[(at - 1 + items.length) % items.length]?.focus(); }
  else if (e.key === 'Tab') close(false);
}
