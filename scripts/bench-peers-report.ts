// The pure part of `npm run bench:peers` (scripts/bench-peers.ts): reading a peer script's JSON line and
// printing the side-by-side table with ratios. Kept apart from the runner so a test can feed it recorded output.

/** What bench/peers/coba_brian2.py prints (one JSON line). */
export interface BrianResult {
  peer: 'brian2'; target: string; duration_ms: number; build_s: number; run_s: number; synapses: number;
  /** Process CPU time of the run (s): what the other jobs on a loaded machine inflate least. */
  cpu_s?: number;
  rate_hz: { exc: number; inh: number };
}

/** What bench/peers/tutorial_torch.py prints (one JSON line). */
export interface TorchResult {
  peer: 'pytorch'; torch: string; threads: number; epochs: number; train_s: number; epoch_s: number[]; test_accuracy: number;
}

/**
 * The result line of a peer script's stdout: the last line that parses as a JSON object with the expected
 * `peer`. Python warnings and library chatter before it are ignored; anything else is an error that says
 * what was missing, so a broken peer install is reported, not a number invented.
 */
export function parsePeerOutput<T extends { peer: string }>(stdout: string, peer: T['peer'], required: readonly string[]): T {
  const lines = stdout.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.startsWith('{'));
  for (let i = lines.length - 1; i >= 0; i--) {
    let v: unknown;
    try { v = JSON.parse(lines[i]); } catch { continue; }
    if (typeof v !== 'object' || v === null || (v as { peer?: unknown }).peer !== peer) continue;
    const missing = required.filter((k) => !(k in (v as object)) || !isFinitePath((v as Record<string, unknown>)[k]));
    if (missing.length) throw new Error(`${peer}: result line lacks ${missing.join(', ')}: ${lines[i].slice(0, 200)}`);
    return v as T;
  }
  throw new Error(`${peer}: no result line in its output${stdout.trim() ? `; it ended with: ${stdout.trim().split('\n').slice(-3).join(' | ').slice(0, 300)}` : ' (empty)'}`);
}

function isFinitePath(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isFinitePath);
  if (typeof v === 'object' && v !== null) return Object.values(v).every(isFinitePath);
  return typeof v === 'string';
}

/** One line of the table: a piece of work, SNN Studio's time, a peer's time (or why there is none). */
export interface Row { work: string; ours: string; oursS: number | null; peer: string; peerS: number | null; note?: string }

/** "N× slower" / "N× faster" from SNN Studio's seconds over the peer's (the same work, the same run). */
export function ratio(oursS: number | null, peerS: number | null): string {
  if (oursS === null || peerS === null || !(oursS > 0) || !(peerS > 0)) return '—';
  const r = oursS / peerS;
  if (r >= 1.05) return `${r.toFixed(r >= 10 ? 0 : 1)}× slower`;
  if (r <= 1 / 1.05) return `${(1 / r).toFixed(1 / r >= 10 ? 0 : 1)}× faster`;
  return 'same';
}

const secs = (s: number | null) => (s === null ? '—' : s >= 10 ? `${s.toFixed(1)} s` : `${s.toFixed(2)} s`);

export function table(rows: readonly Row[]): string {
  const out = ['| work | SNN Studio | s | peer | s | SNN Studio vs peer |', '|---|---|---|---|---|---|'];
  for (const r of rows) {
    out.push(`| ${r.work} | ${r.ours} | ${secs(r.oursS)} | ${r.peer}${r.note ? ` (${r.note})` : ''} | ${secs(r.peerS)} | ${ratio(r.oursS, r.peerS)} |`);
  }
  return out.join('\n');
}
