// The CPU trainer's model, in f64: forward through the plan's populations over a batch and back-propagation
// through time, both derived from each neuron model's dynamics (./lanes.ts: the catalogue's `update`
// statements as a lane program and its reverse-mode derivative; docs/training.md). Takes a plan, weights
// (./params.ts order) and input spikes [b][t][i]; gives every population's outputs and the gradients of the loss.
//
// Time follows the CPU engine (docs/engine.md, "Step order"): step t of a population reads `delta_t` (the sum
// over its delta projections of W·out_src[t−1]: a spike reaches its targets at the next step) and `I_t` (its
// exponential channels' values at the start of step t; a channel then decays by exp(−dt/τ_s) and receives the
// arrivals W·out_src[t−1]), runs the model's update, and emits out[t]: the spike value H(…) (0/1; the
// surrogate's derivative backward), or for a non-spiking readout its membrane (`roles.membrane`). Populations
// run one after the other over all steps (plan order is topological; recurrence is within one population),
// and the backward runs them in reverse, each over reversed time, recomputing a step's intermediates from the
// stored state before it (memory: the state per step, not every operation's value). The matmuls of projections
// from the input and from earlier populations (their outputs as events) and the lane programs run as WebAssembly
// where it compiles (./input-matmul.ts, ./lanes-wasm.ts): the same f64 results. A batch's arrays are made once per
// plan and batch size and reused by the next batch (no garbage per batch).
import { getModel } from '../models';
import { NEURON_RULES } from '../compiler/models';
import { weightList } from './params';
import type { LayerPlan, TrainingPlan, WeightPlan } from './plan';
import { laneProgram, type LaneProgram } from './lanes';
import { BinaryEvents, InputMatmul, type EventRoom } from './input-matmul';
import { SourceGradient } from './source-gradient';
import { SpikeEvents } from './output-events';

export interface ModelOptions {
  /** Test-only smooth model: H(x) = σ(βx) forward with its exact derivative, so BPTT equals finite differences. */
  smooth?: boolean;
}

/** A channel of exponential synaptic current: one per target population and time constant. */
interface Channel { tauMs: number; decay: number; proj: number[] }

/** One population's compiled form for a batch size (cached per plan). */
interface PopForm {
  layer: LayerPlan;
  N: number;
  L: number;
  prog: LaneProgram;
  /** Weight indices (weightList order) of the delta projections into it, recurrent included. */
  deltaProj: number[];
  channels: Channel[];
  /** Index in plan.layers of each source (−1: the input). */
  src: Map<number, number>;
  /**
   * The WebAssembly kernels of each projection from the input or an earlier population (null where WebAssembly
   * cannot compile: JS loops): their sources' outputs are known before this population runs, as events.
   */
  kernels: Map<number, InputMatmul | null>;
  /** The batch's arrays, made once per plan and batch size and reused by every batch (no garbage per batch). */
  work: Work;
}

/**
 * A population's arrays for one batch: its trace (forward) and its gradients (backward). Where the lane program
 * runs as WebAssembly, the state, delta, output and their gradients over the batch's steps and the current
 * step's I and gradients are its traces (`LaneProgram.trace`, views of the module's memory: the steps run on
 * them in place, nothing is copied per step); `cur` and `init` serve the JS lane program only.
 */
interface Work {
  out: Float64Array; delta: Float64Array; state: Float64Array[]; chan: Float64Array[]; batchMajor: Float64Array; events: EventBuffers;
  cur: Float64Array[]; arr: Float64Array[]; I: Float64Array | undefined;
  gOut: Float64Array; gDelta: Float64Array; gArr: Float64Array[]; gc: Float64Array[];
  gState: Float64Array[]; init: Float64Array[]; gI: Float64Array | undefined;
}

function workFor(prog: LaneProgram, B: number, L: number, T: number, nChannels: number): Work {
  const f64 = (n: number) => new Float64Array(n), per = (n: number) => Array.from({ length: n }, () => f64(T * L));
  const own = prog.trace, K = prog.stateVars.length;
  return {
    // The state after each step: the trace's rows 1..T (row 0 is the state before the first step).
    out: own?.out ?? f64(T * L), delta: own?.delta ?? f64(T * L), state: own ? own.state.map((s) => s.subarray(L)) : per(K),
    chan: per(nChannels), batchMajor: f64(T * L),
    events: { ptr: new Int32Array(T * B + 1), idx: new Int32Array(T * L), val: f64(T * L) },
    cur: own ? [] : Array.from({ length: K }, () => f64(L)),
    arr: Array.from({ length: nChannels }, () => f64(L)), I: nChannels ? own?.I ?? f64(L) : undefined,
    gOut: own?.gOut ?? f64(T * L), gDelta: own?.gDelta ?? f64(T * L), gArr: per(nChannels), gc: Array.from({ length: nChannels }, () => f64(L)),
    gState: own ? own.gState : Array.from({ length: K }, () => f64(L)),
    init: own ? [] : prog.init.map((v) => f64(L).fill(v)), gI: nChannels ? own?.gI ?? f64(L) : undefined,
  };
}

