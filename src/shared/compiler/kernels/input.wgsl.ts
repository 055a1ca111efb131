// Builds `update_<pop>` for a spiking input (Poisson, sound source, dataset, spike generator). Bindings:
// 0 ctrl, 1 P (params), 2 spk, 3 rec, 4 aux (f32 probability per neuron, mode const) or tab (f32 [step][neuron]
// for the chunk, mode table). Symbols: uniform01 (src/shared/rng/counter-rng.wgsl.ts).
import { COUNTER_RNG_WGSL, STREAM } from '../../rng';
import type { PopulationIR } from '../ir';
import { ctrlBase, ENTRY, LOAD_CHUNK_START_WGSL, LOAD_STEP_WGSL, updateLoopWgsl } from './common.wgsl';

/** `flag`: write the spike buffer's flag section (read by STDP only: ./common.wgsl.ts updateLoopWgsl). */
export function inputKernel(pop: PopulationIR, seed: number, paramNames: string[], recCap: number, flag: boolean): { code: string; bindings: string[] } {
  const id = pop.id, table = pop.input.kind === 'table';
  const bindings = ['ctrl', `P_${id}`, `spk_${id}`, `rec_${id}`, table ? `tab_${id}` : `aux_${id}`];
  const ps = paramNames.indexOf('start_step'), pe = paramNames.indexOf('stop_step');
  const code = /* wgsl */ `// update_${id}: ${pop.model} input (${pop.size}), mode ${pop.input.kind}. Uses: ${bindings.join(', ')}.
// A neuron spikes when uniform01(seed, STREAM.poisson + ${pop.index}, neuron, step) < its probability. Grid-stride.
const SIZE: u32 = ${pop.size}u;
const CAP: u32 = ${recCap}u;
const SEED: u32 = ${seed >>> 0}u;
const STREAM_ID: u32 = ${(STREAM.poisson + pop.index) >>> 0}u;
@group(0) @binding(0) var<storage, read_write> ctrl: array<atomic<u32>>;
@group(0) @binding(1) var<storage, read> P: array<f32>;
@group(0) @binding(2) var<storage, read_write> spk: array<u32>;
@group(0) @binding(3) var<storage, read_write> rec: array<u32>;
@group(0) @binding(4) var<storage, read> ${table ? 'tab' : 'aux'}: array<f32>;
${COUNTER_RNG_WGSL}
${ENTRY} {
  ${LOAD_STEP_WGSL}
  ${LOAD_CHUNK_START_WGSL}
${table ? '  let on = true;' : `  let on = f32(n) >= P[${ps}] && f32(n) < P[${pe}];`}
  ${updateLoopWgsl(`${table ? '  let prob = tab[(n - cs) * SIZE + i];' : '  let prob = aux[i];'}
  let spiked = on && uniform01(SEED, STREAM_ID, i, n) < prob;`, { base: ctrlBase(pop.index), flag })}
}
`;
  return { code, bindings };
}
