// Shared WGSL pieces of the kernels: number formatting, identifiers, and the thread-index prologue.
// Provides: wgslFloat, ident, THREAD_INDEX (uses builtins gid, nwg; defines `let i: u32`), WG (workgroup size).
import { recordIndexWgsl, spikeIndexWgsl, type SpikeSection } from './spike-buffer.wgsl';

export const WG = 64;

/** An f32 literal the WGSL compiler reads back as exactly Math.fround(x). */
export function wgslFloat(x: number): string {
  const v = Math.fround(x);
  if (!Number.isFinite(v)) throw new Error(`cannot write ${x} as a WGSL f32`);
  const s = v.toPrecision(9);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** A WGSL-safe identifier from a document id or variable name. */
export const ident = (s: string) => s.replace(/[^A-Za-z0-9_]/g, '_');

export const ENTRY = /* wgsl */ `@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u)`;

/** Linear thread index over a 2D grid of workgroups (grids beyond 65535 workgroups use y). */
export const THREAD_INDEX = /* wgsl */ `let i = gid.x + gid.y * nwg.x * ${WG}u;`;

/**
 * WGSL: a grid-stride loop over items 0 … count − 1 with index `i`, exact for any launch. A launch of ≥ count
 * threads (separate, fused) runs one item per thread; the single schedule runs a few threads that loop
 * (../schedule.ts), so what a kernel reads before the loop (step, parameters) is read once per thread and step,
 * not once per item: on SwiftShader each such load is a per-lane memory access (docs/benchmarks.md, "Where a
 * single-schedule step goes on SwiftShader").
 */
export const gridStrideLoop = (count: string) => /* wgsl */ `for (var i = gid.x + gid.y * nwg.x * ${WG}u; i < ${count}; i = i + nwg.x * nwg.y * ${WG}u)`;

/**
 * The control block `ctrl` (u32; docs/engine.md, "GPU layout and propagation choice"), defined once: a header
 * (the current step, the chunk's first step, the steps in the chunk — read by the single-workgroup schedule,
 * ../schedule.ts — and a spare word), then per population its current-step spike count, its chunk's record
 * count, its dropped records and its divergence code. Kernels and host index it through the word indices below;
 * ctrlBlockWgsl states the same layout as WGSL structs (checked against the WGSL layout rules by
 * ./common.wgsl.test.ts). It stays a flat array<atomic<u32>> in the kernels: the launch schedules rewrite each
 * `ctrl[index]` access.
 */
export const CTRL_HEADER_FIELDS = ['step', 'chunk_start', 'chunk_steps', 'spare'] as const;
export const CTRL_POP_FIELDS = ['cur', 'rec', 'dropped', 'div'] as const;
export const CTRL_HEADER = CTRL_HEADER_FIELDS.length;
export const CTRL_STEP = CTRL_HEADER_FIELDS.indexOf('step'), CTRL_CHUNK_START = CTRL_HEADER_FIELDS.indexOf('chunk_start');
export const CTRL_STEPS = CTRL_HEADER_FIELDS.indexOf('chunk_steps');
export const CTRL_CUR = CTRL_POP_FIELDS.indexOf('cur'), CTRL_REC = CTRL_POP_FIELDS.indexOf('rec');
export const CTRL_DROPPED = CTRL_POP_FIELDS.indexOf('dropped'), CTRL_DIV = CTRL_POP_FIELDS.indexOf('div');
/** Word index of population `pop`'s entries. */
export const ctrlBase = (pop: number) => CTRL_HEADER + CTRL_POP_FIELDS.length * pop;
/** Words of the control block of `pops` populations. */
export const ctrlWords = (pops: number) => ctrlBase(pops);
/** The same layout as WGSL structs, for `pops` (≥ 1) populations. */
export const ctrlBlockWgsl = (pops: number) => `struct PopCtrl { ${CTRL_POP_FIELDS.map((f) => `${f}: u32`).join(', ')} }
struct Ctrl { ${CTRL_HEADER_FIELDS.map((f) => `${f}: u32`).join(', ')}, pops: array<PopCtrl, ${pops}> }`;
/** WGSL: load the current step (`n`) and the chunk's first step (`cs`) from ctrl. */
export const LOAD_STEP_WGSL = `let n = atomicLoad(&ctrl[${CTRL_STEP}u]);`;
export const LOAD_CHUNK_START_WGSL = `let cs = atomicLoad(&ctrl[${CTRL_CHUNK_START}u]);`;

/** Neurons per spike batch of an update loop (the bits of a u32 mask; updateLoopWgsl). */
export const SPIKE_BATCH = 32;

/**
 * WGSL: an update kernel's grid-stride loop over neurons 0 … SIZE − 1 (see gridStrideLoop) running `body` for each
 * neuron `i`. With `spikes` the body sets `spiked`, and the loop emits each spike of neuron i at step n (flag,
 * count, current-step list, chunk record with overflow counter; buffer layouts: ./spike-buffer.wgsl.ts) after each
 * batch of SPIKE_BATCH of a thread's neurons, one pass per spike from a bit mask, instead of an `if (spiked)` per
 * neuron: SwiftShader runs an if's body for every lane, masked, so that cost its atomics and stores for every
 * neuron and step, while a loop stops once no lane has a spike left (docs/benchmarks.md, "Where a single-schedule
 * step goes on SwiftShader"). The order of the step's spike list changes, not its contents; propagation sums
 * integers, so it does not depend on the order. The flag is written only when `flag` (an STDP kernel reads it).
 * i0 + SPIKE_BATCH·stride stays below 2^32 for any population that fits a device buffer.
 */
export function updateLoopWgsl(body: string, spikes: { base: number; flag: boolean } | null): string {
  if (!spikes) return `${gridStrideLoop('SIZE')} {\n${body}\n  }`;
  const spk = (section: SpikeSection, i: string) => `spk[${spikeIndexWgsl(section, 'SIZE', i)}]`;
  const { base, flag } = spikes;
  return /* wgsl */ `let stride = nwg.x * nwg.y * ${WG}u;
  for (var i0 = gid.x + gid.y * nwg.x * ${WG}u; i0 < SIZE; i0 = i0 + ${SPIKE_BATCH}u * stride) {
  var fired = 0u;
  for (var b = 0u; b < ${SPIKE_BATCH}u; b = b + 1u) {
  let i = i0 + b * stride;
  if (i >= SIZE) { break; }
${body}${flag ? `
  ${spk('flag', 'i')} = select(0u, 1u, spiked);` : ''}
  fired = fired | (select(0u, 1u, spiked) << b);
  }
  for (; fired != 0u; fired = fired & (fired - 1u)) {
    let i = i0 + firstTrailingBit(fired) * stride;
    ${spk('count', 'i')} = ${spk('count', 'i')} + 1u;
    let k = atomicAdd(&ctrl[${base + CTRL_CUR}u], 1u);
    ${spk('list', 'k')} = i;
    let r = atomicAdd(&ctrl[${base + CTRL_REC}u], 1u);
    if (r < CAP) { rec[${recordIndexWgsl('neuron', 'r')}] = i; rec[${recordIndexWgsl('step', 'r')}] = n; } else { atomicAdd(&ctrl[${base + CTRL_DROPPED}u], 1u); }
  }
  }`;
}
