// Which files a command line asks to open: `snn-studio a.snn.json` (packaged) or `electron . a.snn.json`
// (development). Switches (`--foo`) are Chromium's or ours, never files; paths resolve against `cwd`.
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { MAX_PATH_CHARS } from '../shared/ipc';

/** A path the OS handed us that the app can take (the IPC contract's FilePath): else it is ignored. */
export function isUsableOsPath(p: unknown): p is string {
  return typeof p === 'string' && p.length > 0 && p.length <= MAX_PATH_CHARS && !p.includes('\0');
}

/** `defaultApp`: Electron's process.defaultApp (true when run as `electron <app path>`). */
export function filesFromArgv(argv: readonly string[], defaultApp: boolean, cwd: string): string[] {
  return argv.slice(defaultApp ? 2 : 1)
    .filter((a) => isUsableOsPath(a) && !a.startsWith('-'))
    .map((a) => (isAbsolute(a) ? resolve(a) : resolve(cwd, a)))
    .filter(isUsableOsPath);
}

/** What a second instance passes to the first (Electron's `additionalData`), checked on arrival. */
export const SecondInstanceData = z.object({ argv: z.array(z.string()), cwd: z.string(), defaultApp: z.boolean() });
export type SecondInstanceData = z.infer<typeof SecondInstanceData>;
