// The CPU engine on one thread vs two (docs/benchmarks.md, "CPU engine: threads"): scaled COBA (bench/engine/coba.ts)
// at each size, `steps` steps after a warm-up, threads 1 and 2 alternated `reps` times in one process; prints
// wall and process CPU time (all threads) per run, the median ratio, and the load average.
// Usage: npx tsx bench/engine/cpu-threads.mts [sizes=4000,40000] [steps=2000] [reps=3]
import { loadavg } from 'node:os';
import { cobaDocument } from './coba';
import { measure } from './measure';
import { CpuEngine } from '../../src/shared/engine/cpu-engine';
import { spawnEngineThread } from '../../src/cli/engine-thread';

const sizes = (process.argv[2] ?? '4000,40000').split(',').map(Number), steps = Number(process.argv[3] ?? 2000), reps = Number(process.argv[4] ?? 3);
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const n of sizes) {
  const wall: Record<number, number[]> = { 1: [], 2: [] }, cpu: Record<number, number[]> = { 1: [], 2: [] };
  const before = load();
  for (let r = 0; r < reps; r++) {
    for (const threads of [1, 2] as const) {
      const m = await measure(cobaDocument(n, 1000), steps, async (ir) => new CpuEngine(ir, { threads, spawn: spawnEngineThread }));
      wall[threads].push(m.wallS); cpu[threads].push(m.cpuS);
      console.log(`COBA ${n}, ${steps} steps, ${threads} thread(s): wall ${m.wallS.toFixed(3)} s, CPU ${m.cpuS.toFixed(3)} s, ${m.firingHz.toFixed(1)} Hz`);
    }
  }
  const w1 = median(wall[1]), w2 = median(wall[2]), c1 = median(cpu[1]), c2 = median(cpu[2]);
  console.log(`COBA ${n}: median wall ${w1.toFixed(3)} → ${w2.toFixed(3)} s (${(w1 / w2).toFixed(2)}× faster), CPU ${c1.toFixed(3)} → ${c2.toFixed(3)} s (${(c2 / c1).toFixed(2)}×); load ${before} → ${load()}`);
}
