// The hand-written CPU trainer of the tutorial's networks (LIF / adaptive LIF layers, reset_timing 'tutorial',
// leaky-integrator readout) as it was before the trainer was derived from the models' dynamics (../cpu-model.ts),
// kept only as the reference cpu-model.test.ts checks the derived trainer against (same loss and gradients).
// The original header follows.
// CPU reference of the trained model, in f64: forward through the layers over a batch and back-propagation
// through time with the surrogate derivative. Takes a plan, weights (./params.ts order) and input spikes
// [b][t][i]; gives every layer's currents, membranes and outputs, and the gradients of the loss.
//
// Per LIF layer, for t = 0..T−2 (docs/training.md, "The model"; the tutorial's exact order):
//   h_t = Wᵀ x_t + Vᵀ s_t,   s_{t+1} = H(v_t − v_th),   v_{t+1} = (α v_t + h_t)(1 − s_t),   v_0 = s_0 = 0
// so a crossing at t gives s at t+1 and the reset acts at t+2: one crossing often yields two spikes.
// Adaptive LIF: the threshold b replaces v_th, b_0 = v_th0, b_{t+1} = v_th0 + ρ(b_t − v_th0) + δ·s_{t+1}.
// Readout (leaky integrator): u_{t+1} = α u_t + h_t, u_0 = 0. A layer's output (s or u) is the next one's x.
import type { LayerPlan, TrainingPlan } from '../../src/shared/training/plan';
import { surrogateDerivative } from '../../src/shared/training/surrogate';
import { gradThroughReduction, lossOfReadout, reduceOverTime, reductionOf } from '../../src/shared/training/loss';

export interface ReferenceTrace {
  /** Input current h_t (feed-forward + recurrent), B×T×N. */
  h: Float64Array;
  /** Membrane v_t (LIF) or u_t (readout), B×T×N. */
  v: Float64Array;
  /** What the next layer sees: spikes s_t (LIF) or u_t (readout), B×T×N. */
  out: Float64Array;
  /** Adaptive LIF only: the threshold b_t, B×T×N. */
  b?: Float64Array;
}

export interface ReferenceOptions {
  /** Test-only smooth model: s_{t+1} = σ(β(v_t − v_th)) instead of H, so BPTT must equal finite differences. */
  smooth?: boolean;
}

/** Forward pass of B samples; `x` is the input spikes [b][t][i]. */
export function referenceForward(plan: TrainingPlan, weights: Float64Array[], x: ArrayLike<number>, B: number, opts: ReferenceOptions = {}): ReferenceTrace[] {
  const T = plan.steps;
  const traces: ReferenceTrace[] = [];
  let input: ArrayLike<number> = x, nIn = plan.inputs, wi = 0;
  for (const layer of plan.layers) {
    const W = weights[wi++];
    const V = layer.recurrent ? weights[wi++] : undefined;
    const tr = forwardLayer(layer, W, V, input, nIn, B, T, plan.config.surrogate.beta, opts);
    traces.push(tr);
    input = tr.out; nIn = layer.size;
  }
  return traces;
}

