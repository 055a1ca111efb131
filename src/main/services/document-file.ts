// Read a network document from disk and judge it: fine (editable), corrupt, from a newer app version, or
// not writable where it is (read-only, with diagnostics and a message). Reading never writes; the caller marks
// read-only paths.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { basename, dirname } from 'node:path';
import { DOCUMENT_FORMAT, DOCUMENT_MAX_CHARS, DOCUMENT_VERSION, loadDocument, parseDocumentText, readJson, type Diagnostic } from '../../shared/graph';
import { MAX_DOCUMENT_CHARS } from '../../shared/ipc';
import { readTextCapped } from './capped-read';

export interface ReadDocument {
  path: string;
  name: string;
  text: string;
  readOnly: boolean;
  problem: 'corrupt' | 'newer-version' | 'not-writable' | null;
  message: string;
  diagnostics: Diagnostic[];
}

/**
 * Throws only for I/O problems (missing, unreadable, a folder, too large); bad content is a result. A valid
 * document that cannot be saved in place opens read-only as 'not-writable' (`writable` is injectable because
 * tests run as root here, and root may write to files without write permission).
 */
export async function readDocumentFile(path: string, maxBytes = MAX_DOCUMENT_CHARS, writable = canSaveInPlace): Promise<ReadDocument> {
  const text = await readTextCapped(path, maxBytes);
  // Large documents are judged in a worker thread (judgeDocument below), keeping main's event loop free.
  const doc = await judgeDocument(path, text);
  if (doc.problem === null && !(await writable(path))) {
    return {
      ...doc, readOnly: true, problem: 'not-writable',
      message: `${doc.name} cannot be written where it is (no permission, or a read-only disk). ` +
        'It is open read-only; use Save As to keep your changes in a new file.',
    };
  }
  return doc;
}

/**
 * Saving is atomic (a temporary file in the same folder renamed over the original, plus a .bak), so both the
 * file and its folder must be writable.
 */
export async function canSaveInPlace(path: string): Promise<boolean> {
  try {
    await access(path, constants.W_OK);
    await access(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export function judgeDocumentText(path: string, text: string): ReadDocument {
  const name = basename(path);
  const base = { path, name, text };
  // One bounded read (src/shared/graph/json-reader.ts: linear, depth-limited, duplicate keys refused) serves
  // both the version check and loading; text it refuses goes to parseDocumentText for the diagnostics.
  const read = readJson(text, { maxChars: DOCUMENT_MAX_CHARS });
  const newer = read.ok ? newerVersionOf(read.value) : null;
  const loaded = read.ok ? loadDocument(read.value) : parseDocumentText(text);
  if (newer !== null) {
    return {
      ...base, readOnly: true, problem: 'newer-version',
      message: `${name} was made by a newer SNN Studio (file version ${newer}, this app reads up to ${DOCUMENT_VERSION}). ` +
        'It is open read-only and will not be overwritten; update the app to edit it.',
      diagnostics: loaded.diagnostics,
    };
  }
  if (!loaded.ok) {
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    const first = errors[0];
    const where = first ? ` First: ${first.path ? `${first.path}: ` : ''}${first.message}.` : '';
    return {
      ...base, readOnly: true, problem: 'corrupt',
      message: `${name} has ${errors.length} problem${errors.length === 1 ? '' : 's'} and is open read-only; ` +
        `it will not be overwritten (use Save As for a repaired copy).${where}`,
      diagnostics: loaded.diagnostics,
    };
  }
  const message = loaded.migrated.length
    ? `${name} was made by an older SNN Studio; saving upgrades it and keeps the old file as ${name}.bak.`
    : '';
  return { ...base, readOnly: false, problem: null, message, diagnostics: loaded.diagnostics };
}

/** The file's version when it is an SNN document newer than this app reads, else null. */
function newerVersionOf(raw: unknown): number | null {
  const doc = raw as { format?: unknown; version?: unknown } | null;
  if (doc && typeof doc === 'object' && doc.format === DOCUMENT_FORMAT && typeof doc.version === 'number' && doc.version > DOCUMENT_VERSION) {
    return doc.version;
  }
  return null;
}

// Large documents are judged off the main thread (docs/electron.md, "Large documents"): below
// WORKER_MIN_CHARS the work takes milliseconds and a thread would cost more than it saves; above, it runs in
// the worker built from src/main/document-worker.ts. Without a worker file (unit tests of the services, a
// build that lacks it) or when the worker fails to start, the document is judged in this thread, as before.
/** Documents of at least this many characters are judged in a worker thread (1 MiB takes about 0.1 s; docs/electron.md, "Large documents"). */
export const WORKER_MIN_CHARS = 2 ** 20;

let workerFile: string | null = null;

/** Where the built worker is (main's index.ts: out/main/document-worker.cjs); null judges in this thread. */
export function setDocumentWorkerFile(file: string | null): void {
  workerFile = file;
}

/** judgeDocumentText in a worker thread; rejects when the worker cannot start or dies. */
export function judgeInWorker(file: string, path: string, text: string): Promise<ReadDocument> {
  return new Promise((resolve, reject) => {
    const w = new Worker(file, { workerData: { path, text } });
    let done = false;
    w.once('message', (verdict: Omit<ReadDocument, 'text'>) => { done = true; resolve({ ...verdict, text }); void w.terminate(); });
    w.once('error', (e) => { done = true; reject(e); });
    w.once('exit', (code) => { if (!done) reject(new Error(`the document worker exited with code ${code}`)); });
  });
}

export async function judgeDocument(path: string, text: string): Promise<ReadDocument> {
  if (workerFile === null || text.length < WORKER_MIN_CHARS) return judgeDocumentText(path, text);
  try {
    return await judgeInWorker(workerFile, path, text);
  } catch (e) {
    console.error(`document worker failed (${(e as Error).message}); judging ${path} on the main thread`);
    return judgeDocumentText(path, text);
  }
}
