// The one platform API the renderer uses for files and settings: Electron's preload (window.snn) when the
// app runs in the desktop shell, else the web fallback.
import type { Platform } from './types';
import { createWebPlatform } from './web';
import { createElectronPlatform, type SnnPreloadApi } from './desktop';

export type { Platform, FileRef, OpenedFile, AutosaveEntry, SaveResult } from './types';

let platform: Platform | null = null;

export function getPlatform(): Platform {
  if (!platform) {
    const api = (window as unknown as { snn?: SnnPreloadApi }).snn;
    platform = api ? createElectronPlatform(api) : createWebPlatform();
  }
  return platform;
}
