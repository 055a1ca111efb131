// Keyboard shortcuts of the editor window: undo/redo, duplicate, save/open, copy/paste of nodes as JSON
// (through the system clipboard's copy/paste events, so it works between windows and documents).
import { useEffect } from 'react';

export interface ShortcutActions {
  undo(): void;
  redo(): void;
  duplicate(): void;
  selectAll(): void;
  save(): void;
  saveAs(): void;
  open(): void;
  /** Clipboard text for the selection, or null when nothing is selected. */
  copy(): string | null;
  cut(): string | null;
  paste(text: string): void;
  /** F1 or ? (outside text fields): the Help dialog. */
  help?(): void;
}

/** Every key the editor window answers, for the Help dialog (../components/HelpDialog.tsx). */
export const SHORTCUTS: readonly { keys: string; what: string }[] = [
  { keys: 'F1 or ?', what: 'Help: this list' },
  { keys: 'Ctrl/Cmd+S', what: 'Save' },
  { keys: 'Shift+Ctrl/Cmd+S', what: 'Save As' },
  { keys: 'Ctrl/Cmd+O', what: 'Open' },
  { keys: 'Ctrl/Cmd+Z', what: 'Undo' },
  { keys: 'Shift+Ctrl/Cmd+Z or Ctrl/Cmd+Y', what: 'Redo' },
  { keys: 'Ctrl/Cmd+D', what: 'Duplicate the selected nodes' },
  { keys: 'Ctrl/Cmd+A', what: 'Select every node' },
  { keys: 'Ctrl/Cmd+C / X / V', what: 'Copy, cut, paste nodes (as JSON text, also between windows)' },
  { keys: 'Delete or Backspace', what: 'Delete the selection (on the canvas)' },
  { keys: 'Enter', what: 'On a palette item: add it to the canvas' },
  { keys: 'Ctrl/Cmd+Enter', what: 'In a list field (Pairs): apply it' },
  { keys: 'Escape', what: 'Close a dialog' },
  { keys: 'F5 / F6 / Shift+F5 / F10', what: 'Run, Pause, Stop, Step (desktop app: its Run menu)' },
];

function inTextField(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

export function useShortcuts(a: ShortcutActions): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (a.help && !mod && !e.altKey && (e.key === 'F1' || (e.key === '?' && !inTextField(e.target)))) { e.preventDefault(); a.help(); return; }
      if (!mod || e.altKey) return;
      const k = e.key.toLowerCase();
      if (k === 's') { e.preventDefault(); if (e.shiftKey) a.saveAs(); else a.save(); return; }
      if (k === 'o') { e.preventDefault(); a.open(); return; }
      if (inTextField(e.target)) return; // text fields keep their own undo and selection
      if (k === 'z') { e.preventDefault(); if (e.shiftKey) a.redo(); else a.undo(); }
      else if (k === 'y') { e.preventDefault(); a.redo(); }
      else if (k === 'd') { e.preventDefault(); a.duplicate(); }
      else if (k === 'a') { e.preventDefault(); a.selectAll(); }
    };
    const onCopy = (e: ClipboardEvent, cut = false) => {
      if (inTextField(e.target)) return;
      const text = cut ? a.cut() : a.copy();
      if (text === null || !e.clipboardData) return;
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
    };
    const onCut = (e: ClipboardEvent) => onCopy(e, true);
    const onPaste = (e: ClipboardEvent) => {
      if (inTextField(e.target)) return;
      const text = e.clipboardData?.getData('text/plain');
      if (text) { e.preventDefault(); a.paste(text); }
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
    };
  }, [a]);
}
