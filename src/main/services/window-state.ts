// Window bounds and maximised flag, remembered between runs and clamped onto a display that exists now
// (a monitor may have been unplugged since): the window never opens off-screen or larger than the screen.
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { tempNameFor } from '../../shared/io/temp-files';
import { cleanStaleTempsSync } from './atomic-write';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-store';

export interface Rect { x: number; y: number; width: number; height: number }

export const WindowState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };
export const MIN_WIDTH = 640;
export const MIN_HEIGHT = 480;

export async function loadWindowState(file: string): Promise<WindowState> {
  return readJsonFile(file, WindowState, DEFAULT_WINDOW_STATE);
}

export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await writeJsonFile(file, WindowState.parse(state));
}

/**
 * The same, synchronously: used while the window closes, when the app may quit before a promise settles.
 * Still whole-or-nothing (temp file + rename); a tiny file, so no fsync: losing it costs only a position.
 * The temp file is named and cleaned up like every other writer's (src/shared/io/temp-files.ts): one left by
 * a killed app is removed on the next save.
 */
export function saveWindowStateSync(file: string, state: WindowState): void {
  const checked = WindowState.parse({ ...state, ...roundBounds(state) });
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  cleanStaleTempsSync(dir, basename(file));
  const tmp = join(dir, tempNameFor(basename(file), process.pid, randomBytes(6).toString('hex')));
  try {
    writeFileSync(tmp, `${JSON.stringify(checked, null, 2)}\n`);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

function roundBounds(s: WindowState): Partial<WindowState> {
  const r = (v: number | undefined) => (v === undefined ? undefined : Math.round(v));
  return { x: r(s.x), y: r(s.y), width: Math.max(1, Math.round(s.width)), height: Math.max(1, Math.round(s.height)) };
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Fit `state` onto `workAreas` (the displays' usable areas, primary first): keep it on the display it
 * overlaps most, shrink it to that display, move it fully inside; with no position or no overlap, centre it
 * on the primary display. With no display at all (should not happen) the state is returned unchanged.
 */
export function clampWindowState(state: WindowState, workAreas: readonly Rect[]): WindowState {
  if (workAreas.length === 0) return state;
  const positioned = state.x !== undefined && state.y !== undefined;
  const rect: Rect = { x: state.x ?? 0, y: state.y ?? 0, width: state.width, height: state.height };
  let best = -1;
  let bestArea = 0;
  if (positioned) {
    workAreas.forEach((wa, i) => {
      const a = overlap(rect, wa);
      if (a > bestArea) { bestArea = a; best = i; }
    });
  }
  const area = workAreas[best >= 0 ? best : 0];
  const width = Math.min(Math.max(state.width, Math.min(MIN_WIDTH, area.width)), area.width);
  const height = Math.min(Math.max(state.height, Math.min(MIN_HEIGHT, area.height)), area.height);
  let x: number;
  let y: number;
  if (best >= 0) {
    x = Math.min(Math.max(rect.x, area.x), area.x + area.width - width);
    y = Math.min(Math.max(rect.y, area.y), area.y + area.height - height);
  } else {
    x = area.x + Math.round((area.width - width) / 2);
    y = area.y + Math.round((area.height - height) / 2);
  }
  return { x, y, width, height, maximized: state.maximized };
}
