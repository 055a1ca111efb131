// The WGSL tokenizer: each token class on hand-checked lines and on a real generated kernel (every line of
// the stdp example's update kernel tokenizes, its bindings are attributes and its entry point is found).
import { describe, expect, it } from 'vitest';
import { StringStream } from '@codemirror/language';
import { loadDocument } from '../../shared/graph';
import stdp from '../../../resources/examples/stdp.snn.json';
import { wgslParser, type WgslState } from './wgsl-mode';
import { shadersForNode } from './node-kernels';

/** [text, token] pairs of every non-space token, line by line, carrying the state across lines. */
function tokens(src: string): [string, string | null][] {
  const state: WgslState = wgslParser.startState!(2);
  const out: [string, string | null][] = [];
  for (const line of src.split('\n')) {
    const s = new StringStream(line, 4, 2);
    while (!s.eol()) {
      const before = s.pos;
      s.start = s.pos;
      const t = wgslParser.token(s, state);
      if (s.pos === before) throw new Error(`no progress at "${line.slice(before)}"`);
      const text = line.slice(s.start, s.pos);
      if (text.trim()) out.push([text, t]);
    }
  }
  return out;
}

describe('wgslParser', () => {
  it('classifies attributes, keywords, types, names and numbers of a binding', () => {
    expect(tokens('@group(0) @binding(2) var<storage, read_write> S: array<f32>;')).toEqual([
      ['@group', 'meta'], ['(', null], ['0', 'number'], [')', null], ['@binding', 'meta'], ['(', null], ['2', 'number'], [')', null],
      ['var', 'keyword'], ['<', 'operator'], ['storage', 'keyword'], [',', null], ['read_write', 'keyword'], ['>', 'operator'],
      ['S', 'variableName'], [':', null], ['array', 'typeName'], ['<', 'operator'], ['f32', 'typeName'], ['>', 'operator'], [';', null],
    ]);
  });

  it('reads number suffixes, hex, floats and exponents as single numbers', () => {
    const t = tokens('let a = 0x7f800000u + 1u + 2i + 0.5 + 1e-3 + .25f;').filter(([, k]) => k === 'number').map(([s]) => s);
    expect(t).toEqual(['0x7f800000u', '1u', '2i', '0.5', '1e-3', '.25f']);
  });

  it('marks builtins only when called, and keeps comments (line and nested block) whole', () => {
    expect(tokens('let m = max(a, min);')).toContainEqual(['max', 'builtin']);
    expect(tokens('let m = max(a, min);')).toContainEqual(['min', 'variableName']);
    expect(tokens('x = 1; // spikes: 3 * 4')).toContainEqual(['// spikes: 3 * 4', 'comment']);
    const block = tokens('a /* one /* two */ still\nstill */ b');
    expect(block.map(([, k]) => k)).toEqual(['variableName', 'comment', 'comment', 'variableName']);
    expect(tokens('@compute @workgroup_size(64) fn main() -> f32 {}').slice(0, 3)).toEqual([['@compute', 'meta'], ['@workgroup_size', 'meta'], ['(', null]]);
  });

  it('tokenizes a real generated kernel: bindings as attributes, the entry point after @compute', () => {
    const r = loadDocument(structuredClone(stdp));
    if (!r.ok) throw new Error('example does not load');
    const s = shadersForNode(r.doc, 'neuron');
    if (!s.ok) throw new Error(s.message);
    const t = tokens(s.kernels[0].code);
    expect(t.filter(([x, k]) => x === '@binding' && k === 'meta').length).toBe(s.kernels[0].layout.length);
    const at = t.findIndex(([x]) => x === '@compute');
    expect(at).toBeGreaterThan(-1);
    expect(t.slice(at).find(([, k]) => k === 'keyword')).toEqual(['fn', 'keyword']);
    expect(t).toContainEqual(['atomicAdd', 'builtin']);
  });
});
