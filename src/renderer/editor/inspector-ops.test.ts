// The editor-model commands behind the inspector's list fields and STDP constants: per-neuron rates, explicit
// connectivity, plasticity, and a monitor's id following its variable. Each is one undo step, refusals change
// nothing, and the results load.
import { describe, expect, it } from 'vitest';
import { checkDocument, loadDocument } from '../../shared/graph';
import { EditorModel } from './model';
import { emptyDocument } from './ops';

function built(sizes: { poisson?: number; lif?: number } = {}) {
  const m = new EditorModel(emptyDocument('test'));
  m.addNode('poisson', { x: 0, y: 0 });
  m.addNode('lif', { x: 300, y: 0 });
  if (sizes.poisson) m.setNodeFields('poisson', { size: sizes.poisson });
  if (sizes.lif) m.setNodeFields('lif', { size: sizes.lif });
  m.connect('poisson', 'lif');
  return m;
}

const errors = (m: EditorModel) => checkDocument(m.document).filter((d) => d.severity === 'error');
/** How many undo steps the history holds (undoes them all and redoes them again). */
const steps = (m: EditorModel) => { let n = 0; while (m.undo()) n++; for (let i = 0; i < n; i++) m.redo(); return n; };

describe('per-neuron rates', () => {
  it('a list sets data.rates_hz and rate shape "data" in one step; undo restores both', () => {
    const m = built({ poisson: 4 });
    const before = m.document;
    const n0 = steps(m);
    expect(m.setRates('poisson', '0, 50 0 50')).toEqual({ ok: true, value: null });
    const node = m.document.nodes[0];
    expect(node.params).toEqual({ shape: 'data' });
    expect(node.data).toEqual({ rates_hz: [0, 50, 0, 50] });
    expect(errors(m)).toEqual([]);
    expect(loadDocument(JSON.parse(JSON.stringify(m.document))).ok).toBe(true);
    expect(steps(m)).toBe(n0 + 1);
    m.undo();
    expect(m.document).toBe(before);
  });

  it('one value stands for every neuron; the same list again adds no step', () => {
    const m = built({ poisson: 3 });
    m.setRates('poisson', '7');
    expect(m.document.nodes[0].data?.rates_hz).toEqual([7, 7, 7]);
    const doc = m.document;
    expect(m.setRates('poisson', '7, 7, 7')).toEqual({ ok: true, value: null });
    expect(m.document).toBe(doc);
  });

  it('empty text removes the list and sets the shape back to constant (data needs a list)', () => {
    const m = built({ poisson: 2 });
    m.setParam('poisson', 'rate_hz', 30);
    m.setRates('poisson', '1 2');
    expect(m.setRates('poisson', '')).toEqual({ ok: true, value: null });
    expect(m.document.nodes[0]).toEqual({ id: 'poisson', kind: 'input', model: 'poisson', size: 2, params: { rate_hz: 30, shape: 'constant' } });
    expect(errors(m)).toEqual([]);
  });

  it('refuses a wrong count, out-of-range or non-numbers, and models without rates, changing nothing', () => {
    const m = built({ poisson: 3 });
    const doc = m.document;
    expect(m.setRates('poisson', '1, 2')).toEqual({ ok: false, reason: '2 rates for 3 entries: give 3 or one for all' });
    expect(m.setRates('poisson', '1, -2, 3')).toEqual({ ok: false, reason: 'rate 2: -2 Hz is below the minimum 0 Hz' });
    expect(m.setRates('poisson', '1, 2, 200000')).toEqual({ ok: false, reason: 'rate 3: 200000 Hz is above the maximum 100000 Hz' });
    expect(m.setRates('poisson', '1, a, 3')).toEqual({ ok: false, reason: '"a" is not a number' });
    expect(m.setRates('lif', '1')).toEqual({ ok: false, reason: 'LIF population takes no per-neuron rates' });
    expect(m.setRates('nope', '1').ok).toBe(false);
    expect(m.document).toBe(doc);
  });
});