/**
 * One population's values over a batch, time-major [t][b][n]. Its arrays are reused by the next batch of the
 * same plan and size: valid until the next `forwardBatch` of them.
 */
export class LayerTrace {
  private reordered = false;
  private ev: InputEvents | undefined;
  constructor(
    readonly layer: LayerPlan,
    private readonly B: number,
    private readonly T: number,
    /** Output per step (spike value or membrane), T×L. */
    readonly lanesOut: Float64Array,
    /** State after each step, per kept state variable, T×L. */
    readonly state: Float64Array[],
    readonly delta: Float64Array,
    /** Each channel's value at the start of each step, T×L. */
    readonly chan: Float64Array[],
    /** The batch's input spikes as events per (step, sample) row (shared by every population's trace). */
    readonly input: InputEvents,
    /** Where `out` is reordered into. */
    private readonly batchMajor: Float64Array,
    /** Where `events` are written. */
    private readonly eventBuf: EventBuffers,
    /**
     * The backward's own array for dL/d(output), time-major T×L: the loss may write the readout's gradient
     * here and pass it to `backwardBatch`, which then uses it as it is (no fresh array and copy per batch).
     */
    readonly gradientRoom: Float64Array,
  ) {}

  /**
   * The outputs as events (./input-matmul.ts reads them): time-major rows r = t·B + b are inputEvents' rows of
   * one "sample" of T·B steps. Made on first use, for the later populations' kernels.
   */
  get events(): InputEvents {
    if (!this.ev) {
      // Spikes (0/1) in WebAssembly where it runs (./output-events.ts), else (or for other values) in JS.
      const rows = this.T * this.B, n = this.layer.size;
      this.ev = SpikeEvents.for(n)?.build(this.lanesOut, rows, this.eventBuf) ?? outputEvents(this.lanesOut, rows, n, this.eventBuf);
    }
    return this.ev;
  }

  /**
   * The sum of the outputs: the count of spikes where they are 0/1 and already events (a later population read
   * them; a sum of ones is exact in any order), else summed.
   */
  total(): number {
    if (this.ev && !this.ev.val) return this.ev.idx.length;
    let s = 0;
    for (let i = 0; i < this.lanesOut.length; i++) s += this.lanesOut[i];
    return s;
  }

  /** What targets see / the loss reads, B×T×N: spike values (spiking) or the membrane (readout). */
  get out(): Float64Array {
    if (!this.reordered) { toBatchMajor(this.lanesOut, this.B, this.T, this.layer.size, this.batchMajor); this.reordered = true; }
    return this.batchMajor;
  }
}

const cache = new WeakMap<TrainingPlan, Map<string, PopForm[]>>();
/** Each plan and batch size's room for its batches' input events (reused like `Work`). */
const inputRooms = new WeakMap<PopForm[], EventRoom>();

/**
 * The input spikes as events: for row r = t·B + b (time-major), the nonzero inputs are idx[ptr[r] … ptr[r+1]),
 * ascending, with their values in `val` (null when every value is 1, the usual binary spikes). The input
 * matmuls then visit only the ~20 % of inputs that spiked instead of testing all of them (most of the CPU
 * trainer's time, docs/benchmarks.md "Training"), in the same order and with the same operations as a dense
 * loop that skips zeros — the results are bit-identical to it (a value of 1 multiplies exactly).
 */
export interface InputEvents { rows: number; ptr: Int32Array; idx: Int32Array; val: Float64Array | null }

/** Room for the events of a population's outputs over a batch: ptr per row + 1, idx and val per value. */
export interface EventBuffers { ptr: Int32Array; idx: Int32Array; val: Float64Array }

/**
 * Events of a population's outputs (rows × n, time-major: row r = t·B + b), what `inputEvents` gives for them
 * as one sample of `rows` steps, in one pass into reused buffers (their views; valid until the next batch).
 */
