// NetworkIR → Program: WGSL kernels, the buffer plan (name, size, initial contents) and the dispatch schedule
// of one simulation step. Pure data: the GpuEngine executes it, `snn run --dump-wgsl` prints it.
import type { NetworkIR, PopulationIR } from './ir';
import { ringSize } from './ir';
import { NEURON_RULES } from './models';
import { currentWeights, initialStates, paramVector, perNeuronColumns, transpose } from './params';
import { packStdp, stdpConstants, STDP_BYTES } from './stdp-constants';
import { recordBytes, spikeBufferWords } from './kernels/spike-buffer.wgsl';
import { ctrlWords, WG } from './kernels/common.wgsl';
import { neuronKernel } from './kernels/neuron.wgsl';
import { inputKernel } from './kernels/input.wgsl';
import { lanesFor, propagateKernel, propagateThreads } from './kernels/propagate.wgsl';
import { propagateDenseKernel } from './kernels/propagate-dense.wgsl';
import { choosePropagation, densify, type Propagation, type PropagationChoice } from './propagation';
import { stdpKernels } from './kernels/stdp.wgsl';
import { endStepKernel, indirectKernel, recordKernel } from './kernels/control.wgsl';
import { PHASE, scheduleProgram, type Schedule, type ScheduleChoice, type ScheduleLimits } from './schedule';

export interface BufferPlan {
  name: string;
  bytes: number;
  /** Initial contents (zeros when absent); a function so limits are checked before anything big is allocated. */
  init?: () => ArrayBufferView;
  /** Rewritten by the host before each chunk (input tables, current values, control block). */
  perChunk?: boolean;
  /** Read back after each chunk (control block, spike records, traces). */
  readback?: boolean;
  indirect?: boolean;
  /** Placed in this pool (Program.pools) at `offset` bytes instead of a buffer of its own. */
  pool?: string;
  offset?: number;
}

export interface KernelPlan { name: string; code: string; bindings: string[] }

/**
 * One dispatch of the step schedule: a fixed thread count (workgroups of WG), indirect from args[3·index], or a
 * fixed workgroup grid (the fused kernels of ./schedule.ts). `phase` orders the kernels of one step by their
 * dependencies (./schedule.ts PHASE): kernels of one phase never read what another of that phase writes, so
 * they may run in one dispatch. `gridStride`: the kernel is exact for any launch size (it loops grid-stride).
 */
export type DispatchPlan = ({ kernel: string; threads: number } | { kernel: string; indirect: number } | { kernel: string; workgroups: [number, number] })
  & { phase?: number; gridStride?: boolean };

export interface Program {
  network: string;
  chunkSteps: number;
  ringSlots: number;
  kernels: KernelPlan[];
  buffers: BufferPlan[];
  step: DispatchPlan[];
  /** Spike record capacity per population per chunk (entries); overflow is counted, never silent. */
  recCap: Record<string, number>;
  /** Names of parameters in each population's P buffer (setParam rewrites it). */
  paramNames: Record<string, string[]>;
  /** Propagation strategy per spiking projection ('dense' post-span or 'csr' event-driven, ./propagation.ts). */
  propagation: Record<string, Propagation>;
  /**
   * How the step's kernels are launched (./schedule.ts): 'separate' (`step` once per step, one dispatch per
   * kernel), 'fused' (`step` once per step, each dispatch runs every kernel of a phase) or 'single' (`step`
   * once per chunk: one workgroup loops over the chunk's steps), with the reason for program.json.
   */
  schedule: Schedule;
  scheduleReason: string;
  /** Buffers merged into one binding each under the storage-buffer limit (BufferPlan.pool; ./schedule.ts). */
  pools: PoolPlan[];
}

/** A merged buffer: the BufferPlans whose `pool` names it live in it at their `offset` (bytes). */
export interface PoolPlan { name: string; bytes: number }

