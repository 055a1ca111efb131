// CpuEngine: the reference engine in plain TypeScript, and the fallback without a GPU. Takes a NetworkIR,
// runs the step order of docs/engine.md in f32 arithmetic (Math.fround) with the same
// constants, fixed-point synaptic accumulation and counter RNG as the GPU engine, so both agree. Each neuron
// population's input and update run as one generated WebAssembly pass (../models/dynamics/cpu.ts inputStep);
// recording and propagation walk its spike list (docs/benchmarks.md, "CPU engine: one pass per neuron").
import {
  currentAt, currentWeights, fillInputTable, initialStates, paramRecord, paramVector, perNeuronColumns, quantize, refreshInput, settableError, stdpConstants, transpose,
  NEURON_RULES, ringSize, type NetworkIR, type ParamColumns, type PopulationIR, type ProjectionIR, type StdpConstants,
} from '../compiler';
import { STREAM, uniform01 } from '../rng';
import { inputStep } from '../models/dynamics/cpu';
import { getModel } from '../models';
import type { InputStep } from '../models/dynamics/wasm';
import { nowMs } from './clock';
import { propagateWasm, type PropagateWasm } from './propagate-wasm';
import { checkGatherIndices, gatherOnHost } from './gather';
import { Barrier, createLinkMemory, listOffsets, sliceRange, type LinkMemory, type PeerPort } from './step-link';
import { EngineError, type Engine, type RunChunk, type RunOptions, type RunSummary, type SpikeChunk, type TraceChunk } from './types';

const f = Math.fround;

/**
 * `threads: 'auto'` runs two threads from this many neurons (all populations together), and only where a core is
 * idle for the second thread: measured on scaled COBA (docs/benchmarks.md, "CPU engine: threads"), two threads
 * paid from 40k neurons when the machine had room, and cost wall time at every size on cores busy with other work
 * (the threads meet once per step, and a descheduled thread holds up the other).
 */
export const AUTO_MIN_NEURONS = 40_000;

export interface CpuEngineOptions {
  /** `false` runs the typed-array form of the update everywhere (as where WebAssembly cannot compile). */
  wasm?: boolean;
  /**
   * Threads that share each step (docs/engine.md, "CPU engine on two threads"): 1 (default), 2, or 'auto' (two
   * where the network has AUTO_MIN_NEURONS neurons and `idleCores` ≥ 1). Two need `spawn` and SharedArrayBuffer;
   * without them the engine runs on one thread whatever is asked.
   */
  threads?: 1 | 2 | 'auto';
  /** Starts the second thread running ./cpu-peer.ts servePeer (worker_threads in Node, a nested Worker in the app). */
  spawn?: () => PeerPort;
  /** Cores with nothing to run besides this thread (Node: cores minus the load average), for 'auto'. */
  idleCores?: number;
}

/** How many threads the engine runs `ir` on with these options. */
export function engineThreads(ir: NetworkIR, opts: CpuEngineOptions): 1 | 2 {
  if (!opts.spawn || typeof SharedArrayBuffer === 'undefined' || !opts.threads || opts.threads === 1) return 1;
  if (opts.threads === 2) return 2;
  const neurons = ir.populations.reduce((a, p) => a + p.size, 0);
  return (opts.idleCores ?? 0) >= 1 && neurons >= AUTO_MIN_NEURONS ? 2 : 1;
}

interface PopState {
  pop: PopulationIR;
  /** The neurons [lo, hi) of the population this thread owns (all of them on one thread); arrays below are [hi - lo]. */
  lo: number;
  hi: number;
  p: Record<string, number>;
  vars: Float32Array[];
  ring: Int32Array;
  spiked: Uint8Array;
  /** This step's spikes, ascending, as indices into the slice: the first nSpikes entries (-1: some value is not finite). */
  spikeList: Uint32Array;
  nSpikes: number;
  cur: { projections: ProjectionIR[]; sums: Float32Array };
  /** This step's value of each current source (f32). */
  curVals: Float32Array;
  table: Float32Array;
  /**
   * Neuron models: the update derived from the model's dynamics with the synaptic input in the same pass
   * (../models/dynamics/cpu.ts inputStep), owning the state, channel state, ring buffer and spike flags.
   */
  update?: InputStep;
}