export function outputEvents(a: Float64Array, rows: number, n: number, buf: EventBuffers): InputEvents {
  const { ptr, idx, val } = buf;
  let at = 0, binary = true;
  for (let r = 0; r < rows; r++) {
    ptr[r] = at;
    for (let i = 0, o = r * n; i < n; i++) {
      const v = a[o + i];
      if (v === 0) continue;
      if (v !== 1) binary = false;
      idx[at] = i; val[at] = v; at++;
    }
  }
  ptr[rows] = at;
  return { rows, ptr: ptr.subarray(0, rows + 1), idx: idx.subarray(0, at), val: binary ? null : val.subarray(0, at) };
}

/**
 * Events of input spikes x [b][t][i] (n inputs), rows time-major. With `room` (binary bytes only), views of its
 * arrays, valid until its next use (./input-matmul.ts `EventRoom`).
 */
export function inputEvents(x: ArrayLike<number>, B: number, T: number, n: number, room?: EventRoom): InputEvents {
  // Binary bytes (the data sets' spikes): built in WebAssembly from bit masks (./input-matmul.ts).
  if (x instanceof Uint8Array) { const ev = BinaryEvents.for(n)?.build(x, B, T, room); if (ev) return ev; }
  const ptr = new Int32Array(T * B + 1);
  let count = 0, binary = true;
  for (let i = 0; i < B * T * n; i++) if (x[i] !== 0) { count++; if (x[i] !== 1) binary = false; }
  const idx = new Int32Array(count), val = binary ? null : new Float64Array(count);
  let at = 0;
  for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) {
    const r = t * B + b, from = (b * T + t) * n;
    ptr[r] = at;
    for (let i = 0; i < n; i++) {
      const v = x[from + i];
      if (v === 0) continue;
      idx[at] = i;
      if (val) val[at] = v;
      at++;
    }
  }
  ptr[T * B] = at;
  return { rows: T * B, ptr, idx, val };
}

/** dst[b][n] += Σ_i x[t][b][i]·W[i][n] for the input rows of step t (JS; ./input-matmul.ts where WebAssembly runs). */
export function accumulateEvents(ev: InputEvents, t: number, W: Float64Array, N: number, B: number, dst: Float64Array) {
  const { ptr, idx, val } = ev;
  for (let b = 0; b < B; b++) {
    const o = b * N, r = t * B + b, end = ptr[r + 1];
    if (val) {
      for (let e = ptr[r]; e < end; e++) { const w = idx[e] * N, xi = val[e]; for (let n = 0; n < N; n++) dst[o + n] += xi * W[w + n]; }
    } else {
      for (let e = ptr[r]; e < end; e++) { const w = idx[e] * N; for (let n = 0; n < N; n++) dst[o + n] += W[w + n]; }
    }
  }
}

/** g[i][n] += Σ_b x[t][b][i]·gh[b][n] for the input rows of step t (JS; ./input-matmul.ts where WebAssembly runs). */
export function outerEvents(ev: InputEvents, t: number, gh: Float64Array, N: number, B: number, g: Float64Array) {
  const { ptr, idx, val } = ev;
  for (let b = 0; b < B; b++) {
    const o = b * N, r = t * B + b, end = ptr[r + 1];
    if (val) {
      for (let e = ptr[r]; e < end; e++) { const w = idx[e] * N, xi = val[e]; for (let n = 0; n < N; n++) g[w + n] += xi * gh[o + n]; }
    } else {
      for (let e = ptr[r]; e < end; e++) { const w = idx[e] * N; for (let n = 0; n < N; n++) g[w + n] += gh[o + n]; }
    }
  }
}

