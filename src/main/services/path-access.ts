// The allow-list of files the renderer may touch: only paths the user chose (dialogs, the recent list, the
// command line / double-click). A compromised renderer that sends any other path gets a refusal, not a file.
import { isAbsolute, resolve } from 'node:path';

export type Access = 'read' | 'write';
export type AccessCheck = { ok: true; path: string } | { ok: false; error: string; code: 'not-allowed' | 'read-only' };

export class PathAllowList {
  private readonly granted = new Set<string>();
  private readonly readOnly = new Map<string, string>();

  /** `caseInsensitive`: Windows and macOS file systems usually are; then `A.json` and `a.json` are one file. */
  constructor(private readonly caseInsensitive = process.platform === 'win32' || process.platform === 'darwin') {}

  private key(path: string): string {
    const abs = resolve(path);
    return this.caseInsensitive ? abs.toLowerCase() : abs;
  }

  grant(path: string): string {
    this.granted.add(this.key(path));
    return resolve(path);
  }

  revoke(path: string): void {
    this.granted.delete(this.key(path));
  }

  isGranted(path: string): boolean {
    return isAbsolute(path) && this.granted.has(this.key(path));
  }

  /** A file that opened corrupt or from a newer version: reading stays allowed, writing is refused. */
  markReadOnly(path: string, reason: string): void {
    this.readOnly.set(this.key(path), reason);
  }

  clearReadOnly(path: string): void {
    this.readOnly.delete(this.key(path));
  }

  /** Why `path` is read-only, or undefined (whether or not it is granted). */
  readOnlyReason(path: string): string | undefined {
    return this.readOnly.get(this.key(path));
  }

  check(path: string, access: Access): AccessCheck {
    if (!isAbsolute(path) || !this.granted.has(this.key(path))) {
      return { ok: false, code: 'not-allowed', error: `${path}: not a file you opened or saved in this app; use Open or Save As` };
    }
    const why = this.readOnly.get(this.key(path));
    if (access === 'write' && why !== undefined) {
      return { ok: false, code: 'read-only', error: `${path} is open read-only (${why}); it will not be overwritten: use Save As` };
    }
    return { ok: true, path: resolve(path) };
  }
}
