import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocumentText, loadDocument, checkDocument } from './validate';
import { DOCUMENT_VERSION } from './schema';
import { getModel, NEURON_MODEL_IDS } from '../models';

/** Neuron models with no time-step limit, as docs/models.md "Time-step limits" lists them (a new model must be
 *  placed: given a `maxDt`, or added here and there with the reason). */
const NO_DT_LIMIT = ['lif', 'adaptive_lif', 'leaky_integrator', 'adex'];

const examplesDir = join(__dirname, '../../../resources/examples');

/** A small valid document; tests break one thing at a time. */
function base(): any {
  return {
    format: 'snn-network',
    version: 1,
    meta: { name: 't' },
    nodes: [
      { id: 'in', kind: 'input', model: 'poisson', size: 4, params: { rate_hz: 20 } },
      { id: 'pop', kind: 'population', model: 'lif', size: 3, params: { tau_ms: 20 } },
    ],
    projections: [
      { id: 'p', source: 'in', target: 'pop', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 0.5 } },
    ],
    monitors: [{ id: 'm', kind: 'spikes', target: 'pop' }],
  };
}

function problems(raw: unknown): string[] {
  const r = loadDocument(raw);
  expect(r.ok).toBe(false);
  return r.diagnostics.map((d) => `${d.path}: ${d.message}`);
}

