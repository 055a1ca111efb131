// Timing probe for the GPU engine's per-chunk overhead: CPU time to encode+submit a chunk, time until the GPU
// finishes it (onSubmittedWorkDone), time to map and decode results; dispatch/pass/writeBuffer/copy counts, and
// readbackBytes: the bytes copied into mappable (MAP_READ) buffers, i.e. read back to the host.
// With timestamp-query, each chunk's compute pass is timed on the GPU too (begin/end of pass).
// Usage: node --import tsx bench/engine/probe.mts [sizes=4000,40000] [steps=1000] [variants=direct,indirect] [chunks=default]
// Variants: direct / indirect (propagate launch, schedule 'separate'), separate / fused / single / auto (launch
// schedule, docs/engine.md "Launch schedules", direct launch); single@N forces a single workgroup of N threads.
// A variant may repeat (separate,single,separate,single) to see the spread on a loaded machine.
import { cobaDocument } from './coba';
import { compileNetwork } from '../../src/shared/compiler';
import { createGpuEngine } from '../../src/shared/engine/gpu-engine';
import { createCpuEngine } from '../../src/shared/engine/cpu-engine';
import { getNodeGpu, requestNodeDevice } from '../../src/cli/node-gpu';
import { nowMs } from '../../src/shared/engine/clock';

const sizes = (process.argv[2] ?? '4000,40000').split(',').map(Number);
const steps = Number(process.argv[3] ?? 1000);
const variants = (process.argv[4] ?? 'direct,indirect').split(',');
const variantOptions = (v: string) => (v === 'direct' || v === 'indirect' ? { propagate: v, schedule: 'separate' } as const
  : { propagate: 'direct', schedule: v.split('@')[0] as 'separate' | 'fused' | 'single' | 'auto', singleWorkgroupSize: v.includes('@') ? Number(v.split('@')[1]) : undefined } as const);