function formsOf(plan: TrainingPlan, B: number, opts: ModelOptions): PopForm[] {
  let byKey = cache.get(plan);
  if (!byKey) cache.set(plan, (byKey = new Map()));
  const key = `${B}|${opts.smooth ? 1 : 0}`;
  const hit = byKey.get(key);
  if (hit) return hit;
  const list = weightList(plan);
  const index = new Map(plan.layers.map((l, i) => [l.id, i]));
  const forms = plan.layers.map((layer): PopForm => {
    const ws = (layer.recurrent ? [...layer.inputs, layer.recurrent] : layer.inputs).map((w) => list.indexOf(w));
    const channels: Channel[] = [];
    const deltaProj: number[] = [];
    for (const k of ws) {
      const s = list[k].synapse;
      if (s.kind === 'delta') { deltaProj.push(k); continue; }
      let ch = channels.find((c) => c.tauMs === s.tauMs);
      if (!ch) channels.push((ch = { tauMs: s.tauMs, decay: Math.exp(-plan.dtMs / s.tauMs), proj: [] }));
      ch.proj.push(k);
    }
    const rule = NEURON_RULES[layer.model], model = getModel(layer.model)!;
    const L = B * layer.size;
    const lane = plan.trainTau ? { param: model.roles!.tau!, N: layer.size } : undefined;
    const prog = laneProgram(rule.dynamics, layer.params, plan.dtMs, L, model.roles!.membrane, channels.length > 0, { surrogate: plan.config.surrogate, smooth: opts.smooth, steps: plan.steps }, lane);
    const src = new Map(ws.map((k) => [k, list[k].source === plan.inputNode ? -1 : index.get(list[k].source)!]));
    const own = index.get(layer.id)!;
    const kernels = new Map(ws.filter((k) => src.get(k)! < own).map((k) => [k, InputMatmul.create(list[k].pre, layer.size)]));
    return { layer, N: layer.size, L, prog, deltaProj, channels, src, kernels, work: workFor(prog, B, L, plan.steps, channels.length) };
  });
  byKey.set(key, forms);
  return forms;
}

/** Effective weights: a recurrent projection without self-connections has its diagonal masked to 0. */
function effective(w: WeightPlan, W: Float64Array): Float64Array {
  if (w.self) return W;
  const m = W.slice();
  for (let i = 0; i < w.pre; i++) m[i * w.post + i] = 0;
  return m;
}

/** Forward pass of B samples; `x` is the input spikes [b][t][i]. */
export function forwardBatch(plan: TrainingPlan, weights: Float64Array[], x: ArrayLike<number>, B: number, opts: ModelOptions = {}): LayerTrace[] {
  const T = plan.steps, forms = formsOf(plan, B, opts), list = weightList(plan);
  const Wm = list.map((w, k) => effective(w, weights[k]));
  let room = inputRooms.get(forms);
  if (!room) inputRooms.set(forms, (room = { ptr: new Int32Array(0), idx: new Int32Array(0) }));
  const ev = inputEvents(x, B, T, plan.inputs, room);
  const traces: LayerTrace[] = [];
  for (const [li, f] of forms.entries()) {
    const { L, prog } = f;
    // Trained τ (plan.trainTau): the parameters after the weights, one vector per population.
    if (plan.trainTau) prog.setLaneParam(weights[list.length + li]);
    for (const [k, km] of f.kernels) km?.load(sourceEvents(f, k, traces, ev), B, Wm[k]);
    // The reused arrays: `out`, `state` and the channels' rows after the first are overwritten every step (a
    // channel's first row, its value at the start, is never written: it stays 0); `delta` is added to.
    const { out, delta, state, chan, cur, arr, I } = f.work, own = prog.trace;
    delta.fill(0);
    if (own) own.state.forEach((s, k) => s.fill(prog.init[k], 0, L));
    else cur.forEach((c, k) => c.fill(prog.init[k]));
    for (let t = 0; t < T; t++) {
      const d = delta.subarray(t * L, (t + 1) * L);
      if (t > 0) for (const k of f.deltaProj) arrivals(f, k, traces, out, ev, B, t - 1, Wm[k], list[k].pre, d);
      if (I) {
        I.fill(0);
        f.channels.forEach((ch, c) => {
          const now = chan[c].subarray(t * L, (t + 1) * L);
          if (t > 0) {
            // Value at the start of step t: the previous start value decayed, plus the previous step's arrivals.
            const prev = chan[c].subarray((t - 1) * L, t * L), a = arr[c];
            for (let i = 0; i < L; i++) now[i] = prev[i] * ch.decay + a[i];
          }
          for (let i = 0; i < L; i++) I[i] += now[i];
          // Arrivals of step t (spikes of t − 1), added to the channel after I is read.
          arr[c].fill(0);
          if (t > 0) for (const k of ch.proj) arrivals(f, k, traces, out, ev, B, t - 1, Wm[k], list[k].pre, arr[c]);
        });
      }
      if (own) own.stepAt(t);
      else {
        prog.step(cur, d, I, out.subarray(t * L, (t + 1) * L));
        for (let k = 0; k < cur.length; k++) state[k].set(cur[k], t * L);
      }
    }
    traces.push(new LayerTrace(f.layer, B, T, out, state, delta, chan, ev, f.work.batchMajor, f.work.events, f.work.gOut));
  }
  return traces;
}

