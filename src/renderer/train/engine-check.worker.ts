// The worker of "Check in the engine" (./engine-check.ts): one check per worker; Cancel terminates it.
import { runEngineCheck, type EngineCheckMessage, type EngineCheckRequest } from './engine-check';

const post = (m: EngineCheckMessage) => (self as unknown as Worker).postMessage(m);

self.onmessage = (e: MessageEvent<EngineCheckRequest>) => {
  void runEngineCheck(e.data, post, () => new Promise<void>((r) => setTimeout(r, 0)));
};
