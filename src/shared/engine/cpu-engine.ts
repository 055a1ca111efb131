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
import { checkGatherIndices, gatherOnHost } from './gather';
import { EngineError, type Engine, type RunChunk, type RunOptions, type RunSummary, type SpikeChunk, type TraceChunk } from './types';

const f = Math.fround;

interface PopState {
  pop: PopulationIR;
  p: Record<string, number>;
  vars: Float32Array[];
  ring: Int32Array;
  spiked: Uint8Array;
  /** This step's spikes, ascending: the first nSpikes entries (propagation and recording walk these, not every neuron). */
  spikeList: Uint32Array;
  nSpikes: number;
  counts: Uint32Array;
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

interface Plastic { pj: ProjectionIR; c: StdpConstants; x: Float32Array; y: Float32Array; t: ReturnType<typeof transpose> }

export class CpuEngine implements Engine {
  readonly backend = 'cpu' as const;
  private n = 0;
  private pops: PopState[] = [];
  private weights: Float32Array[] = [];
  private plastic: Plastic[] = [];
  /** Per static projection: fixed-point weights and ring offsets for the current channel scale (see propagate). */
  private fixed: ({ scale: number; q: Int32Array; off: Int32Array } | undefined)[] = [];
  private readonly R: number;

  /** `wasm: false` runs the typed-array form of the update everywhere (as where WebAssembly cannot compile). */
  constructor(readonly ir: NetworkIR, private readonly opts: { wasm?: boolean } = {}) {
    this.R = ringSize(ir);
    this.reset();
  }

  get step() { return this.n; }

  reset(): void {
    this.n = 0;
    this.weights = this.ir.projections.map((p) => p.weight.slice());
    this.fixed = [];
    this.pops = this.ir.populations.map((pop) => {
      const p = paramRecord(paramVector(pop, this.ir.dtMs));
      const rule = NEURON_RULES[pop.model];
      const cols = perNeuronColumns(pop, this.ir.dtMs), cur = currentWeights(pop, this.ir.projections);
      // Conductance channels drive towards E_rev from the membrane potential: the model's membrane role.
      const update = rule ? inputStep(rule.dynamics, pop.size, {
        kinds: pop.channels.map((c) => c.kind), membrane: getModel(pop.model)?.roles?.membrane ?? 'v', ringSlots: this.R, currents: cur.projections.length,
      }, { wasm: this.opts.wasm, perNeuron: cols.names }) : undefined;
      if (update) { fillColumns(update.cols, cols); update.currentWeights.set(cur.sums); }
      const S = initialStates(pop, this.ir.dtMs);
      // State in the IR's order: the model's variables, then the channel variables (../compiler/ir.ts).
      const own = update ? [...update.vars, ...update.g] : [];
      const vars = pop.stateVars.map((_, q) => {
        const v = own[q] ?? new Float32Array(pop.size);
        v.set(S.subarray(q * pop.size, (q + 1) * pop.size));
        return v;
      });
      return {
        pop, p, vars, update,
        ring: update?.ring ?? new Int32Array(pop.channels.length * this.R * pop.size),
        spiked: update?.spiked ?? new Uint8Array(pop.size), spikeList: update?.spikeList ?? new Uint32Array(pop.size), nSpikes: 0,
        counts: new Uint32Array(pop.size), cur, curVals: new Float32Array(cur.projections.length), table: new Float32Array(0),
      };
    });
    this.plastic = this.ir.projections.filter((pj) => pj.plasticity).map((pj) => ({
      pj, c: stdpConstants(pj, this.ir.dtMs), x: new Float32Array(pj.nPre), y: new Float32Array(pj.nPost), t: transpose(pj),
    }));
  }

  setParam(population: string, param: string, value: number): void {
    const st = this.pops.find((s) => s.pop.id === population);
    const err = settableError(st?.pop, population, param, value);
    if (err || !st) throw new EngineError(err ?? `no population "${population}"`, 'unsupported');
    st.pop.params[param] = value;
    st.p = paramRecord(paramVector(st.pop, this.ir.dtMs));
    // A derived per-neuron constant may also read the edited (uniform) param.
    if (st.update && st.pop.perNeuron) fillColumns(st.update.cols, perNeuronColumns(st.pop, this.ir.dtMs));
    if (param === 'rate_hz') refreshInput(st.pop, this.ir.dtMs);
  }