describe('loading network documents', () => {
  it('accepts a valid document and fills defaults from the schema', () => {
    const r = loadDocument(base());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc.simulation).toEqual({ dt_ms: 0.1, duration_ms: 100, seed: 1 });
    expect(r.doc.projections[0].delay).toEqual({ kind: 'constant', ms: 0 });
    expect(r.doc.projections[0].synapse).toEqual({ kind: 'delta' });
    expect(r.doc.projections[0].trainable).toBe(false);
  });

  it('accepts every example document shipped in resources/examples', () => {
    const files = readdirSync(examplesDir).filter((f) => f.endsWith('.snn.json'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) {
      const r = parseDocumentText(readFileSync(join(examplesDir, f), 'utf8'));
      expect(r.diagnostics.filter((d) => d.severity === 'error'), f).toEqual([]);
      expect(r.ok, f).toBe(true);
    }
  });

  it('reports text that is not JSON with line and column', () => {
    const r = parseDocumentText('{\n  "format": "snn-network",\n  "version": 1,,\n}');
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0].message).toMatch(/^not valid JSON: .*line 3, column \d+/);
  });

  it('rejects JSON that is not a network document', () => {
    expect(problems([1, 2])[0]).toMatch(/must be a JSON object, got an array/);
    expect(problems({ format: 'something-else' })[0]).toBe('format: must be "snn-network", got "something-else": this is not an SNN Studio network file');
  });

  it('rejects a file from a newer version without touching it, and a missing version', () => {
    const doc = { ...base(), version: DOCUMENT_VERSION + 1 };
    expect(problems(doc)[0]).toMatch(/^version: the file is version 2, made by a newer SNN Studio/);
    const { version: _v, ...noVersion } = base();
    expect(problems(noVersion)[0]).toMatch(/^version: version must be a whole number/);
  });

  it('reports wrong shapes with their JSON path', () => {
    const doc = base();
    doc.nodes[1].size = 2.5;
    doc.projections[0].connectivity = { rule: 'sometimes' };
    doc.nodes[0].params.rate_hz = 'fast';
    const ps = problems(doc);
    expect(ps).toContain('nodes[1].size: must be a whole number');
    expect(ps.some((p) => p.startsWith('projections[0].connectivity.rule:'))).toBe(true);
  });

  it('reports duplicate ids and dangling references, all at once', () => {
    const doc = base();
    doc.nodes.push({ id: 'pop', kind: 'population', model: 'lif', size: 1 });
    doc.projections.push({ id: 'q', source: 'ghost', target: 'nowhere', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 1 } });
    doc.monitors.push({ id: 'm2', kind: 'spikes', target: 'missing' });
    const ps = problems(doc);
    expect(ps).toEqual(expect.arrayContaining([
      'nodes[2].id: duplicate id "pop" (already used by nodes[1])',
      'projections[1].source: no node has id "ghost"',
      'projections[1].target: no node has id "nowhere"',
      'monitors[1].target: no node has id "missing"',
    ]));
  });

  it('reports out-of-range and unknown parameters with units', () => {
    const doc = base();
    doc.nodes[1].params = { tau_ms: 0, refractory_ms: -2, colour: 3 };
    const ps = problems(doc);
    expect(ps).toEqual(expect.arrayContaining([
      'nodes[1].params.tau_ms: 0 ms is not above the minimum 0 ms',
      'nodes[1].params.refractory_ms: -2 ms is below the minimum 0 ms',
    ]));
    expect(ps.find((p) => p.startsWith('nodes[1].params.colour'))).toMatch(/unknown parameter for LIF population/);
  });

  it('reports negative delays, bad expressions and bad enum values', () => {
    const doc = base();
    doc.projections[0].delay = { kind: 'constant', ms: -1 };
    expect(problems(doc)).toContain('projections[0].delay.ms: -1 ms is negative');
    doc.projections[0].delay = { kind: 'expression', expr: 'post * speed' };
    expect(problems(doc)[0]).toMatch(/^projections\[0\]\.delay\.expr: unknown name "speed"/);
    doc.projections[0].delay = { kind: 'constant', ms: 1 };
    doc.nodes[0].params.shape = 'square';
    expect(problems(doc)[0]).toBe('nodes[0].params.shape: must be one of "constant", "sine", "step", "data", got "square"');
  });

  it('refuses projections into inputs, mismatched one-to-one sizes and wrong explicit lengths', () => {
    const doc = base();
    doc.projections.push({ id: 'back', source: 'pop', target: 'in', connectivity: { rule: 'one_to_one' }, weight: { dist: 'explicit', values: [1] } });
    const ps = problems(doc);
    expect(ps).toEqual(expect.arrayContaining([
      'projections[1].target: "in" is an input: projections cannot end on an input',
      'projections[1].connectivity: one_to_one needs equal sizes, but "pop" has 3 and "in" has 4',
      'projections[1].weight.values: needs one weight per synapse (3), got 1',
    ]));
  });

  it('checks monitors against the model\'s state variables and sizes', () => {
    const doc = base();
    doc.monitors = [{ id: 'mv', kind: 'state', target: 'pop', variable: 'w', indices: [0, 7] }];
    expect(problems(doc)).toEqual([
      'monitors[0].variable: "pop" has no state variable "w" (it has: v)',
      'monitors[0].indices[1]: index 7 is out of range for "pop" of size 3',
    ]);
  });

  it('lets monitors record synaptic channels (I_<proj>, g_<proj>), named after the first projection of a shared channel', () => {
    const doc = base();
    doc.projections = [
      { id: 'e1', source: 'in', target: 'pop', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 0.5 }, synapse: { kind: 'exponential', tau_ms: 5 } },
      { id: 'e2', source: 'in', target: 'pop', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 0.5 }, synapse: { kind: 'exponential', tau_ms: 5 } },
      { id: 'c', source: 'in', target: 'pop', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 0.5 }, synapse: { kind: 'conductance', tau_ms: 5, e_rev: 0 } },
      { id: 'd', source: 'in', target: 'pop', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 0.5 } },
    ];
    doc.monitors = [{ id: 'mi', kind: 'state', target: 'pop', variable: 'I_e1' }, { id: 'mg', kind: 'state', target: 'pop', variable: 'g_c' }];
    expect(loadDocument(doc).ok).toBe(true);
    doc.monitors = [{ id: 'm2', kind: 'state', target: 'pop', variable: 'I_e2' }];
    expect(problems(doc)).toEqual(['monitors[0].variable: "pop" has no state variable "I_e2" (it has: v, I_e1, g_c)']);
  });

  it('checks spike generator data against the size', () => {
    const doc = base();
    doc.nodes[0] = { id: 'in', kind: 'input', model: 'spike_generator', size: 2, data: { spikes: { index: [0, 5], time_ms: [1] } } };
    expect(problems(doc)).toEqual(expect.arrayContaining([
      'nodes[0].data.spikes: index has 2 entries but time_ms has 1',
      'nodes[0].data.spikes.index[1]: index 5 is out of range for size 2',
    ]));
  });

  it('warns (without refusing) about a spike time after the run ends', () => {
    const doc = base();
    doc.simulation = { dt_ms: 0.1, duration_ms: 50, seed: 1 };
    doc.nodes[0] = { id: 'in', kind: 'input', model: 'spike_generator', size: 2, data: { spikes: { index: [0, 1], time_ms: [10, 60] } } };
    const r = loadDocument(doc);
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((d) => `${d.severity} ${d.path}: ${d.message}`)).toContain(
      'warning nodes[0].data.spikes.time_ms[1]: spike at 60 ms is after the run ends (duration 50 ms) and never fires');
  });

  it('warns (without refusing) when dt is above a model\'s stated limit', () => {
    const doc = base();
    doc.nodes[1] = { id: 'hh', kind: 'population', model: 'hodgkin_huxley', size: 3 };
    doc.projections[0].target = 'hh';
    doc.monitors[0].target = 'hh';
    const at = (dt: number) => { doc.simulation = { dt_ms: dt, duration_ms: 50, seed: 1 }; return loadDocument(doc); };
    const r = at(1);
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((d) => `${d.severity} ${d.path} ${d.ownerId}: ${d.message}`)).toContain(
      'warning simulation.dt_ms hh: dt 1 ms is above 0.1 ms, the largest step "hh" (Hodgkin-Huxley population) is accurate at: ' +
      'spikes are detected once per step and last about 1 ms, so a longer step can miss them');
    // At the limit (and below) nothing is said; the help text states the same limit as the check.
    expect(at(0.1).diagnostics.filter((d) => d.path === 'simulation.dt_ms')).toEqual([]);
    expect(getModel('hodgkin_huxley')!.description).toContain(`dt ≤ ${getModel('hodgkin_huxley')!.maxDt!.ms} ms`);
  });

  // Every neuron model: a stated limit warns just above it and not at it, and its help text states the same
  // limit; a model without one (exact integration, or sub-steps that never miss a spike: docs/models.md,
  // "Time-step limits") is quiet even at dt 1 ms, the trainer's step.
  it.each(NEURON_MODEL_IDS)('dt warning of %s: above its limit, not at or below it', (model) => {
    const doc = base();
    doc.nodes[1] = { id: 'pop', kind: 'population', model, size: 3 };
    doc.monitors = [];
    const dtWarnings = (dt: number) => {
      doc.simulation = { dt_ms: dt, duration_ms: 50, seed: 1 };
      const r = loadDocument(doc);
      expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
      return r.diagnostics.filter((d) => d.path === 'simulation.dt_ms').map((d) => `${d.severity} ${d.ownerId}: ${d.message}`);
    };
    const spec = getModel(model)!;
    if (!spec.maxDt) {
      expect(NO_DT_LIMIT).toContain(model);
      expect(dtWarnings(1)).toEqual([]);
      return;
    }
    const { ms, why } = spec.maxDt;
    const above = +(ms * 1.5).toPrecision(6);
    expect(dtWarnings(above)).toEqual([`warning pop: dt ${above} ms is above ${ms} ms, the largest step "pop" (${spec.label}) is accurate at: ${why}`]);
    expect(dtWarnings(ms)).toEqual([]);
    expect(dtWarnings(ms / 2)).toEqual([]);
    expect(spec.description).toContain(`dt ≤ ${ms} ms`);
  });

  it('needs a current synapse from a current source and refuses it elsewhere', () => {
    const doc = base();
    doc.nodes.push({ id: 'I', kind: 'input', model: 'current', size: 1 });
    doc.projections.push({ id: 'inj', source: 'I', target: 'pop', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 1 } });
    expect(problems(doc)[0]).toMatch(/^projections\[1\]\.synapse\.kind: "I" \(Current input\) does not spike: use synapse kind "current"/);
    doc.projections[1].synapse = { kind: 'current' };
    expect(loadDocument(doc).ok).toBe(true);
    doc.projections[0].synapse = { kind: 'current' };
    expect(problems(doc)[0]).toMatch(/^projections\[0\]\.synapse\.kind: synapse kind "current" needs a current input as source/);
  });
});

