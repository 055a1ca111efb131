// The CPU engine's second thread in the app (docs/engine.md, "CPU engine on two threads"): a nested Worker of the
// engine worker (./engine.worker.ts spawnPeer), serving ../../shared/engine/cpu-peer.ts. It answers 'ready' once
// it has the network (the 'init' request): the engine worker blocks in Atomics.wait while it steps, and Chromium
// hands a starting nested worker the messages posted to it only from its parent's event loop (a run blocked from
// the first step saw none arrive, not even 'init'), so the parent waits for this answer before stepping.
import { servePeer } from '../../shared/engine/cpu-peer';
import type { PeerReply, PeerRequest } from '../../shared/engine/step-link';

const scope = self as unknown as Worker;
servePeer({
  post: (m: PeerReply) => scope.postMessage(m),
  onMessage: (h: (m: PeerRequest) => void) => {
    scope.onmessage = (e: MessageEvent<PeerRequest>) => {
      h(e.data);
      if (e.data.kind === 'init') scope.postMessage('ready');
    };
  },
});
