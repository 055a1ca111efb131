// Saving a text file the user names (the exported weights): in a browser with the File System Access API its
// save picker, else a download (<a download>). Electron's file IPC writes network documents only (main checks
// them), so the desktop app uses the download path too: Electron asks where to save a download.
import type { FileSystemFileHandleLike } from '../platform/types';

interface PickerWindow {
  showSaveFilePicker?: (o: unknown) => Promise<FileSystemFileHandleLike>;
  snn?: unknown;
}

export function downloadText(text: string, name: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** 'saved' (or handed to the browser's download), or 'cancelled' when the user closed the picker. */
export async function saveTextFile(text: string, name: string, win: Window = window): Promise<'saved' | 'cancelled'> {
  const pw = win as unknown as PickerWindow;
  if (pw.showSaveFilePicker && !pw.snn) {
    try {
      const handle = await pw.showSaveFilePicker({ suggestedName: name, types: [{ description: 'SNN weights', accept: { 'application/json': ['.json'] } }] });
      const w = await handle.createWritable();
      await w.write(text);
      await w.close();
      return 'saved';
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return 'cancelled';
      throw e;
    }
  }
  downloadText(text, name, win.document);
  return 'saved';
}