describe('hostile documents (docs/file-format.md, "Limits")', () => {
  const text = (doc: unknown) => JSON.stringify(doc, null, 2);
  const textProblems = (t: string) => {
    const r = parseDocumentText(t);
    expect(r.ok).toBe(false);
    return r.diagnostics.map((d) => `${d.path}: ${d.message}`);
  };

  it('reads every example deep-equal to JSON.parse and accepts it with a leading BOM', () => {
    for (const f of readdirSync(examplesDir).filter((n) => n.endsWith('.snn.json'))) {
      const t = readFileSync(join(examplesDir, f), 'utf8');
      const viaParse = loadDocument(JSON.parse(t));
      expect(parseDocumentText(t), f).toEqual(viaParse);
      expect(parseDocumentText(`\ufeff${t}`), f).toEqual(viaParse);
    }
  });

  it('refuses 5000 levels of nesting with a path, from text and from a parsed value', () => {
    const t = `{"format": "snn-network", "version": 1, "meta": {"name": "x"}, "nodes": ${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const [p] = textProblems(t);
    expect(p).toMatch(/^nodes(\[0\]){63}: nested deeper than 64 levels at line 1, column \d+$/);
    const raw = { ...base(), meta: JSON.parse('{"name": "x", "description": ' + '['.repeat(5000) + ']'.repeat(5000) + '}') };
    expect(problems(raw)[0]).toMatch(/^meta\.description(\[0\]){62}: nested deeper than 64 levels$/);
  });

  it('refuses a duplicate key instead of keeping the last value', () => {
    const t = text(base()).replace('"size": 3,', '"size": 3,\n      "size": 100000000,');
    expect(textProblems(t)).toEqual([
      'nodes[1].size: the key "size" appears twice in one object, at line 21, column 7 and at line 22, column 7; JSON does not say which one counts, so keep one',
    ]);
  });

  it('refuses __proto__, constructor and prototype as keys and as ids, with the JSON path', () => {
    const asKey = text(base()).replace('"rate_hz": 20', '"rate_hz": 20, "__proto__": {"size": 1}');
    expect(textProblems(asKey)[0]).toMatch(/^nodes\[0\]\.params\.__proto__: the key "__proto__" at line \d+, column \d+ is reserved/);
    for (const id of ['__proto__', 'constructor', 'prototype']) {
      const doc = base();
      doc.nodes[1].id = id;
      doc.projections[0].target = id;
      doc.monitors[0].target = id;
      const why = 'is reserved (__proto__, constructor, prototype name parts of every JavaScript object): choose another id';
      expect(problems(doc), id).toEqual([`nodes[1].id: ${why}`, `projections[0].target: ${why}`, `monitors[0].target: ${why}`]);
      const m = base();
      m.monitors[0].id = id;
      expect(textProblems(text(m))[0]).toMatch(/^monitors\[0\]\.id: is reserved/);
    }
    // An in-memory document (the editor's) gets the same answer from checkDocument.
    const r = loadDocument(base());
    if (!r.ok) throw new Error('base document invalid');
    r.doc.projections[0].id = 'constructor';
    expect(checkDocument(r.doc).map((d) => `${d.path}: ${d.message}`)).toEqual([
      'projections[0].id: "constructor" is reserved (__proto__, constructor, prototype name parts of every JavaScript object): choose another id',
    ]);
  });

  it('reports 1e400 with its line and column rather than as null', () => {
    const t = text({ ...base(), simulation: { dt_ms: 0.1, duration_ms: 100, seed: 1 } }).replace('"duration_ms": 100', '"duration_ms": 1e400');
    expect(textProblems(t)).toEqual([expect.stringMatching(/^simulation\.duration_ms: number 1e400 at line \d+, column \d+ is out of range/)]);
  });

  it('refuses seeds outside 0 … 2^32 − 1', () => {
    const doc = base();
    doc.simulation = { seed: 2 ** 32 };
    doc.training = { seed: -1 };
    expect(problems(doc)).toEqual([
      'simulation.seed: must be at most 4294967295 (2^32 − 1)',
      'training.seed: must not be negative',
    ]);
    doc.simulation = { seed: 2 ** 32 - 1 };
    doc.training = { seed: 0 };
    expect(loadDocument(doc).ok).toBe(true);
  });

  it('refuses delay expressions that cannot give a finite delay, with the JSON path', () => {
    const doc = base();
    doc.projections[0].delay = { kind: 'expression', expr: 'log(-1)' };
    expect(problems(doc)).toEqual(['projections[0].delay.expr: "log(-1)" (at position 1) is NaN (outside the domain of log), not a finite number']);
    doc.projections[0].delay = { kind: 'expression', expr: '1/0' };
    expect(problems(doc)).toEqual(['projections[0].delay.expr: "1/0" (at position 1) is Infinity (division by zero), not a finite number']);
    // Depending on the indices: tried at the sampled pre and post (in has 4 neurons, pop 3).
    doc.projections[0].delay = { kind: 'expression', expr: 'abs(1 / (post - 2))' };
    expect(problems(doc)).toEqual(['projections[0].delay.expr: gives Infinity ms for the synapse pre = 0, post = 2 (n_pre = 4, n_post = 3); a delay must be a finite number ≥ 0']);
    doc.projections[0].delay = { kind: 'expression', expr: 'pre - 3' };
    expect(problems(doc)).toEqual(['projections[0].delay.expr: gives -3 ms for the synapse pre = 0, post = 0 (n_pre = 4, n_post = 3); a delay must be a finite number ≥ 0']);
    doc.projections[0].delay = { kind: 'expression', expr: '10 ** (pre * 400)' };
    expect(problems(doc)).toEqual([expect.stringMatching(/gives Infinity ms for the synapse pre = 1, post = 0/)]);
    // Only pairs the rule can connect are tried: a distance delay on a recurrent projection without self-synapses.
    doc.projections = [{ id: 'rec', source: 'pop', target: 'pop', connectivity: { rule: 'all_to_all', allow_self: false }, weight: { dist: 'constant', value: 0.1 },
      delay: { kind: 'expression', expr: '1 / abs(pre - post)' } }];
    expect(loadDocument(doc).ok).toBe(true);
    doc.projections[0].connectivity = { rule: 'one_to_one' };
    doc.projections[0].delay.expr = 'sqrt(pre - post)';
    expect(loadDocument(doc).ok).toBe(true);
    doc.projections[0].connectivity = { rule: 'explicit', pre: [0, 2], post: [1, 0] };
    doc.projections[0].weight = { dist: 'explicit', values: [1, 1] };
    doc.projections[0].delay.expr = 'log(post)';
    expect(problems(doc)).toEqual(['projections[0].delay.expr: gives -Infinity ms for the synapse pre = 2, post = 0 (n_pre = 3, n_post = 3); a delay must be a finite number ≥ 0']);
  });

  it('refuses long and deeply nested expressions with the JSON path, quickly', () => {
    const doc = base();
    doc.projections[0].delay = { kind: 'expression', expr: '('.repeat(2000) + '1' + ')'.repeat(2000) };
    expect(problems(doc)).toEqual(['projections[0].delay.expr: nests deeper than 64 levels at position 65']);
    doc.projections[0].delay = { kind: 'expression', expr: Array(100_000).fill('pre').join('+') };
    expect(problems(doc)).toEqual(['projections[0].delay.expr: is 399999 characters long; the limit is 10000']);
    doc.projections[0].delay = { kind: 'expression', expr: '1+'.repeat(5_000_000) + '1' };
    expect(problems(doc)).toEqual(['projections[0].delay.expr: is 10000001 characters long; the limit is 10000']);
  });
});
