// CPU forms of a model's dynamics (./program.ts), built without eval (the app's CSP forbids it):
// - host constants and initial values: the statements evaluated in f64 (derived, init);
// - the update: a "vector program" — one instruction per operation of the tree, each a tight loop over all
//   neurons of the population into a Float32Array register, so every operation rounds to f32 exactly as the
//   WGSL form does (docs/engine.md, "Tolerances"). Booleans are 0/1 in registers (WGSL: f32(bool), x != 0).
//   Measured faster than a per-neuron tree walk (docs/benchmarks.md, "CPU engine").
// - the engine's step with its synaptic input (inputStep): the WebAssembly form of ./wasm.ts where it compiles,
//   otherwise typed-array loops around the vector program, bit-identical.
import { BIN, evalF64, FN, symbols, type BinOp, type Expr } from './expr';
import type { Dynamics, Stmt } from './program';
import { wasmInputStep, wasmStep, type InputStep, type NeuronStep, type SynapticInput } from './wasm';

export type Params = Record<string, number>;

/** Derived constants (f64) from the params and dt. */
export function derivedConstants(d: Dynamics, p: Params, dtMs: number): Params {
  const env: Params = { ...p, dt: dtMs };
  const out: Params = {};
  for (const s of d.derived) if (s.k === 'set') out[s.name] = env[s.name] = evalF64(s.e, (n) => env[n]);
  return out;
}

/** Initial value of every state variable (f64; stored as f32 by the engines) from params + derived. */
export function initialState(d: Dynamics, p: Params): Params {
  const env: Params = { ...p }, out: Params = {};
  for (const s of d.init) {
    if (s.k !== 'let' && s.k !== 'set') continue;
    const v = evalF64(s.e, (n) => (n in env ? env[n] : NaN));
    if (s.k === 'let') env[s.name] = v; else out[s.name] = v;
  }
  return out;
}

export interface VectorStep {
  /** One step of every neuron: state arrays (in `vars` order) updated in place; `spiked[i]` set 0/1. */
  run(p: Params, I: Float32Array, delta: Float32Array, spiked: Uint8Array): void;
}

/** Neurons per block: a block's registers (one per operation) stay in the L1 cache. */
const BLOCK = 256;

type Op = (len: number) => void;
/** A value while building: a constant (parameters and literals fold, in f32) or a block register. */
type Val = { s: number; r?: undefined } | { r: Float32Array; s?: undefined };

const f32 = Math.fround;

/**
 * Compile the update into a vector program bound to this population's state arrays. The program is
 * specialised to the current parameter values (uniform over the population): sub-expressions of parameters
 * and literals fold to f32 constants, `c ? a : b` with a constant condition keeps one side, and operations with
 * a constant operand read it as a scalar. It is rebuilt when a parameter changes (setParam). Neurons run in
 * blocks of BLOCK: state is copied into block registers, every operation runs over the block, state is copied
 * back. Measured against per-neuron code in docs/benchmarks.md ("CPU engine: derived update").
 */
