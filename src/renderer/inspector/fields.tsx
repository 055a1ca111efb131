// Inspector form fields: a visible label that is also the accessible name, the unit and range beside the
// input, the description below, validation as you type, and commit on Enter or leaving the field.
import { useEffect, useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { invalidDrafts } from './drafts';

interface Common {
  label: string;
  unit?: string;
  /** "0 … 1e6", "> 0": shown beside the unit. */
  range?: string;
  description?: string;
  /** Problems the document check reports for this field (shown until fixed). */
  docErrors?: string[];
  disabled?: boolean;
}

function FieldShell({ id, label, unit, range, description, error, children }: Common & { id: string; error: string | null; children: ReactNode }) {
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="field-input">
        {children}
        {(unit || range) && <span className="field-unit">{[unit, range && `(${range})`].filter(Boolean).join(' ')}</span>}
      </div>
      {error && <div className="field-error" id={`${id}-error`}>{error}</div>}
      {description && <div className="field-desc" id={`${id}-desc`}>{description}</div>}
    </div>
  );
}

function describedBy(id: string, error: string | null, description?: string) {
  return [error ? `${id}-error` : '', description ? `${id}-desc` : ''].filter(Boolean).join(' ') || undefined;
}

type TextProps = Common & { value: string; onCommit: (v: string) => string | null; validate?: (v: string) => string | null };

/** A text draft over the document's value: checked as typed, committed when valid and changed, reset when the
 *  document changes under it (commit, undo, another field) or on Escape. A draft that is invalid (or refused)
 *  is reported to the page's list of red fields (./drafts.ts) until it is fixed, reverted or the field goes. */
function useTextDraft(props: TextProps, id: string) {
  const [draft, setDraft] = useState(props.value);
  const [refused, setRefused] = useState<string | null>(null);
  const [shown, setShown] = useState(props.value);
  if (shown !== props.value) {
    setShown(props.value);
    setDraft(props.value);
    setRefused(null);
  }
  const local = props.validate?.(draft) ?? null;
  const error = local ?? refused ?? props.docErrors?.[0] ?? null;
  const commit = () => {
    if (local || draft === props.value) return;
    setRefused(props.onCommit(draft));
  };
  const edit = (v: string) => { setDraft(v); setRefused(null); };
  const revert = () => { setDraft(props.value); setRefused(null); };
  const unapplied = draft !== props.value ? local ?? refused : null;
  useEffect(() => { invalidDrafts.set(id, unapplied ? { id, label: props.label, error: unapplied } : null); }, [id, unapplied, props.label]);
  useEffect(() => () => invalidDrafts.set(id, null), [id]);
  return { draft, error, commit, edit, revert };
}

/** Text committed on Enter/blur; `onCommit` returns a reason when the model refuses it. */
export function TextField(props: TextProps) {
  const id = useId();
  const { draft, error, commit, edit, revert } = useTextDraft(props, id);
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') commit();
    if (e.key === 'Escape') revert();
  };
  return (
    <FieldShell {...props} id={id} error={error}>
      <input id={id} type="text" value={draft} disabled={props.disabled} spellCheck={false} title={draft /* the whole text where the field cuts it */}
        aria-invalid={!!error} aria-describedby={describedBy(id, error, props.description)}
        onChange={(e) => edit(e.target.value)} onBlur={commit} onKeyDown={onKey} />
    </FieldShell>
  );
}

/** Several lines of text (one item a line), committed on Ctrl/Cmd+Enter or leaving the field; Escape goes
 *  back to the document's value. Each line of the error (e.g. "Line 3: …") is shown on its own line. */
export function TextAreaField(props: TextProps & { rows?: number }) {
  const id = useId();
  const { draft, error, commit, edit, revert } = useTextDraft(props, id);
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); commit(); }
    if (e.key === 'Escape') revert();
  };
  return (
    <FieldShell {...props} id={id} error={error}>
      <textarea id={id} value={draft} rows={props.rows ?? 6} disabled={props.disabled} spellCheck={false}
        aria-invalid={!!error} aria-describedby={describedBy(id, error, props.description)}
        onChange={(e) => edit(e.target.value)} onBlur={commit} onKeyDown={onKey} />
    </FieldShell>
  );
}

/** A number typed as text (so half-typed values like "-" or "1e" are allowed while typing). */
export function NumberField(props: Common & {
  value: number; integer?: boolean;
  validate?: (n: number) => string | null;
  onCommit: (n: number) => string | null;
}) {
  const parse = (s: string): { n: number } | { error: string } => {
    const t = s.trim();
    if (t === '') return { error: 'enter a number' };
    const n = Number(t);
    if (!Number.isFinite(n)) return { error: `"${t}" is not a number` };
    if (props.integer && !Number.isInteger(n)) return { error: 'must be a whole number' };
    return { n };
  };
  return (
    <TextField {...props} value={String(props.value)}
      validate={(s) => { const r = parse(s); return 'error' in r ? r.error : props.validate?.(r.n) ?? null; }}
      onCommit={(s) => { const r = parse(s); return 'n' in r && r.n !== props.value ? props.onCommit(r.n) : null; }} />
  );
}

export function SelectField<T extends string>(props: Common & { value: T; options: readonly { value: T; label: string }[]; onChange: (v: T) => void }) {
  const id = useId();
  const error = props.docErrors?.[0] ?? null;
  return (
    <FieldShell {...props} id={id} error={error}>
      <select id={id} value={props.value} disabled={props.disabled} aria-invalid={!!error}
        aria-describedby={describedBy(id, error, props.description)} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </FieldShell>
  );
}

export function CheckField(props: Common & { value: boolean; onChange: (v: boolean) => void }) {
  const id = useId();
  const error = props.docErrors?.[0] ?? null;
  return (
    <div className={`field check${error ? ' invalid' : ''}`}>
      <input id={id} type="checkbox" checked={props.value} disabled={props.disabled} aria-invalid={!!error}
        aria-describedby={describedBy(id, error, props.description)} onChange={(e) => props.onChange(e.target.checked)} />
      <label htmlFor={id}>{props.label}</label>
      {error && <div className="field-error" id={`${id}-error`}>{error}</div>}
      {props.description && <div className="field-desc" id={`${id}-desc`}>{props.description}</div>}
    </div>
  );
}

/** Bounds this large are the catalogue's guards against runaway numbers, not something a user needs to know. */
const SANITY_BOUND = 1e6;

/** "> 0", "≥ 0, ≤ 1" from a parameter's bounds; a bound of magnitude 1e6 or more is left out (it told nothing:
 *  "(≥ -1000000, ≤ 1000000)" on every unitless parameter), and undefined when nothing is left. */
export function rangeText(min?: number, max?: number, minExclusive?: boolean): string | undefined {
  const lo = min === undefined || Math.abs(min) >= SANITY_BOUND ? '' : `${minExclusive ? '>' : '≥'} ${min}`;
  const hi = max === undefined || Math.abs(max) >= SANITY_BOUND ? '' : `≤ ${max}`;
  return [lo, hi].filter(Boolean).join(', ') || undefined;
}