export interface ProgramOptions {
  chunkSteps: number;
  /** Spike record entries per population per chunk (default: recordCapacity()); tests use small ones. */
  recordCapacity?: number;
  /**
   * How propagate kernels are launched: 'direct' (default) with a fixed grid (grid-stride over this step's
   * spikes), or 'indirect' from workgroup counts an `indirect` kernel writes each step. Indirect costs an extra
   * kernel per step and, in Dawn, a validation dispatch and bind group per indirect dispatch.
   */
  propagate?: 'direct' | 'indirect';
  /**
   * Spike propagation per projection (./propagation.ts): 'auto' (default) picks dense matrix–vector or
   * event-driven CSR by the heuristic there; 'dense' forces the dense kernel wherever it is exact (all-to-all,
   * or small enough non-plastic sparse projections, densified); 'csr' forces event-driven everywhere.
   * `propagate` ('direct'/'indirect') applies to the CSR kernels; the dense kernel is a fixed launch of nPost.
   */
  propagation?: PropagationChoice;
  /** Kernel launch schedule (./schedule.ts): 'separate' (default here), 'fused', 'single' or 'auto'. */
  schedule?: ScheduleChoice;
  /** Device limits the schedule must fit (default: WebGPU's guaranteed minimums). */
  limits?: ScheduleLimits;
}

/**
 * Spike record capacity per chunk: every possible spike when small, else room for a mean rate of 200 Hz,
 * at most 8M entries (64 MiB). Beyond it spikes are counted as dropped (spike counts stay exact).
 */
export function recordCapacity(pop: PopulationIR, chunkSteps: number, dtMs: number): number {
  const all = pop.size * chunkSteps;
  return Math.min(all, Math.max(65_536, Math.min(8 << 20, Math.ceil(all * Math.min(1, 0.2 * dtMs)) + 1024)));
}