export function vectorStep(d: Dynamics, size: number, state: Float32Array[], cols: ReadonlyMap<string, Float32Array> = new Map()): VectorStep {
  const nv = d.vars.length;
  const sBlock = d.vars.map(() => new Float32Array(BLOCK));
  const iBlock = new Float32Array(BLOCK), dBlock = new Float32Array(BLOCK), spikeBlock = new Float32Array(BLOCK);
  // Per-neuron columns (params and derived constants, ../../compiler/params.ts perNeuronColumns): read into block
  // registers like state; the program is specialised to the other (uniform) values only.
  const colNames = [...cols.keys()].filter((n) => !d.vars.includes(n)), colArr = colNames.map((n) => cols.get(n)!);
  const cBlock = new Map(colNames.map((n) => [n, new Float32Array(BLOCK)]));
  const cBlocks = colNames.map((n) => cBlock.get(n)!);
  const used = [...paramsRead(d.update)].filter((n) => !cBlock.has(n));
  let key: number[] | null = null;
  let program: Op[] = [];
  const spikeConst: number | null = d.spiking ? null : 0;

  const build = (p: Params) => {
    const ops: Op[] = [];
    const stateVal = new Map<string, Float32Array>(d.vars.map((v, k) => [v, sBlock[k]]));
    const block = (stmts: Stmt[], locals: Map<string, Val>, into: Op[]) => {
      const sym = (name: string): Val => {
        const l = locals.get(name);
        if (l) return l;
        const sv = stateVal.get(name);
        if (sv) return { r: sv };
        const cv = cBlock.get(name);
        if (cv) return { r: cv };
        if (name === 'I') return { r: iBlock };
        if (name === 'delta') return { r: dBlock };
        return { s: f32(p[name]) };
      };
      const expr = (e: Expr): Val => {
        switch (e.k) {
          case 'num': return { s: f32(e.v) };
          case 'sym': return sym(e.name);
          case 'neg': return unary(expr(e.a), (x) => -x, into);
          case 'not': return unary(expr(e.a), (x) => (x !== 0 ? 0 : 1), into);
          case 'call': {
            const fn = FN[e.fn];
            if (e.args.length === 1) return unary(expr(e.args[0]), (x) => f32(fn(x, 0)), into);
            return binary(expr(e.args[0]), expr(e.args[1]), (x, y) => f32(fn(x, y)), into);
          }
          case 'sel': {
            const c = expr(e.c);
            if (!c.r) return c.s! !== 0 ? expr(e.a) : expr(e.b);
            const a = expr(e.a), b = expr(e.b), o = new Float32Array(BLOCK), cr = c.r;
            if (a.r === undefined && b.r === undefined) { const x = a.s!, y = b.s!; into.push((n) => { for (let i = 0; i < n; i++) o[i] = cr[i] !== 0 ? x : y; }); }
            else if (a.r === undefined) { const x = a.s!, y = b.r!; into.push((n) => { for (let i = 0; i < n; i++) o[i] = cr[i] !== 0 ? x : y[i]; }); }
            else if (b.r === undefined) { const x = a.r!, y = b.s!; into.push((n) => { for (let i = 0; i < n; i++) o[i] = cr[i] !== 0 ? x[i] : y; }); }
            else { const x = a.r!, y = b.r!; into.push((n) => { for (let i = 0; i < n; i++) o[i] = cr[i] !== 0 ? x[i] : y[i]; }); }
            return { r: o };
          }
          case 'bin': return binOp(e.op, expr(e.a), expr(e.b), into);
        }
      };
      for (const s of stmts) {
        if (s.k === 'repeat') {
          const body: Op[] = [];
          block(s.body, new Map(locals), body);
          const n = p[s.count];
          into.push((len) => { for (let k = 0; k < n; k++) for (const op of body) op(len); });
          continue;
        }
        let v = expr(s.e);
        if (s.k === 'let') {
          // A local naming a state variable directly must keep the value it had here, not follow later assignments.
          if (v.r && (sBlock as Float32Array[]).includes(v.r)) v = copy(v.r, into);
          locals.set(s.name, v);
          continue;
        }
        const dst = s.k === 'spike' ? spikeBlock : stateVal.get(s.name)!;
        if (v.r === undefined) { const x = v.s!; into.push((n) => dst.fill(x, 0, n)); }
        else if (v.r !== dst) { const src = v.r; into.push((n) => { for (let i = 0; i < n; i++) dst[i] = src[i]; }); }
      }
    };
    block(d.update, new Map(), ops);
    program = ops;
  };

  return {
    run(p, I, delta, spiked) {
      let changed = key === null;
      if (key) for (let k = 0; k < used.length; k++) if (!Object.is(key[k], f32(p[used[k]]))) { changed = true; break; }
      if (changed) { key = used.map((n) => f32(p[n])); build(p); }
      for (let off = 0; off < size; off += BLOCK) {
        const len = Math.min(BLOCK, size - off);
        for (let q = 0; q < nv; q++) { const a = state[q], b = sBlock[q]; for (let i = 0; i < len; i++) b[i] = a[off + i]; }
        for (let i = 0; i < len; i++) { iBlock[i] = I[off + i]; dBlock[i] = delta[off + i]; }
        for (let q = 0; q < cBlocks.length; q++) { const a = colArr[q], b = cBlocks[q]; for (let i = 0; i < len; i++) b[i] = a[off + i]; }
        if (d.spiking) spikeBlock.fill(0, 0, len);
        for (const op of program) op(len);
        for (let q = 0; q < nv; q++) { const a = state[q], b = sBlock[q]; for (let i = 0; i < len; i++) a[off + i] = b[i]; }
        if (spikeConst === 0) for (let i = 0; i < len; i++) spiked[off + i] = 0;
        else for (let i = 0; i < len; i++) spiked[off + i] = spikeBlock[i] !== 0 ? 1 : 0;
      }
    },
  };
}

