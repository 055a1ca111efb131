// The one platform API the renderer uses for files and settings: Electron's preload (window.snn) when the
// app runs in the desktop shell, else the web fallback.
import type { Platform } from './types';
import { createWebPlatform } from './web';
import { createDesktopPlatform } from './desktop';

export type { Platform, FileRef, OpenedFile, AutosaveEntry, SaveResult, UnsavedChoice, RecentItem } from './types';

let platform: Platform | null = null;

export function getPlatform(): Platform {
  if (!platform) platform = window.snn ? createDesktopPlatform(window.snn) : createWebPlatform();
  return platform;
}