export function buildProgram(ir: NetworkIR, opts: ProgramOptions): Program {
  const R = ringSize(ir), chunk = opts.chunkSteps;
  const buffers: BufferPlan[] = [];
  const kernels: KernelPlan[] = [];
  const step: DispatchPlan[] = [];
  const recCap: Record<string, number> = {};
  const paramNames: Record<string, string[]> = {};
  const buf = (b: BufferPlan) => { buffers.push(b); };
  const u32 = (a: ArrayLike<number>) => (a instanceof Uint32Array ? a : Uint32Array.from(a));

  // Populations whose spike flags an STDP kernel reads (the only reader; ./kernels/common.wgsl.ts updateLoopWgsl).
  const flagged = new Set(ir.projections.filter((pj) => pj.synapse !== 'current' && pj.plasticity).flatMap((pj) => [pj.source, pj.target]));
  const P = ir.populations.length;
  const ctrl = new Uint32Array(ctrlWords(P));
  buf({ name: 'ctrl', bytes: ctrl.byteLength, init: () => ctrl, perChunk: true, readback: true });

  for (const pop of ir.populations) {
    const id = pop.id, size = pop.size;
    const pv = paramVector(pop, ir.dtMs);
    paramNames[id] = pv.names;
    buf({ name: `P_${id}`, bytes: Math.max(4, pv.values.byteLength), init: () => paramVector(pop, ir.dtMs).values });
    if (pop.spiking) {
      recCap[id] = opts.recordCapacity ?? recordCapacity(pop, chunk, ir.dtMs);
      buf({ name: `spk_${id}`, bytes: 4 * spikeBufferWords(size) });
      buf({ name: `rec_${id}`, bytes: recordBytes(recCap[id]), readback: true });
    }
    const rule = NEURON_RULES[pop.model];
    if (pop.kind === 'neuron' && rule) {
      buf({ name: `S_${id}`, bytes: 4 * pop.stateVars.length * size, init: () => initialStates(pop, ir.dtMs) });
      // Per-neuron params and the derived constants that read them ([column][neuron], f32; ./params.ts).
      const columns = perNeuronColumns(pop, ir.dtMs).names;
      if (columns.length) buf({ name: `PN_${id}`, bytes: 4 * columns.length * size, init: () => perNeuronColumns(pop, ir.dtMs).values });
      if (pop.channels.length) buf({ name: `ring_${id}`, bytes: 4 * pop.channels.length * R * size });
      const cw = currentWeights(pop, ir.projections);
      if (cw.projections.length) {
        buf({ name: `cur_${id}`, bytes: 4 * cw.projections.length * chunk, perChunk: true });
        buf({ name: `curw_${id}`, bytes: cw.sums.byteLength, init: () => cw.sums });
      }
      const k = neuronKernel({ pop, rule, paramNames: pv.names, columns, ringSlots: R, recCap: recCap[id] ?? 0, chunkSteps: chunk, currentSources: cw.projections.length, flag: flagged.has(pop.index) });
      kernels.push({ name: `update_${id}`, ...k });
      step.push({ kernel: `update_${id}`, threads: size, phase: PHASE.update, gridStride: true });
    } else if (pop.input.kind === 'const' || pop.input.kind === 'table') {
      if (pop.input.kind === 'const') { const input = pop.input; buf({ name: `aux_${id}`, bytes: 4 * size, init: () => input.prob }); }
      else buf({ name: `tab_${id}`, bytes: 4 * size * chunk, perChunk: true });
      kernels.push({ name: `update_${id}`, ...inputKernel(pop, ir.seed, pv.names, recCap[id], flagged.has(pop.index)) });
      step.push({ kernel: `update_${id}`, threads: size, phase: PHASE.update, gridStride: true });
    }
  }

  const spiking = ir.projections.filter((pj) => pj.synapse !== 'current');
  const indirect = opts.propagate === 'indirect';
  const propagation: Record<string, Propagation> = {};
  const choice = new Map(spiking.map((pj) => [pj, choosePropagation(pj, opts.propagation ?? 'auto')]));
  const csr = spiking.filter((pj) => choice.get(pj)!.strategy === 'csr');
  if (csr.length && indirect) {
    buf({ name: 'args', bytes: 12 * csr.length, indirect: true });
    kernels.push({ name: 'indirect', code: indirectKernel(csr.map((pj) => ({ srcPop: pj.source, lanes: lanesFor(pj) }))), bindings: ['ctrl', 'args'] });
    step.push({ kernel: 'indirect', threads: 1, phase: PHASE.update });
  }
  for (const pj of spiking) {
    const src = ir.populations[pj.source], tgt = ir.populations[pj.target], bits = tgt.channels[pj.channel].fixedBits;
    const { strategy, reason } = choice.get(pj)!;
    propagation[pj.id] = strategy;
    // The STDP kernels read rowptr/post, so plastic projections keep them whatever the strategy.
    if (pj.plasticity || (strategy === 'csr' && !pj.dense)) {
      buf({ name: `rowptr_${pj.id}`, bytes: pj.rowPtr.byteLength, init: () => pj.rowPtr });
      buf({ name: `post_${pj.id}`, bytes: Math.max(4, pj.post.byteLength), init: () => pj.post });
    }
    // w_ stays in IR (CSR) order for every strategy: STDP updates it and readWeights reads it.
    buf({ name: `w_${pj.id}`, bytes: Math.max(4, pj.weight.byteLength), init: () => pj.weight });
    const densified = strategy === 'dense' && !pj.dense;
    if (pj.delayConst === null && !densified) buf({ name: `delay_${pj.id}`, bytes: pj.delay.byteLength, init: () => pj.delay });
    if (densified) {
      let m: ReturnType<typeof densify> | undefined;
      const mat = () => (m ??= densify(pj, bits));
      buf({ name: `wq_${pj.id}`, bytes: Math.max(4, 4 * pj.nPre * pj.nPost), init: () => mat().q });
      if (pj.delayConst === null) buf({ name: `dly_${pj.id}`, bytes: Math.max(4, 4 * pj.nPre * pj.nPost), init: () => mat().delay! });
    }
    if (strategy === 'dense') {
      kernels.push({ name: `propagate_${pj.id}`, ...propagateDenseKernel(pj, src.id, tgt.id, R, bits, reason) });
      step.push({ kernel: `propagate_${pj.id}`, threads: Math.max(1, pj.nPost), phase: PHASE.propagate, gridStride: true });
    } else {
      kernels.push({ name: `propagate_${pj.id}`, ...propagateKernel(pj, src.id, tgt.id, R, bits, reason) });
      step.push(indirect ? { kernel: `propagate_${pj.id}`, indirect: csr.indexOf(pj), phase: PHASE.propagate, gridStride: true }
        : { kernel: `propagate_${pj.id}`, threads: propagateThreads(pj), phase: PHASE.propagate, gridStride: true });
    }
  }
  for (const pj of spiking.filter((p) => p.plasticity)) {
    const src = ir.populations[pj.source], tgt = ir.populations[pj.target];
    let t: ReturnType<typeof transpose> | undefined;
    const tr = () => (t ??= transpose(pj));
    buf({ name: `stdp_${pj.id}`, bytes: STDP_BYTES, init: () => packStdp(stdpConstants(pj, ir.dtMs)) });
    buf({ name: `xtr_${pj.id}`, bytes: 4 * pj.nPre });
    buf({ name: `ytr_${pj.id}`, bytes: 4 * pj.nPost });
    buf({ name: `colptr_${pj.id}`, bytes: 4 * (pj.nPost + 1), init: () => tr().colPtr });
    buf({ name: `colsyn_${pj.id}`, bytes: Math.max(4, 4 * pj.post.length), init: () => tr().colSyn });
    buf({ name: `colpre_${pj.id}`, bytes: Math.max(4, 4 * pj.post.length), init: () => tr().colPre });
    const k = stdpKernels(pj, src.id, tgt.id);
    kernels.push(k.pre, k.post, k.trace);
    step.push({ kernel: k.pre.name, threads: pj.nPre, phase: PHASE.stdpPre }, { kernel: k.post.name, threads: pj.nPost, phase: PHASE.stdpPost },
      { kernel: k.trace.name, threads: Math.max(pj.nPre, pj.nPost), phase: PHASE.stdpTrace });
  }
  for (const m of ir.monitors) {
    if (m.kind !== 'state') continue;
    const pop = ir.populations[m.population];
    buf({ name: `midx_${m.id}`, bytes: Math.max(4, m.indices.byteLength), init: () => u32(m.indices) });
    buf({ name: `trace_${m.id}`, bytes: Math.max(4, 4 * m.indices.length * chunk), readback: true });
    kernels.push({ name: `record_${m.id}`, code: recordKernel(m.id, pop.size, pop.stateVars.indexOf(m.variable), m.indices.length, chunk), bindings: ['ctrl', `S_${pop.id}`, `midx_${m.id}`, `trace_${m.id}`] });
    step.push({ kernel: `record_${m.id}`, threads: m.indices.length, phase: PHASE.record });
  }
  kernels.push({ name: 'end_step', code: endStepKernel(P), bindings: ['ctrl'] });
  step.push({ kernel: 'end_step', threads: 1, phase: PHASE.endStep });
  const program: Program = {
    network: ir.name, chunkSteps: chunk, ringSlots: R, kernels, buffers, step, recCap, paramNames, propagation,
    schedule: 'separate', scheduleReason: 'one dispatch per kernel', pools: [],
  };
  return opts.schedule && opts.schedule !== 'separate' ? scheduleProgram(program, ir, opts.schedule, opts.limits) : program;
}

/** Workgroups for a thread count, spilling into y beyond maxPerDim. */
export function workgroupsFor(threads: number, maxPerDim = 65535): [number, number] {
  const wgs = Math.ceil(threads / WG);
  if (wgs <= maxPerDim) return [wgs, 1];
  return [maxPerDim, Math.ceil(wgs / maxPerDim)];
}

/** The Program without buffer contents, for printing (`--dump-wgsl` writes it as program.json). */
export function describeProgram(p: Program) {
  return {
    network: p.network, chunkSteps: p.chunkSteps, ringSlots: p.ringSlots,
    buffers: p.buffers.map((b) => ({ name: b.name, bytes: b.bytes, perChunk: !!b.perChunk, readback: !!b.readback, ...(b.pool ? { pool: b.pool, offset: b.offset } : {}) })),
    step: p.step, kernels: p.kernels.map((k) => ({ name: k.name, bindings: k.bindings })),
    recCap: p.recCap, paramNames: p.paramNames, propagation: p.propagation,
    schedule: p.schedule, scheduleReason: p.scheduleReason, pools: p.pools,
  };
}