/** One slice's spike list of a step: `n` entries of `list` from `at`, each + `lo` = the neuron. */
interface SpikePart { list: Uint32Array | Int32Array; at: number; n: number; lo: number }

/** A projection's synapses onto this thread's slice of the target, as CSR rows by source (`syn`: the synapse's index in the projection; `post`: into the slice). */
interface SplitRows { rowPtr: Uint32Array; syn: Uint32Array; post: Uint32Array }

/**
 * A static projection's propagation in WebAssembly (./propagate-wasm.ts): its CSR rows, fixed-point weights and
 * ring offsets (bytes) in the target population's module memory, and where that memory takes a copy of a spike list.
 */
interface WasmRows { fn: PropagateWasm; buf: ArrayBuffer; rowPtr: number; q: Int32Array; off: Int32Array; list: number }

interface Plastic { pj: ProjectionIR; c: StdpConstants; x: Float32Array; y: Float32Array; pre: Uint8Array; t: ReturnType<typeof transpose> }

/** The second thread's side (./cpu-peer.ts): the shared memory and weights the first thread created. */
export interface PeerSide { link: LinkMemory; weights: Float32Array[] }

export class CpuEngine implements Engine {
  readonly backend = 'cpu' as const;
  /** Threads sharing each step, and which of them this is (0: the one the caller talks to). */
  readonly threads: 1 | 2;
  private readonly self: number;
  private n = 0;
  private pops: PopState[] = [];
  /** Per population, this step's spike lists of every slice in slice order (so in neuron order). */
  private parts: SpikePart[][] = [];
  /** Spikes per neuron since reset, all slices (thread 0 only). */
  private counts: Uint32Array[] = [];
  /** Per projection, its weights: on two threads shared, each synapse written only by the thread owning its target. */
  private readonly weights: Float32Array[];
  private readonly split: SplitRows[];
  private plastic: Plastic[] = [];
  /** Per static projection: fixed-point weights and ring offsets for the current channel scale (see propagate). */
  private fixed: ({ scale: number; q: Int32Array; off: Int32Array } | undefined)[] = [];
  /** Per static projection onto a population whose update is WebAssembly: its propagation there (see propagate). */
  private wasmRows: (WasmRows | undefined)[] = [];
  private readonly R: number;
  private readonly link?: { barrier: Barrier; lists: Int32Array; offsets: number[][][]; memory: LinkMemory };
  private readonly peer?: PeerPort;
  private peerReads = new Map<number, (v: Float32Array) => void>();
  private peerError = '';
  private nextRead = 0;

  constructor(readonly ir: NetworkIR, private readonly opts: CpuEngineOptions = {}, side?: PeerSide) {
    this.R = ringSize(ir);
    this.threads = side ? 2 : engineThreads(ir, opts);
    this.self = side ? 1 : 0;
    const shared = this.threads === 2;
    this.weights = side?.weights ?? ir.projections.map((p) => (shared ? new Float32Array(new SharedArrayBuffer(4 * p.weight.length)) : new Float32Array(p.weight.length)));
    this.split = ir.projections.map((pj) => splitRows(pj, sliceRange(ir.populations[pj.target].size, this.self, this.threads)));
    if (shared) {
      const memory = side?.link ?? createLinkMemory(ir, 2);
      this.link = { memory, barrier: new Barrier(memory.ctrl, this.self), lists: new Int32Array(memory.lists), offsets: listOffsets(ir, 2).offsets };
    }
    this.reset();
    if (shared && !side) {
      this.peer = opts.spawn!();
      this.peer.onMessage((m) => {
        if (m.kind === 'state') { this.peerReads.get(m.id)?.(m.values); this.peerReads.delete(m.id); } else this.peerError = m.message;
      });
      this.peer.post({ kind: 'init', ir, wasm: opts.wasm, link: this.link!.memory, weights: this.weights });
    }
  }