/** Parameters and derived constants an update reads (the program is specialised to their values). */
function paramsRead(stmts: Stmt[], out = new Set<string>(), locals = new Set<string>()): Set<string> {
  for (const s of stmts) {
    if (s.k === 'repeat') { out.add(s.count); paramsRead(s.body, out, new Set(locals)); continue; }
    for (const n of symbols(s.e)) out.add(n);
    if (s.k === 'let') locals.add(s.name);
  }
  return out;
}

function copy(src: Float32Array, into: Op[]): Val {
  const o = new Float32Array(BLOCK);
  into.push((n) => { for (let i = 0; i < n; i++) o[i] = src[i]; });
  return { r: o };
}

function unary(a: Val, f: (x: number) => number, into: Op[]): Val {
  if (a.r === undefined) return { s: f32(f(a.s!)) };
  const o = new Float32Array(BLOCK), x = a.r!;
  into.push((n) => { for (let i = 0; i < n; i++) o[i] = f(x[i]); });
  return { r: o };
}

function binary(a: Val, b: Val, f: (x: number, y: number) => number, into: Op[]): Val {
  if (a.r === undefined && b.r === undefined) return { s: f32(f(a.s!, b.s!)) };
  const o = new Float32Array(BLOCK);
  if (a.r === undefined) { const x = a.s!, y = b.r!; into.push((n) => { for (let i = 0; i < n; i++) o[i] = f(x, y[i]); }); }
  else if (b.r === undefined) { const x = a.r!, y = b.s!; into.push((n) => { for (let i = 0; i < n; i++) o[i] = f(x[i], y); }); }
  else { const x = a.r!, y = b.r!; into.push((n) => { for (let i = 0; i < n; i++) o[i] = f(x[i], y[i]); }); }
  return { r: o };
}

/** Binary operators with their loops written out: the hot path of the CPU engine (no call per element). */
function binOp(op: BinOp, a: Val, b: Val, into: Op[]): Val {
  if (a.r === undefined && b.r === undefined) return { s: f32(BIN[op](a.s!, b.s!)) };
  const o = new Float32Array(BLOCK);
  const push = (aa: Op, as: Op, sa: Op) => into.push(a.r === undefined ? sa : b.r === undefined ? as : aa);
  const A = a.r ?? o, B = b.r ?? o, x = a.s ?? 0, y = b.s ?? 0;
  switch (op) {
    case '+': push((n) => { for (let i = 0; i < n; i++) o[i] = A[i] + B[i]; }, (n) => { for (let i = 0; i < n; i++) o[i] = A[i] + y; }, (n) => { for (let i = 0; i < n; i++) o[i] = x + B[i]; }); break;
    case '-': push((n) => { for (let i = 0; i < n; i++) o[i] = A[i] - B[i]; }, (n) => { for (let i = 0; i < n; i++) o[i] = A[i] - y; }, (n) => { for (let i = 0; i < n; i++) o[i] = x - B[i]; }); break;
    case '*': push((n) => { for (let i = 0; i < n; i++) o[i] = A[i] * B[i]; }, (n) => { for (let i = 0; i < n; i++) o[i] = A[i] * y; }, (n) => { for (let i = 0; i < n; i++) o[i] = x * B[i]; }); break;
    case '/': push((n) => { for (let i = 0; i < n; i++) o[i] = A[i] / B[i]; }, (n) => { for (let i = 0; i < n; i++) o[i] = A[i] / y; }, (n) => { for (let i = 0; i < n; i++) o[i] = x / B[i]; }); break;
    case '>': push((n) => { for (let i = 0; i < n; i++) o[i] = A[i] > B[i] ? 1 : 0; }, (n) => { for (let i = 0; i < n; i++) o[i] = A[i] > y ? 1 : 0; }, (n) => { for (let i = 0; i < n; i++) o[i] = x > B[i] ? 1 : 0; }); break;
    case '<': push((n) => { for (let i = 0; i < n; i++) o[i] = A[i] < B[i] ? 1 : 0; }, (n) => { for (let i = 0; i < n; i++) o[i] = A[i] < y ? 1 : 0; }, (n) => { for (let i = 0; i < n; i++) o[i] = x < B[i] ? 1 : 0; }); break;
    default: {
      const f = BIN[op];
      push((n) => { for (let i = 0; i < n; i++) o[i] = f(A[i], B[i]); }, (n) => { for (let i = 0; i < n; i++) o[i] = f(A[i], y); }, (n) => { for (let i = 0; i < n; i++) o[i] = f(x, B[i]); });
    }
  }
  return { r: o };
}

