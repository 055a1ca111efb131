// The CPU trainer's lane program (./lanes.ts) as WebAssembly: the same tape (../models/dynamics/tape.ts) — its
// operations and their adjoints — as one pass over the lanes with every register of a lane in a wasm local,
// instead of one JS loop per operation over arrays (issue #14 item 4; docs/training.md, "Backends"). f64, and
// each operation is the f64 operation the JS loop does, in the same order (log and the halves-to-even round are
// the host's Math functions, imported; exp is fdlibm's algorithm as the host's Math.exp computes it, inside the
// module: ../models/dynamics/wasm-exp.ts), so forward values and gradients are bit-identical to the JS lane
// program (./lanes-wasm.test.ts), which stays as the fallback where WebAssembly cannot compile and for a trained
// per-neuron parameter. Bytes, no eval (the app allows 'wasm-unsafe-eval' only; docs/electron.md).
import { FN } from '../models/dynamics/expr';
import { mem, section, sleb, str, uleb, vec } from '../models/dynamics/wasm-encode';
import { expFunction } from '../models/dynamics/wasm-exp';
import type { AdjOp, Ref, Tape } from '../models/dynamics/tape';
import type { SurrogateKind } from './plan';

declare const WebAssembly: {
  Memory: new (d: { initial: number }) => { buffer: ArrayBuffer };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
} | undefined;

/**
 * The arrays the two functions read and write, in the module's memory: a batch's whole traces over T steps
 * (rows of L; step t reads and writes its rows in place, so nothing is copied per step) and the current step's
 * lane arrays.
 */
export interface WasmLanes {
  /** Per state variable (stateVars order), (T + 1) × L: row t the state before step t (row 0 the initial state). */
  state: Float64Array[];
  /** T × L: each step's delta, output, dL/d(output) and (backward) dL/d(delta). */
  delta: Float64Array;
  out: Float64Array;
  gOut: Float64Array;
  gDelta: Float64Array;
  /** L: the current step's I (read by both), dL/dI (written by backward). */
  I: Float64Array;
  gI: Float64Array;
  /** L each: dL/d(state after step t) on entry to backward(t), dL/d(state before it) on return. */
  gState: Float64Array[];
  /** Step t: state row t, delta row t and I → output row t and state row t + 1. */
  step(t: number): void;
  /** Reverse of step t (recomputed from state row t). */
  backward(t: number): void;
}

/** Byte offsets of the arrays in the module's memory (each region 8 bytes per value). */
interface Layout { state: number[]; delta: number; out: number; gOut: number; gDelta: number; I: number; gI: number; gState: number[]; bytes: number }

function layout(K: number, L: number, T: number): Layout {
  let at = 0;
  const take = (values: number) => { const o = at; at += 8 * values; return o; };
  const state = Array.from({ length: K }, () => take((T + 1) * L));
  const l = { state, delta: take(T * L), out: take(T * L), gOut: take(T * L), gDelta: take(T * L), I: take(L), gI: take(L), gState: Array.from({ length: K }, () => take(L)) };
  return { ...l, bytes: at };
}

const F64 = 0x7c, I32 = 0x7f;
const OP = {
  get: 0x20, set: 0x21, block: 0x02, loop: 0x03, br: 0x0c, brIf: 0x0d, end: 0x0b, call: 0x10, select: 0x1b,
  i32Const: 0x41, i32GeU: 0x4f, i32Add: 0x6a, i32And: 0x71, i32Or: 0x72, f64Const: 0x44, f64Load: 0x2b, f64Store: 0x39,
  f64Eq: 0x61, f64Ne: 0x62, f64Lt: 0x63, f64Gt: 0x64, f64Le: 0x65, f64Ge: 0x66,
  f64Abs: 0x99, f64Neg: 0x9a, f64Ceil: 0x9b, f64Floor: 0x9c, f64Sqrt: 0x9f,
  f64Add: 0xa0, f64Sub: 0xa1, f64Mul: 0xa2, f64Div: 0xa3, f64Min: 0xa4, f64Max: 0xa5, f64ConvertI32U: 0xb8,
} as const;
const IMPORTS = ['log', 'round'] as const;
/** Function indices: the imports, then step, back and exp (a call out to the host costs several times it). */
const FN_STEP = IMPORTS.length, FN_BACK = IMPORTS.length + 1, FN_EXP = IMPORTS.length + 2;

