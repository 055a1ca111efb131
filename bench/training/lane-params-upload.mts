// The host's cost of writing a population's trained-τ values (src/shared/training/gpu/struct-views.ts
// laneParamsData: webgpu-utils' view of the WGSL struct LaneParams) against laying the same bytes out by hand
// (each row set into one Float32Array at j·N, as the GPU trainer did before). Checks the bytes are equal, then
// CPU time per call over 2,000 calls, the two alternated three times (docs/benchmarks.md, "Training"):
//   npx tsx bench/training/lane-params-upload.mts
import { createRequire } from 'node:module';
// The reflection reads WebGPU's GPUShaderStage global (installed by the `webgpu` package, as the CLI does).
Object.assign(globalThis, createRequire(import.meta.url)('webgpu').globals);
const { laneParamsData } = await import('../../src/shared/training/gpu/struct-views');

for (const N of [128, 1024]) {
  const NL = 2;
  const v = Array.from({ length: NL }, () => Float64Array.from({ length: N }, Math.random)), dv = v.map((a) => a.map((x) => x * 2));
  const byHand = () => { const data = new Float32Array(2 * NL * N); [...v, ...dv].forEach((a, j) => data.set(a, j * N)); return data; };
  const view = () => laneParamsData(v, dv);
  const a = new Float32Array(view()), b = byHand();
  if (a.length !== b.length || a.some((x, i) => x !== b[i])) throw new Error('the two layouts differ');
  for (let rep = 0; rep < 3; rep++) {
    for (const [name, f] of [['by hand', byHand], ['webgpu-utils view', view]] as const) {
      const n = 2000, c0 = process.cpuUsage();
      for (let i = 0; i < n; i++) f();
      const c = process.cpuUsage(c0);
      console.log(`${NL} values × ${N} neurons, ${name}: ${((c.user + c.system) / n).toFixed(2)} µs CPU per upload`);
    }
  }
}
