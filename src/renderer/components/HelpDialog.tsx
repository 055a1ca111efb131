// Help (F1, ?, or the Help button): the keyboard shortcuts (from useShortcuts, so the list is the keys the app
// answers) and where things are on the screen (docs/editor.md has the long version).
import { SHORTCUTS } from '../app/useShortcuts';
import { Modal } from './Dialogs';

const PLACES: readonly [string, string][] = [
  ['Top bar', 'File (New, Open, Recent, Save, Examples), Edit (Undo, Redo, Duplicate, Delete), View (Auto-layout, Zoom to fit, Minimap); Learn opens the lessons, Help this dialog.'],
  ['Run controls', 'under the top bar: Run, Pause, Stop, Step (1 ms), the run’s duration and seed, GPU or CPU, speed and progress.'],
  ['Palette', 'left: neuron models, inputs and monitors. Drag one onto the canvas, or click it (or press Enter) to add it.'],
  ['Network canvas', 'centre: drag from a node’s right handle to another node’s left handle to connect them; click a projection’s label to edit it.'],
  ['Inspector', 'right: the selected node’s or projection’s fields; with nothing selected, the network’s name, dt and every problem.'],
  ['Results', 'under the canvas: spike raster, membrane traces (add a membrane monitor first), firing rates; the Training tab trains a trainable network.'],
  ['3D view', 'Show 3D view, on the canvas: the network’s anatomy and its activity during a run.'],
  ['Lessons', 'Learn, in the top bar: the tutorial step by step, with networks to load, sliders and checks.'],
];

export function HelpDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Help" onClose={onClose}>
      <div className="help">
        <h3>Keyboard shortcuts</h3>
        <table className="shortcuts">
          <thead><tr><th scope="col">Keys</th><th scope="col">What they do</th></tr></thead>
          <tbody>{SHORTCUTS.map((s) => <tr key={s.keys}><td><kbd>{s.keys}</kbd></td><td>{s.what}</td></tr>)}</tbody>
        </table>
        <h3>Where things are</h3>
        <dl className="places">{PLACES.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}</dl>
      </div>
      <div className="button-row end"><button type="button" autoFocus onClick={onClose}>Close</button></div>
    </Modal>
  );
}