  get step() { return this.n; }

  reset(): void {
    this.n = 0;
    // The first thread owns the weights' reset (the second thread's are the same shared arrays).
    if (this.self === 0) this.ir.projections.forEach((p, k) => this.weights[k].set(p.weight));
    this.fixed = [];
    this.wasmRows = [];
    this.pops = this.ir.populations.map((pop) => {
      const { lo, hi } = sliceRange(pop.size, this.self, this.threads), size = hi - lo, N = pop.size;
      const p = paramRecord(paramVector(pop, this.ir.dtMs));
      const rule = NEURON_RULES[pop.model];
      const cols = perNeuronColumns(pop, this.ir.dtMs), cur = currentWeights(pop, this.ir.projections);
      // Room in the update's memory for the static projections onto this slice (./propagate-wasm.ts): per
      // projection its row pointers, weights and offsets, then one spike list of the largest source.
      const onto = this.ir.projections.filter((pj) => pj.target === pop.index && pj.synapse !== 'current' && !pj.plasticity);
      const rowBytes = onto.map((pj) => 4 * (pj.nPre + 1) + 8 * this.split[pj.index].syn.length);
      const extraBytes = onto.length ? rowBytes.reduce((a, b) => a + b, 0) + 4 * Math.max(...onto.map((pj) => this.ir.populations[pj.source].size)) : 0;
      // Conductance channels drive towards E_rev from the membrane potential: the model's membrane role.
      const build = (extra: number) => inputStep(rule!.dynamics, size, {
        kinds: pop.channels.map((c) => c.kind), membrane: getModel(pop.model)?.roles?.membrane ?? 'v', ringSlots: this.R, currents: cur.projections.length, extraBytes: extra,
      }, { wasm: this.opts.wasm, perNeuron: cols.names });
      let update = rule ? build(extraBytes) : undefined, reserved = extraBytes > 0;
      // Rows too large for the module's 2 GiB: the update stays WebAssembly, the propagation typed arrays.
      if (update?.form === 'js' && reserved && this.opts.wasm !== false) { update = build(0); reserved = false; }
      if (update?.memory && reserved) {
        const fn = propagateWasm(update.memory.memory), buf = update.memory.buffer;
        let at = update.memory.extraAt;
        const list = at + rowBytes.reduce((a, b) => a + b, 0);
        if (fn) {
          onto.forEach((pj) => {
            const sp = this.split[pj.index], m = sp.syn.length, rowPtr = at;
            new Uint32Array(buf, at, pj.nPre + 1).set(sp.rowPtr);
            at += 4 * (pj.nPre + 1);
            const q = new Int32Array(buf, at, m), off = new Int32Array(buf, at + 4 * m, m);
            at += 8 * m;
            this.wasmRows[pj.index] = { fn, buf, rowPtr, q, off, list };
          });
        }
      }
      if (update) {
        fillColumns(update.cols, cols, lo, N);
        cur.projections.forEach((_, q) => update.currentWeights.set(cur.sums.subarray(q * N + lo, q * N + hi), q * size));
      }
      const S = initialStates(pop, this.ir.dtMs);
      // State in the IR's order: the model's variables, then the channel variables (../compiler/ir.ts).
      const own = update ? [...update.vars, ...update.g] : [];
      const vars = pop.stateVars.map((_, q) => {
        const v = own[q] ?? new Float32Array(size);
        v.set(S.subarray(q * N + lo, q * N + hi));
        return v;
      });
      return {
        pop, lo, hi, p, vars, update,
        ring: update?.ring ?? new Int32Array(pop.channels.length * this.R * size),
        spiked: update?.spiked ?? new Uint8Array(size), spikeList: update?.spikeList ?? new Uint32Array(size), nSpikes: 0,
        cur, curVals: new Float32Array(cur.projections.length), table: new Float32Array(0),
      };
    });
    // This thread's list first or second, as its slice comes in neuron order; the other's is read from the link.
    this.parts = this.pops.map((st) => Array.from({ length: this.threads }, (_, k): SpikePart => {
      if (k === this.self) return { list: st.spikeList, at: 0, n: 0, lo: st.lo };
      return { list: this.link!.lists, at: 0, n: 0, lo: sliceRange(st.pop.size, k, this.threads).lo };
    }));
    this.counts = this.ir.populations.map((pop) => new Uint32Array(this.self === 0 ? pop.size : 0));
    this.plastic = this.ir.projections.filter((pj) => pj.plasticity).map((pj) => ({
      pj, c: stdpConstants(pj, this.ir.dtMs), x: new Float32Array(pj.nPre), y: new Float32Array(pj.nPost), pre: new Uint8Array(pj.nPre), t: transpose(pj),
    }));
    this.peer?.post({ kind: 'reset' });
  }

