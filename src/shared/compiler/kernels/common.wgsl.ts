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
 * Control block layout (u32): [0] step, [1] chunk's first step, [2] steps in the chunk (CTRL_STEPS, read by the
 * single-workgroup schedule, ../schedule.ts), then 4 words per population.
 */
export const CTRL_HEADER = 4;
export const CTRL_STEPS = 2;
export const ctrlBase = (pop: number) => CTRL_HEADER + 4 * pop;
export const CTRL_CUR = 0, CTRL_REC = 1, CTRL_DROPPED = 2, CTRL_DIV = 3;

/**
 * WGSL: emit a spike of neuron i at step n (flag, count, current-step list, chunk record with overflow counter;
 * buffer layouts: ./spike-buffer.wgsl.ts).
 */
export function emitSpikeWgsl(base: number): string {
  const spk = (section: SpikeSection, i: string) => `spk[${spikeIndexWgsl(section, 'SIZE', i)}]`;
  return /* wgsl */ `
  ${spk('flag', 'i')} = select(0u, 1u, spiked);
  if (spiked) {
    ${spk('count', 'i')} = ${spk('count', 'i')} + 1u;
    let k = atomicAdd(&ctrl[${base + CTRL_CUR}u], 1u);
    ${spk('list', 'k')} = i;
    let r = atomicAdd(&ctrl[${base + CTRL_REC}u], 1u);
    if (r < CAP) { rec[${recordIndexWgsl('neuron', 'r')}] = i; rec[${recordIndexWgsl('step', 'r')}] = n; } else { atomicAdd(&ctrl[${base + CTRL_DROPPED}u], 1u); }
  }`;
}
