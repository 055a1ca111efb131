// The work behind the files.* IPC calls: dialogs → allow-list → read and judge / atomic save → recent list.
// Dialogs are injected (Electron's in main, fakes in tests), so all of this runs and is tested in plain Node.
import { basename } from 'node:path';
import { DOCUMENT_FORMAT } from '../../shared/graph';
import type { OkResult, OpenResult, RecentResult, SaveResult } from '../../shared/ipc';
import { writeFileAtomic, type AtomicFsOps } from './atomic-write';
import { canSaveInPlace, readDocumentFile } from './document-file';
import { failure } from './ipc-validation';
import { PathAllowList } from './path-access';
import { RecentFiles } from './recent-files';

/** Why main refuses to save over a read-only file (the save error says it). */
const READ_ONLY_REASON = {
  'newer-version': 'made by a newer version', corrupt: 'it has errors', 'not-writable': 'it cannot be written where it is',
} as const;

export interface FileDialogs {
  /** The file the user picked, or null when they cancelled. */
  showOpen(): Promise<string | null>;
  showSave(suggestedName: string): Promise<string | null>;
}

export const DEFAULT_FILE_NAME = 'network.snn.json';

export function describeIoError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT': return 'no such file or folder';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ENOSPC': return 'the disk is full';
    case 'EROFS': return 'the disk is read-only';
    case 'EISDIR': return 'it is a folder';
    default: return err instanceof Error ? err.message : String(e);
  }
}

export class FileService {
  constructor(
    readonly allow: PathAllowList,
    private readonly recent: RecentFiles,
    private readonly dialogs: FileDialogs,
    private readonly fsOps?: AtomicFsOps,
    /** Whether a path can be saved in place (injectable: tests run as root, who may write anywhere). */
    private readonly writable: (path: string) => Promise<boolean> = canSaveInPlace,
  ) {}

  /** Grant the recent list's files (the user opened each of them before). Call once at start. */
  async init(): Promise<void> {
    await this.listRecent();
  }

  /** A path the OS handed us (command line, double-click, second instance): the user chose it. */
  grantFromOs(path: string): string {
    return this.allow.grant(path);
  }

  async open(): Promise<OpenResult> {
    const path = await this.dialogs.showOpen();
    if (!path) return failure('cancelled', 'open cancelled');
    this.allow.grant(path);
    return this.read(path);
  }

  async openRecent(path: string): Promise<OpenResult> {
    const access = this.allow.check(path, 'read');
    if (!access.ok) return failure(access.code, access.error);
    return this.read(access.path);
  }

  private async read(path: string): Promise<OpenResult> {
    let doc;
    try {
      doc = await readDocumentFile(path, undefined, this.writable);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') await this.recent.remove(path).catch(() => undefined);
      return failure('io', `cannot open ${basename(path)}: ${describeIoError(e)}`);
    }
    if (doc.readOnly) this.allow.markReadOnly(path, READ_ONLY_REASON[doc.problem ?? 'corrupt']);
    else this.allow.clearReadOnly(path);
    await this.recent.add(path).catch(() => undefined); // a broken recent store must not block opening
    return { ok: true, ...doc };
  }

  async save(text: string, path?: string): Promise<SaveResult> {
    if (path === undefined) return this.saveAs(text);
    const access = this.allow.check(path, 'write');
    if (!access.ok) return failure(access.code, access.error);
    return this.write(access.path, text);
  }

  async saveAs(text: string, suggestedName = DEFAULT_FILE_NAME): Promise<SaveResult> {
    const bad = checkDocumentText(text);
    if (bad) return failure('invalid-payload', bad);
    const chosen = await this.dialogs.showSave(suggestedName);
    if (!chosen) return failure('cancelled', 'save cancelled');
    const path = this.allow.grant(chosen);
    const access = this.allow.check(path, 'write');
    if (!access.ok) return failure(access.code, access.error);
    return this.write(path, text);
  }

  private async write(path: string, text: string): Promise<SaveResult> {
    const bad = checkDocumentText(text);
    if (bad) return failure('invalid-payload', bad);
    try {
      await writeFileAtomic(path, text, { backup: true, ops: this.fsOps });
    } catch (e) {
      return failure('io', `cannot save ${basename(path)}: ${describeIoError(e)} (the file on disk is unchanged)`);
    }
    await this.recent.add(path).catch(() => undefined);
    return { ok: true, path, name: basename(path), savedAt: new Date().toISOString() };
  }

  async listRecent(): Promise<RecentResult> {
    const files = await this.recent.list();
    for (const f of files) this.allow.grant(f.path); // listed in the app's own menu: the user opened these
    return { ok: true, files };
  }

  async clearRecent(): Promise<OkResult> {
    await this.recent.clear();
    return { ok: true };
  }
}

/** Main writes only network documents: JSON objects with our `format` (not necessarily error-free: the
 *  user's unfinished work must be savable). Returns why not, or null. */
export function checkDocumentText(text: string): string | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return 'refusing to save: the document text is not JSON';
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== DOCUMENT_FORMAT) {
    return `refusing to save: not a network document (format must be "${DOCUMENT_FORMAT}")`;
  }
  return null;
}