/**
 * The tape's step and backward over L lanes with traces of T steps, or null where WebAssembly cannot compile here
 * (or the tape has per-neuron values, or the memory cannot be had).
 */
export function wasmLanes(tape: Tape, L: number, surrogate: { kind: SurrogateKind; beta: number }, smooth: boolean, T = 1): WasmLanes | null {
  if (typeof WebAssembly === 'undefined' || L === 0 || T < 1 || tape.laneIn.size > 0) return null;
  const K = tape.stateVars.length, lay = layout(K, L, T);
  try {
    const memory = new WebAssembly.Memory({ initial: Math.ceil(lay.bytes / 65536) || 1 });
    const module = new WebAssembly.Module(encode(tape, L, lay, surrogate, smooth));
    const inst = new WebAssembly.Instance(module, { m: { mem: memory, log: Math.log, round: FN.round } });
    const buf = memory.buffer, view = (at: number, n: number) => new Float64Array(buf, at, n);
    const step = inst.exports.step as (row: number) => void, back = inst.exports.back as (row: number) => void;
    const stride = 8 * L;
    return {
      state: lay.state.map((at) => view(at, (T + 1) * L)), delta: view(lay.delta, T * L), out: view(lay.out, T * L),
      gOut: view(lay.gOut, T * L), gDelta: view(lay.gDelta, T * L), I: view(lay.I, L), gI: view(lay.gI, L),
      gState: lay.gState.map((at) => view(at, L)),
      step: (t) => step(t * stride), backward: (t) => back(t * stride),
    };
  } catch {
    return null;
  }
}

/**
 * step(row) and back(row), row = t·8L the byte offset of step t's rows: one pass over the lanes, i the offset in
 * the traces (from row), j the offset in the lane arrays (from 0).
 */
