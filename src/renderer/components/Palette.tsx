// The palette: node kinds from the model catalogue grouped as Neurons, Inputs and Monitors. Drag an item
// onto the canvas, or click it (Enter/Space) to add it: models in view, monitors on the selected node.
import type { DragEvent } from 'react';
import { MODELS } from '../../shared/models';
import { Glyph } from './Glyph';

export const PALETTE_MIME = 'application/x-snn-palette';

export type PaletteItem =
  | { kind: 'model'; model: string; label: string }
  | { kind: 'monitor'; monitor: 'spikes' | 'state'; label: string };

const GROUPS: { title: string; items: (PaletteItem & { description: string })[] }[] = [
  { title: 'Neurons', items: MODELS.filter((m) => m.kind === 'neuron').map((m) => ({ kind: 'model', model: m.id, label: m.label, description: m.description })) },
  { title: 'Inputs', items: MODELS.filter((m) => m.kind === 'input').map((m) => ({ kind: 'model', model: m.id, label: m.label, description: m.description })) },
  {
    title: 'Monitors',
    items: [
      { kind: 'monitor', monitor: 'spikes', label: 'Spike monitor', description: 'Records every spike of the node it is dropped on (or the selected node).' },
      { kind: 'monitor', monitor: 'state', label: 'Membrane monitor', description: 'Records the membrane potential of a few neurons of the node it is dropped on (or the selected node).' },
    ],
  },
];

export function Palette({ onAdd }: { onAdd: (item: PaletteItem) => void }) {
  const onDragStart = (e: DragEvent, item: PaletteItem) => {
    e.dataTransfer.setData(PALETTE_MIME, JSON.stringify(item));
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <aside className="palette" aria-label="Palette">
      {GROUPS.map((g) => (
        <section key={g.title} aria-labelledby={`palette-${g.title}`}>
          <h2 id={`palette-${g.title}`}>{g.title}</h2>
          <ul>
            {g.items.map(({ description, ...item }) => (
              <li key={item.label}>
                <button type="button" className="palette-item" draggable title={description}
                  onDragStart={(e) => onDragStart(e, item)} onClick={() => onAdd(item)}>
                  {item.kind === 'model' ? <Glyph model={item.model} /> : <span className="glyph monitor-glyph" aria-hidden="true">◉</span>}
                  {item.label}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p className="hint">Drag onto the canvas, or click (or press Enter) to add. Connect nodes by dragging from a node's right edge to another node.</p>
    </aside>
  );
}
