// Fields whose typed value is invalid (red) and so not applied to the document. The document stays valid, so
// its check cannot see them; Run and Train read this list to refuse to start while any field is red, and say
// which (docs/editor.md, "Nothing runs on invalid input"). One list per page: every form field reports here.
import { useSyncExternalStore } from 'react';

export interface InvalidDraft {
  /** The field's input element id (focus it to go to the field). */
  id: string;
  label: string;
  error: string;
}

export class DraftRegistry {
  private entries = new Map<string, InvalidDraft>();
  private snapshot: InvalidDraft[] = [];
  private listeners = new Set<() => void>();

  subscribe = (l: () => void) => { this.listeners.add(l); return () => { this.listeners.delete(l); }; };
  list = () => this.snapshot;

  /** Records (or with null clears) the invalid draft of field `id`. */
  set(id: string, entry: InvalidDraft | null) {
    const old = this.entries.get(id);
    if (!entry ? !old : old && old.label === entry.label && old.error === entry.error) return;
    if (entry) this.entries.set(id, entry); else this.entries.delete(id);
    this.snapshot = [...this.entries.values()];
    for (const l of [...this.listeners]) l();
  }
}

export const invalidDrafts = new DraftRegistry();

export function useInvalidDrafts(registry: DraftRegistry = invalidDrafts): InvalidDraft[] {
  return useSyncExternalStore(registry.subscribe, registry.list);
}

/** Where a field is, for a message: the labelled region holding it ("Run controls", "Inspector"). */
export function regionOf(id: string): string | null {
  return document.getElementById(id)?.closest('[aria-label]')?.getAttribute('aria-label') ?? null;
}

/** Brings a field into view and puts the cursor in it. */
export function focusField(id: string) {
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView({ block: 'nearest' });
  el.focus();
}
