// The file picker of the Training tab's Data file… (docs/training.md, "Your own data").
import type { FileSystemFileHandleLike } from '../platform/types';
import { pickWithInput } from '../platform/web';

export const DATA_FILE_ACCEPT = '.h5,.hdf5,.csv,.json';

interface PickerWindow { showOpenFilePicker?: (o: unknown) => Promise<FileSystemFileHandleLike[]> }

/** Let the user choose a data file: the open picker where the browser has one, else a hidden <input type=file>
 *  (in Electron both open the native dialog). Resolves null when the user cancels. */
export async function pickDataFile(win: Window = window): Promise<File | null> {
  const pw = win as unknown as PickerWindow;
  if (pw.showOpenFilePicker) {
    try {
      const [handle] = await pw.showOpenFilePicker({ multiple: false, types: [{ description: 'Spike data', accept: { 'application/octet-stream': ['.h5', '.hdf5', '.csv', '.json'] } }] });
      return await handle.getFile();
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return null;
      throw e;
    }
  }
  return pickWithInput(win.document, DATA_FILE_ACCEPT);
}
