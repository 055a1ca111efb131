// A network's thumbnail for the gallery (../editor/thumbnail.ts): inputs and populations as dots, projections as lines.
import { useMemo } from 'react';
import { loadDocument } from '../../shared/graph';
import { thumbnail } from '../editor/thumbnail';

export function Thumbnail({ json }: { json: unknown }) {
  const t = useMemo(() => { const r = loadDocument(json); return r.ok ? thumbnail(r.doc) : null; }, [json]);
  if (!t) return null;
  return (
    <svg className="thumb" width={t.width} height={t.height} viewBox={`0 0 ${t.width} ${t.height}`} aria-hidden="true">
      {t.edges.map((e, i) => (e.self
        ? <circle key={i} cx={e.x1} cy={e.y1 - 7} r={5} className="thumb-edge" fill="none" />
        : <line key={i} x1={e.x1} y1={e.y1} x2={e.x2} y2={e.y2} className="thumb-edge" />))}
      {t.nodes.map((n) => <circle key={n.id} cx={n.x} cy={n.y} r={n.r} className={`thumb-node ${n.kind}`} />)}
    </svg>
  );
}
