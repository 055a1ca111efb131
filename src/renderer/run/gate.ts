// Whether Run (or Train) may start, and why not: fields typed red and not applied (../inspector/drafts.ts),
// errors of the document check, an empty network. Warnings are listed too; they never block
// (docs/editor.md, "Nothing runs on invalid input").
import type { Diagnostic, NetworkDocument } from '../../shared/graph';
import type { InvalidDraft } from '../inspector/drafts';

export interface GateItem {
  text: string;
  /** The red field to go to. */
  fieldId?: string;
  /** The node, projection or monitor the problem belongs to (select it to see its field). */
  ownerId?: string;
}

export interface Gate {
  blocked: boolean;
  blockers: GateItem[];
  warnings: GateItem[];
}

const where = (d: Diagnostic) => (d.path ? `${d.path}: ` : '');

export function runBlockers(doc: NetworkDocument, diagnostics: readonly Diagnostic[], drafts: readonly InvalidDraft[]): Gate {
  const blockers: GateItem[] = [
    ...drafts.map((f) => ({ text: `${f.label}: ${f.error}`, fieldId: f.id })),
    ...diagnostics.filter((d) => d.severity === 'error').map((d) => ({ text: `${where(d)}${d.message}`, ownerId: d.ownerId })),
  ];
  if (!doc.nodes.length) blockers.push({ text: 'the network is empty: add a population or an input first' });
  const warnings = diagnostics.filter((d) => d.severity === 'warning').map((d) => ({ text: `${where(d)}${d.message}`, ownerId: d.ownerId }));
  return { blocked: blockers.length > 0, blockers, warnings };
}
