// Read a network document from disk and judge it: fine (editable), corrupt, from a newer app version, or
// not writable where it is (read-only, with diagnostics and a message). Reading never writes; the caller marks
// read-only paths.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, parseDocumentText, type Diagnostic } from '../../shared/graph';
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
  const doc = judgeDocumentText(path, text);
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
  let newer, loaded;
  try {
    newer = newerVersionOf(text);
    loaded = parseDocumentText(text);
  } catch (e) {
    // A stack overflow on absurdly deep nesting is the content's fault, not the disk's: corrupt, read-only.
    if (!(e instanceof RangeError)) throw e;
    return {
      ...base, readOnly: true, problem: 'corrupt',
      message: `${name} is nested too deeply to read and is open read-only; it will not be overwritten.`,
      diagnostics: [{ severity: 'error', path: '', message: `nested too deeply to read (${e.message})` }],
    };
  }
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
function newerVersionOf(text: string): number | null {
  try {
    const raw = JSON.parse(text) as { format?: unknown; version?: unknown } | null;
    if (raw && raw.format === DOCUMENT_FORMAT && typeof raw.version === 'number' && raw.version > DOCUMENT_VERSION) {
      return raw.version;
    }
  } catch {
    // not JSON: corrupt, judged by parseDocumentText
  }
  return null;
}