  setParam(population: string, param: string, value: number): void {
    const st = this.pops.find((s) => s.pop.id === population);
    const err = settableError(st?.pop, population, param, value);
    if (err || !st) throw new EngineError(err ?? `no population "${population}"`, 'unsupported');
    st.pop.params[param] = value;
    st.p = paramRecord(paramVector(st.pop, this.ir.dtMs));
    // A derived per-neuron constant may also read the edited (uniform) param.
    if (st.update && st.pop.perNeuron) fillColumns(st.update.cols, perNeuronColumns(st.pop, this.ir.dtMs), st.lo, st.pop.size);
    if (param === 'rate_hz') refreshInput(st.pop, this.ir.dtMs);
    this.peer?.post({ kind: 'param', population, param, value });
  }

  async readState(population: string, variable: string): Promise<Float32Array> {
    const own = this.ownState(population, variable);
    if (!this.peer) return own;
    if (this.peerError) throw new EngineError(`the CPU engine's second thread failed: ${this.peerError}`, 'unsupported');
    const id = this.nextRead++;
    const other = await new Promise<Float32Array>((resolve) => {
      this.peerReads.set(id, resolve);
      this.peer!.post({ kind: 'read', id, population, variable });
    });
    const all = new Float32Array(own.length + other.length);
    all.set(own);
    all.set(other, own.length);
    return all;
  }

  /** This thread's slice of a state variable (the whole population on one thread). */
  ownState(population: string, variable: string): Float32Array {
    const st = this.pops.find((s) => s.pop.id === population);
    const k = st ? st.pop.stateVars.indexOf(variable) : -1;
    if (!st || k < 0) throw new EngineError(`no state variable "${variable}" on "${population}"`, 'unsupported');
    return st.vars[k].slice();
  }

  async readWeights(projection: string, indices?: Uint32Array): Promise<Float32Array> {
    const k = this.ir.projections.findIndex((p) => p.id === projection);
    if (k < 0) throw new EngineError(`no projection "${projection}"`, 'unsupported');
    if (!indices) return this.weights[k].slice();
    checkGatherIndices(projection, indices, this.weights[k].length);
    return gatherOnHost(this.weights[k], indices);
  }

  /** Spikes per neuron since reset (never lossy). */
  async spikeCounts(population: string): Promise<Uint32Array> {
    return this.counts[this.ir.populations.findIndex((p) => p.id === population)].slice();
  }

  dispose(): void {
    this.pops = [];
    this.peer?.close();
  }

