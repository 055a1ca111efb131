// How many threads the CPU engine runs on in the app (docs/engine.md, "CPU engine on two threads"): the engine
// worker (./engine.worker.ts) is the first thread and starts the second as a nested Worker (./engine-peer.worker.ts),
// which needs SharedArrayBuffer, so only where the page is cross-origin isolated (the COOP/COEP headers of
// src/main/security.ts ISOLATION_HEADERS); elsewhere one thread. 'auto' picks two threads the way `snn run` does
// (../../shared/engine/cpu-engine.ts engineThreads), except that a page has no load average: it counts a core
// as idle for the second thread whenever the machine has two or more (navigator.hardwareConcurrency).
import type { CpuEngineOptions } from '../../shared/engine/cpu-engine';
import type { PeerPort } from '../../shared/engine/step-link';

export type ThreadsChoice = 1 | 2 | 'auto';

/** What the engine worker knows of where it runs. */
export interface ThreadsEnv {
  /** `crossOriginIsolated`: SharedArrayBuffer and Atomics.wait between workers are available. */
  isolated: boolean;
  /** navigator.hardwareConcurrency (0 when unknown). */
  cores: number;
}

/** The CPU engine's options in the engine worker for `threads`; `spawn` starts the second thread. */
export function appCpuOptions(threads: ThreadsChoice, env: ThreadsEnv, spawn: () => PeerPort): CpuEngineOptions {
  if (!env.isolated || threads === 1) return { threads: 1 };
  return { threads, spawn, idleCores: Math.max(0, env.cores - 1) };
}

/**
 * The page's choice: 'auto', or `?threads=1` / `?threads=2` in its URL (to compare the two, as `snn run
 * --threads` does; the e2e test of two threads uses it). Anything else is 'auto'.
 */
export function threadsFromQuery(search: string): ThreadsChoice {
  const v = new URLSearchParams(search).get('threads');
  return v === '1' ? 1 : v === '2' ? 2 : 'auto';
}
