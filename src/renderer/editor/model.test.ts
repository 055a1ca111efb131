// Scenarios on the headless editor model: add, connect, edit, rename, delete, duplicate, copy/paste, move,
// undo and redo, each asserted on the whole document.
import { describe, it, expect } from 'vitest';
import { checkDocument, hasErrors, loadDocument } from '../../shared/graph';
import { EditorModel } from './model';
import { emptyDocument, formatIndices, parseIndices } from './ops';

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

describe('monitor variable and neurons', () => {
  function monitored() {
    const m = new EditorModel(emptyDocument('test'));
    m.addNode('izhikevich', { x: 0, y: 0 });
    m.setNodeFields('izhikevich', { size: 20 });
    m.addMonitor('izhikevich', 'state');
    return m;
  }

  it('parses and formats index lists, refusing what is out of range', () => {
    expect(parseIndices('0-3, 10', 12)).toEqual({ ok: true, indices: [0, 1, 2, 3, 10] });
    expect(parseIndices(' 10 2,2  0–1 ', 12)).toEqual({ ok: true, indices: [0, 1, 2, 10] });
    expect(parseIndices('all', 12)).toEqual({ ok: true, indices: undefined });
    expect(parseIndices('', 12)).toEqual({ ok: true, indices: undefined });
    expect(parseIndices('0-12', 12)).toEqual({ ok: false, reason: 'index 12 is out of range: the node has 12 neurons (0-11)' });
    expect(parseIndices('3-1', 12)).toEqual({ ok: false, reason: 'the range 3-1 runs backwards' });
    expect(parseIndices('a', 12)).toEqual({ ok: false, reason: '"a" is not an index or a range like 0-3' });
    expect(parseIndices('-1', 12).ok).toBe(false);
    expect(formatIndices([10, 0, 1, 2, 3, 5, 6])).toBe('0-3, 5, 6, 10');
    expect(formatIndices(undefined)).toBe('all');
  });

  it('changes the recorded variable and neurons as undoable steps, the document staying valid', () => {
    const m = monitored();
    const before = m.document;
    expect(before.monitors).toEqual([{ id: 'izhikevich_v', kind: 'state', target: 'izhikevich', variable: 'v', indices: [0, 1, 2, 3] }]);

    // The generated id follows the variable.
    expect(m.setMonitor('izhikevich_v', { variable: 'u' })).toEqual({ ok: true, value: 'izhikevich_u' });
    const afterVar = m.document;
    expect(afterVar.monitors).toEqual([{ id: 'izhikevich_u', kind: 'state', target: 'izhikevich', variable: 'u', indices: [0, 1, 2, 3] }]);
    expect(m.setMonitor('izhikevich_u', { indices: '0-2, 19' })).toEqual({ ok: true, value: 'izhikevich_u' });
    expect(m.document.monitors[0]).toEqual({ id: 'izhikevich_u', kind: 'state', target: 'izhikevich', variable: 'u', indices: [0, 1, 2, 19] });
    expect(checkDocument(m.document)).toEqual([]);
    expect(m.setMonitor('izhikevich_u', { indices: 'all' })).toEqual({ ok: true, value: 'izhikevich_u' });
    expect(m.document.monitors[0]).toEqual({ id: 'izhikevich_u', kind: 'state', target: 'izhikevich', variable: 'u' });
    const afterAll = m.document;

    m.undo();
    expect(m.document.monitors[0].kind === 'state' && m.document.monitors[0].indices).toEqual([0, 1, 2, 19]);
    m.undo();
    expect(m.document).toBe(afterVar);
    m.undo();
    expect(m.document).toBe(before);
    m.redo(); m.redo(); m.redo();
    expect(m.document).toBe(afterAll);
  });

  it('refuses unknown variables, a variable already recorded, bad indices and spike monitors; no-ops add no step', () => {
    const m = monitored();
    m.addMonitor('izhikevich', 'state', 'u');
    m.addMonitor('izhikevich', 'spikes');
    const doc = m.document;
    expect(m.setMonitor('izhikevich_v', { variable: 'w' })).toEqual({ ok: false, reason: '"izhikevich" has no state variable "w" (it has: v, u)' });
    expect(m.setMonitor('izhikevich_v', { variable: 'u' })).toEqual({ ok: false, reason: '"izhikevich".u is already recorded' });
    expect(m.setMonitor('izhikevich_v', { indices: '5, 20' })).toEqual({ ok: false, reason: 'index 20 is out of range: the node has 20 neurons (0-19)' });
    expect(m.setMonitor('izhikevich_spikes', { indices: '0' }).ok).toBe(false);
    expect(m.setMonitor('nope', { variable: 'v' })).toEqual({ ok: false, reason: 'no monitor "nope"' });
    const steps = m.canUndo;
    expect(m.setMonitor('izhikevich_v', { variable: 'v', indices: '3, 2, 1, 0' })).toEqual({ ok: true, value: 'izhikevich_v' });
    expect(m.document).toBe(doc);
    expect(m.canUndo).toBe(steps);
  });

  it('offers the synaptic channel of an exponential projection into the node', () => {
    const m = monitored();
    m.addNode('poisson', { x: 0, y: 200 });
    m.connect('poisson', 'izhikevich');
    const p = m.document.projections[0];
    m.replaceProjection(p.id, { ...p, synapse: { kind: 'exponential', tau_ms: 5 } });
    expect(m.setMonitor('izhikevich_v', { variable: 'I_poisson_izhikevich' })).toEqual({ ok: true, value: 'izhikevich_i_poisson_izhikevich' });
    expect(checkDocument(m.document).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('merges a run of commands with the same merge key into one undo step; another command ends the run', () => {
    const m = new EditorModel();
    m.addNode('lif', { x: 0, y: 0 });
    const before = m.document;
    m.setParam('lif', 'tau_ms', 20, 'slider:tau');
    m.setParam('lif', 'tau_ms', 30, 'slider:tau');
    m.setParam('lif', 'tau_ms', 40, 'slider:tau');
    m.undo();
    expect(m.document).toBe(before);
    m.redo();
    expect(m.document.nodes[0].params?.tau_ms).toBe(40);
    m.setParam('lif', 'v_th', 2, 'slider:v_th');
    m.setParam('lif', 'tau_ms', 50, 'slider:tau'); // another key between: a new step
    m.setParam('lif', 'tau_ms', 60);
    m.setParam('lif', 'tau_ms', 70); // no key: one step each
    m.undo(); m.undo(); m.undo();
    expect(m.document.nodes[0].params).toMatchObject({ tau_ms: 40, v_th: 2 });
  });
});
