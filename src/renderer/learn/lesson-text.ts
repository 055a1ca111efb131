// The lesson text format (docs/lessons.md): paragraphs, "- " lists, pipe tables, $$display$$ and $inline$
// equations with x_sub and x^sup, **bold** and `code`. Parsed into plain data here (unit-tested in Node) and
// drawn by ./LessonText.tsx — equations read as typeset maths without a maths library.

export type Inline =
  | { t: 'text'; s: string }
  | { t: 'bold'; s: string }
  | { t: 'code'; s: string }
  | { t: 'math'; parts: MathPart[] };
export type MathPart = { t: 'text' | 'sub' | 'sup'; s: string };
export type Block =
  | { t: 'p'; inl: Inline[] }
  | { t: 'math'; parts: MathPart[] }
  | { t: 'list'; items: Inline[][] }
  | { t: 'table'; head: Inline[][]; rows: Inline[][][] };

/** x_th → x + sub "th"; x^2 → sup "2"; x_(a b) → sub "a b". A script is one word or a parenthesised group. */
export function parseMath(src: string): MathPart[] {
  const out: MathPart[] = [];
  const re = /([_^])(\(([^)]*)\)|[\p{L}\p{N}.*′]+)/gu;
  let last = 0;
  for (const m of src.matchAll(re)) {
    if (m.index! > last) out.push({ t: 'text', s: src.slice(last, m.index) });
    out.push({ t: m[1] === '_' ? 'sub' : 'sup', s: m[3] ?? m[2] });
    last = m.index! + m[0].length;
  }
  if (last < src.length) out.push({ t: 'text', s: src.slice(last) });
  return out;
}

export function parseInline(src: string): Inline[] {
  const out: Inline[] = [];
  const re = /\$([^$]+)\$|\*\*([^*]+)\*\*|`([^`]+)`/g;
  let last = 0;
  for (const m of src.matchAll(re)) {
    if (m.index! > last) out.push({ t: 'text', s: src.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ t: 'math', parts: parseMath(m[1]) });
    else if (m[2] !== undefined) out.push({ t: 'bold', s: m[2] });
    else out.push({ t: 'code', s: m[3] });
    last = m.index! + m[0].length;
  }
  if (last < src.length) out.push({ t: 'text', s: src.slice(last) });
  return out;
}

const cells = (line: string) => line.trim().replace(/^\||\|$/g, '').split('|').map((c) => parseInline(c.trim()));

export function parseLessonText(text: string): Block[] {
  const blocks: Block[] = [];
  // $$…$$ is a block of its own even inside a paragraph's text.
  const chunks = text.split(/\n\s*\n|(\$\$[^$]+\$\$)/).filter((c): c is string => !!c && c.trim() !== '');
  for (const chunk of chunks) {
    const c = chunk.trim();
    const display = /^\$\$([^$]+)\$\$$/.exec(c);
    if (display) { blocks.push({ t: 'math', parts: parseMath(display[1].trim()) }); continue; }
    const lines = c.split('\n');
    if (lines.length >= 2 && lines.every((l) => l.trim().startsWith('|')) && /^\|?\s*:?-+/.test(lines[1].trim())) {
      blocks.push({ t: 'table', head: cells(lines[0]), rows: lines.slice(2).map(cells) });
    } else if (lines.every((l) => /^\s*- /.test(l))) {
      blocks.push({ t: 'list', items: lines.map((l) => parseInline(l.replace(/^\s*- /, ''))) });
    } else {
      blocks.push({ t: 'p', inl: parseInline(lines.join(' ')) });
    }
  }
  return blocks;
}
