// The CPU engine on one thread vs two (docs/benchmarks.md, "CPU engine: threads"): scaled COBA (bench/engine/coba.ts)
// at each size; per run a fresh engine, `warm` steps to warm up both threads' JIT (a new worker starts cold, the
// main thread does not), reset, then `steps` steps measured: wall and process CPU time (all threads). Threads 1
// and 2 alternate `reps` times in one process; prints each run (CPU split into user and system time), the medians'
// ratios, and the load average.
// Usage: npx tsx bench/engine/cpu-threads.mts [sizes=4000,40000] [steps=2000] [reps=3] [warm=1000]
import { loadavg } from 'node:os';
import { cobaDocument } from './coba';
import { compileNetwork } from '../../src/shared/compiler';
import { CpuEngine } from '../../src/shared/engine/cpu-engine';
import { spawnEngineThread } from '../../src/cli/engine-thread';

const arg = (k: number, d: string) => process.argv[2 + k] ?? d;
const sizes = arg(0, '4000,40000').split(',').map(Number), steps = Number(arg(1, '2000')), reps = Number(arg(2, '3')), warm = Number(arg(3, '1000'));
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const n of sizes) {
  const wall: Record<number, number[]> = { 1: [], 2: [] }, cpu: Record<number, number[]> = { 1: [], 2: [] };
  const before = load();
  for (let r = 0; r < reps; r++) {
    for (const threads of [1, 2] as const) {
      const e = new CpuEngine(compileNetwork(cobaDocument(n, 1000)), { threads, spawn: spawnEngineThread });
      await e.run({ steps: warm });
      e.reset();
      const t0 = performance.now(), c0 = process.cpuUsage();
      await e.run({ steps });
      const w = (performance.now() - t0) / 1000, u = process.cpuUsage(c0), c = (u.user + u.system) / 1e6;
      e.dispose();
      wall[threads].push(w); cpu[threads].push(c);
      console.log(`COBA ${n}, ${steps} steps, ${threads} thread(s): wall ${w.toFixed(3)} s, CPU ${c.toFixed(3)} s (user ${(u.user / 1e6).toFixed(3)}, system ${(u.system / 1e6).toFixed(3)})`);
    }
  }
  const w1 = median(wall[1]), w2 = median(wall[2]), c1 = median(cpu[1]), c2 = median(cpu[2]);
  console.log(`COBA ${n}: median wall ${w1.toFixed(3)} → ${w2.toFixed(3)} s (${(w1 / w2).toFixed(2)}× faster), CPU ${c1.toFixed(3)} → ${c2.toFixed(3)} s (${(c2 / c1).toFixed(2)}×); load ${before} → ${load()}`);
}
