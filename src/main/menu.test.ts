import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { MENU_COMMANDS, type MenuCommand } from '../shared/ipc';
import { buildMenuTemplate, type MenuDeps } from './menu';

function walk(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? walk(i.submenu) : [])]);
}

function build(over: Partial<MenuDeps> = {}) {
  const sent: MenuCommand[] = [];
  const opened: string[] = [];
  let cleared = 0;
  const template = buildMenuTemplate({
    platform: 'linux', appName: 'SNN Studio', isDev: false, recent: [],
    send: (c) => sent.push(c), openRecent: (p) => opened.push(p), clearRecent: () => { cleared++; }, ...over,
  });
  return { template, items: walk(template), sent, opened, cleared: () => cleared };
}

const click = (i: MenuItemConstructorOptions) => (i.click as unknown as () => void)();

describe('menu template', () => {
  it('has File, Edit, View, Run and Help menus', () => {
    expect(build().template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Run', '&Help']);
  });

  it('sends every menu command of the contract from exactly one item', () => {
    for (const platform of ['linux', 'darwin', 'win32']) {
      const b = build({ platform });
      const withIds = b.items.filter((i) => i.id && (MENU_COMMANDS as readonly string[]).includes(i.id));
      expect(withIds.map((i) => i.id).sort(), platform).toEqual([...MENU_COMMANDS].sort());
      withIds.forEach(click);
      expect(b.sent, platform).toEqual(withIds.map((i) => i.id));
    }
  });

  it('registers the File and Run accelerators once each, and only shows the editing ones', () => {
    const { items } = build();
    const accel = (id: string) => items.find((i) => i.id === id);
    expect(accel('file.save')).toMatchObject({ accelerator: 'CmdOrCtrl+S', registerAccelerator: true });
    expect(accel('run.run')).toMatchObject({ accelerator: 'F5', registerAccelerator: true });
    expect(accel('edit.undo')).toMatchObject({ accelerator: 'CmdOrCtrl+Z', registerAccelerator: false });
    expect(accel('edit.delete')).toMatchObject({ registerAccelerator: false });
    const registered = items.filter((i) => i.accelerator && i.registerAccelerator !== false).map((i) => String(i.accelerator));
    expect(new Set(registered).size).toBe(registered.length);
  });

  it('lists recent files and opens or clears them', () => {
    const b = build({ recent: [{ path: '/w/a.snn.json', name: 'a.snn.json', openedAt: '2026-01-01T00:00:00Z' }] });
    const recent = b.items.find((i) => i.id === 'file.openRecent')!;
    const sub = recent.submenu as MenuItemConstructorOptions[];
    expect(sub[0]).toMatchObject({ label: 'a.snn.json', sublabel: '/w/a.snn.json' });
    click(sub[0]);
    click(sub.find((i) => i.label === 'Clear Recent')!);
    expect(b.opened).toEqual(['/w/a.snn.json']);
    expect(b.cleared()).toBe(1);
    const empty = build().items.find((i) => i.id === 'file.openRecent')!.submenu as MenuItemConstructorOptions[];
    expect(empty[0]).toMatchObject({ label: 'No Recent Files', enabled: false });
  });

  it('offers reload and DevTools only in development, and the app menu only on macOS', () => {
    expect(build().items.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(build({ isDev: true }).items.some((i) => i.role === 'toggleDevTools')).toBe(true);
    expect(build({ platform: 'darwin' }).template[0].label).toBe('SNN Studio');
  });
});
