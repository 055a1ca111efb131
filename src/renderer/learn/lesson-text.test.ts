// The lesson text format: blocks (paragraph, display equation, list, table) and inline marks, as docs/lessons.md says.
import { describe, expect, it } from 'vitest';
import { parseInline, parseLessonText, parseMath } from './lesson-text';

describe('lesson text', () => {
  it('splits paragraphs, display equations (also inside a paragraph), lists and tables', () => {
    const b = parseLessonText('Leaks back:\n\n$$τ dv/dt = −v$$\n\nso **only** `v` is left $$x^2$$ after.\n\n- one\n- two $a_b$\n\n| a | b |\n|---|---|\n| 1 | $x_th$ |');
    expect(b.map((x) => x.t)).toEqual(['p', 'math', 'p', 'math', 'p', 'list', 'table']);
    expect(b[1]).toEqual({ t: 'math', parts: [{ t: 'text', s: 'τ dv/dt = −v' }] });
    expect(b[2]).toEqual({ t: 'p', inl: [{ t: 'text', s: 'so ' }, { t: 'bold', s: 'only' }, { t: 'text', s: ' ' }, { t: 'code', s: 'v' }, { t: 'text', s: ' is left' }] });
    expect(b[6]).toEqual({ t: 'table', head: [[{ t: 'text', s: 'a' }], [{ t: 'text', s: 'b' }]],
      rows: [[[{ t: 'text', s: '1' }], [{ t: 'math', parts: [{ t: 'text', s: 'x' }, { t: 'sub', s: 'th' }] }]]] });
  });

  it('sets sub- and superscripts of one word or a parenthesised group', () => {
    expect(parseMath('v·e^(−t/τ) + m^3 h')).toEqual([{ t: 'text', s: 'v·e' }, { t: 'sup', s: '−t/τ' }, { t: 'text', s: ' + m' }, { t: 'sup', s: '3' }, { t: 'text', s: ' h' }]);
    expect(parseMath('v_th0 − v_th')).toEqual([{ t: 'text', s: 'v' }, { t: 'sub', s: 'th0' }, { t: 'text', s: ' − v' }, { t: 'sub', s: 'th' }]);
    expect(parseInline('plain')).toEqual([{ t: 'text', s: 'plain' }]);
  });
});
