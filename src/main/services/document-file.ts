// Read a network document from disk and judge it: fine (editable), corrupt or from a newer app version
// (read-only, with diagnostics and a message). Reading never writes; the caller marks read-only paths.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, parseDocumentText, type Diagnostic } from '../../shared/graph';
import { MAX_DOCUMENT_CHARS } from '../../shared/ipc';

export interface ReadDocument {
  path: string;
  name: string;
  text: string;
  readOnly: boolean;
  problem: 'corrupt' | 'newer-version' | null;
  message: string;
  diagnostics: Diagnostic[];
}

/** Throws only for I/O problems (missing, unreadable, a folder, too large); bad content is a result. */
export async function readDocumentFile(path: string, maxBytes = MAX_DOCUMENT_CHARS): Promise<ReadDocument> {
  const st = await stat(path);
  if (!st.isFile()) throw new Error(`${path} is not a file`);
  if (st.size > maxBytes) throw new Error(`${basename(path)} is ${st.size} bytes; the limit is ${maxBytes}`);
  const text = await readFile(path, 'utf8');
  return judgeDocumentText(path, text);
}

export function judgeDocumentText(path: string, text: string): ReadDocument {
  const name = basename(path);
  const base = { path, name, text };
  const newer = newerVersionOf(text);
  const loaded = parseDocumentText(text);
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