/** The events of projection k's source: the input's, or an earlier population's outputs. */
function sourceEvents(f: PopForm, k: number, traces: LayerTrace[], ev: InputEvents): InputEvents {
  const s = f.src.get(k)!;
  return s < 0 ? ev : traces[s].events;
}

/** dst += W·(source output at step t) for projection k: the input's events or an earlier population's output. */
function arrivals(f: PopForm, k: number, traces: LayerTrace[], own: Float64Array, ev: InputEvents, B: number, t: number, W: Float64Array, nPre: number, dst: Float64Array) {
  const s = f.src.get(k)!;
  if (s < 0) {
    const km = f.kernels.get(k);
    if (km) km.accumulate(t, dst);
    else accumulateEvents(ev, t, W, f.N, B, dst);
    return;
  }
  const km = f.kernels.get(k);
  if (km) { km.accumulate(t, dst); return; }
  // The recurrent projection reads the population being computed (its trace is not in `traces` yet).
  const a = s < traces.length ? traces[s].lanesOut : own, L = B * (s < traces.length ? traces[s].layer.size : f.N);
  accumulateF64(a.subarray(t * L, (t + 1) * L), W, nPre, f.N, B, dst);
}

/** dst[b][n] += Σ_i src[b][i]·W[i][n]; skips zero sources (spikes are sparse). */
function accumulateF64(src: Float64Array, W: Float64Array, nPre: number, N: number, B: number, dst: Float64Array) {
  for (let b = 0; b < B; b++) {
    const o = b * N, ao = b * nPre;
    for (let i = 0; i < nPre; i++) {
      const xi = src[ao + i];
      if (xi === 0) continue;
      const w = i * N;
      for (let n = 0; n < N; n++) dst[o + n] += xi * W[w + n];
    }
  }
}

/**
 * Gradients of the loss for every weight matrix, given dL/d(out) of the readout (time-major T×B×K, as its trace's
 * `lanesOut`) and, for the spike
 * regulariser, a constant dL/ds added to every spike of the other spiking populations.
 */
export function backwardBatch(plan: TrainingPlan, weights: Float64Array[], x: ArrayLike<number>, traces: LayerTrace[], gLast: Float64Array, B: number, regGrad = 0, opts: ModelOptions = {}): Float64Array[] {
  const T = plan.steps, forms = formsOf(plan, B, opts), list = weightList(plan);
  const Wm = list.map((w, k) => effective(w, weights[k]));
  const grads = weights.map((w) => new Float64Array(w.length));
  // The readout's gradient may already be in its own array (LayerTrace.gradientRoom): kept, not zeroed.
  const gOuts = forms.map((f) => (f.work.gOut === gLast ? gLast : f.work.gOut.fill(0)));
  const ev = traces[0].input;
  void x; // the forward pass's events of it
  const last = forms.length - 1;
  if (gOuts[last] !== gLast) gOuts[last].set(gLast);
  for (let li = last; li >= 0; li--) {
    const f = forms[li], { N, L, prog } = f, tr = traces[li], gOut = gOuts[li];
    if (plan.trainTau) prog.setLaneParam(weights[list.length + li]);
    if (li < last && regGrad !== 0 && f.layer.kind === 'lif') for (let i = 0; i < gOut.length; i++) gOut[i] += regGrad;
    // The reused arrays: gDelta and gArr's rows but the last are overwritten every step (gArr's last row, the
    // arrivals of the last step, reach nothing: never written, it stays 0).
    const { gState, init, gDelta, gI, gArr, gc, I: Ibuf } = f.work;
    for (const g of gState) g.fill(0);
    for (const g of gc) g.fill(0);
    // gArr[c][t]: dL/d(arrivals of step t) = dL/d(channel value at the start of step t + 1).
    const rec = f.layer.recurrent ? list.indexOf(f.layer.recurrent) : -1;
    const recBack = rec >= 0 ? sourceGradient(Wm[rec], N, N, B) : undefined;
    const own = prog.trace;
    for (let t = T - 1; t >= 0; t--) {
      let I: Float64Array | undefined;
      if (gI) {
        I = Ibuf!.fill(0);
        for (const c of tr.chan) { const v = c.subarray(t * L, (t + 1) * L); for (let i = 0; i < L; i++) I[i] += v[i]; }
      }
      if (own) own.backwardAt(t);
      else {
        const before = t === 0 ? init : tr.state.map((s) => s.subarray((t - 1) * L, t * L));
        prog.backward(before, tr.delta.subarray(t * L, (t + 1) * L), I, gState, gOut.subarray(t * L, (t + 1) * L), gDelta.subarray(t * L, (t + 1) * L), gI);
      }
      f.channels.forEach((ch, c) => {
        const g = gc[c];
        for (let i = 0; i < L; i++) g[i] = gI![i] + ch.decay * g[i];
        if (t > 0) gArr[c].set(g, (t - 1) * L);
      });
      // Recurrence: dL/d(own output of an earlier step), before that step is reversed.
      if (rec >= 0) {
        const ch = f.channels.findIndex((c) => c.proj.includes(rec));
        const at = ch < 0 ? t : t - 1; // arrivals of step `at` came from the output of step at − 1
        if (at >= 1) {
          const gh = ch < 0 ? gDelta.subarray(t * L, (t + 1) * L) : gArr[ch].subarray(at * L, (at + 1) * L);
          recBack!(gh, gOut.subarray((at - 1) * L, at * L));
        }
      }
    }
    // Weight gradients and dL/d(source outputs): arrivals at step n ≥ 1 came from the source's output at n − 1.
    for (const k of [...f.deltaProj, ...f.channels.flatMap((c) => c.proj)]) {
      const ch = f.channels.findIndex((c) => c.proj.includes(k));
      const gh = ch < 0 ? gDelta : gArr[ch];
      const s = f.src.get(k)!, nPre = list[k].pre, g = grads[k], km = f.kernels.get(k);
      km?.load(sourceEvents(f, k, traces, ev), B, g);
      const back = s >= 0 && k !== rec ? sourceGradient(Wm[k], nPre, N, B) : undefined;
      for (let n = 1; n < T; n++) {
        const row = gh.subarray(n * L, (n + 1) * L);
        if (km) km.outer(n - 1, row);
        else if (s < 0) outerEvents(ev, n - 1, row, N, B, g);
        else outerF64(traces[s].lanesOut.subarray((n - 1) * B * nPre, n * B * nPre), nPre, row, N, B, g);
        back?.(row, gOuts[s].subarray((n - 1) * B * nPre, n * B * nPre));
      }
      km?.readMatrix(g);
      if (!list[k].self) for (let i = 0; i < nPre; i++) g[i * N + i] = 0;
    }
    if (plan.trainTau) grads[list.length + li].set(prog.laneParamGrad);
  }
  return grads;
}

