// The IPD sweep's worker: runs the tutorial's sweep (src/shared/analysis/ipd.ts) on the CPU engine off the main
// thread and posts each run's estimate as it comes. Cancel is the controller terminating this worker.
import { runIpdSweep } from '../../shared/analysis/ipd';
import { createCpuEngine } from '../../shared/engine/cpu-engine';
import type { FromSweepWorker, ToSweepWorker } from './sweep-protocol';

const post = (m: FromSweepWorker) => (self as unknown as Worker).postMessage(m);

self.onmessage = async (e: MessageEvent<ToSweepWorker>) => {
  const m = e.data;
  if (m.type !== 'start') return;
  try {
    const r = await runIpdSweep(m.doc, {
      ipdsDeg: m.ipdsDeg, seeds: m.seeds, durationMs: m.durationMs, engine: createCpuEngine,
      onProgress: (done, total, point) => post({ type: 'point', done, total, point }),
    });
    post({ type: 'finished', meanErrorDeg: r.meanErrorDeg });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
