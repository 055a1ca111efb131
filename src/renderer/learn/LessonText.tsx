// Draws lesson text (./lesson-text.ts): equations in a serif italic with real sub- and superscripts.
import { useMemo } from 'react';
import { parseLessonText, type Inline, type MathPart } from './lesson-text';

function MathParts({ parts }: { parts: MathPart[] }) {
  return <>{parts.map((p, i) => (p.t === 'sub' ? <sub key={i}>{p.s}</sub> : p.t === 'sup' ? <sup key={i}>{p.s}</sup> : <span key={i}>{p.s}</span>))}</>;
}

function Inlines({ inl }: { inl: Inline[] }) {
  return <>{inl.map((x, i) => (x.t === 'bold' ? <strong key={i}>{x.s}</strong> : x.t === 'code' ? <code key={i}>{x.s}</code>
    : x.t === 'math' ? <span key={i} className="math"><MathParts parts={x.parts} /></span> : <span key={i}>{x.s}</span>))}</>;
}

export function LessonText({ text }: { text: string }) {
  const blocks = useMemo(() => parseLessonText(text), [text]);
  return (
    <div className="lesson-text">
      {blocks.map((b, i) => {
        switch (b.t) {
          case 'p': return <p key={i}><Inlines inl={b.inl} /></p>;
          case 'math': return <p key={i} className="math display"><MathParts parts={b.parts} /></p>;
          case 'list': return <ul key={i}>{b.items.map((it, j) => <li key={j}><Inlines inl={it} /></li>)}</ul>;
          case 'table': return (
            <table key={i}>
              <thead><tr>{b.head.map((c, j) => <th key={j} scope="col"><Inlines inl={c} /></th>)}</tr></thead>
              <tbody>{b.rows.map((r, j) => <tr key={j}>{r.map((c, k) => <td key={k}><Inlines inl={c} /></td>)}</tr>)}</tbody>
            </table>
          );
        }
      })}
    </div>
  );
}