  async run(opts: RunOptions): Promise<RunSummary> {
    const t0 = nowMs();
    const chunk = Math.max(1, opts.chunkSteps ?? 1000);
    let done = 0, stopped = false;
    while (done < opts.steps) {
      if (opts.signal?.aborted) { stopped = true; break; }
      const k = Math.min(chunk, opts.steps - done);
      const c = this.runChunk(k);
      done += k;
      opts.onChunk?.(c);
    }
    return { backend: 'cpu', adapter: 'cpu', stepsRun: done, stopped, wallMs: nowMs() - t0, droppedSpikes: 0 };
  }

  private runChunk(k: number): RunChunk {
    const start = this.n, ir = this.ir;
    const spikes: Record<string, { index: number[]; step: number[] }> = {};
    for (const st of this.pops) if (st.pop.spiking) spikes[st.pop.id] = { index: [], step: [] };
    const mons = ir.monitors.filter((m) => m.kind === 'state');
    // On two threads each writes its own neurons' columns of the same (shared) trace arrays.
    const traces = mons.map((m) => (this.peer ? new Float32Array(new SharedArrayBuffer(4 * m.indices.length * k)) : new Float32Array(m.indices.length * k)));
    this.peer?.post({ kind: 'chunk', steps: k, traces });
    const counts = this.counts;
    this.steps(k, traces, (n) => {
      this.pops.forEach((st, p) => {
        if (!st.pop.spiking) return;
        const rec = spikes[st.pop.id], c = counts[p];
        for (const part of this.parts[p]) {
          for (let j = 0; j < part.n; j++) { const i = part.list[part.at + j] + part.lo; rec.index.push(i); rec.step.push(n); c[i]++; }
        }
      });
    });
    const out: RunChunk = { stepStart: start, stepEnd: this.n, spikes: {}, traces: {} };
    for (const [id, r] of Object.entries(spikes)) out.spikes[id] = { index: Uint32Array.from(r.index), step: Uint32Array.from(r.step) } satisfies SpikeChunk;
    mons.forEach((m, j) => {
      out.traces[m.id] = { population: ir.populations[m.population].id, variable: m.variable, indices: m.indices, values: traces[j] } satisfies TraceChunk;
    });
    return out;
  }

  /**
   * `k` steps of this thread's slices (docs/engine.md step order): update, (two threads: publish the spike
   * lists, meet), `record` the step's spikes (thread 0), deliver every spike into this slice's ring buffers,
   * STDP of the synapses onto this slice, this slice's columns of `traces` ([monitor][index][step of chunk]).
   */
  steps(k: number, traces: Float32Array[], record?: (n: number) => void): void {
    const ir = this.ir, link = this.link;
    for (const st of this.pops) {
      if (st.pop.input.kind === 'table') {
        if (st.table.length < k * st.pop.size) st.table = new Float32Array(k * st.pop.size);
        fillInputTable(ir, st.pop, this.n, k, st.table);
      }
    }
    const mons = ir.monitors.filter((m) => m.kind === 'state').map((m) => {
      const st = this.pops[m.population], own: number[] = [];
      m.indices.forEach((i, q) => { if (i >= st.lo && i < st.hi) own.push(q); });
      return { m, v: st.vars[st.pop.stateVars.indexOf(m.variable)], lo: st.lo, own };
    });
    for (let s = 0; s < k; s++) {
      const n = this.n;
      for (const st of this.pops) this.updatePopulation(st, n, s);
      if (link) this.exchange(n);
      else this.pops.forEach((st, p) => { this.parts[p][0].n = st.nSpikes; });
      this.checkFinite(n);
      record?.(n);
      for (const pj of ir.projections) if (pj.synapse !== 'current') this.propagate(pj, n);
      for (const pl of this.plastic) this.stdp(pl);
      mons.forEach(({ m, v, lo, own }, j) => {
        for (const q of own) traces[j][q * k + s] = v[m.indices[q] - lo];
      });
      this.n++;
    }
    // The chunk ends when both threads are done with it (their traces and STDP weights are written).
    if (link) this.meet(link.barrier);
  }

