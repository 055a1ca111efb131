// The page's CSP arrives twice in production: the renderer's <meta> tag (src/renderer/index.html, needed by
// the web build) and our header. Browsers enforce both, so a source added to one and not the other breaks
// the desktop app silently: this test keeps them equal (the header may add what <meta> cannot carry).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { PRODUCTION_CSP } from './security';

const parse = (csp: string) => new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
  const [name, ...values] = d.split(/\s+/);
  return [name, values.sort().join(' ')] as const;
}));

describe('CSP header vs the renderer <meta> policy', () => {
  it('have the same directives, except header-only ones', () => {
    const html = readFileSync(new URL('../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta, 'src/renderer/index.html has a CSP <meta> tag').not.toBeNull();
    const header = parse(PRODUCTION_CSP);
    header.delete('frame-ancestors'); // ignored in <meta> by the CSP spec
    expect(parse(meta![1])).toEqual(header);
  });
});
