// Scenarios on the headless editor model: add, connect, edit, rename, delete, duplicate, copy/paste, move,
// undo and redo, each asserted on the whole document.
import { describe, it, expect } from 'vitest';
import { checkDocument, hasErrors, loadDocument } from '../../shared/graph';
import { EditorModel } from './model';
import { emptyDocument } from './ops';

function built() {
  const m = new EditorModel(emptyDocument('test'));
  m.addNode('poisson', { x: 0, y: 0 });
  m.addNode('lif', { x: 300, y: 0 });
  m.connect('poisson', 'lif');
  return m;
}

describe('EditorModel', () => {
  it('add, connect and edit give the expected document, valid for the loader', () => {
    const m = built();
    expect(m.setParam('lif', 'tau_ms', 20)).toEqual({ ok: true, value: null });
    expect(m.document).toEqual({
      ...emptyDocument('test'),
      nodes: [
        { id: 'poisson', kind: 'input', model: 'poisson', size: 10, params: {} },
        { id: 'lif', kind: 'population', model: 'lif', size: 10, params: { tau_ms: 20 } },
      ],
      projections: [{
        id: 'poisson_lif', source: 'poisson', target: 'lif',
        connectivity: { rule: 'all_to_all', allow_self: true }, weight: { dist: 'constant', value: 0.5 },
        delay: { kind: 'constant', ms: 0 }, synapse: { kind: 'delta' }, trainable: false,
      }],
      layout: { nodes: { poisson: { x: 0, y: 0 }, lif: { x: 300, y: 0 } } },
    });
    expect(checkDocument(m.document)).toEqual([]);
    const reloaded = loadDocument(JSON.parse(JSON.stringify(m.document)));
    expect(reloaded.ok && reloaded.doc).toEqual(m.document);
  });

  it('undo walks back every change and redo replays it', () => {
    const m = new EditorModel(emptyDocument('test'));
    const states = [m.document];
    m.addNode('poisson', { x: 0, y: 0 }); states.push(m.document);
    m.addNode('lif', { x: 300, y: 0 }); states.push(m.document);
    m.connect('poisson', 'lif'); states.push(m.document);
    m.setParam('lif', 'v_th', 2); states.push(m.document);
    m.remove(['poisson']); states.push(m.document);
    expect(m.document.projections).toEqual([]);
    for (let i = states.length - 2; i >= 0; i--) {
      expect(m.undo()).toBe(true);
      expect(m.document).toEqual(states[i]);
    }
    expect(m.undo()).toBe(false);
    for (let i = 1; i < states.length; i++) {
      expect(m.redo()).toBe(true);
      expect(m.document).toEqual(states[i]);
    }
    expect(m.redo()).toBe(false);
  });

  it('a new change after undo drops the redo branch', () => {
    const m = built();
    m.undo();
    expect(m.canRedo).toBe(true);
    m.addNode('izhikevich');
    expect(m.canRedo).toBe(false);
  });

  it('refuses connections into an input, duplicates and from non-spiking neurons, with a reason', () => {
    const m = built();
    const before = m.document;
    expect(m.connect('lif', 'poisson')).toEqual({ ok: false, reason: '"poisson" is an input: projections cannot end on an input' });
    expect(m.connect('poisson', 'lif')).toEqual({ ok: false, reason: '"poisson" is already connected to "lif"' });
    m.addNode('leaky_integrator');
    const r = m.connect('leaky_integrator', 'lif');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/does not spike/);
    expect(m.document.projections).toEqual(before.projections);
  });

  it('a current input connects with a current synapse', () => {
    const m = new EditorModel(emptyDocument());
    m.addNode('current');
    m.addNode('hodgkin_huxley');
    m.connect('current', 'hodgkin_huxley');
    expect(m.document.projections[0].synapse).toEqual({ kind: 'current' });
    expect(hasErrors(checkDocument(m.document))).toBe(false);
  });

  it('refuses a parameter value out of the catalogue range and leaves the document alone', () => {
    const m = built();
    const before = m.document;
    const r = m.setParam('lif', 'tau_ms', -1);
    expect(r).toEqual({ ok: false, reason: '-1 ms is not above the minimum 0 ms' });
    expect(m.document).toBe(before);
    expect(m.canUndo).toBe(true);
  });

  it('rename makes projections, monitors and layout follow, and refuses clashes and bad ids', () => {
    const m = built();
    m.addMonitor('lif', 'spikes');
    expect(m.rename('lif', 'hidden')).toEqual({ ok: true, value: null });
    const d = m.document;
    expect(d.nodes.map((n) => n.id)).toEqual(['poisson', 'hidden']);
    expect(d.projections[0]).toMatchObject({ source: 'poisson', target: 'hidden' });
    expect(d.monitors[0]).toMatchObject({ target: 'hidden' });
    expect(d.layout.nodes).toEqual({ poisson: { x: 0, y: 0 }, hidden: { x: 300, y: 0 } });
    expect(m.rename('hidden', 'poisson')).toEqual({ ok: false, reason: 'the id "poisson" is already used' });
    expect(m.rename('hidden', 'a.b').ok).toBe(false);
    m.undo();
    expect(m.document.nodes[1].id).toBe('lif');
  });

  it('deleting a node removes its projections, monitors and position', () => {
    const m = built();
    m.addMonitor('lif', 'state');
    m.remove(['lif']);
    expect(m.document).toEqual({
      ...emptyDocument('test'),
      nodes: [{ id: 'poisson', kind: 'input', model: 'poisson', size: 10, params: {} }],
      layout: { nodes: { poisson: { x: 0, y: 0 } } },
    });
  });

  it('duplicate copies nodes with fresh ids and the projections among them', () => {
    const m = built();
    const r = m.duplicate(['poisson', 'lif']);
    expect(r).toEqual({ ok: true, value: ['poisson_2', 'lif_2'] });
    const d = m.document;
    expect(d.projections.map((p) => [p.id, p.source, p.target])).toEqual([
      ['poisson_lif', 'poisson', 'lif'], ['poisson_lif_2', 'poisson_2', 'lif_2'],
    ]);
    expect(d.layout.nodes.lif_2).toEqual({ x: 340, y: 40 });
    expect(checkDocument(d)).toEqual([]);
  });

  it('copy/paste goes through JSON text into another document', () => {
    const a = built();
    const text = a.copy(['poisson', 'lif']);
    const b = new EditorModel(emptyDocument('other'));
    b.addNode('lif', { x: 0, y: 0 });
    const r = b.paste(text, { x: 0, y: 100 });
    expect(r).toEqual({ ok: true, value: ['poisson', 'lif_2'] });
    expect(b.document.projections[0]).toMatchObject({ source: 'poisson', target: 'lif_2' });
    expect(b.document.layout.nodes.lif_2).toEqual({ x: 300, y: 100 });
    expect(b.paste('not json').ok).toBe(false);
  });

  it('move is one undoable step for several nodes', () => {
    const m = built();
    m.move({ poisson: { x: 10, y: 20 }, lif: { x: 30, y: 40 } });
    expect(m.document.layout.nodes).toEqual({ poisson: { x: 10, y: 20 }, lif: { x: 30, y: 40 } });
    m.undo();
    expect(m.document.layout.nodes).toEqual({ poisson: { x: 0, y: 0 }, lif: { x: 300, y: 0 } });
  });

  it('tracks unsaved changes, clean again after undo back to the saved state', () => {
    const m = built();
    m.markSaved();
    expect(m.dirty).toBe(false);
    m.setParam('lif', 'v_th', 3);
    expect(m.dirty).toBe(true);
    m.undo();
    expect(m.dirty).toBe(false);
    m.load(emptyDocument(), true);
    expect(m.dirty).toBe(true);
    expect(m.canUndo).toBe(false);
  });
});

describe('spike generator spikes', () => {
  it('parses times and neuron@time, sorts them, refuses bad entries, and undoes', () => {
    const m = new EditorModel();
    m.addNode('spike_generator', { x: 0, y: 0 }, 'gen');
    m.setNodeFields('gen', { size: 2 });
    expect(m.setSpikes('gen', '40, 1@25, 20')).toEqual({ ok: true, value: null });
    expect(m.document.nodes[0].data).toEqual({ spikes: { index: [0, 1, 0], time_ms: [20, 25, 40] } });
    expect(checkDocument(m.document)).toEqual([]);
    expect(m.setSpikes('gen', '2@10')).toEqual({ ok: false, reason: 'neuron 2 does not exist (size 2)' });
    expect(m.setSpikes('gen', 'soon')).toEqual({ ok: false, reason: '"soon" is not a time in ms or neuron@ms' });
    m.undo();
    expect(m.document.nodes[0].data).toBeUndefined();
  });
});
