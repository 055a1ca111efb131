// The one BrowserWindow: secure web preferences, bounds restored and clamped to the displays present,
// state saved on close, and the close handshake that lets the renderer ask about unsaved work.
import { BrowserWindow, screen } from 'electron';
import { secureWebPreferences } from './security';
import { clampWindowState, loadWindowState, saveWindowStateSync, MIN_HEIGHT, MIN_WIDTH } from './services/window-state';

export interface MainWindow {
  win: BrowserWindow;
  /** The renderer's unsaved-changes mark (window.setDocumentEdited). */
  setEdited(edited: boolean): void;
  /** The renderer's answer to a close request. */
  confirmClose(allow: boolean): void;
  /** Whether the page subscribed to close requests (else `askFallback` is used). */
  setCloseHandler(active: boolean): void;
  /** A new page is loading: it has no unsaved mark and no close handler until it says so. */
  resetPageState(): void;
}

export async function createMainWindow(opts: {
  preloadPath: string;
  windowStateFile: string;
  /** Ask the renderer before closing with unsaved work (sends the closeRequested event). */
  requestClose: (win: BrowserWindow) => void;
  /** Ask with main's own native box when the page does not handle close requests. */
  askFallback: (win: BrowserWindow) => void;
  /** Runs once the window closed after the user agreed (or nothing was unsaved). */
  onClosed: () => void;
}): Promise<MainWindow> {
  const displays = [screen.getPrimaryDisplay(), ...screen.getAllDisplays().filter((d) => d.id !== screen.getPrimaryDisplay().id)];
  const state = clampWindowState(await loadWindowState(opts.windowStateFile), displays.map((d) => d.workArea));
  const win = new BrowserWindow({
    x: state.x, y: state.y, width: state.width, height: state.height,
    minWidth: MIN_WIDTH, minHeight: MIN_HEIGHT,
    show: false,
    title: 'SNN Studio',
    backgroundColor: '#1e1f24',
    webPreferences: secureWebPreferences(opts.preloadPath),
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  let edited = false;
  let closeAllowed = false;
  let pageHandlesClose = false;
  win.on('close', (e) => {
    // Saved on every close attempt (even one the user cancels), synchronously: the app may quit right after.
    try {
      saveWindowStateSync(opts.windowStateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
    } catch {
      // an unwritable settings folder must not keep the window open
    }
    if (edited && !closeAllowed) {
      e.preventDefault();
      if (pageHandlesClose) opts.requestClose(win);
      else opts.askFallback(win);
    }
  });
  win.on('closed', opts.onClosed);

  return {
    win,
    setEdited(value) {
      edited = value;
      win.setDocumentEdited(value); // macOS: the dot in the close button; a no-op elsewhere
    },
    setCloseHandler(active) {
      pageHandlesClose = active;
    },
    resetPageState() {
      pageHandlesClose = false;
      edited = false;
      win.setDocumentEdited(false);
    },
    confirmClose(allow) {
      if (!allow) return;
      closeAllowed = true;
      win.close();
    },
  };
}