const chunkList = (process.argv[5] ?? 'default').split(',').map((c) => (c === 'default' ? undefined : Number(c)));
const g = await getNodeGpu();
if (!g.ok) throw new Error(g.reason);
const device = await requestNodeDevice(g.value.adapter, 'probe');
console.log(`adapter: ${g.value.description}`);
const counts: Record<string, number> = {};
const wrap = (proto: any, name: string, key = name) => {
  const f = proto[name];
  proto[name] = function (...a: any[]) { counts[key] = (counts[key] ?? 0) + 1; if (key === 'writeBuffer') counts.writeBytes = (counts.writeBytes ?? 0) + (a[2]?.byteLength ?? 0); if (key === 'copyBufferToBuffer') { counts.copyBytes = (counts.copyBytes ?? 0) + a[4]; if (a[2].usage & GPUBufferUsage.MAP_READ) counts.readbackBytes = (counts.readbackBytes ?? 0) + a[4]; } return f.apply(this, a); };
};
const G = globalThis as any;
for (const n of ['dispatchWorkgroups', 'dispatchWorkgroupsIndirect', 'setPipeline', 'setBindGroup']) wrap(G.GPUComputePassEncoder.prototype, n);
wrap(G.GPUCommandEncoder.prototype, 'beginComputePass');
wrap(G.GPUCommandEncoder.prototype, 'copyBufferToBuffer');
wrap(G.GPUQueue.prototype, 'writeBuffer');
wrap(G.GPUQueue.prototype, 'submit');
wrap(G.GPUBuffer.prototype, 'mapAsync');
wrap(G.GPUDevice.prototype, 'createBuffer');
// GPU time of each chunk's compute pass from timestamps (when the feature is there).
const ts = device.features.has('timestamp-query');
let passes: GPUBuffer[] = [];
const bcp = G.GPUCommandEncoder.prototype.beginComputePass, fin = G.GPUCommandEncoder.prototype.finish;
if (ts) {
  G.GPUCommandEncoder.prototype.beginComputePass = function (desc?: GPUComputePassDescriptor) {
    const querySet = device.createQuerySet({ type: 'timestamp', count: 2 });
    this.__qs = querySet;
    return bcp.call(this, { ...(desc ?? {}), timestampWrites: { querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 } });
  };
  G.GPUCommandEncoder.prototype.finish = function (...a: any[]) {
    if (this.__qs) {
      const res = device.createBuffer({ size: 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
      const rd = device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      this.resolveQuerySet(this.__qs, 0, 2, res, 0);
      this.copyBufferToBuffer(res, 0, rd, 0, 16);
      passes.push(rd);
    }
    return fin.apply(this, a);
  };
}
async function passMs(): Promise<number> {
  let ns = 0n;
  for (const b of passes) { await b.mapAsync(GPUMapMode.READ); const v = new BigUint64Array(b.getMappedRange().slice(0)); ns += v[1] - v[0]; b.destroy(); }
  passes = [];
  return Number(ns) / 1e6;
}

// Floor of one dependent dispatch: a 1-workgroup kernel that increments a storage word, N times in one pass,
// direct and indirect (Dawn adds a validation dispatch per indirect one).
{
  const code = `@group(0) @binding(0) var<storage, read_write> x: array<u32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) gid: vec3u) { if (gid.x == 0u) { x[0] = x[0] + 1u; } }`;
  const pipe = device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code }), entryPoint: 'main' } });
  const buf = device.createBuffer({ size: 16, usage: GPUBufferUsage.STORAGE });
  const args = device.createBuffer({ size: 12, usage: GPUBufferUsage.INDIRECT | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(args, 0, new Uint32Array([1, 1, 1]));
  const bg = device.createBindGroup({ layout: pipe.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: buf } }] });
  for (const mode of ['direct', 'indirect', 'direct', 'indirect']) {
    const N = 5000;
    await passMs();
    const t0 = nowMs();
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    for (let i = 0; i < N; i++) { pass.setPipeline(pipe); pass.setBindGroup(0, bg); if (mode === 'direct') pass.dispatchWorkgroups(1); else pass.dispatchWorkgroupsIndirect(args, 0); }
    pass.end();
    device.queue.submit([enc.finish()]);
    const t1 = nowMs();
    await device.queue.onSubmittedWorkDone();
    const wall = nowMs() - t0;
    const gp = ts ? await passMs() : NaN;
    console.log(`micro ${mode}: ${N} dependent 1-workgroup dispatches in one pass: encode+submit ${((t1 - t0) / N * 1000).toFixed(2)} µs each, wall ${(wall / N * 1000).toFixed(2)} µs each, GPU pass ${(gp / N * 1000).toFixed(2)} µs each`);
  }
}

