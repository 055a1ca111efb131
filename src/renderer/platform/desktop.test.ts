// The desktop platform on a fake window.snn: results map onto the Platform interface; read-only files and
// cancelled dialogs behave; a clean document clears the recovery file instead of writing it.
import { describe, it, expect, vi } from 'vitest';
import type { SnnApi } from '../../shared/ipc';
import { createDesktopPlatform } from './desktop';

function fakeApi(overrides: Partial<{ [K in keyof SnnApi]: Partial<SnnApi[K]> }> = {}): SnnApi {
  const ok = async () => ({ ok: true as const });
  const base: SnnApi = {
    files: {
      open: vi.fn(async () => ({ ok: true as const, path: '/d/a.snn.json', name: 'a.snn.json', text: '{}', readOnly: false, problem: null, message: '', diagnostics: [] })),
      openRecent: vi.fn(async (path: string) => ({ ok: true as const, path, name: 'b.snn.json', text: '{"x":1}', readOnly: true, problem: 'newer-version' as const, message: 'newer', diagnostics: [] })),
      save: vi.fn(async (_t: string, path?: string) => ({ ok: true as const, path: path ?? '/d/new.snn.json', name: 'x.snn.json', savedAt: 'now' })),
      saveAs: vi.fn(async () => ({ ok: false as const, error: 'cancelled', code: 'cancelled' as const })),
      listRecent: vi.fn(async () => ({ ok: true as const, files: [] })),
      clearRecent: vi.fn(ok),
      onOpenFile: vi.fn(() => () => {}),
      takeOpenRequests: vi.fn(async () => ({ ok: true as const, paths: ['/d/early.snn.json'] })),
      exportWeights: vi.fn(async () => ({ ok: false as const, error: 'cancelled', code: 'cancelled' as const })),
      importWeights: vi.fn(async () => ({ ok: false as const, error: 'cancelled', code: 'cancelled' as const })),
      exportNir: vi.fn(async () => ({ ok: false as const, error: 'cancelled', code: 'cancelled' as const })),
      importNir: vi.fn(async () => ({ ok: false as const, error: 'cancelled', code: 'cancelled' as const })),
    },
    recovery: { write: vi.fn(ok), check: vi.fn(async () => ({ ok: true as const, recovery: null })), clear: vi.fn(ok) },
    settings: { get: vi.fn(async () => ({ ok: true as const, value: 3 })), set: vi.fn(ok) },
    app: {
      getVersion: vi.fn(async () => ({ ok: true as const, version: '0', electron: '0', platform: 'linux' as const })),
      askUnsaved: vi.fn(async () => ({ ok: true as const, choice: 'discard' as const })),
      confirmClose: vi.fn(ok), onCloseRequested: vi.fn(() => () => {}), onMenuCommand: vi.fn(() => () => {}),
    },
    window: { setTitle: vi.fn(ok), setDocumentEdited: vi.fn(ok) },
  };
  for (const [k, v] of Object.entries(overrides)) Object.assign((base as unknown as Record<string, object>)[k], v);
  return base;
}

describe('desktop platform', () => {
  it('opens through the dialog and reopens by path, keeping the read-only flag', async () => {
    const api = fakeApi();
    const p = createDesktopPlatform(api);
    expect(await p.openFile()).toEqual({ ref: { name: 'a.snn.json', path: '/d/a.snn.json' }, text: '{}', readOnly: false });
    expect(await p.reopen({ name: 'b', path: '/d/b.snn.json' })).toEqual({ ref: { name: 'b.snn.json', path: '/d/b.snn.json' }, text: '{"x":1}', readOnly: true });
    expect(p.canReopen({ name: 'x' })).toBe(false);
  });

  it('a cancelled dialog is null or cancelled, a refusal is an error with main\'s sentence', async () => {
    const api = fakeApi({ files: { open: async () => ({ ok: false as const, error: 'x', code: 'cancelled' as const }) } });
    const p = createDesktopPlatform(api);
    expect(await p.openFile()).toBeNull();
    expect(await p.saveFileAs('t', 'n.snn.json')).toEqual({ ok: false, cancelled: true });
    const denied = createDesktopPlatform(fakeApi({ files: { open: async () => ({ ok: false as const, error: 'disk on fire', code: 'io' as const }) } }));
    await expect(denied.openFile()).rejects.toThrow('disk on fire');
  });

  it('saves in place when the file has a path, else asks where', async () => {
    const api = fakeApi();
    const p = createDesktopPlatform(api);
    expect(await p.saveFile('text', { name: 'a', path: '/d/a.snn.json' }, 'a.snn.json')).toEqual({ ok: true, ref: { name: 'x.snn.json', path: '/d/a.snn.json' } });
    expect(api.files.save).toHaveBeenCalledWith('text', '/d/a.snn.json');
    await p.saveFile('text', null, 'net.snn.json');
    expect(api.files.saveAs).toHaveBeenCalledWith('text', 'net.snn.json');
  });

  it('hands over files the OS asked for before and after subscribing', async () => {
    const api = fakeApi();
    const seen: string[] = [];
    createDesktopPlatform(api).onOpenFile((ref) => seen.push(`${ref.name} ${ref.path}`));
    await vi.waitFor(() => expect(seen).toEqual(['early.snn.json /d/early.snn.json']));
    const cb = vi.mocked(api.files.onOpenFile).mock.calls[0][0];
    cb('C:\\x\\late.snn.json');
    expect(seen[1]).toBe('late.snn.json C:\\x\\late.snn.json');
  });

  it('writes recovery only for unsaved work', async () => {
    const api = fakeApi();
    const p = createDesktopPlatform(api);
    await p.autosave.write({ text: '{}', fileName: 'a', path: '/d/a', savedAt: 't', dirty: true });
    expect(api.recovery.write).toHaveBeenCalledWith('{}', '/d/a', 'a');
    await p.autosave.write({ text: '{}', fileName: 'a', savedAt: 't', dirty: false });
    expect(api.recovery.clear).toHaveBeenCalled();
    expect(await p.settings.get('k')).toBe(3);
  });

  it('lists main\'s recent files newest first, once each, reopens them by path and clears through main', async () => {
    const files = [
      { path: '/d/a.snn.json', name: 'a.snn.json', openedAt: '2026-01-01T00:00:00Z' },
      { path: '/e/b.snn.json', name: 'b.snn.json', openedAt: '2026-03-01T00:00:00Z' },
      { path: '/d/a.snn.json', name: 'a.snn.json', openedAt: '2026-02-01T00:00:00Z' },
    ];
    const api = fakeApi({ files: { listRecent: vi.fn(async () => ({ ok: true as const, files })) } });
    const p = createDesktopPlatform(api);
    expect(p.recent.unavailable).toBeUndefined();
    const list = await p.recent.list();
    expect(list.map((f) => `${f.name} ${f.detail} ${f.openedAt}`)).toEqual(['b.snn.json /e/b.snn.json 2026-03-01T00:00:00Z', 'a.snn.json /d/a.snn.json 2026-02-01T00:00:00Z']);
    await p.reopen(list[1].ref);
    expect(api.files.openRecent).toHaveBeenCalledWith('/d/a.snn.json');
    await p.recent.add({ name: 'a.snn.json', path: '/d/a.snn.json' }); // main records its own opens and saves
    await p.recent.clear();
    expect(api.files.clearRecent).toHaveBeenCalled();
    const failing = createDesktopPlatform(fakeApi({ files: { listRecent: async () => ({ ok: false as const, error: 'x', code: 'io' as const }) } }));
    expect(await failing.recent.list()).toEqual([]);
  });
});
