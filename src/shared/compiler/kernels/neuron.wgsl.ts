// Builds `update_<pop>` for a neuron population. Bindings: 0 ctrl (atomic u32), 1 P (params f32),
// 2 S (state f32 [var][SIZE]), then as present: PN (per-neuron params and derived constants f32 [column][SIZE],
// read per neuron instead of from P; ../params.ts perNeuronColumns), ring (atomic i32 [channel][R][SIZE], atomic because the propagate kernels add into it and ../schedule.ts may
// fuse both into one module), spk (u32 list|flag|count),
// rec (u32 pairs), cur (f32 [source][CHUNK]), curw (f32 [source][SIZE]). Symbols: the model rule's body
// derived from the catalogue's dynamics (./dynamics.wgsl.ts) with s_<var>, p_<param>, I_in, delta_in, spiked.
import type { PopulationIR } from '../ir';
import { getModel } from '../../models';
import type { NeuronRule } from '../models';
import { ctrlBase, CTRL_DIV, ENTRY, ident, LOAD_CHUNK_START_WGSL, LOAD_STEP_WGSL, updateLoopWgsl } from './common.wgsl';

export interface NeuronKernelInput {
  pop: PopulationIR; rule: NeuronRule; paramNames: string[];
  /** Names read per neuron from PN_<pop> (and not from P): ../params.ts perNeuronColumns. */
  columns?: readonly string[];
  ringSlots: number; recCap: number;
  chunkSteps: number; currentSources: number;
  /** Write the spike buffer's flag section (read by STDP only: ./common.wgsl.ts updateLoopWgsl). */
  flag: boolean;
}

export function neuronKernel(k: NeuronKernelInput): { code: string; bindings: string[] } {
  const { pop, rule } = k, id = pop.id, chs = pop.channels;
  const bindings = [`ctrl`, `P_${id}`, `S_${id}`];
  const decl: string[] = [];
  const bind = (name: string, wgsl: string) => { decl.push(`@group(0) @binding(${bindings.length}) ${wgsl}`); bindings.push(name); };
  const columns = k.columns ?? [];
  if (columns.length) bind(`PN_${id}`, 'var<storage, read> PN: array<f32>;');
  if (chs.length) bind(`ring_${id}`, 'var<storage, read_write> ring: array<atomic<i32>>;');
  if (pop.spiking) { bind(`spk_${id}`, 'var<storage, read_write> spk: array<u32>;'); bind(`rec_${id}`, 'var<storage, read_write> rec: array<u32>;'); }
  if (k.currentSources) { bind(`cur_${id}`, 'var<storage, read> cur: array<f32>;'); bind(`curw_${id}`, 'var<storage, read> curw: array<f32>;'); }
  const sv = pop.stateVars.map(ident);
  // Conductance channels drive towards E_rev from the membrane potential: the model's membrane role.
  const membrane = getModel(pop.model)?.roles?.membrane ?? 'v';
  const base = ctrlBase(pop.index);
  const input = chs.map((c, q) => c.kind === 'exponential' ? `  I_in = I_in + s_${ident(c.stateVar)};`
    : c.kind === 'conductance' ? `  I_in = I_in + s_${ident(c.stateVar)} * (p_ch${q}_erev - s_${ident(membrane)});` : '').filter(Boolean);
  for (let q = 0; q < k.currentSources; q++) input.push(`  I_in = I_in + cur[${q}u * CHUNK + (n - cs)] * curw[${q}u * SIZE + i];`);
  // Read and clear this step's ring slot: a load and a store, not an exchange. No kernel writes the slot while an
  // update runs (propagation adds only into later steps' slots, delay ≥ 1, in another phase: ../schedule.ts
  // PHASE), and on SwiftShader an exchange is a locked instruction per lane, per channel, neuron and step
  // (docs/benchmarks.md, "Where a single-schedule step goes on SwiftShader").
  const deliver = chs.map((c, q) => `  {
    let at = (${q}u * R + slot) * SIZE + i;
    let x = f32(atomicLoad(&ring[at])) * p_ch${q}_inv_scale;
    atomicStore(&ring[at], 0);
    ${c.kind === 'delta' ? 'delta_in = delta_in + x;' : `s_${ident(c.stateVar)} = s_${ident(c.stateVar)} * p_ch${q}_decay + x;`}
  }`);
  const body = `${columns.map((p, c) => `  let p_${ident(p)} = PN[${c}u * SIZE + i];`).join('\n')}
${sv.map((v, q) => `  var s_${v} = S[${q}u * SIZE + i];`).join('\n')}
  var I_in = 0.0;
  var delta_in = 0.0;
  var spiked = false;
${input.join('\n')}
${deliver.join('\n')}
  {${rule.wgsl}
  }
${sv.map((v, q) => `  S[${q}u * SIZE + i] = s_${v};`).join('\n')}
  var bad = 0xffffffffu;
${sv.map((v, q) => [v, q] as const).reverse().map(([v, q]) => `  bad = select(bad, ${q}u, !finite(s_${v}));`).join('\n')}
  div = min(div, select(0xffffffffu, n * 16u + bad, bad != 0xffffffffu));`;
  const code = /* wgsl */ `// update_${id}: ${pop.model} neurons (${pop.size}). Uses: ${bindings.join(', ')}.
// Step order: input current from channels at the step's start, channel decay + arriving input, model update
// (integrate, add delta input, threshold, reset), divergence check, spike emission. Grid-stride over neurons.
const SIZE: u32 = ${pop.size}u;
const R: u32 = ${k.ringSlots}u;
const CAP: u32 = ${k.recCap}u;
const CHUNK: u32 = ${k.chunkSteps}u;
@group(0) @binding(0) var<storage, read_write> ctrl: array<atomic<u32>>;
@group(0) @binding(1) var<storage, read> P: array<f32>;
@group(0) @binding(2) var<storage, read_write> S: array<f32>;
${decl.join('\n')}

fn finite(x: f32) -> bool { return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u; }

${ENTRY} {
  ${LOAD_STEP_WGSL}
  ${LOAD_CHUNK_START_WGSL}
  let slot = n % R;
${k.paramNames.map((p, q) => (columns.includes(p) ? '' : `  let p_${ident(p)} = P[${q}];`)).filter(Boolean).join('\n')}
  // Divergence: the smallest n·16 + variable index of a non-finite state this thread saw, one atomicMin after
  // the loop (SwiftShader runs an if's body for every lane, masked: one per neuron cost an atomic each).
  var div = 0xffffffffu;
  ${updateLoopWgsl(body, pop.spiking ? { base, flag: k.flag } : null)}
  if (div != 0xffffffffu) { atomicMin(&ctrl[${base + CTRL_DIV}u], div); }
}
`;
  return { code, bindings };
}
