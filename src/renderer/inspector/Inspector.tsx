// The inspector panel: the selected node or projection, or (nothing selected) the network's name,
// description and time step, plus every problem the document check finds. Under a node or projection, the
// "Shaders" section shows the WGSL generated for it (../shaders).
import type { NetworkDocument } from '../../shared/graph';
import type { EditorModel } from '../editor/model';
import type { DiagnosticIndex } from '../editor/useEditor';
import type { Selection } from '../components/Canvas';
import { NodeInspector } from './NodeInspector';
import { ProjectionInspector } from './ProjectionInspector';
import { NumberField, TextField } from './fields';
import { alignPositions } from '../editor/layout';
import { ShaderSection } from '../shaders/ShaderSection';
import { describeProvenance } from '../train/provenance';
import { useState } from 'react';
import { focusField, useInvalidDrafts } from './drafts';

interface Props {
  model: EditorModel;
  doc: NetworkDocument;
  diagnostics: DiagnosticIndex;
  selection: Selection;
  notify: (m: string, kind?: 'info' | 'error') => void;
  onSelect: (id: string) => void;
}

export function Inspector(props: Props) {
  const { model, doc, diagnostics, selection } = props;
  const node = selection.nodes.length === 1 ? doc.nodes.find((n) => n.id === selection.nodes[0]) : undefined;
  const proj = !node && selection.edges.length === 1 && selection.nodes.length === 0 ? doc.projections.find((p) => p.id === selection.edges[0]) : undefined;
  // The shader section stays open (or closed) as the selection moves between nodes.
  const [shadersOpen, setShadersOpen] = useState(false);
  const drafts = useInvalidDrafts();
  const selected = node ?? proj;
  let body;
  if (node) body = <NodeInspector key={node.id} {...props} node={node} />;
  else if (proj) body = <ProjectionInspector key={proj.id} {...props} projection={proj} />;
  else {
    const count = selection.nodes.length + selection.edges.length;
    body = (
      <div className="inspector-body">
        <h2>Network</h2>
        {count > 1 && <p className="muted">{count} items selected.</p>}
        {selection.nodes.length > 1 && (
          <div className="button-row">
            <button type="button" onClick={() => model.move(alignPositions(doc, selection.nodes, 'left'))}>Align left</button>
            <button type="button" onClick={() => model.move(alignPositions(doc, selection.nodes, 'top'))}>Align top</button>
          </div>
        )}
        <TextField label="Network name" value={doc.meta.name} onCommit={(v) => { const r = model.setMeta({ name: v }); return r.ok ? null : r.reason; }} />
        <TextField label="Description" value={doc.meta.description} onCommit={(v) => { const r = model.setMeta({ description: v }); return r.ok ? null : r.reason; }} />
        <NumberField label="Time step" value={doc.simulation.dt_ms} unit="ms" range="> 0"
          validate={(n) => (n > 0 ? null : 'must be above 0')} description="dt: the simulation advances in steps of this length."
          onCommit={(n) => { const r = model.setSimulation({ dt_ms: n }); return r.ok ? null : r.reason; }} />
        <p className="muted">{doc.nodes.length} nodes, {doc.projections.length} projections, {doc.monitors.length} monitors.</p>
        {doc.provenance && <><h3>Weights</h3><p data-testid="inspector-provenance">{describeProvenance(doc.provenance)}</p></>}
        <h3>Problems</h3>
        {diagnostics.all.length + drafts.length === 0 ? <p className="muted">None: the network is valid.</p> : (
          <ul className="diagnostics" aria-label="Problems">
            {drafts.map((f) => (
              <li key={f.id} className="error">
                {f.label}: {f.error} (typed, not applied; Run and Train wait for it){' '}
                <button type="button" className="link" onClick={() => focusField(f.id)}>Go to field</button>
              </li>
            ))}
            {diagnostics.all.map((d, i) => <li key={i} className={d.severity}>{d.path ? `${d.path}: ` : ''}{d.message}</li>)}
          </ul>
        )}
      </div>
    );
  }
  return (
    <aside className="inspector" aria-label="Inspector">
      {body}
      {selected && <ShaderSection doc={doc} id={selected.id} open={shadersOpen} onToggle={setShadersOpen} />}
    </aside>
  );
}
