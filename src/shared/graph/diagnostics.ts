// Diagnostics: problems found in a document, each with the JSON path of the offending value, so the CLI can
// print "projections[2].delay.ms: -1 ms is negative" and the editor can mark the node or field.

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** JSON path in the document, e.g. `nodes[0].params.tau_ms`; empty for the whole file. */
  path: string;
  message: string;
  /** Id of the node, projection or monitor the problem belongs to, when there is one. */
  ownerId?: string;
}

export type PathPart = string | number;

/** `['projections', 2, 'delay']` → `projections[2].delay`. Keys that are not identifiers are quoted. */
export function formatPath(parts: readonly PathPart[]): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.path ? `${d.path}: ` : '';
  return `${d.severity}: ${where}${d.message}`;
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

export function error(path: readonly PathPart[], message: string, ownerId?: string): Diagnostic {
  return { severity: 'error', path: formatPath(path), message, ...(ownerId ? { ownerId } : {}) };
}

export function warning(path: readonly PathPart[], message: string, ownerId?: string): Diagnostic {
  return { severity: 'warning', path: formatPath(path), message, ...(ownerId ? { ownerId } : {}) };
}
