import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { PathAllowList } from './path-access';

const p = (name: string) => join(tmpdir(), 'snn-allow', name);

describe('PathAllowList', () => {
  it('refuses a path it never granted', () => {
    const a = new PathAllowList(false);
    const r = a.check(p('secret.json'), 'read');
    expect(r).toMatchObject({ ok: false, code: 'not-allowed' });
    expect(!r.ok && r.error).toMatch(/not a file you opened or saved in this app/);
  });

  it('allows a granted path for reading and writing', () => {
    const a = new PathAllowList(false);
    a.grant(p('net.snn.json'));
    expect(a.check(p('net.snn.json'), 'read')).toEqual({ ok: true, path: p('net.snn.json') });
    expect(a.check(p('net.snn.json'), 'write').ok).toBe(true);
  });

  it('refuses relative paths and traversal out of a granted file', () => {
    const a = new PathAllowList(false);
    a.grant(p('net.snn.json'));
    expect(a.check('net.snn.json', 'read').ok).toBe(false);
    expect(a.check(p('net.snn.json/../../../etc/passwd'), 'read').ok).toBe(false);
    expect(a.check(p('other.snn.json'), 'read').ok).toBe(false);
  });

  it('treats paths that resolve to the same file as one (../ segments)', () => {
    const a = new PathAllowList(false);
    a.grant(p('net.snn.json'));
    expect(a.check(p('sub/../net.snn.json'), 'read')).toEqual({ ok: true, path: resolve(p('net.snn.json')) });
  });

  it('is case-sensitive unless told otherwise', () => {
    const sensitive = new PathAllowList(false);
    sensitive.grant(p('Net.json'));
    expect(sensitive.isGranted(p('net.json'))).toBe(false);
    const insensitive = new PathAllowList(true);
    insensitive.grant(p('Net.json'));
    expect(insensitive.isGranted(p('net.json'))).toBe(true);
  });

  it('refuses writes to a read-only file but still allows reading it', () => {
    const a = new PathAllowList(false);
    a.grant(p('old.snn.json'));
    a.markReadOnly(p('old.snn.json'), 'made by a newer version');
    expect(a.check(p('old.snn.json'), 'read').ok).toBe(true);
    const w = a.check(p('old.snn.json'), 'write');
    expect(w).toMatchObject({ ok: false, code: 'read-only' });
    expect(!w.ok && w.error).toMatch(/read-only \(made by a newer version\); it will not be overwritten/);
    a.clearReadOnly(p('old.snn.json'));
    expect(a.check(p('old.snn.json'), 'write').ok).toBe(true);
  });

  it('forgets a revoked path', () => {
    const a = new PathAllowList(false);
    a.grant(p('x.json'));
    a.revoke(p('x.json'));
    expect(a.isGranted(p('x.json'))).toBe(false);
  });

  it('tells why a path is read-only whether or not it is granted (the weights export asks without granting)', () => {
    const a = new PathAllowList(false);
    expect(a.readOnlyReason(p('bad.snn.json'))).toBeUndefined();
    a.markReadOnly(p('bad.snn.json'), 'it has errors');
    expect(a.readOnlyReason(p('bad.snn.json'))).toBe('it has errors');
    expect(a.isGranted(p('bad.snn.json'))).toBe(false);
  });
});
