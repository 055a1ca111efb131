// Per-step control kernels. `indirect`: one thread writes the workgroup counts of every propagate dispatch
// from this step's spike counts (bindings: 0 ctrl, 1 args u32 [3 per projection]). `end_step`: clears the
// per-step spike counters and advances the step (binding: 0 ctrl). `record_<monitor>`: copies the recorded
// neurons' variable into the chunk's trace buffer (bindings: 0 ctrl, 1 S, 2 midx, 3 trace).
import { ctrlBase, CTRL_CUR, CTRL_STEP, ENTRY, LOAD_CHUNK_START_WGSL, LOAD_STEP_WGSL, THREAD_INDEX, WG } from './common.wgsl';

export function indirectKernel(items: { srcPop: number; lanes: number }[]): string {
  return /* wgsl */ `// indirect: workgroup counts for ${items.length} propagate dispatch(es). Uses: ctrl, args.
@group(0) @binding(0) var<storage, read_write> ctrl: array<atomic<u32>>;
@group(0) @binding(1) var<storage, read_write> args: array<u32>;
fn put(q: u32, threads: u32) {
  let wgs = (threads + ${WG - 1}u) / ${WG}u;
  args[3u * q] = min(wgs, 65535u);
  args[3u * q + 1u] = max(1u, (wgs + 65534u) / 65535u);
  args[3u * q + 2u] = 1u;
}
${ENTRY} {
  if (gid.x != 0u || nwg.x == 0u) { return; }
${items.map((it, q) => `  put(${q}u, atomicLoad(&ctrl[${ctrlBase(it.srcPop) + CTRL_CUR}u]) * ${it.lanes}u);`).join('\n')}
}
`;
}

export function endStepKernel(nPops: number): string {
  return /* wgsl */ `// end_step: clear this step's spike lists and advance the step counter. Uses: ctrl.
@group(0) @binding(0) var<storage, read_write> ctrl: array<atomic<u32>>;
${ENTRY} {
  if (gid.x != 0u || nwg.x == 0u) { return; }
${Array.from({ length: nPops }, (_, p) => `  atomicStore(&ctrl[${ctrlBase(p) + CTRL_CUR}u], 0u);`).join('\n')}
  atomicAdd(&ctrl[${CTRL_STEP}u], 1u);
}
`;
}

export function recordKernel(monId: string, popSize: number, varIndex: number, count: number, chunkSteps: number): string {
  return /* wgsl */ `// record_${monId}: state variable ${varIndex} of ${count} neuron(s) into the chunk's trace. Uses: ctrl, S, midx, trace.
const SIZE: u32 = ${popSize}u;
const COUNT: u32 = ${count}u;
const CHUNK: u32 = ${chunkSteps}u;
@group(0) @binding(0) var<storage, read_write> ctrl: array<atomic<u32>>;
@group(0) @binding(1) var<storage, read> S: array<f32>;
@group(0) @binding(2) var<storage, read> midx: array<u32>;
@group(0) @binding(3) var<storage, read_write> trace: array<f32>;
${ENTRY} {
  ${THREAD_INDEX}
  if (i >= COUNT) { return; }
  ${LOAD_STEP_WGSL}
  ${LOAD_CHUNK_START_WGSL}
  trace[i * CHUNK + (n - cs)] = S[${varIndex}u * SIZE + midx[i]];
}
`;
}
