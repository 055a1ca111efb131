// The recent-files list as pure functions (no DOM, no IndexedDB): newest first, one entry per file, at most
// RECENT_LIMIT entries. The web platform keeps it in IndexedDB; Electron's main keeps its own, and the
// renderer orders what main lists with the same rules.

export const RECENT_LIMIT = 10;

export interface RecentEntry {
  /** File name shown in the menu. */
  name: string;
  /** ISO time of the last open or save. */
  openedAt: string;
}

/** `entry` in front, earlier entries for the same file (`isSame`) dropped, cut to `limit`. */
export function pushRecent<T extends RecentEntry>(list: readonly T[], entry: T, isSame: (e: T, index: number) => boolean,
  limit = RECENT_LIMIT): T[] {
  return [entry, ...list.filter((e, i) => !isSame(e, i))].slice(0, Math.max(0, limit));
}

/** Newest first (by openedAt; equal or unreadable times keep their order), one entry per `key`, cut to `limit`. */
export function orderRecent<T extends RecentEntry>(list: readonly T[], key: (e: T) => string, limit = RECENT_LIMIT): T[] {
  const time = (e: T) => { const t = Date.parse(e.openedAt); return Number.isNaN(t) ? -Infinity : t; };
  const sorted = list.map((e, i) => ({ e, i })).sort((a, b) => time(b.e) - time(a.e) || a.i - b.i).map((x) => x.e);
  const seen = new Set<string>();
  const out: T[] = [];
  for (const e of sorted) {
    const k = key(e);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(e);
  }
  return out.slice(0, Math.max(0, limit));
}
