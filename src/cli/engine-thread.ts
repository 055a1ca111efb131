// The CPU engine's second thread in Node (docs/engine.md, "CPU engine on two threads"): a worker thread
// running src/shared/engine/cpu-peer.ts, for `snn run --threads` and `snn bench --threads`.
import { Worker } from 'node:worker_threads';
import type { PeerPort } from '../shared/engine/step-link';

export function spawnEngineThread(): PeerPort {
  // The entry registers the TypeScript loader in the worker (as bin/snn.mjs does for the main thread); the
  // worker does not keep the process alive once the main thread is done.
  const worker = new Worker(new URL('./engine-thread-entry.mjs', import.meta.url));
  worker.unref();
  return {
    post: (m) => worker.postMessage(m),
    onMessage: (h) => { worker.on('message', h); },
    close: () => { void worker.terminate(); },
  };
}
