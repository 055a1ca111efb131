// The CPU engine on one thread vs two (docs/benchmarks.md, "CPU engine: threads"): scaled COBA (bench/engine/coba.ts)
// at each size; per run a fresh engine, `warm` steps to warm up both threads' JIT (a new worker starts cold, the
// main thread does not), reset, then `steps` steps measured: wall and process CPU time (all threads). Threads 1
// and 2 alternate `reps` times in one process; prints each run (CPU split into user and system time, and on Linux
// the CPU time of each thread that used over 20 ms), the medians' ratios, and the load average.
// Usage: npx tsx bench/engine/cpu-threads.mts [sizes=4000,40000] [steps=2000] [reps=3] [warm=1000]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { cobaDocument } from './coba';
import { compileNetwork } from '../../src/shared/compiler';
import { CpuEngine } from '../../src/shared/engine/cpu-engine';
import { spawnEngineThread } from '../../src/cli/engine-thread';

const arg = (k: number, d: string) => process.argv[2 + k] ?? d;
const sizes = arg(0, '4000,40000').split(',').map(Number), steps = Number(arg(1, '2000')), reps = Number(arg(2, '3')), warm = Number(arg(3, '1000'));
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
/** CPU ms (user + system) of each thread of this process, by thread id (Linux /proc; empty elsewhere). */
const threadMs = (): Record<string, number> => (existsSync('/proc/self/task') ? Object.fromEntries(readdirSync('/proc/self/task').map((t) => {
  const f = readFileSync(`/proc/self/task/${t}/stat`, 'utf8'), x = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return [t, 10 * (Number(x[11]) + Number(x[12]))]; // clock ticks of 10 ms
})) : {});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const n of sizes) {
  const wall: Record<number, number[]> = { 1: [], 2: [] }, cpu: Record<number, number[]> = { 1: [], 2: [] };
  const before = load();
  for (let r = 0; r < reps; r++) {
    for (const threads of [1, 2] as const) {
      const e = new CpuEngine(compileNetwork(cobaDocument(n, 1000)), { threads, spawn: spawnEngineThread });
      await e.run({ steps: warm });
      e.reset();
      const t0 = performance.now(), c0 = process.cpuUsage(), m0 = threadMs();
      await e.run({ steps });
      const w = (performance.now() - t0) / 1000, u = process.cpuUsage(c0), c = (u.user + u.system) / 1e6, m1 = threadMs();
      const perThread = Object.keys(m1).map((t) => m1[t] - (m0[t] ?? 0)).filter((ms) => ms > 20).sort((a, b) => b - a);
      e.dispose();
      wall[threads].push(w); cpu[threads].push(c);
      console.log(`COBA ${n}, ${steps} steps, ${threads} thread(s): wall ${w.toFixed(3)} s, CPU ${c.toFixed(3)} s (user ${(u.user / 1e6).toFixed(3)}, system ${(u.system / 1e6).toFixed(3)}; by thread ${perThread.join(' / ')} ms)`);
    }
  }
  const w1 = median(wall[1]), w2 = median(wall[2]), c1 = median(cpu[1]), c2 = median(cpu[2]);
  console.log(`COBA ${n}: median wall ${w1.toFixed(3)} → ${w2.toFixed(3)} s (${(w1 / w2).toFixed(2)}× faster), CPU ${c1.toFixed(3)} → ${c2.toFixed(3)} s (${(c2 / c1).toFixed(2)}×); load ${before} → ${load()}`);
}