function encode(tape: Tape, L: number, A: Layout, surrogate: { kind: SurrogateKind; beta: number }, smooth: boolean): Uint8Array {
  const stride = L * 8;
  // Locals: 0 = i (trace byte offset; the parameter), 1 = j (lane byte offset), then a value per register, an
  // adjoint per active register, scratch f64 t.
  const reg = (r: number) => 2 + r;
  const adjL = new Map<number, number>();
  tape.active.forEach((a, r) => { if (a) adjL.set(r, 2 + tape.nRegs + adjL.size); });
  const T0 = 2 + tape.nRegs + adjL.size;
  /** An array's address: a trace's row of step t (at i) or the current step's lane array (at j). */
  type At = { trace: number } | { lane: number };
  const f64c = (v: number) => { const b = new Uint8Array(new Float64Array([v]).buffer); return [OP.f64Const, ...b]; };
  const get = (l: number) => [OP.get, ...uleb(l)], set = (l: number) => [OP.set, ...uleb(l)];
  const ref = (v: Ref) => (typeof v === 'number' ? get(reg(v)) : f64c(v.c));
  const addr = (a: At): [number[], number] => ('trace' in a ? [get(0), a.trace] : [get(1), a.lane]);
  const load = (a: At) => { const [base, o] = addr(a); return [...base, ...mem(OP.f64Load, 3, o)]; };
  const store = (a: At, value: number[]) => { const [base, o] = addr(a); return [...base, ...value, ...mem(OP.f64Store, 3, o)]; };
  const call = (fn: (typeof IMPORTS)[number] | 'exp') => [OP.call, fn === 'exp' ? FN_EXP : IMPORTS.indexOf(fn)];
  const b2f = [OP.f64ConvertI32U];
  const { kind, beta } = smooth ? { kind: 'sigmoid' as const, beta: surrogate.beta } : surrogate;

  const forward = (): number[] => {
    const c: number[] = [];
    tape.stateIn.forEach((r, k) => c.push(...load({ trace: A.state[k] }), ...set(reg(r))));
    c.push(...load({ trace: A.delta }), ...set(reg(tape.deltaIn)));
    if (tape.IIn >= 0) c.push(...load({ lane: A.I }), ...set(reg(tape.IIn)));
    for (const op of tape.fwd) {
      const y = set(reg(op.y));
      if (op.k === 'un') {
        const x = get(reg(op.a));
        switch (op.fn) {
          case 'neg': c.push(...x, OP.f64Neg); break;
          case 'not': c.push(...x, ...f64c(0), OP.f64Eq, ...b2f); break; // x !== 0 ? 0 : 1
          case 'exp': case 'log': case 'round': c.push(...x, ...call(op.fn)); break;
          case 'abs': c.push(...x, OP.f64Abs); break;
          case 'sqrt': c.push(...x, OP.f64Sqrt); break;
          case 'floor': c.push(...x, OP.f64Floor); break;
          case 'ceil': c.push(...x, OP.f64Ceil); break;
          case 'H':
            // smooth (tests): 1 / (1 + exp(−β·x)); else x > 0 ? 1 : 0
            if (smooth) c.push(...f64c(1), ...f64c(1), ...f64c(-beta), ...x, OP.f64Mul, ...call('exp'), OP.f64Add, OP.f64Div);
            else c.push(...x, ...f64c(0), OP.f64Gt, ...b2f);
            break;
          case 'min': case 'max': throw new Error(`wasm lanes: ${op.fn} as a unary operation`);
        }
      } else if (op.k === 'sel') {
        c.push(...ref(op.a), ...ref(op.b), ...get(reg(op.c)), ...f64c(0), OP.f64Ne, OP.select);
      } else {
        const a = ref(op.a), b = ref(op.b);
        switch (op.op) {
          case '+': c.push(...a, ...b, OP.f64Add); break;
          case '-': c.push(...a, ...b, OP.f64Sub); break;
          case '*': c.push(...a, ...b, OP.f64Mul); break;
          case '/': c.push(...a, ...b, OP.f64Div); break;
          case 'min': c.push(...a, ...b, OP.f64Min); break;
          case 'max': c.push(...a, ...b, OP.f64Max); break;
          case '<': c.push(...a, ...b, OP.f64Lt, ...b2f); break;
          case '<=': c.push(...a, ...b, OP.f64Le, ...b2f); break;
          case '>': c.push(...a, ...b, OP.f64Gt, ...b2f); break;
          case '>=': c.push(...a, ...b, OP.f64Ge, ...b2f); break;
          case '==': c.push(...a, ...b, OP.f64Eq, ...b2f); break;
          case '!=': c.push(...a, ...b, OP.f64Ne, ...b2f); break;
          case '&&': c.push(...a, ...f64c(0), OP.f64Ne, ...b, ...f64c(0), OP.f64Ne, OP.i32And, ...b2f); break;
          case '||': c.push(...a, ...f64c(0), OP.f64Ne, ...b, ...f64c(0), OP.f64Ne, OP.i32Or, ...b2f); break;
        }
      }
      c.push(...y);
    }
    return c;
  };

  /** sg·g as the JS loop computes it (±1 times g is exact: g or −g). */
  const signed = (sg: 1 | -1, g: number[]) => (sg === 1 ? g : [...g, OP.f64Neg]);
  /** The surrogate's derivative at the value on the stack's top (in local t), as ./surrogate.ts computes it. */
  const surr = (x: number[]): number[] => {
    switch (kind) {
      case 'sigmoid': // s = 1 / (1 + exp(−β·x)); β·s·(1 − s)
        return [...f64c(1), ...f64c(1), ...f64c(-beta), ...x, OP.f64Mul, ...call('exp'), OP.f64Add, OP.f64Div, ...set(T0),
          ...f64c(beta), ...get(T0), OP.f64Mul, ...f64c(1), ...get(T0), OP.f64Sub, OP.f64Mul];
      case 'fast_sigmoid': // d = β·|x| + 1; 1 / (d·d)
        return [...f64c(beta), ...x, OP.f64Abs, OP.f64Mul, ...f64c(1), OP.f64Add, ...set(T0), ...f64c(1), ...get(T0), ...get(T0), OP.f64Mul, OP.f64Div];
      case 'arctan': // z = (π/2)·β·x; β/2 / (1 + z·z)
        return [...f64c((Math.PI / 2) * beta), ...x, OP.f64Mul, ...set(T0), ...f64c(beta / 2), ...f64c(1), ...get(T0), ...get(T0), OP.f64Mul, OP.f64Add, OP.f64Div];
    }
  };
  const adjoint = (a: AdjOp): number[] => {
    const gx = adjL.get(a.dst)!, gy = get(adjL.get(a.g)!);
    // gx = gx + term, or with a condition: select(gx + term, gx, cond)
    const upd = (term: number[], cond?: number[]) => (cond
      ? [...get(gx), ...term, OP.f64Add, ...get(gx), ...cond, OP.select, ...set(gx)]
      : [...get(gx), ...term, OP.f64Add, ...set(gx)]);
    if (a.when) {
      const w = a.when, x = ref(w.a), y = w.b !== undefined ? ref(w.b) : x;
      const cond = { nz: [...x, ...f64c(0), OP.f64Ne], z: [...x, ...f64c(0), OP.f64Eq], le: [...x, ...y, OP.f64Le], gt: [...x, ...y, OP.f64Gt], ge: [...x, ...y, OP.f64Ge], lt: [...x, ...y, OP.f64Lt] }[w.test];
      return upd(signed(a.sign, gy), cond);
    }
    if (a.fn === 'surr') return upd([...signed(a.sign, gy), ...surr(ref(a.x!)), OP.f64Mul], [...gy, ...f64c(0), OP.f64Ne]);
    if (a.fn === 'sign') {
      // x < 0 ? −sg·g : x > 0 ? sg·g : 0
      const x = ref(a.x!);
      return upd([...signed(a.sign === 1 ? -1 : 1, gy), ...signed(a.sign, gy), ...f64c(0), ...x, ...f64c(0), OP.f64Gt, OP.select, ...x, ...f64c(0), OP.f64Lt, OP.select]);
    }
    if (a.div !== undefined) {
      const m = a.mul === undefined ? [] : [...ref(a.mul), OP.f64Mul];
      return upd([...signed(a.sign, gy), ...m, ...ref(a.div), OP.f64Div]);
    }
    if (a.mul !== undefined) {
      if (typeof a.mul !== 'number') return upd([...gy, ...f64c(a.sign * a.mul.c), OP.f64Mul]);
      const t = [...gy, ...get(reg(a.mul)), OP.f64Mul];
      return a.sign === 1 ? upd(t) : [...get(gx), ...t, OP.f64Sub, ...set(gx)];
    }
    return a.sign === 1 ? upd(gy) : [...get(gx), ...gy, OP.f64Sub, ...set(gx)];
  };

  const lanesLoop = (body: number[]) => [
    OP.block, 0x40, OP.loop, 0x40, ...get(1), OP.i32Const, ...sleb(stride), OP.i32GeU, OP.brIf, 1,
    ...body, ...get(0), OP.i32Const, 8, OP.i32Add, ...set(0), ...get(1), OP.i32Const, 8, OP.i32Add, ...set(1), OP.br, 0, OP.end, OP.end, OP.end,
  ];
  const out = (v: Ref) => ref(v);
  const stepBody = [...forward(), ...store({ trace: A.out }, out(tape.out))];
  // The state after step t: row t + 1.
  tape.stateOut.forEach((v, k) => stepBody.push(...store({ trace: A.state[k] + stride }, out(v))));

  const backBody = [...forward()];
  for (const l of adjL.values()) backBody.push(...f64c(0), ...set(l));
  tape.stateOut.forEach((v, k) => { if (typeof v === 'number' && adjL.has(v)) { const g = adjL.get(v)!; backBody.push(...get(g), ...load({ lane: A.gState[k] }), OP.f64Add, ...set(g)); } });
  if (typeof tape.out === 'number' && adjL.has(tape.out)) { const g = adjL.get(tape.out)!; backBody.push(...get(g), ...load({ trace: A.gOut }), OP.f64Add, ...set(g)); }
  for (const a of tape.adj) backBody.push(...adjoint(a));
  tape.stateIn.forEach((r, k) => backBody.push(...store({ lane: A.gState[k] }, get(adjL.get(r)!))));
  backBody.push(...store({ trace: A.gDelta }, get(adjL.get(tape.deltaIn)!)));
  if (tape.IIn >= 0) backBody.push(...store({ lane: A.gI }, get(adjL.get(tape.IIn)!)));

  const locals = [[1, I32], [tape.nRegs + adjL.size + 1, F64]];
  const fnBody = (b: number[]) => { const x = [...vec(locals), ...lanesLoop(b)]; return [...uleb(x.length), ...x]; };
  const pages = Math.ceil(A.bytes / 65536) || 1;
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, 1, F64, 1, F64], [0x60, 1, I32, 0]])),
    ...section(2, vec([[...str('m'), ...str('mem'), 0x02, 0x00, ...uleb(pages)], ...IMPORTS.map((n) => [...str('m'), ...str(n), 0x00, 0])])),
    ...section(3, vec([[1], [1], [0]])),
    ...section(7, vec([[...str('step'), 0x00, FN_STEP], [...str('back'), 0x00, FN_BACK]])),
    ...section(10, vec([fnBody(stepBody), fnBody(backBody), expFunction()])),
  ]);
}
