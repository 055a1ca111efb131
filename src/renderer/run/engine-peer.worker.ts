// The CPU engine's second thread in the app (docs/engine.md, "CPU engine on two threads"): a nested Worker of the
// engine worker (./engine.worker.ts spawnPeer), serving ../../shared/engine/cpu-peer.ts. It says 'up' first: the
// engine worker blocks in Atomics.wait while it steps, and a browser may not start a nested worker while its
// parent is blocked, so the parent waits for this message before the first step.
import { servePeer } from '../../shared/engine/cpu-peer';
import type { PeerReply, PeerRequest } from '../../shared/engine/step-link';

const scope = self as unknown as Worker;
servePeer({
  post: (m: PeerReply) => scope.postMessage(m),
  onMessage: (h: (m: PeerRequest) => void) => { scope.onmessage = (e: MessageEvent<PeerRequest>) => h(e.data); },
});
scope.postMessage('up');