  async readState(population: string, variable: string): Promise<Float32Array> {
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
    return this.pops.find((s) => s.pop.id === population)!.counts.slice();
  }

  dispose(): void { this.pops = []; }

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
    for (const st of this.pops) {
      if (st.pop.input.kind === 'table') {
        if (st.table.length < k * st.pop.size) st.table = new Float32Array(k * st.pop.size);
        fillInputTable(ir, st.pop, start, k, st.table);
      }
    }
    const spikes: Record<string, { index: number[]; step: number[] }> = {};
    for (const st of this.pops) if (st.pop.spiking) spikes[st.pop.id] = { index: [], step: [] };
    const mons = ir.monitors.filter((m) => m.kind === 'state');
    const traces = mons.map((m) => new Float32Array(m.indices.length * k));
    for (let s = 0; s < k; s++) {
      const n = this.n;
      for (const st of this.pops) {
        this.updatePopulation(st, n, s);
        if (st.pop.spiking) {
          const rec = spikes[st.pop.id], list = st.spikeList, counts = st.counts;
          for (let k = 0; k < st.nSpikes; k++) { const i = list[k]; rec.index.push(i); rec.step.push(n); counts[i]++; }
        }
      }
      for (const pj of ir.projections) if (pj.synapse !== 'current') this.propagate(pj, n);
      for (const pl of this.plastic) this.stdp(pl);
      mons.forEach((m, j) => {
        const st = this.pops[m.population], v = st.vars[st.pop.stateVars.indexOf(m.variable)];
        for (let q = 0; q < m.indices.length; q++) traces[j][q * k + s] = v[m.indices[q]];
      });
      this.n++;
    }
    const out: RunChunk = { stepStart: start, stepEnd: this.n, spikes: {}, traces: {} };
    for (const [id, r] of Object.entries(spikes)) out.spikes[id] = { index: Uint32Array.from(r.index), step: Uint32Array.from(r.step) } satisfies SpikeChunk;
    mons.forEach((m, j) => {
      out.traces[m.id] = { population: ir.populations[m.population].id, variable: m.variable, indices: m.indices, values: traces[j] } satisfies TraceChunk;
    });
    return out;
  }

