// Where a step of the 'single' launch schedule goes (docs/benchmarks.md, "Launch schedules"): runs COBA N with
// the single kernel's WGSL edited to drop one part at a time (a phase's calls, the barriers, the finite checks,
// …) and times each variant, alternating variants over rounds. The edits change the results (spike counts are
// printed, not compared): this measures cost only. Correctness is the tests' business (schedule.gpu.test.ts).
// Usage: node --import tsx bench/engine/single-ablation.mts [n=4000] [steps=1000] [rounds=3] [variants=all] [wg]
import { cobaDocument } from './coba';
import { compileNetwork } from '../../src/shared/compiler';
import { createGpuEngine } from '../../src/shared/engine/gpu-engine';
import { getNodeGpu, requestNodeDevice } from '../../src/cli/node-gpu';
import { nowMs } from '../../src/shared/engine/clock';

const n = Number(process.argv[2] ?? 4000);
const steps = Number(process.argv[3] ?? 1000);
const rounds = Number(process.argv[4] ?? 3);
const wg = process.argv[6] ? Number(process.argv[6]) : undefined;

/** Lines of the single kernel's step loop that call a component kernel, by the component's name. */
const callsOf = (code: string, kernel: RegExp) => {
  const names = [...code.matchAll(/^\/\/ (\w+)\n/gm)];
  const fns = new Set<string>();
  for (const m of names) {
    if (!kernel.test(m[1])) continue;
    const after = code.slice(m.index! + m[0].length);
    const fn = /fn (k\d+_)main\(/.exec(after);
    if (fn) fns.add(fn[1]);
  }
  return fns;
};
const dropCalls = (code: string, kernel: RegExp) => {
  const fns = callsOf(code, kernel);
  return code.split('\n').filter((l) => ![...fns].some((f) => l.includes(`{ ${f}main(`))).join('\n');
};

const VARIANTS: Record<string, (code: string) => string> = {
  full: (c) => c,
  'no update': (c) => dropCalls(c, /^update_/),
  'no propagate': (c) => dropCalls(c, /^propagate_/),
  'no record': (c) => dropCalls(c, /^record_/),
  'no barriers': (c) => c.replace(/\n\s*storageBarrier\(\);/g, ''),
  'no finite checks': (c) => c.replace(/\n\s*(if \(!k\d+_finite\(|bad = select\(|if \(bad != )[^\n]*/g, ''),
  'no spike output': (c) => c.replace(/if \(spiked\) \{/g, 'if (false) {'),
  'no ring read': (c) => c.replace(/atomicExchange\((&b\d+\[[^\]]+\]), 0\)/g, '0').replace(/f32\(atomicLoad\(&b\d+\[[^\]]+\]\)\)/g, '0.0')
    .replace(/\n\s*atomicStore\(&b\d+\[[^\]]+\], 0\);/g, ''),
  'const params': (c) => c.replace(/let p_(\w+) = b\d+\[\d+u \+ \(\d+\)\];/g, 'let p_$1 = 0.5;'),
  'no ctrl loads per thread': (c) => c.replace(/let n = atomicLoad\(&b\d+\[0u\]\);/g, 'let n = 7u;').replace(/let cs = atomicLoad\(&b\d+\[1u\]\);/g, 'let cs = 0u;'),
  'no state loads': (c) => c.replace(/var s_(\w+) = b\d+\[[^\n]*\];/g, 'var s_$1 = 0.25;'),
  'no state stores': (c) => c.replace(/\n\s*b\d+\[[^\n]*\] = s_\w+;/g, ''),
  'no ring add': (c) => c.replace(/\n\s*atomicAdd\(&b\d+\[[^;]*\], q\);/g, ''),
  'update only': (c) => dropCalls(c, /^(propagate_|record_)/),
  'loop only': (c) => dropCalls(c, /^(update_|propagate_|record_)/),
};
const chosen = process.argv[5] && process.argv[5] !== 'all' ? process.argv[5].split(',') : Object.keys(VARIANTS);

const g = await getNodeGpu();
if (!g.ok) throw new Error(g.reason);
const device = await requestNodeDevice(g.value.adapter, 'ablation');
console.log(`adapter: ${g.value.description}; COBA ${n}, ${steps} steps, ${rounds} rounds; load ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`);

// The engine caches pipelines per device by the Program's code; a fresh proxy per engine gets a fresh cache, and
// the hook edits the single kernel's WGSL as the engine compiles it.
let edit: (code: string) => string = (c) => c;
const G = globalThis as any;
const csm = G.GPUDevice.prototype.createShaderModule;
G.GPUDevice.prototype.createShaderModule = function (desc: GPUShaderModuleDescriptor) {
  return csm.call(this, desc.label === 'single' ? { ...desc, code: edit(desc.code) } : desc);
};
const fresh = () => new Proxy(device, { get: (t, k) => { const v = Reflect.get(t, k); return typeof v === 'function' ? v.bind(t) : v; } });

const fnv = (a: Uint32Array) => { let h = 2166136261; for (const v of a) h = Math.imul(h ^ v, 16777619) >>> 0; return h.toString(16); };
const best = new Map<string, { wall: number; cpu: number; spikes: string }>();
for (let r = 0; r < rounds; r++) {
  for (const name of chosen) {
    // 'a+b' applies both edits.
    edit = (c) => name.split('+').reduce((x, v) => VARIANTS[v](x), c);
    const ir = compileNetwork(cobaDocument(n, 1000));
    const e = await createGpuEngine(fresh(), ir, { schedule: 'single', chunkSteps: steps, singleWorkgroupSize: wg });
    await e.run({ steps: 20 });
    e.reset();
    const t0 = nowMs(), c0 = process.cpuUsage();
    await e.run({ steps });
    const wall = nowMs() - t0, used = process.cpuUsage(c0), cpu = (used.user + used.system) / 1000;
    const parts: string[] = [];
    for (const p of ir.populations) if (p.spiking) { const c = await e.spikeCounts(p.id); parts.push(`${p.id}:${c.reduce((a, b) => a + b, 0)}/${fnv(c)}`); }
    e.dispose();
    const old = best.get(name);
    if (!old || wall < old.wall) best.set(name, { wall, cpu: Math.min(cpu, old?.cpu ?? Infinity), spikes: parts.join(' ') });
    else old.cpu = Math.min(old.cpu, cpu);
    console.log(`round ${r} ${name}: wall ${(wall / steps * 1000).toFixed(1)} µs/step, CPU ${(cpu / steps * 1000).toFixed(1)} µs/step`);
  }
}
const full = best.get('full')?.wall;
console.log('\n| variant | wall µs/step (best) | CPU µs/step (best) | wall vs full | spike counts |\n|---|---|---|---|---|');
for (const [name, b] of best) {
  console.log(`| ${name} | ${(b.wall / steps * 1000).toFixed(1)} | ${(b.cpu / steps * 1000).toFixed(1)} | ${full ? `${(100 * b.wall / full).toFixed(0)} %` : ''} | ${b.spikes} |`);
}
console.log(`load ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`);
process.exit(0);