  private meet(barrier: Barrier) {
    try {
      barrier.meet();
    } catch {
      throw new EngineError(`the CPU engine's second thread failed${this.peerError ? `: ${this.peerError}` : ''}`, 'unsupported');
    }
  }

  /** Two threads: publish this slice's spike lists for step n (parity n & 1), meet, read the other slice's. */
  private exchange(n: number) {
    const { lists, offsets, barrier } = this.link!, b = n & 1;
    this.pops.forEach((st, p) => {
      const at = offsets[p][b][this.self];
      lists[at] = st.nSpikes;
      if (st.nSpikes > 0) lists.set(st.spikeList.subarray(0, st.nSpikes), at + 1);
    });
    this.meet(barrier);
    this.pops.forEach((st, p) => {
      for (const [k, part] of this.parts[p].entries()) {
        if (k === this.self) { part.n = st.nSpikes; continue; }
        const at = offsets[p][b][k];
        part.at = at + 1;
        part.n = lists[at];
      }
    });
  }

  /** After the update (and the exchange): a slice whose values are not finite stops every thread at this step. */
  private checkFinite(n: number) {
    this.pops.forEach((st, p) => {
      if (st.nSpikes < 0) this.divergence(st, n);
      if (this.parts[p].some((part) => part.n < 0)) throw new EngineError(`divergence: ${st.pop.id} at step ${n}`, 'divergence', { population: st.pop.id, variable: '', step: n });
    });
  }

  private updatePopulation(st: PopState, n: number, s: number) {
    const { pop, p, lo, hi } = st, N = pop.size;
    const input = pop.input;
    if (input.kind === 'const' || input.kind === 'table') {
      const stream = STREAM.poisson + pop.index, spiked = st.spiked, list = st.spikeList;
      const on = input.kind === 'table' || (f(n) >= p.start_step && f(n) < p.stop_step);
      let count = 0;
      if (!on) spiked.fill(0);
      else {
        for (let i = lo; i < hi; i++) {
          const prob = input.kind === 'const' ? input.prob[i] : st.table[s * N + i];
          const x = uniform01(this.ir.seed, stream, i, n) < prob ? 1 : 0;
          spiked[i - lo] = x;
          list[count] = i - lo;
          count += x;
        }
      }
      st.nSpikes = count;
      return;
    }
    const upd = st.update;
    if (!upd) return;
    const curVals = st.curVals, cps = st.cur.projections;
    for (let q = 0; q < cps.length; q++) curVals[q] = currentAt(this.ir.populations[cps[q].source], n, this.ir.dtMs);
    // Input current at the start of the step, channel decay and this step's ring buffer arrivals, then the
    // update: one pass (../models/dynamics/cpu.ts inputStep). A negative count: some value is not finite.
    st.nSpikes = upd.run(p, n % this.R, curVals);
  }

  private divergence(st: PopState, n: number) {
    const { pop, vars, lo } = st, size = st.hi - lo, names = pop.stateVars, nv = names.length;
    for (let i = 0; i < size; i++) {
      for (let q = 0; q < nv; q++) {
        const x = vars[q][i];
        if (x - x !== 0) {
          throw new EngineError(`divergence: ${pop.id}.${names[q]} of neuron ${lo + i} became ${x} at step ${n} (t = ${(n * this.ir.dtMs).toFixed(4)} ms); reduce dt or the weights`,
            'divergence', { population: pop.id, variable: names[q], step: n });
        }
      }
    }
    throw new EngineError(`divergence: ${pop.id} at step ${n}`, 'divergence', { population: pop.id, variable: '', step: n });
  }

