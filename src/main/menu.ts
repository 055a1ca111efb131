// The native menu as a template (File, Edit, View, Run, Help; the app menu on macOS). Items send menu
// commands of src/shared/ipc.ts through `send`; built without Electron so tests can walk it.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, RecentFile } from '../shared/ipc';

export interface MenuDeps {
  platform: string;
  appName: string;
  isDev: boolean;
  recent: readonly RecentFile[];
  send: (command: MenuCommand) => void;
  openRecent: (path: string) => void;
  clearRecent: () => void;
}

type Item = MenuItemConstructorOptions;

export function buildMenuTemplate(d: MenuDeps): Item[] {
  const mac = d.platform === 'darwin';
  // `registered: false`: the key is shown but the renderer handles it (see MENU_COMMANDS in ipc.ts).
  const cmd = (label: string, command: MenuCommand, accelerator?: string, registered = true): Item => ({
    id: command,
    label,
    ...(accelerator ? { accelerator, registerAccelerator: registered } : {}),
    click: () => d.send(command),
  });
  const sep: Item = { type: 'separator' };

  const recentItems: Item[] = d.recent.length
    ? d.recent.map((f) => ({ label: f.name, sublabel: f.path, click: () => d.openRecent(f.path) }))
    : [{ label: 'No Recent Files', enabled: false }];

  const file: Item = {
    label: '&File',
    submenu: [
      cmd('New', 'file.new', 'CmdOrCtrl+N'),
      cmd('Open…', 'file.open', 'CmdOrCtrl+O'),
      { id: 'file.openRecent', label: 'Open Recent', submenu: [...recentItems, sep, { label: 'Clear Recent', enabled: d.recent.length > 0, click: d.clearRecent }] },
      cmd('Examples…', 'file.examples'),
      sep,
      cmd('Save', 'file.save', 'CmdOrCtrl+S'),
      cmd('Save As…', 'file.saveAs', 'Shift+CmdOrCtrl+S'),
      cmd('Revert to Saved', 'file.revert'),
      sep,
      cmd('Import NIR…', 'file.importNir'),
      cmd('Export NIR…', 'file.exportNir'),
      sep,
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const edit: Item = {
    label: '&Edit',
    submenu: [
      cmd('Undo', 'edit.undo', 'CmdOrCtrl+Z', false),
      cmd('Redo', 'edit.redo', 'Shift+CmdOrCtrl+Z', false),
      sep,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      cmd('Duplicate', 'edit.duplicate', 'CmdOrCtrl+D', false),
      cmd('Delete', 'edit.delete', 'Delete', false),
      sep,
      cmd('Select All', 'edit.selectAll', 'CmdOrCtrl+A', false),
    ],
  };

  const view: Item = {
    label: '&View',
    submenu: [
      cmd('Zoom to Fit', 'view.zoomToFit', 'Shift+1', false),
      cmd('Zoom In', 'view.zoomIn', 'CmdOrCtrl+=', false),
      cmd('Zoom Out', 'view.zoomOut', 'CmdOrCtrl+-', false),
      sep,
      cmd('Show Minimap', 'view.toggleMinimap', 'Shift+CmdOrCtrl+M', false),
      cmd('Auto Layout', 'view.autoLayout', 'Shift+CmdOrCtrl+L', false),
      sep,
      { role: 'togglefullscreen' },
      ...(d.isDev ? [sep, { role: 'reload' } as Item, { role: 'toggleDevTools' } as Item] : []),
    ],
  };

  const run: Item = {
    label: '&Run',
    submenu: [
      cmd('Run', 'run.run', 'F5'),
      cmd('Pause', 'run.pause', 'F6'),
      cmd('Stop', 'run.stop', 'Shift+F5'),
      cmd('Step', 'run.step', 'F10'),
    ],
  };

  const help: Item = {
    role: 'help',
    label: '&Help',
    submenu: [cmd('Documentation', 'help.docs', 'F1'), ...(mac ? [] : [cmd(`About ${d.appName}`, 'help.about')])],
  };

  const appMenu: Item[] = mac
    ? [{ label: d.appName, submenu: [cmd(`About ${d.appName}`, 'help.about'), sep, { role: 'services' }, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit' }] }]
    : [];
  const windowMenu: Item[] = mac ? [{ role: 'windowMenu' }] : [];
  return [...appMenu, file, edit, view, run, ...windowMenu, help];
}
