// A menu button for the top bar when it is too narrow for its toolbars (TopBar "compact"): the same commands
// as menu items, each with its shortcut hint; arrows move, Escape closes and returns focus, a click away closes.
import { useMenuButton } from './menu-button';

export interface MenuCommand { label: string; onClick(): void; disabled?: boolean; hint?: string; pressed?: boolean }

export function ToolbarMenu({ label, commands }: { label: string; commands: readonly MenuCommand[] }) {
  const { open, setOpen, close, onMenuKey, menuId, root, button, menu } = useMenuButton('[role^="menuitem"]:not(:disabled)');

  return (
    <div className="menu-anchor" ref={root}>
      <button type="button" ref={button} aria-haspopup="menu" aria-expanded={open} aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}>{label} ▾</button>
      {open && (
        <div className="menu" role="menu" id={menuId} aria-label={label} ref={menu} onKeyDown={onMenuKey}>
          {commands.map((c) => (
            <button key={c.label} type="button" role={c.pressed === undefined ? 'menuitem' : 'menuitemcheckbox'}
              aria-checked={c.pressed} disabled={c.disabled} onClick={() => { close(true); c.onClick(); }}>
              <span>{c.pressed !== undefined ? (c.pressed ? '✓ ' : '  ') : ''}{c.label}</span>
              {c.hint && <span className="menu-hint">{c.hint}</span>}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
