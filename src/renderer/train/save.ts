// Saving a text file the user names (the exported weights): in Electron (`window.snn`) main's native save
// dialog and atomic write (files.exportWeights: main checks the text is a weights file); in a browser with the
// File System Access API its save picker, else a download (<a download>).
import type { SnnApi } from '../../shared/ipc';
import type { FileSystemFileHandleLike } from '../platform/types';
import { downloadText } from '../platform/web';

interface PickerWindow {
  showSaveFilePicker?: (o: unknown) => Promise<FileSystemFileHandleLike>;
  snn?: SnnApi;
}

/** 'saved' (or handed to the browser's download), or 'cancelled' when the user closed the picker. A refusal or
 *  an I/O failure in Electron throws an Error with main's sentence. */
export async function saveTextFile(text: string, name: string, win: Window = window): Promise<'saved' | 'cancelled'> {
  const pw = win as unknown as PickerWindow;
  if (pw.snn) {
    const r = await pw.snn.files.exportWeights(text, name);
    if (r.ok) return 'saved';
    if (r.code === 'cancelled') return 'cancelled';
    throw new Error(r.error);
  }
  if (pw.showSaveFilePicker) {
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
