// The work behind the files.* IPC calls: dialogs → allow-list → read and judge / atomic save → recent list.
// Dialogs are injected (Electron's in main, fakes in tests), so all of this runs and is tested in plain Node.
import { readBytesCapped, readTextCapped } from './capped-read';
import { basename, resolve } from 'node:path';
import { DOCUMENT_FORMAT, formatDiagnostic, formatPath, loadDocument, readJson } from '../../shared/graph';
import { parseWeightsText } from '../../shared/io/weights';
import {
  MAX_DOCUMENT_CHARS, type ExportNirResult, type ExportWeightsResult, type ImportNirResult, type ImportWeightsResult, type OkResult, type OpenResult, type RecentResult,
  type SaveResult,
} from '../../shared/ipc';
import { writeFileAtomic, type AtomicFsOps } from './atomic-write';
import { canSaveInPlace, readDocumentFile } from './document-file';
import { failure } from './ipc-validation';
import { PathAllowList } from './path-access';
import { RecentFiles } from './recent-files';

/** Why main refuses to save over a read-only file (the save error says it). */
const READ_ONLY_REASON = {
  'newer-version': 'made by a newer version', corrupt: 'it has errors', 'not-writable': 'it cannot be written where it is',
} as const;

/** What a dialog is for: a network document, a weights file of the Training tab, a NIR graph (each its filter). */
export type FileKind = 'document' | 'weights' | 'nir';

export interface FileDialogs {
  /** The file the user picked, or null when they cancelled. `kind` defaults to 'document'. */
  showOpen(kind?: FileKind): Promise<string | null>;
  showSave(suggestedName: string, kind?: FileKind): Promise<string | null>;
}

