// The CPU engine as it was before its loops were restructured for speed (docs/benchmarks.md, CPU engine): one
// straightforward loop per neuron over its channels, and per-synapse quantization and ring indexing. Tests
// compare the production CpuEngine against it bit for bit; it is a test helper, never used by the app.
import {
  currentAt, currentWeights, fillInputTable, paramRecord, paramVector, quantize, refreshInput, settableError, stdpConstants, transpose,
  NEURON_RULES, ringSize, type NetworkIR, type PopulationIR, type ProjectionIR, type StdpConstants,
} from '../../src/shared/compiler';
import { STREAM, uniform01 } from '../../src/shared/rng';
import { neuronStep } from '../../src/shared/models/dynamics/cpu';
import { getModel } from '../../src/shared/models';
import type { NeuronStep } from '../../src/shared/models/dynamics/wasm';
import { nowMs } from '../../src/shared/engine/clock';
import { checkGatherIndices, gatherOnHost } from '../../src/shared/engine/gather';
import { EngineError, type Engine, type RunChunk, type RunOptions, type RunSummary, type SpikeChunk, type TraceChunk } from '../../src/shared/engine/types';

const f = Math.fround;

interface PopState {
  pop: PopulationIR;
  p: Record<string, number>;
  vars: Float32Array[];
  ring: Int32Array;
  spiked: Uint8Array;
  counts: Uint32Array;
  cur: { projections: ProjectionIR[]; sums: Float32Array };
  table: Float32Array;
  /** Neuron models: the update derived from the model's dynamics (../models/dynamics/cpu.ts), owning the model's state, inputs and spike flags. */
  update?: NeuronStep;
}

interface Plastic { pj: ProjectionIR; c: StdpConstants; x: Float32Array; y: Float32Array; t: ReturnType<typeof transpose> }

export class ReferenceCpuEngine implements Engine {
  readonly backend = 'cpu' as const;
  private n = 0;
  private pops: PopState[] = [];
  private weights: Float32Array[] = [];
  private plastic: Plastic[] = [];
  private readonly R: number;

  constructor(readonly ir: NetworkIR) {
    this.R = ringSize(ir);
    this.reset();
  }

  get step() { return this.n; }

  reset(): void {
    this.n = 0;
    this.weights = this.ir.projections.map((p) => p.weight.slice());
    this.pops = this.ir.populations.map((pop) => {
      const p = paramRecord(paramVector(pop, this.ir.dtMs));
      const rule = NEURON_RULES[pop.model];
      const init = rule ? rule.init(p) : {};
      const update = rule ? neuronStep(rule.dynamics, pop.size) : undefined;
      const vars = pop.stateVars.map((v, q) => (update && q < update.vars.length ? update.vars[q] : new Float32Array(pop.size)).fill(init[v] ?? 0));
      return {
        pop, p, vars, update,
        ring: new Int32Array(pop.channels.length * this.R * pop.size),
        spiked: update?.spiked ?? new Uint8Array(pop.size), counts: new Uint32Array(pop.size),
        cur: currentWeights(pop, this.ir.projections), table: new Float32Array(0),
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
          const rec = spikes[st.pop.id];
          for (let i = 0; i < st.pop.size; i++) if (st.spiked[i]) { rec.index.push(i); rec.step.push(n); st.counts[i]++; }
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
      const stream = STREAM.poisson + pop.index;
      const on = input.kind === 'table' || (f(n) >= p.start_step && f(n) < p.stop_step);
      for (let i = 0; i < size; i++) {
        const prob = input.kind === 'const' ? input.prob[i] : st.table[s * size + i];
        st.spiked[i] = on && uniform01(this.ir.seed, stream, i, n) < prob ? 1 : 0;
      }
      return;
    }
    const upd = st.update;
    if (!upd) return;
    const names = pop.stateVars, nv = names.length, chs = pop.channels, R = this.R, slot = n % R, nch = chs.length;
    const curVals = st.cur.projections.map((cp) => f(currentAt(this.ir.populations[cp.source], n, this.ir.dtMs)));
    const chArr = chs.map((c) => st.vars[names.indexOf(c.stateVar)]), chKind = chs.map((c) => c.kind);
    const erev = chs.map((_, c) => p[`ch${c}_erev`]), inv = chs.map((_, c) => p[`ch${c}_inv_scale`]), dec = chs.map((_, c) => p[`ch${c}_decay`]);
    // Conductance channels drive towards E_rev from the membrane potential: the model's membrane role.
    const vArr = st.vars[names.indexOf(getModel(pop.model)?.roles?.membrane ?? 'v')], vars = st.vars, ring = st.ring, sums = st.cur.sums;
    for (let i = 0; i < size; i++) {
      // Input current at the start of the step (channels in order, then current sources), then channel decay
      // and this step's arrivals from the ring buffer (fixed point, exactly as on the GPU).
      let I = 0, delta = 0;
      for (let c = 0; c < nch; c++) {
        if (chKind[c] === 'exponential') I = f(I + chArr[c][i]);
        else if (chKind[c] === 'conductance') I = f(I + f(chArr[c][i] * f(erev[c] - vArr[i])));
      }
      for (let q = 0; q < curVals.length; q++) I = f(I + f(curVals[q] * sums[q * size + i]));
      for (let c = 0; c < nch; c++) {
        const at = (c * R + slot) * size + i, acc = ring[at];
        ring[at] = 0;
        const x = f(f(acc) * inv[c]);
        if (chKind[c] === 'delta') delta = f(delta + x);
        else chArr[c][i] = f(chArr[c][i] * dec[c]) + x;
      }
      upd.I[i] = I; upd.delta[i] = delta;
    }
    upd.run(p);
    for (let i = 0; i < size; i++) {
      for (let q = 0; q < nv; q++) {
        const x = vars[q][i];
        if (x - x !== 0) {
          throw new EngineError(`divergence: ${pop.id}.${names[q]} of neuron ${i} became ${x} at step ${n} (t = ${(n * this.ir.dtMs).toFixed(4)} ms); reduce dt or the weights`,
            'divergence', { population: pop.id, variable: names[q], step: n });
        }
      }
    }
  }

  private propagate(pj: ProjectionIR, n: number) {
    const src = this.pops[pj.source], tgt = this.pops[pj.target];
    const R = this.R, size = tgt.pop.size, w = this.weights[pj.index], scale = tgt.p[`ch${pj.channel}_scale`];
    const base = pj.channel * R * size, ring = tgt.ring, post = pj.post, delay = pj.delay;
    for (let i = 0; i < pj.nPre; i++) {
      if (!src.spiked[i]) continue;
      for (let s = pj.rowPtr[i]; s < pj.rowPtr[i + 1]; s++) {
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