// Cost of one readback round trip against its size (GpuEngine WHOLE_RECORDS_MAX_BYTES, docs/engine.md "Readback"):
// create a MAP_READ buffer, copy N bytes into it, submit, mapAsync, view, unmap; 50 times per size, two passes.
{
  const src = device.createBuffer({ size: 4 << 20, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  for (const pass of [1, 2]) for (const bytes of [8, 64 << 10, 256 << 10, 1 << 20, 4 << 20]) {
    const N = 50, c0 = process.cpuUsage(), t0 = nowMs();
    for (let i = 0; i < N; i++) {
      const st = device.createBuffer({ size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      const enc = device.createCommandEncoder();
      enc.copyBufferToBuffer(src, 0, st, 0, bytes);
      device.queue.submit([enc.finish()]);
      await st.mapAsync(GPUMapMode.READ);
      void new Uint32Array(st.getMappedRange())[0];
      st.unmap();
      st.destroy();
    }
    const c = process.cpuUsage(c0);
    console.log(`micro readback pass ${pass}: ${bytes} B copy + map round trip ${((nowMs() - t0) / N * 1000).toFixed(0)} µs wall, ${((c.user + c.system) / N).toFixed(0)} µs CPU`);
  }
  src.destroy();
}

const fnv = (a: Uint32Array) => { let h = 2166136261; for (const v of a) h = Math.imul(h ^ v, 16777619) >>> 0; return h.toString(16); };
async function countsHash(e: any, ir: any) {
  const parts: string[] = [];
  for (const p of ir.populations) if (p.spiking) { const c: Uint32Array = await e.spikeCounts(p.id); parts.push(`${p.id}:${c.reduce((a, b) => a + b, 0)}/${fnv(c)}`); }
  return parts.join(' ');
}
for (const n of sizes) {
  if (n <= 4000) {
    const ir = compileNetwork(cobaDocument(n, 1000));
    const c = createCpuEngine(ir);
    const t0 = nowMs();
    await c.run({ steps });
    const wall = nowMs() - t0;
    console.log(`\n## coba ${n} CPU engine: wall ${wall.toFixed(1)} ms = ${(wall / steps * 1000).toFixed(1)} µs/step; spike counts ${await countsHash(c, ir)}`);
  }
  for (const propagate of variants) for (const chunkSteps of chunkList) {
    const ir = compileNetwork(cobaDocument(n, 1000));
    const e: any = await createGpuEngine(device, ir, { chunkSteps, ...variantOptions(propagate) });
    await e.run({ steps: 20 }); e.reset(); await passMs();
    // Timing wrappers around the engine's two phases.
    const t = { encode: 0, gpu: 0, collect: 0, chunks: 0 };
    const sub = e.submitChunk.bind(e);
    e.submitChunk = (k: number) => {
      const t0 = nowMs(); const r = sub(k); t.encode += nowMs() - t0; t.chunks++;
      const t1 = nowMs(); r.done = device.queue.onSubmittedWorkDone().then(() => { r.gpuMs = nowMs() - t1; });
      return r;
    };
    // Map + decode: one phase before the used-records readback (collect), two since (readControl, readRecords).
    const timed = (name: string, first: boolean) => {
      const f = e[name].bind(e);
      e[name] = async (s: any) => { if (first) { await s.done; t.gpu += s.gpuMs; } const t0 = nowMs(); const r = await f(s); t.collect += nowMs() - t0; return r; };
    };
    if (e.collect) timed('collect', true);
    else { timed('readControl', true); timed('readRecords', false); }
    for (const k of Object.keys(counts)) delete counts[k];
    const t0 = nowMs(), cpu0 = process.cpuUsage();
    await e.run({ steps });
    const wall = nowMs() - t0, cpuUse = process.cpuUsage(cpu0), cpuMs = (cpuUse.user + cpuUse.system) / 1000;
    const gpuPass = ts ? await passMs() : NaN;
    const perChunk = Object.entries(counts).map(([k, v]) => `${k} ${(v / t.chunks).toFixed(0)}`).join(', ');
    const hash = await countsHash(e, ir);
    e.dispose();
    const per = (x: number) => `${(x / steps * 1000).toFixed(1)} µs/step`;
    console.log(`\n## coba ${n} (${propagate}: schedule ${e.program.schedule}, ${e.program.scheduleReason}): ${steps} steps, chunk ${e.program.chunkSteps}, ${t.chunks} chunks, doubleBuffer ${e.doubleBuffer}`);
    console.log(`dispatches per step: ${((counts.dispatchWorkgroups ?? 0) + (counts.dispatchWorkgroupsIndirect ?? 0)) / steps}`);
    console.log(`GPU compute-pass time (timestamps): ${ts ? `${gpuPass.toFixed(2)} ms = ${per(gpuPass)}` : 'n/a'}`);
    console.log(`wall ${wall.toFixed(1)} ms = ${per(wall)}; encode+submit ${t.encode.toFixed(1)} ms (${per(t.encode)}); submit→GPU done ${t.gpu.toFixed(1)} ms (${per(t.gpu)}, overlaps encode of next chunk); map+decode ${t.collect.toFixed(1)} ms`);
    console.log(`process CPU time (host + a software adapter's threads) ${cpuMs.toFixed(1)} ms = ${per(cpuMs)}`);
    console.log(`spike counts ${hash}`);
    console.log(`per chunk: ${perChunk}`);
  }
}
process.exit(0);
