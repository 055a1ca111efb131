// The temp files of our atomic writers (the `snn` command's src/cli/io.ts and the app's
// src/main/services/atomic-write.ts): one name pattern, and when a left-over one counts as stale. A writer
// killed between creating its temp file and renaming it leaves `.NAME.PID.TOKEN.tmp` beside the target (a
// training run's can be hundreds of MB); the next write to the same target removes such files when their
// writer is no longer running, or when they were last written more than STALE_TEMP_MS ago (a pid can be
// reused, and a file on a shared disk may come from another machine). docs/cli.md ("Output files").
// Pure functions only: the file-system side lives in each writer (src/shared has no Node).

/** Age after which a temp file of ours is stale whatever its pid says (no write takes this long). */
export const STALE_TEMP_MS = 10 * 60_000;

/** `.NAME.PID.TOKEN.tmp`: hidden, beside its target, naming the writing process. */
export function tempNameFor(base: string, pid: number, token: string): string {
  return `.${base}.${pid}.${token}.tmp`;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The writer pid of `name` when it is one of our temp files for target `base` (null pid: an older writer's
 * name without one), or undefined when it is not ours. Older names: the CLI's `.NAME.PID.MILLIS.tmp` and the
 * app's `.NAME.HEX12.tmp`; the app's backup copy adds `.bak`.
 */
export function parseTempName(base: string, name: string): { pid: number | null } | undefined {
  const m = new RegExp(`^\\.${escapeRe(base)}\\.(?:(\\d{1,10})\\.)?([0-9a-f]{12}|\\d{10,16})\\.tmp(?:\\.bak)?$`).exec(name);
  if (!m) return undefined;
  return { pid: m[1] === undefined ? null : Number(m[1]) };
}

/** Whether a temp file of ours last written `ageMs` ago is stale; `alive(pid)` asks the host. */
export function isStaleTemp(t: { pid: number | null }, ageMs: number, alive: (pid: number) => boolean): boolean {
  if (ageMs > STALE_TEMP_MS) return true;
  return t.pid !== null && !alive(t.pid);
}