describe('explicit connectivity', () => {
  it('pairs become connectivity lists checked against both sizes; weights and delays become explicit lists', () => {
    const m = built({ poisson: 3, lif: 2 });
    const before = m.document;
    expect(m.setExplicitPairs('poisson_lif', '0 1\n2 0')).toEqual({ ok: true, value: null });
    let p = m.document.projections[0];
    expect(p.connectivity).toEqual({ rule: 'explicit', pre: [0, 2], post: [1, 0] });
    expect(p.weight).toEqual({ dist: 'constant', value: 0.5 });
    expect(errors(m)).toEqual([]);

    expect(m.setExplicitPairs('poisson_lif', '0 1 0.25 1\n2 0 w=0.75 d=2\n1 1 1 0')).toEqual({ ok: true, value: null });
    p = m.document.projections[0];
    expect(p.connectivity).toEqual({ rule: 'explicit', pre: [0, 2, 1], post: [1, 0, 1] });
    expect(p.weight).toEqual({ dist: 'explicit', values: [0.25, 0.75, 1] });
    expect(p.delay).toEqual({ kind: 'explicit', ms: [1, 2, 0] });
    expect(errors(m)).toEqual([]);

    // Without the columns the explicit lists become constants (their first value).
    m.setExplicitPairs('poisson_lif', '0 0');
    p = m.document.projections[0];
    expect(p.weight).toEqual({ dist: 'constant', value: 0.25 });
    expect(p.delay).toEqual({ kind: 'constant', ms: 1 });
    m.undo(); m.undo(); m.undo();
    expect(m.document).toBe(before);
  });

  it('refuses with every problem by line, and nothing is written', () => {
    const m = built({ poisson: 3, lif: 2 });
    const doc = m.document;
    expect(m.setExplicitPairs('poisson_lif', '0 1\n3 0\n1 2')).toEqual({
      ok: false,
      reason: 'Line 2: pre 3 is out of range: the source has 3 neurons (0-2)\nLine 3: post 2 is out of range: the target has 2 neurons (0-1)',
    });
    expect(m.document).toBe(doc);
    expect(m.setExplicitPairs('nope', '0 0')).toEqual({ ok: false, reason: 'no projection "nope"' });
  });
});

describe('STDP plasticity', () => {
  it('enable with defaults, edit constants one step each, disable; undo walks back', () => {
    const m = built();
    const before = m.document;
    expect(m.setPlasticity('poisson_lif', {})).toEqual({ ok: true, value: null });
    expect(m.document.projections[0].plasticity).toEqual({ rule: 'stdp', a_plus: 0.01, a_minus: 0.0105, tau_plus_ms: 20, tau_minus_ms: 20, w_min: 0, w_max: 1 });
    const enabled = m.document;
    m.setPlasticity('poisson_lif', { a_plus: 0.02 });
    m.setPlasticity('poisson_lif', { tau_minus_ms: 30, w_max: 2 });
    expect(m.document.projections[0].plasticity).toEqual({ rule: 'stdp', a_plus: 0.02, a_minus: 0.0105, tau_plus_ms: 20, tau_minus_ms: 30, w_min: 0, w_max: 2 });
    expect(errors(m)).toEqual([]);
    const edited = m.document;
    expect(m.setPlasticity('poisson_lif', null)).toEqual({ ok: true, value: null });
    expect('plasticity' in m.document.projections[0]).toBe(false);
    m.undo();
    expect(m.document).toBe(edited);
    m.undo(); m.undo();
    expect(m.document).toBe(enabled);
    m.undo();
    expect(m.document).toBe(before);
  });

  it('refuses bad constants, w_min above w_max, and STDP on a current synapse; same values add no step', () => {
    const m = built();
    m.setPlasticity('poisson_lif', {});
    const doc = m.document;
    expect(m.setPlasticity('poisson_lif', { tau_plus_ms: 0 })).toEqual({ ok: false, reason: 'tau_plus_ms: must be above 0' });
    expect(m.setPlasticity('poisson_lif', { w_min: 2 })).toEqual({ ok: false, reason: 'w_min (2) must not be above w_max (1)' });
    expect(m.setPlasticity('poisson_lif', { a_plus: Number.NaN }).ok).toBe(false);
    expect(m.setPlasticity('poisson_lif', { a_plus: 0.01 })).toEqual({ ok: true, value: null });
    expect(m.document).toBe(doc);

    m.addNode('current', { x: 0, y: 200 });
    m.connect('current', 'lif');
    expect(m.setPlasticity('current_lif', {})).toEqual({ ok: false, reason: 'STDP needs spikes on both sides; a current synapse has none' });
  });
});