  /**
   * Event-driven propagation over the CSR rows of spiking sources (every slice's), into this slice of the
   * target. Static projections use fixed-point weights and ring offsets (delay * size + post) computed once per
   * scale; plastic ones quantize each use, as their weights change every step. The sums are the same integers
   * either way, and in any order (wrapping i32 additions), so two threads add into their own slices only.
   */
  private propagate(pj: ProjectionIR, n: number) {
    const parts = this.parts[pj.source], tgt = this.pops[pj.target], sp = this.split[pj.index];
    const R = this.R, size = tgt.hi - tgt.lo, w = this.weights[pj.index], scale = tgt.p[`ch${pj.channel}_scale`];
    const span = R * size, ring = tgt.ring, rowPtr = sp.rowPtr, syn = sp.syn, post = sp.post;
    const base = pj.channel * span, start = (n % R) * size;
    const wr = this.wasmRows[pj.index];
    if (wr) return this.propagateWasm(pj, n, wr, scale);
    let cache = this.fixed[pj.index];
    if (!pj.plasticity && (!cache || cache.scale !== scale)) {
      const q = new Int32Array(syn.length), off = new Int32Array(syn.length), delay = pj.delay;
      for (let s = 0; s < syn.length; s++) { q[s] = quantize(w[syn[s]], scale); off[s] = delay[syn[s]] * size + post[s]; }
      cache = this.fixed[pj.index] = { scale, q, off };
    }
    for (const { list, at: from, n: nSpikes, lo } of parts) {
      if (cache && !pj.plasticity) {
        const { q, off } = cache;
        if (pj.delayConst !== null) {
          // One delay for the whole projection: one ring slot this step, indexed by the post neuron directly.
          const at = base + ((n + pj.delayConst) % R) * size;
          for (let k = 0; k < nSpikes; k++) {
            const i = list[from + k] + lo;
            for (let s = rowPtr[i], e = rowPtr[i + 1]; s < e; s++) ring[at + post[s]] = (ring[at + post[s]] + q[s]) | 0;
          }
          continue;
        }
        for (let k = 0; k < nSpikes; k++) {
          const i = list[from + k] + lo;
          for (let s = rowPtr[i], e = rowPtr[i + 1]; s < e; s++) {
            let x = start + off[s];
            if (x >= span) x -= span;
            ring[base + x] = (ring[base + x] + q[s]) | 0;
          }
        }
        continue;
      }
      const delay = pj.delay;
      for (let k = 0; k < nSpikes; k++) {
        const i = list[from + k] + lo;
        for (let s = rowPtr[i]; s < rowPtr[i + 1]; s++) {
          const at = base + ((n + delay[syn[s]]) % R) * size + post[s];
          ring[at] = (ring[at] + quantize(w[syn[s]], scale)) | 0;
        }
      }
    }
  }

  /**
   * A static projection's propagation in WebAssembly (./propagate-wasm.ts), the same integer sums as the typed-array
   * form of propagate. Weights and offsets (bytes: 4 × the ring index) are written once per channel scale; a spike
   * list outside the target's memory is copied in (the target's own list is read in place).
   */
  private propagateWasm(pj: ProjectionIR, n: number, wr: WasmRows, scale: number) {
    const parts = this.parts[pj.source], tgt = this.pops[pj.target], sp = this.split[pj.index];
    const R = this.R, size = tgt.hi - tgt.lo, span = R * size, ringAt = tgt.ring.byteOffset + 4 * pj.channel * span;
    let cache = this.fixed[pj.index];
    if (!cache || cache.scale !== scale) {
      const { q, off } = wr, w = this.weights[pj.index], delay = pj.delay, syn = sp.syn, post = sp.post, one = pj.delayConst !== null;
      for (let s = 0; s < syn.length; s++) { q[s] = quantize(w[syn[s]], scale); off[s] = 4 * (one ? post[s] : delay[syn[s]] * size + post[s]); }
      cache = this.fixed[pj.index] = { scale, q, off };
    }
    const qAt = wr.q.byteOffset, offAt = wr.off.byteOffset;
    for (const { list, at: from, n: nSpikes, lo } of parts) {
      if (nSpikes === 0) continue;
      let listAt = wr.list;
      if (list.buffer === wr.buf) listAt = list.byteOffset + 4 * from;
      else new Int32Array(wr.buf, wr.list, nSpikes).set(list.subarray(from, from + nSpikes));
      if (pj.delayConst !== null) wr.fn.fixedDelay(listAt, nSpikes, lo, wr.rowPtr, qAt, offAt, ringAt + 4 * ((n + pj.delayConst) % R) * size);
      else wr.fn.anyDelay(listAt, nSpikes, lo, wr.rowPtr, qAt, offAt, ringAt, 4 * (n % R) * size, 4 * span);
    }
  }