function forwardLayer(layer: LayerPlan, W: Float64Array, V: Float64Array | undefined, x: ArrayLike<number>, nIn: number, B: number, T: number, beta: number, opts: ReferenceOptions): ReferenceTrace {
  const N = layer.size, a = layer.alpha, th = layer.vTh;
  const h = new Float64Array(B * T * N), v = new Float64Array(B * T * N);
  const out = layer.kind === 'li' ? v : new Float64Array(B * T * N);
  const ad = layer.adapt, thr = ad ? new Float64Array(B * T * N) : undefined;
  for (let b = 0; b < B; b++) {
    if (thr) thr.fill(th, b * T * N, b * T * N + N);
    for (let t = 0; t < T - 1; t++) {
      const row = (b * T + t) * N, nxt = row + N, xrow = (b * T + t) * nIn;
      for (let i = 0; i < nIn; i++) {
        const xi = x[xrow + i];
        if (xi === 0) continue;
        const w = i * N;
        for (let n = 0; n < N; n++) h[row + n] += xi * W[w + n];
      }
      if (V) for (let i = 0; i < N; i++) {
        const si = out[row + i];
        if (si === 0) continue;
        for (let n = 0; n < N; n++) h[row + n] += si * V[i * N + n];
      }
      for (let n = 0; n < N; n++) {
        if (layer.kind === 'li') { v[nxt + n] = a * v[row + n] + h[row + n]; continue; }
        const d = v[row + n] - (thr ? thr[row + n] : th);
        out[nxt + n] = opts.smooth ? 1 / (1 + Math.exp(-beta * d)) : d > 0 ? 1 : 0;
        v[nxt + n] = (a * v[row + n] + h[row + n]) * (1 - out[row + n]);
        if (thr) thr[nxt + n] = th + ad!.rho * (thr[row + n] - th) + ad!.delta * out[nxt + n];
      }
    }
  }
  return { h, v, out, ...(thr ? { b: thr } : {}) };
}

/**
 * Gradients of the loss for every weight matrix, given dL/d(out) of the last layer (B×T×K) and, for
 * the spike regulariser, a constant dL/ds added to every hidden spike.
 */
export function referenceBackward(plan: TrainingPlan, weights: Float64Array[], x: ArrayLike<number>, traces: ReferenceTrace[], gLast: Float64Array, B: number, regGrad = 0, opts: ReferenceOptions = {}): Float64Array[] {
  const T = plan.steps;
  const grads = weights.map((w) => new Float64Array(w.length));
  // Weight index of each layer's input matrix.
  const wIndex: number[] = [];
  let k = 0;
  for (const l of plan.layers) { wIndex.push(k); k += l.recurrent ? 2 : 1; }
  let gOut = gLast;
  for (let li = plan.layers.length - 1; li >= 0; li--) {
    const layer = plan.layers[li], tr = traces[li];
    const N = layer.size;
    if (li < plan.layers.length - 1 && regGrad !== 0) for (let i = 0; i < gOut.length; i++) gOut[i] += regGrad;
    const gh = layer.kind === 'li' ? backLi(layer, gOut, B, T) : backLif(layer, tr, gOut, layer.recurrent ? weights[wIndex[li] + 1] : undefined, B, T, plan, opts);
    const input = li === 0 ? x : traces[li - 1].out, nIn = li === 0 ? plan.inputs : plan.layers[li - 1].size;
    const W = weights[wIndex[li]], gW = grads[wIndex[li]];
    outer(input, nIn, gh, N, B * T, gW);
    if (layer.recurrent) outer(tr.out, N, gh, N, B * T, grads[wIndex[li] + 1]);
    if (li > 0) {
      // dL/d(previous layer's output) = W gh_t.
      const gx = new Float64Array(B * T * nIn);
      for (let r = 0; r < B * T; r++) for (let i = 0; i < nIn; i++) {
        let acc = 0;
        for (let n = 0; n < N; n++) acc += W[i * N + n] * gh[r * N + n];
        gx[r * nIn + i] = acc;
      }
      gOut = gx;
    }
  }
  return grads;
}

/** g[i][n] += Σ_rows a[row][i]·b[row][n]; skips zero inputs (spikes are sparse). */
function outer(a: ArrayLike<number>, nA: number, bm: Float64Array, nB: number, rows: number, g: Float64Array) {
  for (let r = 0; r < rows; r++) for (let i = 0; i < nA; i++) {
    const ai = a[r * nA + i];
    if (ai === 0) continue;
    for (let n = 0; n < nB; n++) g[i * nB + n] += ai * bm[r * nB + n];
  }
}

