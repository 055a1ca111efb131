// The CPU engine's second thread (docs/engine.md, "CPU engine on two threads"): a CpuEngine for the second
// slice of every population, driven by the first thread's messages (./step-link.ts PeerRequest). Runs in a
// Node worker thread (src/cli/engine-thread-worker.ts) or a nested Worker in the app; `port` is its parent.
import { CpuEngine } from './cpu-engine';
import { markFailed, type PeerReply, type PeerRequest } from './step-link';
import { EngineError } from './types';

export function servePeer(port: { post(m: PeerReply): void; onMessage(h: (m: PeerRequest) => void): void }): void {
  let engine: CpuEngine | null = null, ctrl: SharedArrayBuffer | null = null;
  port.onMessage((m) => {
    try {
      if (m.kind === 'init') {
        ctrl = m.link.ctrl;
        engine = new CpuEngine(m.ir, { wasm: m.wasm }, { link: m.link, weights: m.weights });
        return;
      }
      if (!engine) throw new Error('no network before the first request');
      if (m.kind === 'reset') engine.reset();
      else if (m.kind === 'param') engine.setParam(m.population, m.param, m.value);
      else if (m.kind === 'chunk') engine.steps(m.steps, m.traces);
      else port.post({ kind: 'state', id: m.id, values: engine.ownState(m.population, m.variable) });
    } catch (e) {
      // A divergence stops both threads at the same step by itself (CpuEngine.checkFinite); anything else leaves
      // the first thread waiting at a barrier, so wake it to fail.
      port.post({ kind: 'error', message: (e as Error).message });
      if (!(e instanceof EngineError && e.kind === 'divergence') && ctrl) markFailed(ctrl);
    }
  });
}