  /**
   * Pair-based STDP on the synapses onto this slice: depression on pre spikes, potentiation on post spikes
   * (traces decayed to this step), then traces. Each synapse changes at most once per kind per step, so the
   * order of synapses does not matter; every thread keeps every pre trace (from every slice's spikes).
   */
  private stdp(pl: Plastic) {
    const { pj, c, x, y, pre, t } = pl, w = this.weights[pj.index], sp = this.split[pj.index], post = pj.post;
    const tgt = this.pops[pj.target], spiked = tgt.spiked, lo = tgt.lo, hi = tgt.hi;
    const { a_plus: aPlus, a_minus: aMinus, decay_plus: dPlus, decay_minus: dMinus, w_min: wMin, w_max: wMax } = c;
    const clamp = (v: number) => (v < wMin ? wMin : v > wMax ? wMax : v);
    pre.fill(0);
    for (const { list, at, n: nSpikes, lo: from } of this.parts[pj.source]) {
      for (let k = 0; k < nSpikes; k++) {
        const i = list[at + k] + from;
        pre[i] = 1;
        for (let e = sp.rowPtr[i]; e < sp.rowPtr[i + 1]; e++) { const s = sp.syn[e]; w[s] = clamp(f(w[s] - f(aMinus * f(y[post[s]] * dMinus)))); }
      }
    }
    for (let j = lo; j < hi; j++) {
      if (!spiked[j - lo]) continue;
      for (let k = t.colPtr[j]; k < t.colPtr[j + 1]; k++) w[t.colSyn[k]] = clamp(f(w[t.colSyn[k]] + f(aPlus * f(x[t.colPre[k]] * dPlus))));
    }
    for (let i = 0; i < pj.nPre; i++) x[i] = f(f(x[i] * dPlus) + pre[i]);
    for (let j = lo; j < hi; j++) y[j] = f(f(y[j] * dMinus) + spiked[j - lo]);
  }
}

export function createCpuEngine(ir: NetworkIR, opts: CpuEngineOptions = {}): CpuEngine {
  return new CpuEngine(ir, opts);
}

/** The synapses of `pj` onto the target neurons [lo, hi), as CSR rows by source (in the projection's order within a row). */
function splitRows(pj: ProjectionIR, { lo, hi }: { lo: number; hi: number }): SplitRows {
  const rowPtr = new Uint32Array(pj.nPre + 1), all = new Uint32Array(pj.post.length);
  let m = 0;
  for (let i = 0; i < pj.nPre; i++) {
    for (let s = pj.rowPtr[i]; s < pj.rowPtr[i + 1]; s++) if (pj.post[s] >= lo && pj.post[s] < hi) all[m++] = s;
    rowPtr[i + 1] = m;
  }
  const syn = all.slice(0, m);
  return { rowPtr, syn, post: syn.map((s) => pj.post[s] - lo) };
}

/** Copy the slice from `lo` of per-neuron columns ([column][neuron] for `size` neurons) into the update's column arrays (same order). */
function fillColumns(dst: Float32Array[], cols: ParamColumns, lo: number, size: number) {
  dst.forEach((a, c) => a.set(cols.values.subarray(c * size + lo, c * size + lo + a.length)));
}
