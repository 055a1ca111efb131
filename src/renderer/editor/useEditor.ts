// React bindings of the editor model: the current document (re-rendering on change) and its diagnostics,
// indexed by owner id for nodes and edges and by JSON path for inspector fields.
import { useMemo, useSyncExternalStore } from 'react';
import { checkDocument, type Diagnostic, type NetworkDocument } from '../../shared/graph';
import type { EditorModel } from './model';

export function useDocument(model: EditorModel): NetworkDocument {
  return useSyncExternalStore(model.subscribe, () => model.document);
}

/** Re-renders on every change (including dirty/undo state, which the document alone does not show). */
export function useRevision(model: EditorModel): number {
  return useSyncExternalStore(model.subscribe, () => model.revision);
}

export interface DiagnosticIndex {
  all: Diagnostic[];
  byOwner: Map<string, Diagnostic[]>;
  byPath: Map<string, Diagnostic[]>;
}

export function useDiagnostics(doc: NetworkDocument): DiagnosticIndex {
  return useMemo(() => {
    const all = checkDocument(doc);
    const byOwner = new Map<string, Diagnostic[]>();
    const byPath = new Map<string, Diagnostic[]>();
    for (const d of all) {
      if (d.ownerId) byOwner.set(d.ownerId, [...(byOwner.get(d.ownerId) ?? []), d]);
      byPath.set(d.path, [...(byPath.get(d.path) ?? []), d]);
    }
    return { all, byOwner, byPath };
  }, [doc]);
}