  private updatePopulation(st: PopState, n: number, s: number) {
    const { pop, p } = st, size = pop.size;
    const input = pop.input;
    if (input.kind === 'const' || input.kind === 'table') {
      const stream = STREAM.poisson + pop.index, spiked = st.spiked, list = st.spikeList;
      const on = input.kind === 'table' || (f(n) >= p.start_step && f(n) < p.stop_step);
      let count = 0;
      if (!on) spiked.fill(0);
      else {
        for (let i = 0; i < size; i++) {
          const prob = input.kind === 'const' ? input.prob[i] : st.table[s * size + i];
          const x = uniform01(this.ir.seed, stream, i, n) < prob ? 1 : 0;
          spiked[i] = x;
          list[count] = i;
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
    const count = upd.run(p, n % this.R, curVals);
    if (count < 0) this.divergence(st, n);
    st.nSpikes = count;
  }

  private divergence(st: PopState, n: number) {
    const { pop, vars } = st, size = pop.size, names = pop.stateVars, nv = names.length;
    for (let i = 0; i < size; i++) {
      for (let q = 0; q < nv; q++) {
        const x = vars[q][i];
        if (x - x !== 0) {
          throw new EngineError(`divergence: ${pop.id}.${names[q]} of neuron ${i} became ${x} at step ${n} (t = ${(n * this.ir.dtMs).toFixed(4)} ms); reduce dt or the weights`,
            'divergence', { population: pop.id, variable: names[q], step: n });
        }
      }
    }
    throw new EngineError(`divergence: ${pop.id} at step ${n}`, 'divergence', { population: pop.id, variable: '', step: n });
  }

  /**
   * Event-driven propagation over the CSR rows of spiking sources. Static projections use fixed-point weights
   * and ring offsets (delay * size + post) computed once per scale; plastic ones quantize each use, as their
   * weights change every step. The sums are the same integers either way.
   */
  private propagate(pj: ProjectionIR, n: number) {
    const from = this.pops[pj.source], list = from.spikeList, nSpikes = from.nSpikes, tgt = this.pops[pj.target];
    const R = this.R, size = tgt.pop.size, w = this.weights[pj.index], scale = tgt.p[`ch${pj.channel}_scale`];
    const span = R * size, ring = tgt.ring, rowPtr = pj.rowPtr;
    const base = pj.channel * span, start = (n % R) * size;
    let cache = this.fixed[pj.index];
    if (!pj.plasticity && (!cache || cache.scale !== scale)) {
      const q = new Int32Array(w.length), off = new Int32Array(w.length), post = pj.post, delay = pj.delay;
      for (let s = 0; s < w.length; s++) { q[s] = quantize(w[s], scale); off[s] = delay[s] * size + post[s]; }
      cache = this.fixed[pj.index] = { scale, q, off };
    }
    if (cache && !pj.plasticity) {
      const { q, off } = cache;
      if (pj.delayConst !== null) {
        // One delay for the whole projection: one ring slot this step, indexed by the post neuron directly.
        const at = base + ((n + pj.delayConst) % R) * size, post = pj.post;
        for (let k = 0; k < nSpikes; k++) {
          const i = list[k];
          for (let s = rowPtr[i], e = rowPtr[i + 1]; s < e; s++) ring[at + post[s]] = (ring[at + post[s]] + q[s]) | 0;
        }
        return;
      }
      for (let k = 0; k < nSpikes; k++) {
        const i = list[k];
        for (let s = rowPtr[i], e = rowPtr[i + 1]; s < e; s++) {
          let x = start + off[s];
          if (x >= span) x -= span;
          ring[base + x] = (ring[base + x] + q[s]) | 0;
        }
      }
      return;
    }
    const post = pj.post, delay = pj.delay;
    for (let k = 0; k < nSpikes; k++) {
      const i = list[k];
      for (let s = rowPtr[i]; s < rowPtr[i + 1]; s++) {
        const at = base + ((n + delay[s]) % R) * size + post[s];
        ring[at] = (ring[at] + quantize(w[s], scale)) | 0;
      }
    }
  }

  /** Pair-based STDP: depression on pre spikes, potentiation on post spikes (traces decayed to this step), then traces. */
  private stdp(pl: Plastic) {
    const { pj, c, x, y, t } = pl, w = this.weights[pj.index];
    const pre = this.pops[pj.source].spiked, post = this.pops[pj.target].spiked;
    const { a_plus: aPlus, a_minus: aMinus, decay_plus: dPlus, decay_minus: dMinus, w_min: wMin, w_max: wMax } = c;
    const clamp = (v: number) => (v < wMin ? wMin : v > wMax ? wMax : v);
    for (let i = 0; i < pj.nPre; i++) {
      if (!pre[i]) continue;
      for (let s = pj.rowPtr[i]; s < pj.rowPtr[i + 1]; s++) w[s] = clamp(f(w[s] - f(aMinus * f(y[pj.post[s]] * dMinus))));
    }
    for (let j = 0; j < pj.nPost; j++) {
      if (!post[j]) continue;
      for (let k = t.colPtr[j]; k < t.colPtr[j + 1]; k++) w[t.colSyn[k]] = clamp(f(w[t.colSyn[k]] + f(aPlus * f(x[t.colPre[k]] * dPlus))));
    }
    for (let i = 0; i < pj.nPre; i++) x[i] = f(f(x[i] * dPlus) + pre[i]);
    for (let j = 0; j < pj.nPost; j++) y[j] = f(f(y[j] * dMinus) + post[j]);
  }
}

export function createCpuEngine(ir: NetworkIR): CpuEngine {
  return new CpuEngine(ir);
}

/** Copy per-neuron columns ([column][neuron]) into the update's column arrays (same order). */
function fillColumns(dst: Float32Array[], cols: ParamColumns) {
  const size = dst[0]?.length ?? 0;
  dst.forEach((a, c) => a.set(cols.values.subarray(c * size, (c + 1) * size)));
}
