// Turning file text into a document for the editor, or into a clear message when it cannot be opened
// (not JSON, not a network, a newer version, invalid content). The file itself is never touched here.
import { parseDocumentText, formatDiagnostic, type Diagnostic, type NetworkDocument } from '../../shared/graph';

export type OpenOutcome =
  | { ok: true; doc: NetworkDocument; notes: string[] }
  | { ok: false; title: string; message: string; details: string[] };

export function openDocumentText(text: string, fileName: string): OpenOutcome {
  const r = parseDocumentText(text);
  if (r.ok) {
    const notes = [...r.migrated.map((m) => `Updated from an older format (${m}).`),
      ...r.diagnostics.map(formatDiagnostic)];
    return { ok: true, doc: r.doc, notes };
  }
  return { ok: false, title: `Cannot open ${fileName}`, ...explain(r.diagnostics), details: r.diagnostics.map(formatDiagnostic) };
}

function explain(ds: Diagnostic[]): { message: string } {
  const first = ds[0];
  if (first?.path === 'version' && /newer/.test(first.message)) {
    return { message: `It was made by a newer version of SNN Studio. ${first.message.replace(/^the file is/, 'The file is')} It was not changed.` };
  }
  if (first?.path === '' && /not valid JSON/.test(first.message)) {
    return { message: `It is damaged or not a network file: ${first.message}. It was not changed.` };
  }
  if (first?.path === 'format') return { message: `It is not an SNN Studio network file (${first.message}). It was not changed.` };
  return { message: `It is not a valid network: ${ds.length} problem${ds.length === 1 ? '' : 's'} (below). It was not changed.` };
}