/**
 * The CPU engine's update of one population: the WebAssembly form (./wasm.ts) where WebAssembly compiles,
 * otherwise the vector program above; both compute the same f32 results (tested in ./wasm.test.ts).
 */
export function neuronStep(d: Dynamics, size: number, opts: { wasm?: boolean; perNeuron?: readonly string[] } = {}): NeuronStep {
  const perNeuron = opts.perNeuron ?? [];
  const w = opts.wasm === false ? null : wasmStep(d, size, perNeuron);
  if (w) return w;
  const vars = d.vars.map(() => new Float32Array(size));
  const I = new Float32Array(size), delta = new Float32Array(size), spiked = new Uint8Array(size);
  const cols = perNeuron.map(() => new Float32Array(size));
  const v = vectorStep(d, size, vars, new Map(perNeuron.map((n, k) => [n, cols[k]])));
  return { vars, cols, I, delta, spiked, run: (p) => v.run(p, I, delta, spiked) };
}

/**
 * The CPU engine's update of one population with its synaptic input in the same step (./wasm.ts InputStep):
 * the WebAssembly module where it compiles (one pass per neuron), otherwise the same operations as typed-array
 * loops channel by channel around the vector program. Each neuron's f32 operations run in the same order in both
 * (tested in test/engine/cpu-engine-reference.test.ts against the per-neuron reference loops).
 */
export function inputStep(d: Dynamics, size: number, input: SynapticInput, opts: { wasm?: boolean; simd?: boolean; perNeuron?: readonly string[] } = {}): InputStep {
  const perNeuron = opts.perNeuron ?? [];
  const w = opts.wasm === false ? null : wasmInputStep(d, size, perNeuron, input, opts.simd !== false);
  if (w) return w;
  const u = neuronStep(d, size, { wasm: false, perNeuron });
  const { kinds, ringSlots: R, currents } = input, nch = kinds.length;
  const g = kinds.filter((k) => k !== 'delta').map(() => new Float32Array(size));
  const chArr = kinds.map((k, c) => (k === 'delta' ? null : g[kinds.slice(0, c).filter((x) => x !== 'delta').length]));
  const ring = new Int32Array(nch * R * size), sums = new Float32Array(currents * size), spikeList = new Uint32Array(size);
  const vArr = u.vars[d.vars.indexOf(input.membrane)], { I, delta, spiked } = u;
  const all = [...u.vars, ...g];
  return {
    vars: u.vars, cols: u.cols, I, delta, spiked, form: 'js', g, ring, currentWeights: sums, spikeList,
    run(p, slot, cur) {
      // Channel by channel, so the inner loops carry no per-neuron branching (docs/benchmarks.md, CPU engine).
      I.fill(0);
      delta.fill(0);
      for (let c = 0; c < nch; c++) {
        const gc = chArr[c];
        if (kinds[c] === 'exponential') for (let i = 0; i < size; i++) I[i] = f32(I[i] + gc![i]);
        else if (kinds[c] === 'conductance') {
          const e = p[`ch${c}_erev`];
          for (let i = 0; i < size; i++) I[i] = f32(I[i] + f32(gc![i] * f32(e - vArr[i])));
        }
      }
      for (let q = 0; q < currents; q++) {
        const cv = cur[q], off = q * size;
        for (let i = 0; i < size; i++) I[i] = f32(I[i] + f32(cv * sums[off + i]));
      }
      for (let c = 0; c < nch; c++) {
        const at = (c * R + slot) * size, gc = chArr[c], iv = p[`ch${c}_inv_scale`], dc = p[`ch${c}_decay`];
        if (!gc) {
          for (let i = 0; i < size; i++) { const acc = ring[at + i]; ring[at + i] = 0; delta[i] = f32(delta[i] + f32(f32(acc) * iv)); }
        } else {
          for (let i = 0; i < size; i++) { const acc = ring[at + i]; ring[at + i] = 0; gc[i] = f32(gc[i] * dc) + f32(f32(acc) * iv); }
        }
      }
      u.run(p);
      // Not finite: the f64 sum of finite f32 values is finite, so one sum per array finds a NaN or infinity.
      for (let q = 0; q < all.length; q++) {
        const v = all[q];
        let acc = 0;
        for (let i = 0; i < size; i++) acc += v[i];
        if (acc - acc !== 0) return -1;
      }
      let n = 0;
      for (let i = 0; i < size; i++) if (spiked[i]) spikeList[n++] = i;
      return n;
    },
  };
}