export const DEFAULT_FILE_NAME = 'network.snn.json';
export const DEFAULT_WEIGHTS_NAME = 'weights.json';
export const DEFAULT_NIR_NAME = 'network.nir';

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

  /**
   * The Training tab's weights export: `text` must be a weights file (the shared format, not checked against
   * any network), then a save dialog and an atomic write. The chosen path is NOT granted (it cannot then be
   * saved over as a document) nor added to the recent list; a path open read-only is never overwritten.
   */
  async exportWeights(text: string, suggestedName = DEFAULT_WEIGHTS_NAME): Promise<ExportWeightsResult> {
    const bad = checkWeightsText(text);
    if (bad) return failure('invalid-payload', bad);
    const chosen = await this.dialogs.showSave(suggestedName, 'weights');
    if (!chosen) return failure('cancelled', 'export cancelled');
    const path = resolve(chosen);
    const why = this.allow.readOnlyReason(path);
    if (why !== undefined) return failure('read-only', `${path} is open read-only (${why}); it will not be overwritten: choose another name`);
    try {
      await writeFileAtomic(path, text, { ops: this.fsOps });
    } catch (e) {
      return failure('io', `cannot save ${basename(path)}: ${describeIoError(e)} (the file on disk is unchanged)`);
    }
    return { ok: true, path, name: basename(path), savedAt: new Date().toISOString() };
  }

  /** The Training tab's Load weights: open dialog, then the file's text. Main does not judge the content. */
  async importWeights(maxBytes = MAX_DOCUMENT_CHARS): Promise<ImportWeightsResult> {
    const chosen = await this.dialogs.showOpen('weights');
    if (!chosen) return failure('cancelled', 'open cancelled');
    const path = resolve(chosen);
    try {
      return { ok: true, path, name: basename(path), text: await readTextCapped(path, maxBytes) };
    } catch (e) {
      return failure('io', `cannot open ${basename(path)}: ${describeIoError(e)}`);
    }
  }

  /**
   * File › Export NIR…: `text` must be a valid network document; it is turned into a NIR graph (the shared code
   * of `snn export --format nir`, loaded on first use) before any dialog, so a network NIR cannot hold is refused
   * with the node and the reason and nothing is asked or written. Then a save dialog and an atomic write; like a
   * weights export the path is neither granted nor remembered, and a file open read-only is never overwritten.
   */
  async exportNir(text: string, suggestedName = DEFAULT_NIR_NAME): Promise<ExportNirResult> {
    const bad = checkDocumentText(text);
    if (bad) return failure('invalid-payload', bad);
    const parsed = readJson(text); // known to parse: checkDocumentText read it
    const loaded = loadDocument(parsed.ok ? parsed.value : null);
    if (!loaded.ok) return failure('invalid-payload', `cannot export NIR: the network is not valid (${loaded.diagnostics.map(formatDiagnostic).join('; ')})`);
    const nir = await import('../../shared/interop/nir');
    let bytes: Uint8Array, warnings: string[];
    try {
      const r = nir.documentToNir(loaded.doc);
      warnings = r.warnings;
      bytes = await nir.writeNir(r.graph);
    } catch (e) {
      return failure('invalid-payload', e instanceof Error ? e.message : String(e));
    }
    const chosen = await this.dialogs.showSave(suggestedName, 'nir');
    if (!chosen) return failure('cancelled', 'export cancelled');
    const path = resolve(chosen);
    const why = this.allow.readOnlyReason(path);
    if (why !== undefined) return failure('read-only', `${path} is open read-only (${why}); it will not be overwritten: choose another name`);
    try {
      await writeFileAtomic(path, bytes, { ops: this.fsOps });
    } catch (e) {
      return failure('io', `cannot save ${basename(path)}: ${describeIoError(e)} (the file on disk is unchanged)`);
    }
    return { ok: true, path, name: basename(path), savedAt: new Date().toISOString(), warnings };
  }

  /** File › Import NIR…: open dialog, then the file read into a network document (its text). A file that is not
   *  NIR, is malformed or holds unsupported nodes is "invalid-payload" with the HDF5 path or the nodes named. */
  async importNir(maxBytes = MAX_DOCUMENT_CHARS): Promise<ImportNirResult> {
    const chosen = await this.dialogs.showOpen('nir');
    if (!chosen) return failure('cancelled', 'open cancelled');
    const path = resolve(chosen);
    let bytes: Buffer;
    try {
      bytes = await readBytesCapped(path, maxBytes);
    } catch (e) {
      return failure('io', `cannot open ${basename(path)}: ${describeIoError(e)}`);
    }
    const nir = await import('../../shared/interop/nir');
    try {
      const graph = await nir.readNir(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
      const doc = nir.nirToDocument(graph, { name: basename(path).replace(/\.(nir|h5|hdf5)$/i, '') });
      return { ok: true, path, name: basename(path), text: JSON.stringify(doc, null, 2) + '\n' };
    } catch (e) {
      return failure('invalid-payload', `${basename(path)}: ${e instanceof Error ? e.message : String(e)}`);
    }
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
  // The bounded reader (docs/file-format.md, "Limits"), not JSON.parse: a renderer could send deep or huge text.
  const r = readJson(text);
  if (!r.ok) return `refusing to save: the document text is not JSON a document can hold (${r.path.length ? `${formatPath(r.path)}: ` : ''}${r.message})`;
  const raw = r.value;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as { format?: unknown }).format !== DOCUMENT_FORMAT) {
    return `refusing to save: not a network document (format must be "${DOCUMENT_FORMAT}")`;
  }
  return null;
}

/** Main writes weights files only in the shared weights format (src/shared/io/weights.ts; the network match is
 *  the renderer's business). Returns why not, or null. */
export function checkWeightsText(text: string): string | null {
  const r = parseWeightsText(text);
  if (r.ok) return null;
  const first = r.diagnostics.find((d) => d.severity === 'error') ?? r.diagnostics[0];
  const where = first && first.path ? `${first.path}: ` : '';
  return `refusing to export: not a weights file (${where}${first?.message ?? 'invalid'})`;
}