/** Readout: gh_t = total dL/du_{t+1}, accumulated backwards through u_{t+1} = α u_t + h_t. */
function backLi(layer: LayerPlan, gOut: Float64Array, B: number, T: number): Float64Array {
  const N = layer.size, gh = new Float64Array(B * T * N);
  for (let b = 0; b < B; b++) for (let n = 0; n < N; n++) {
    let gu = gOut[(b * T + T - 1) * N + n];
    for (let t = T - 2; t >= 0; t--) {
      gh[(b * T + t) * N + n] = gu;
      gu = gOut[(b * T + t) * N + n] + layer.alpha * gu;
    }
  }
  return gh;
}

/** LIF reverse scan: the adjoint of (v, s) from t = T−1 down to 0; returns dL/dh_t. */
function backLif(layer: LayerPlan, tr: ReferenceTrace, gOut: Float64Array, V: Float64Array | undefined, B: number, T: number, plan: TrainingPlan, opts: ReferenceOptions): Float64Array {
  const N = layer.size, a = layer.alpha, th = layer.vTh;
  const { kind, beta } = opts.smooth ? { kind: 'sigmoid' as const, beta: plan.config.surrogate.beta } : plan.config.surrogate;
  const gh = new Float64Array(B * T * N);
  const gv = new Float64Array(N), gvNew = new Float64Array(N), gsNext = new Float64Array(N), gsCur = new Float64Array(N);
  // Adaptive threshold: gb = dL/db_{t+1}; the spike s_{t+1} also raises b_{t+1} by δ.
  const gb = new Float64Array(N), rho = layer.adapt?.rho ?? 0, delta = layer.adapt?.delta ?? 0;
  for (let b = 0; b < B; b++) {
    gv.fill(0); gb.fill(0);
    for (let n = 0; n < N; n++) gsNext[n] = gOut[(b * T + T - 1) * N + n];
    for (let t = T - 2; t >= 0; t--) {
      const row = (b * T + t) * N;
      for (let n = 0; n < N; n++) {
        const aval = a * tr.v[row + n] + tr.h[row + n];
        const ga = gv[n] * (1 - tr.out[row + n]);
        gh[row + n] = ga;
        const gsTot = gsNext[n] + delta * gb[n];
        const sd = surrogateDerivative(kind, beta, tr.v[row + n] - (tr.b ? tr.b[row + n] : th));
        gvNew[n] = a * ga + gsTot * sd;
        gb[n] = rho * gb[n] - gsTot * sd;
        gsCur[n] = gOut[row + n] - aval * gv[n];
      }
      if (V) for (let i = 0; i < N; i++) {
        let acc = 0;
        for (let n = 0; n < N; n++) acc += V[i * N + n] * gh[row + n];
        gsCur[i] += acc;
      }
      gv.set(gvNew); gsNext.set(gsCur);
    }
  }
  return gh;
}

/** Loss and gradients of a batch as the CPU backend computed them with the model above (./cpu-backend.ts then). */
export function referenceLossAndGradients(plan: TrainingPlan, weights: Float64Array[], batch: { B: number; x: Uint8Array; labels: Int32Array; ipd: Float64Array }, opts: ReferenceOptions = {}) {
  const { B } = batch, T = plan.steps;
  const traces = referenceForward(plan, weights, batch.x, B, opts);
  const K = plan.layers[plan.layers.length - 1].size, r = reductionOf(plan.config.loss);
  const { m, argT } = reduceOverTime(traces[traces.length - 1].out, B, T, K, r);
  const { loss, gm } = lossOfReadout(plan.config.loss, m, B, K, batch.labels, batch.ipd);
  const lambda = plan.config.spikeRegularizer;
  const hidden = plan.layers.slice(0, -1).reduce((a, l, i) => a + (l.kind === 'lif' ? traces[i].out.reduce((s, v) => s + v, 0) : 0), 0);
  const grads = referenceBackward(plan, weights, batch.x, traces, gradThroughReduction(gm, argT, B, T, K, r), B, lambda / B, opts);
  return { loss: loss + (lambda * hidden) / B, grads, traces };
}