/** g[i][n] += Σ_b src[b][i]·gh[b][n]; skips zero sources. */
function outerF64(src: Float64Array, nPre: number, gh: Float64Array, N: number, B: number, g: Float64Array) {
  for (let b = 0; b < B; b++) {
    const o = b * N, ao = b * nPre;
    for (let i = 0; i < nPre; i++) {
      const xi = src[ao + i];
      if (xi === 0) continue;
      const w = i * N;
      for (let n = 0; n < N; n++) g[w + n] += xi * gh[o + n];
    }
  }
}

/**
 * (gh, gSrc) ↦ gSrc[b][i] += Σ_n W[i][n]·gh[b][n] for this W: the WebAssembly kernel holding W
 * (./source-gradient.ts, one projection at a time) or the JS loop.
 */
function sourceGradient(W: Float64Array, nPre: number, N: number, B: number): (gh: Float64Array, gSrc: Float64Array) => void {
  const k = SourceGradient.get(nPre);
  if (!k) return (gh, gSrc) => backInto(W, nPre, N, B, gh, gSrc);
  k.load(W, N, B);
  return (gh, gSrc) => k.apply(gh, gSrc);
}

/** gSrc[b][i] += Σ_n W[i][n]·gh[b][n] (JS; ./source-gradient.ts where WebAssembly runs). */
export function backInto(W: Float64Array, nPre: number, N: number, B: number, gh: Float64Array, gSrc: Float64Array) {
  for (let b = 0; b < B; b++) {
    const o = b * N;
    for (let i = 0; i < nPre; i++) {
      let acc = 0;
      const w = i * N;
      for (let n = 0; n < N; n++) acc += W[w + n] * gh[o + n];
      gSrc[b * nPre + i] += acc;
    }
  }
}

// Element loops, not a subarray and a set() per (t, b) row: rows are short (a readout's ~10 values), and the
// per-row calls cost more than the copy (docs/benchmarks.md, "CPU trainer in WebAssembly").
function toBatchMajor(a: Float64Array, B: number, T: number, N: number, o: Float64Array): Float64Array {
  for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) {
    const from = (t * B + b) * N, to = (b * T + t) * N;
    for (let n = 0; n < N; n++) o[to + n] = a[from + n];
  }
  return o;
}

