// The worker side of bench/engine/step-barrier.mts: waits for barrier k from the main thread, answers k.
import { workerData, parentPort } from 'node:worker_threads';
const s = new Int32Array(workerData.sab), n = workerData.barriers;
parentPort.postMessage('ready');
for (let k = 1; k <= n; k++) {
  while (Atomics.load(s, 0) < k) Atomics.wait(s, 0, k - 1);
  Atomics.store(s, 1, k);
  Atomics.notify(s, 1);
}
