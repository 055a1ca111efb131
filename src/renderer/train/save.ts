// Saving a text file the user names (the exported weights): in a browser with the File System Access API its
// save picker, else a download (<a download>). Electron's file IPC writes network documents only (main checks
// them), so the desktop app uses the download path too: Electron asks where to save a download.
import type { FileSystemFileHandleLike } from '../platform/types';
import { downloadText } from '../platform/web';

interface PickerWindow {
  showSaveFilePicker?: (o: unknown) => Promise<FileSystemFileHandleLike>;
  snn?: unknown;
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