describe('monitor id follows its variable', () => {
  it('a generated id is renamed with the variable (and back on undo); a chosen id stays', () => {
    const m = new EditorModel(emptyDocument('test'));
    m.addNode('izhikevich', { x: 0, y: 0 });
    m.setNodeFields('izhikevich', { size: 4 });
    m.addMonitor('izhikevich', 'state');
    expect(m.document.monitors.map((x) => x.id)).toEqual(['izhikevich_v']);
    expect(m.setMonitor('izhikevich_v', { variable: 'u' })).toEqual({ ok: true, value: 'izhikevich_u' });
    expect(m.document.monitors).toEqual([{ id: 'izhikevich_u', kind: 'state', target: 'izhikevich', variable: 'u' }]);
    m.undo();
    expect(m.document.monitors).toEqual([{ id: 'izhikevich_v', kind: 'state', target: 'izhikevich', variable: 'v' }]);

    m.rename('izhikevich_v', 'membrane');
    expect(m.setMonitor('membrane', { variable: 'u' })).toEqual({ ok: true, value: 'membrane' });
    expect(m.document.monitors).toEqual([{ id: 'membrane', kind: 'state', target: 'izhikevich', variable: 'u' }]);
  });

  it('a numbered generated id gets a free id for the new variable, never one in use', () => {
    const m = new EditorModel(emptyDocument('test'));
    m.addNode('izhikevich', { x: 0, y: 0 });
    m.addNode('lif', { x: 300, y: 0 }, 'izhikevich_u'); // a node already holds the natural id
    m.addMonitor('izhikevich', 'state');
    m.rename('izhikevich_v', 'izhikevich_v_2');
    expect(m.setMonitor('izhikevich_v_2', { variable: 'u' })).toEqual({ ok: true, value: 'izhikevich_u_2' });
    expect(errors(m)).toEqual([]);
  });
});

describe('resizing a node with per-neuron lists', () => {
  it('keeps the remaining neurons\' values, pads new ones with the mean, in one undo step, and the result validates', () => {
    const b = built({ poisson: 4, lif: 3 });
    b.setRates('poisson', '10, 20, 30, 40');
    // Per-neuron parameters come from Apply (the inspector edits only uniform values), so set one in the file.
    const doc = structuredClone(b.document);
    doc.nodes.find((n) => n.id === 'lif')!.params.tau_ms = { per_neuron: [10, 20, 40] };
    const m = new EditorModel(doc);
    expect(errors(m)).toEqual([]);
    const before = m.document;

    m.setNodeFields('lif', { size: 5 });
    const grown = (m.document.nodes.find((n) => n.id === 'lif')!.params.tau_ms as { per_neuron: number[] }).per_neuron;
    expect(grown.slice(0, 3)).toEqual([10, 20, 40]);
    // New neurons: the mean 70/3 as the f32 the engines use (written as its shortest decimal).
    expect(grown.slice(3).map(Math.fround)).toEqual([Math.fround(70 / 3), Math.fround(70 / 3)]);
    expect(errors(m)).toEqual([]);
    m.undo();
    expect(m.document).toBe(before);

    m.setNodeFields('lif', { size: 2 });
    expect(m.document.nodes.find((n) => n.id === 'lif')!.params.tau_ms).toEqual({ per_neuron: [10, 20] });
    m.setNodeFields('poisson', { size: 2 });
    expect(m.document.nodes.find((n) => n.id === 'poisson')!.data?.rates_hz).toEqual([10, 20]);
    expect(errors(m)).toEqual([]);
    expect(loadDocument(JSON.parse(JSON.stringify(m.document))).ok).toBe(true);
  });
});
