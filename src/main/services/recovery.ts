// The recovery file: the renderer autosaves unsaved work here every few seconds; a clean save or close
// clears it, so finding one at start means the last session crashed and its work can be offered back.
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { RecoverySnapshot } from '../../shared/ipc';
import { readJsonFile, writeJsonFile } from './json-store';

export class RecoveryStore {
  constructor(
    private readonly filePath: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async write(text: string, path: string | null, name: string): Promise<RecoverySnapshot> {
    const snap: RecoverySnapshot = { text, path, name, savedAt: this.now().toISOString() };
    await writeJsonFile(this.filePath, snap, false); // one line: no pretty-printing of a document-sized payload
    return snap;
  }

  /** The snapshot left behind, or null. A damaged recovery file reads as null (nothing to offer). */
  async check(): Promise<RecoverySnapshot | null> {
    return readJsonFile(this.filePath, RecoverySnapshot.nullable(), null);
  }

  async clear(): Promise<void> {
    await rm(this.filePath, { force: true });
  }

  /** For the window's last moments: the app may quit before an async removal would finish. */
  clearSync(): void {
    rmSync(this.filePath, { force: true });
  }
}
