import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readdir } from 'node:fs/promises';
import { clampWindowState, DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState, saveWindowStateSync, type Rect } from './window-state';
import { makeTempDir } from './test-helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

const primary: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const right: Rect = { x: 1920, y: 0, width: 1280, height: 984 };

describe('window state', () => {
  it('round-trips through its file and falls back to the default when missing or damaged', async () => {
    const f = join(dir, 'w.json');
    expect(await loadWindowState(f)).toEqual(DEFAULT_WINDOW_STATE);
    await saveWindowState(f, { x: 10, y: 20, width: 900, height: 700, maximized: true });
    expect(await loadWindowState(f)).toEqual({ x: 10, y: 20, width: 900, height: 700, maximized: true });
    await writeFile(f, '{"width": -5}');
    expect(await loadWindowState(f)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('saves synchronously (for the closing window), rounding fractional bounds, leaving no temp file', async () => {
    const f = join(dir, 'state', 'w.json');
    saveWindowStateSync(f, { x: 10.4, y: 20.6, width: 900.5, height: 700, maximized: false });
    expect(await loadWindowState(f)).toEqual({ x: 10, y: 21, width: 901, height: 700, maximized: false });
    expect(await readdir(join(dir, 'state'))).toEqual(['w.json']);
  });

  it('the synchronous save names its temp file like every writer and removes one a killed app left', async () => {
    const f = join(dir, 'w.json');
    // A dead writer's temp file (pid 2^22 + 1 is above Linux's pid_max default) and a stranger's file.
    await writeFile(join(dir, '.w.json.4194305.0123456789ab.tmp'), '{"x":');
    await writeFile(join(dir, 'notes.tmp'), 'keep');
    saveWindowStateSync(f, { width: 800, height: 600, maximized: true });
    expect((await readdir(dir)).sort()).toEqual(['notes.tmp', 'w.json']);
    expect(await loadWindowState(f)).toEqual({ width: 800, height: 600, maximized: true });
  });

  it('keeps a window that fits on its display as it is', () => {
    const s = { x: 2000, y: 50, width: 1000, height: 800, maximized: false };
    expect(clampWindowState(s, [primary, right])).toEqual(s);
  });

  it('centres on the primary display a window whose display was unplugged', () => {
    const s = { x: 5000, y: 50, width: 1000, height: 800, maximized: true };
    expect(clampWindowState(s, [primary])).toEqual({ x: 460, y: 120, width: 1000, height: 800, maximized: true });
  });

  it('centres a window that has no saved position', () => {
    expect(clampWindowState(DEFAULT_WINDOW_STATE, [primary])).toEqual({ x: 320, y: 120, width: 1280, height: 800, maximized: false });
  });

  it('shrinks a window larger than its display and moves it fully inside', () => {
    const s = { x: 1900, y: -100, width: 3000, height: 2000, maximized: false };
    expect(clampWindowState(s, [primary, right])).toEqual({ x: 1920, y: 0, width: 1280, height: 984, maximized: false });
  });

  it('pulls a window hanging off the bottom-right edge back inside', () => {
    const s = { x: 1500, y: 900, width: 800, height: 600, maximized: false };
    expect(clampWindowState(s, [primary])).toEqual({ x: 1120, y: 440, width: 800, height: 600, maximized: false });
  });

  it('grows a tiny window to the minimum size', () => {
    const s = { x: 10, y: 10, width: 50, height: 40, maximized: false };
    expect(clampWindowState(s, [primary])).toMatchObject({ width: 640, height: 480 });
  });
});
