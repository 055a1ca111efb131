// What two worker threads would pay per simulation step just to stay in step: the main thread and one
// worker meet at a barrier (SharedArrayBuffer + Atomics.wait/notify, as a two-thread CPU engine would need at
// least twice per step: after the update, after propagation), with no work in between. Prints the wall time
// of `steps` steps (default 10,000 = COBA's 1 s) with two barriers each, best and median of 5, and the load
// average; compare with the single-thread CPU engine's whole step (docs/benchmarks.md, "CPU engine: threads").
// Usage: npx tsx bench/engine/step-barrier.mts [steps]
import { Worker } from 'node:worker_threads';
import { loadavg } from 'node:os';

const steps = Number(process.argv[2] ?? 10000), barriers = 2 * steps;
const times: number[] = [];
for (let run = 0; run < 5; run++) {
  const sab = new SharedArrayBuffer(8), s = new Int32Array(sab);
  const w = new Worker(new URL('./step-barrier-worker.mjs', import.meta.url), { workerData: { sab, barriers } });
  await new Promise((r) => w.once('message', r));
  const t0 = performance.now();
  for (let k = 1; k <= barriers; k++) {
    Atomics.store(s, 0, k); Atomics.notify(s, 0);
    while (Atomics.load(s, 1) < k) Atomics.wait(s, 1, k - 1);
  }
  times.push(performance.now() - t0);
  await w.terminate();
}
times.sort((a, b) => a - b);
console.log(`${steps} steps × 2 barriers, 2 threads: best ${times[0].toFixed(0)} ms, median ${times[2].toFixed(0)} ms (load average ${loadavg().map((x) => x.toFixed(1)).join(' ')})`);
