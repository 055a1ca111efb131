// The shader panel (lazy-loaded by ./ShaderSection.tsx): the WGSL kernels the compiler generates for the
// selected population or projection, read-only in CodeMirror with WGSL highlighting, and each kernel's
// buffer layout. Recompiles (debounced) as the network changes; a compile error is a message, not a crash.
import { useEffect, useRef, useState } from 'react';
import { EditorState } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import { HighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import type { NetworkDocument } from '../../shared/graph';
import { shadersForNode, type NodeShaders } from './node-kernels';
import { wgslParser } from './wgsl-mode';

/** Waits this long after the last edit before recompiling (typing in a field edits on every commit). */
const DEBOUNCE_MS = 250;
const wgsl = StreamLanguage.define(wgslParser);
// Colours for the app's dark theme (the legacy token names of ./wgsl-mode.ts map to these tags).
const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: '#c792ea' },
  { tag: tags.typeName, color: '#82aaff' },
  { tag: tags.meta, color: '#ffb547' },
  { tag: tags.number, color: '#f78c6c' },
  { tag: tags.atom, color: '#f78c6c' },
  { tag: tags.comment, color: '#8a92a3', fontStyle: 'italic' },
  { tag: tags.standard(tags.variableName), color: '#4fd18b' },
  { tag: tags.operator, color: '#89ddff' },
]);

export function ShaderPanel({ doc, id }: { doc: NetworkDocument; id: string }) {
  const [result, setResult] = useState<NodeShaders | null>(null);
  const [pick, setPick] = useState<string | null>(null);
  useEffect(() => {
    const t = setTimeout(() => setResult(shadersForNode(doc, id)), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [doc, id]);

  if (!result) return <p className="muted">Compiling…</p>;
  if (!result.ok) return <p className="shader-error" role="status">{result.message}</p>;
  if (!result.kernels.length) return <p className="muted">{result.note ?? 'No kernels.'}</p>;
  const kernel = result.kernels.find((k) => k.name === pick) ?? result.kernels[0];
  return (
    <div className="shader-panel" aria-label="Shaders">
      {result.note && <p className="muted">{result.note}</p>}
      <label className="field">
        <span>Kernel</span>
        <select aria-label="Kernel" value={kernel.name} onChange={(e) => setPick(e.target.value)}>
          {result.kernels.map((k) => <option key={k.name} value={k.name}>{k.name}</option>)}
        </select>
      </label>
      <div className="shader-layout-wrap">
      <table className="shader-layout" aria-label="Buffer layout">
        <thead><tr><th title="@group / @binding">group/binding</th><th>buffer</th><th>type</th><th>bytes</th></tr></thead>
        <tbody>
          {kernel.layout.map((l) => (
            <tr key={l.binding}>
              <td>{l.group}/{l.binding}</td>
              <td title={`var<${l.access}> ${l.variable}`}>{l.buffer}</td>
              <td>{l.type}{l.access.includes('read_write') ? ' (rw)' : ''}</td>
              <td>{l.bytes.toLocaleString('en')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <CodeView code={kernel.code} />
    </div>
  );
}

function CodeView({ code }: { code: string }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: '',
        extensions: [EditorState.readOnly.of(true), EditorView.editable.of(false), lineNumbers(), wgsl, syntaxHighlighting(highlight), EditorView.theme({ '.cm-gutters': { background: 'var(--panel-2)', color: 'var(--muted)', border: 'none' } }, { dark: true })],
      }),
    });
    view.current = v;
    return () => { v.destroy(); view.current = null; };
  }, []);
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== code) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: code } });
  }, [code]);
  return <div className="shader-code" ref={host} aria-label="WGSL code" />;
}
