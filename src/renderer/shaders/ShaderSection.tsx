// The inspector's "Shaders" section: a disclosure that, once opened, loads the shader panel (CodeMirror and
// the compiler's program builder stay out of the main bundle until then) for the selected node.
import { lazy, Suspense } from 'react';
import type { NetworkDocument } from '../../shared/graph';

const ShaderPanel = lazy(() => import('./ShaderPanel').then((m) => ({ default: m.ShaderPanel })));

export function ShaderSection({ doc, id, open, onToggle }: { doc: NetworkDocument; id: string; open: boolean; onToggle: (open: boolean) => void }) {
  return (
    <details className="shader-section" open={open} onToggle={(e) => onToggle((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Shaders (generated WGSL)</summary>
      {open && (
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <ShaderPanel doc={doc} id={id} />
        </Suspense>
      )}
    </details>
  );
}
