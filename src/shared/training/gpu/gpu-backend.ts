// The WebGPU training backend: per batch one command buffer — unpack the input bits, per layer one tiled
// matmul over all (batch × time) rows and one time scan, loss, reverse scans, weight-gradient and
// input-gradient matmuls, optimiser kernels — and one readback of the metrics (loss, readout, spike counts).
// Takes a device, a plan, initial weights (and optimiser state); f32 throughout. Checks memory first.
import { ADAM, newOptimizerState, optimizerStep, type OptimizerState } from '../optimizer';
import type { BatchData, BatchResult, TrainBackend } from '../backend';
import { reductionOf } from '../loss';
import { clampTaus, weightList } from '../params';
import { laneParamValues } from '../lanes';
import { NEURON_RULES } from '../../compiler/models';
import { getModel } from '../../models';
import { gpuCannotTrain } from './support';
import type { TrainingPlan } from '../plan';
import { checkMemory } from './memory';
import { matmulWgsl, TILE } from './wgsl/matmul';
import { BLOCK, blockedMatmulWgsl } from './wgsl/matmul-blocked';
import { scanBackwardWgsl, scanBindings, scanForwardWgsl, type ScanBinding } from './wgsl/scan';
import { lossWgsl } from './wgsl/readout';
import { layerTape } from './layer-tape';
import { adamWgsl, sgdWgsl, unpackWgsl, zeroDiagonalWgsl } from './wgsl/elementwise';
import { surrogateWgsl } from './wgsl/surrogate';
import { bitRowSumWgsl, rowMatmulWgsl } from './wgsl/simple';
import type { UniformStruct, UniformValues } from './wgsl/uniforms';
import { laneParamsData, laneParamsDefinition, uniformData, uniformSize } from './struct-views';

/**
 * 'tiled': workgroup-memory tiled matmuls (real GPUs). 'simple': a thread per output and the input spikes'
 * bits used directly (software adapters such as SwiftShader, where barriers are slow). Same results.
 */
export type KernelChoice = 'tiled' | 'simple';

const WG = 64;
const SU = 0x80 | 0x8 | 0x4; // STORAGE | COPY_DST | COPY_SRC (GPUBufferUsage, spelled out: no globals in shared/)
const UNIFORM = 0x40 | 0x8;
const MAP_READ = 0x1 | 0x8; // MAP_READ | COPY_DST
const MAP_MODE_READ = 0x1;

/** The plan does not fit the device: the message says what to shrink. */
export class GpuPlanError extends Error {}

/**
 * H: delta inputs, O: outputs (spike values or membrane), ST: kept state per step, IS: synaptic current per
 * step, HC/GHC: each exponential channel's arrivals and their gradient (./wgsl/scan.ts layouts).
 */
interface LayerBuffers { H: GPUBuffer; O: GPUBuffer; ST?: GPUBuffer; GOut: GPUBuffer; GH: GPUBuffer; counts?: GPUBuffer; IS?: GPUBuffer; HC: GPUBuffer[]; GHC: GPUBuffer[]; LP?: GPUBuffer; GT?: GPUBuffer; lane: string[] }
/** An exponential-current channel of a population: its synaptic τ's decay and the projections (weightList indices) into it. */
interface Channel { tauMs: number; decay: number; proj: number[] }
interface Pass { pipeline: GPUComputePipeline; bind: GPUBindGroup; groups: [number, number] }

export class GpuBackend implements TrainBackend {
  readonly kind = 'gpu' as const;
  private readonly B: number;
  private readonly T: number;
  private readonly bits: GPUBuffer;
  private readonly bitsT: GPUBuffer;
  private readonly X: GPUBuffer;
  private readonly labels: GPUBuffer;
  private readonly ipd: GPUBuffer;
  private readonly lossOut: GPUBuffer;
  private readonly M: GPUBuffer;
  private readonly layers: LayerBuffers[] = [];
  private readonly channels: Channel[][] = [];
  /** Delta-input buffers no feed-forward projection writes (a recurrent-only input): zeroed before each run. */
  private readonly clears: GPUBuffer[] = [];
  private readonly W: GPUBuffer[] = [];
  private readonly G: GPUBuffer[] = [];
  private readonly optM: GPUBuffer[] = [];
  private readonly optV: GPUBuffer[] = [];
  private readonly optUniforms: GPUBuffer[] = [];
  private readonly owned: GPUBuffer[] = [];
  private forward: Pass[] = [];
  private backward: Pass[] = [];
  private optimizer: Pass[] = [];
  private step = 0;
  private lost: string | undefined;
  /**
   * Trained time constants (plan.trainTau), one vector per population: kept and updated on the host in f64
   * (the optimiser and the clamp of ../params.ts, as the CPU backend), their per-neuron values uploaded before
   * each batch; their gradients come back with the batch's metrics.
   */
  private readonly tau: Float64Array[] = [];
  private tauOpt: OptimizerState | undefined;
  private tauGrads: Float64Array[] = [];
  /** How many trained τ values the clamp has moved back into range so far. */
  tauClamped = 0;

  private constructor(private readonly device: GPUDevice, private readonly plan: TrainingPlan, readonly adapter: string, readonly kernels: KernelChoice) {
    this.B = plan.config.batchSize;
    this.T = plan.steps;
    const rows = this.B * this.T;
    this.bits = this.buffer(rows * Math.ceil(plan.inputs / 32) * 4);
    this.bitsT = this.buffer(kernels === 'simple' ? plan.inputs * Math.ceil(rows / 32) * 4 : 16);
    this.X = this.buffer(kernels === 'tiled' ? rows * plan.inputs * 4 : 16);
    this.labels = this.buffer(this.B * 4);
    this.ipd = this.buffer(this.B * 4);
    this.lossOut = this.buffer(this.B * 4);
    this.M = this.buffer(this.B * plan.layers[plan.layers.length - 1].size * 4);
    const list = weightList(plan);
    for (const l of plan.layers) {
      const chans: Channel[] = [];
      for (const w of l.inputs) {
        if (w.synapse.kind !== 'exponential') continue;
        const tauMs = w.synapse.tauMs;
        let ch = chans.find((x) => x.tauMs === tauMs);
        if (!ch) chans.push((ch = { tauMs, decay: Math.exp(-plan.dtMs / tauMs), proj: [] }));
        ch.proj.push(list.indexOf(w));
      }
      this.channels.push(chans);
      const n = rows * l.size * 4, tape = layerTape(plan, l, chans.length > 0);
      this.layers.push({
        H: this.buffer(n), O: this.buffer(n), GOut: this.buffer(n), GH: this.buffer(n),
        HC: chans.map(() => this.buffer(n)), GHC: chans.map(() => this.buffer(n)),
        ...(tape.stateVars.length ? { ST: this.buffer(n * tape.stateVars.length) } : {}),
        ...(tape.spiking ? { counts: this.buffer(this.B * 4) } : {}),
        ...(chans.length ? { IS: this.buffer(n) } : {}),
        // Trained τ: per-neuron values and their d/dτ (LP), the τ gradient per (sample, neuron) (GT).
        ...(tape.laneIn.size ? { LP: this.buffer(laneParamsDefinition(tape.laneIn.size, l.size).size), GT: this.buffer(this.B * l.size * 4) } : {}),
        lane: [...tape.laneIn.keys()],
      });
    }
    for (const w of weightList(plan)) {
      const n = w.pre * w.post * 4;
      this.W.push(this.buffer(n)); this.G.push(this.buffer(n)); this.optM.push(this.buffer(n));
      this.optV.push(this.buffer(plan.config.optimizer === 'adam' ? n : 16));
      this.optUniforms.push(this.uniformBuffer(uniformSize(plan.config.optimizer === 'adam' ? 'Adam' : 'Sgd')));
    }
    device.lost.then((info) => { this.lost = `the GPU device was lost: ${info.message || info.reason}`; });
  }

  static async create(device: GPUDevice, plan: TrainingPlan, weights: Float64Array[], opt?: OptimizerState, adapter = 'webgpu', kernels: KernelChoice = 'tiled'): Promise<GpuBackend> {
    const unsupported = gpuCannotTrain(plan);
    if (unsupported) throw new GpuPlanError(`${unsupported}; train it on the CPU (--backend cpu)`);
    const problems = checkMemory(plan, device.limits);
    if (problems.length) throw new GpuPlanError(problems.join('; '));
    const be = new GpuBackend(device, plan, adapter, kernels);
    device.pushErrorScope('validation');
    await be.build();
    const err = await device.popErrorScope();
    if (err) throw new Error(`the training kernels failed to build: ${err.message}`);
    const nW = be.W.length;
    weights.slice(0, nW).forEach((w, k) => device.queue.writeBuffer(be.W[k], 0, Float32Array.from(w)));
    if (plan.trainTau) {
      be.tau.push(...weights.slice(nW).map((t) => t.slice()));
      be.tauOpt = newOptimizerState(plan.config.optimizer, be.tau.map((t) => t.length));
      if (opt) {
        be.tauOpt.step = opt.step;
        be.tau.forEach((_, j) => { be.tauOpt!.m[j].set(opt.m[nW + j]); if (opt.kind === 'adam') be.tauOpt!.v[j].set(opt.v[nW + j]); });
      }
      be.uploadTau();
    }
    if (opt) {
      be.step = opt.step;
      opt.m.slice(0, nW).forEach((m, k) => device.queue.writeBuffer(be.optM[k], 0, Float32Array.from(m)));
      if (opt.kind === 'adam') opt.v.slice(0, nW).forEach((v, k) => device.queue.writeBuffer(be.optV[k], 0, Float32Array.from(v)));
    }
    return be;
  }

  /** Each population's per-neuron values of τ and what is derived from it, then their d/dτ (../lanes.ts). */
  private uploadTau() {
    this.plan.layers.forEach((l, li) => {
      const L = this.layers[li];
      if (!L.LP) return;
      const lv = laneParamValues(NEURON_RULES[l.model].dynamics, l.params, this.plan.dtMs, getModel(l.model)!.roles!.tau!, this.tau[li], L.lane);
      this.device.queue.writeBuffer(L.LP, 0, laneParamsData(lv.v, lv.dv));
    });
  }

  private buffer(bytes: number): GPUBuffer {
    const b = this.device.createBuffer({ size: Math.max(16, Math.ceil(bytes / 4) * 4), usage: SU });
    this.owned.push(b);
    return b;
  }

  private uniformBuffer(bytes: number, data?: ArrayBuffer): GPUBuffer {
    const b = this.device.createBuffer({ size: Math.max(16, bytes), usage: UNIFORM });
    if (data) this.device.queue.writeBuffer(b, 0, data);
    this.owned.push(b);
    return b;
  }

  /** A pipeline and its bind group; `buffers[i]` is binding i (undefined: a binding the variant leaves out). */
  private async pass(code: string, buffers: (GPUBuffer | undefined)[], groups: [number, number]): Promise<Pass> {
    const module = this.device.createShaderModule({ code });
    const pipeline = await this.device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'main' } });
    const bind = this.device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: buffers.flatMap((buffer, binding) => (buffer ? [{ binding, resource: { buffer } }] : [])),
    });
    return { pipeline, bind, groups };
  }

  /** A uniform buffer holding one value of a kernel's parameter struct (./wgsl/uniforms.ts), by field name. */
  private uniform<S extends UniformStruct>(struct: S, values: UniformValues<S>): GPUBuffer {
    const data = uniformData(struct, values);
    return this.uniformBuffer(data.byteLength, data);
  }

  /** A scan's buffers in its binding order (./wgsl/scan.ts scanBindings), by binding name. */
  private scanBuffers(bindings: ScanBinding[], buffers: Record<string, GPUBuffer | undefined>): GPUBuffer[] {
    return bindings.map((b) => {
      const buffer = buffers[b.name];
      if (!buffer) throw new Error(`the scan binds "${b.name}" but the layer has no such buffer`);
      return buffer;
    });
  }

  private elementGroups(n: number): [number, number] {
    const wgs = Math.max(1, Math.ceil(n / WG)), maxX = this.device.limits.maxComputeWorkgroupsPerDimension;
    const x = Math.min(wgs, maxX);
    return [x, Math.ceil(wgs / x)];
  }

  /** C = op(A)·op(B), or C += … with `add`. */
  private matmul(a: GPUBuffer, b: GPUBuffer, c: GPUBuffer, M: number, N: number, K: number, transA: boolean, transB: boolean, add = false): Promise<Pass> {
    const dims = this.uniform('Dims', { M, N, K });
    if (this.kernels === 'simple') return this.pass(rowMatmulWgsl(transA, transB, N, WG, add), [a, b, c, dims], this.elementGroups(M));
    // Blocks of 64×64 pay off once both sides of C are large; small outputs keep the 16×16 tiles.
    if (M >= BLOCK && N >= BLOCK) return this.pass(blockedMatmulWgsl({ transA, transB, add }), [a, b, c, dims], [Math.ceil(N / BLOCK), Math.ceil(M / BLOCK)]);
    return this.pass(matmulWgsl({ transA, transB, add }), [a, b, c, dims], [Math.ceil(N / TILE), Math.ceil(M / TILE)]);
  }

  private async build() {
    const { plan, B, T } = this, rows = B * T, c = plan.config, list = weightList(plan);
    const K = plan.layers[plan.layers.length - 1].size;
    const words = Math.ceil(plan.inputs / 32);
    const index = new Map(plan.layers.map((l, i) => [l.id, i]));
    /** A projection's source: the input (−1) or a population, its output buffer and size. */
    const source = (k: number) => {
      const s = list[k].source === plan.inputNode ? -1 : index.get(list[k].source)!;
      return { s, buf: s < 0 ? this.X : this.layers[s].O, n: s < 0 ? plan.inputs : plan.layers[s].size };
    };
    const fwd: Promise<Pass>[] = this.kernels === 'tiled'
      ? [this.pass(unpackWgsl(WG), [this.bits, this.X, this.uniform('Bits', { rows, cols: plan.inputs, words })], this.elementGroups(rows * plan.inputs))]
      : [];
    const bwd: Promise<Pass>[] = [];
    const surrogate = surrogateWgsl(c.surrogate.kind, c.surrogate.beta);
    // Several projections into one buffer (inputs of a population, output gradients of a source with several
    // targets): the first pass in encoding order writes it, the next ones add to it.
    const written = new Set<GPUBuffer>();
    const into = (dst: GPUBuffer) => { const add = written.has(dst); written.add(dst); return add; };
    const shapes = plan.layers.map((l, li) => {
      const rec = l.recurrent ? this.W[list.indexOf(l.recurrent)] : undefined;
      const channels = this.channels[li].map((ch) => ch.decay);
      const shape = { B, T, N: l.size, WG: rec ? Math.min(256, Math.max(32, 2 ** Math.ceil(Math.log2(l.size)))) : WG, recurrent: !!rec, self: l.recurrent?.self ?? true, channels };
      const groups: [number, number] = rec ? [B, 1] : this.elementGroups(B * l.size);
      return { rec, shape, groups, tape: layerTape(plan, l, channels.length > 0) };
    });
    plan.layers.forEach((l, li) => {
      const L = this.layers[li], { rec, shape, groups, tape } = shapes[li];
      for (const w of l.inputs) {
        const k = list.indexOf(w), src = source(k);
        const ch = this.channels[li].findIndex((x) => x.proj.includes(k));
        const dst = ch < 0 ? L.H : L.HC[ch], add = into(dst);
        fwd.push(src.s < 0 && this.kernels === 'simple'
          ? this.pass(bitRowSumWgsl(l.size, WG, add), [this.bits, this.W[k], dst, this.uniform('Bits', { rows, cols: plan.inputs, words })], this.elementGroups(rows))
          : this.matmul(src.buf, this.W[k], dst, rows, l.size, src.n, false, false, add));
      }
      if (rec && !written.has(L.H)) this.clears.push(L.H);
      // The time scans, generated from the population's tape (./wgsl/scan.ts): a thread per (sample, neuron),
      // or with recurrence a workgroup per sample.
      const buffers = { H: L.H, O: L.O, ST: L.ST, counts: L.counts, Wrec: rec, IS: L.IS, LP: L.LP, ...Object.fromEntries(L.HC.map((b, c) => [`HC${c}`, b])) };
      fwd.push(this.pass(scanForwardWgsl(tape, shape), this.scanBuffers(scanBindings(tape, shape, 'forward'), buffers), groups));
    });
    for (let li = plan.layers.length - 1; li >= 0; li--) {
      const l = plan.layers[li], L = this.layers[li], { rec, shape, groups, tape } = shapes[li];
      const reg = li < plan.layers.length - 1 && tape.spiking ? c.spikeRegularizer / B : 0;
      const buffers = { H: L.H, ST: L.ST, GOut: L.GOut, GH: L.GH, Wrec: rec, IS: L.IS, LP: L.LP, GT: L.GT, ...Object.fromEntries(L.GHC.map((b, c) => [`GHC${c}`, b])) };
      bwd.push(this.pass(scanBackwardWgsl(tape, shape, surrogate, reg), this.scanBuffers(scanBindings(tape, shape, 'backward'), buffers), groups));
      // dW = SRCᵀ·GH (per projection, GH of its channel), and the source's output gradient GH·Wᵀ.
      for (const w of l.inputs) {
        const k = list.indexOf(w), src = source(k);
        const ch = this.channels[li].findIndex((x) => x.proj.includes(k));
        const gh = ch < 0 ? L.GH : L.GHC[ch];
        bwd.push(src.s < 0 && this.kernels === 'simple'
          ? this.pass(bitRowSumWgsl(l.size, WG), [this.bitsT, gh, this.G[k], this.uniform('Bits', { rows: src.n, cols: rows, words: Math.ceil(rows / 32) })], this.elementGroups(src.n))
          : this.matmul(src.buf, gh, this.G[k], src.n, l.size, rows, true, false));
        if (src.s >= 0) { const dst = this.layers[src.s].GOut; bwd.push(this.matmul(gh, this.W[k], dst, rows, src.n, l.size, false, true, into(dst))); }
      }
      if (rec && l.recurrent) {
        const k = list.indexOf(l.recurrent);
        bwd.push(this.matmul(L.O, L.GH, this.G[k], l.size, l.size, rows, true, false));
        if (!l.recurrent.self) bwd.push(this.pass(zeroDiagonalWgsl(l.size, WG), [this.G[k]], [Math.ceil(l.size / WG), 1]));
      }
    }
    const last = this.layers[this.layers.length - 1];
    fwd.push(this.pass(lossWgsl(c.loss, reductionOf(c.loss), WG, K), [last.O, this.labels, this.ipd, this.lossOut, this.M, last.GOut, this.uniform('Loss', { T, B, K, invB: 1 / B })], this.elementGroups(B)));
    this.forward = await Promise.all(fwd);
    this.backward = await Promise.all(bwd);
    this.optimizer = await Promise.all(this.W.map((w, k) => (c.optimizer === 'adam'
      ? this.pass(adamWgsl(WG), [w, this.G[k], this.optM[k], this.optV[k], this.optUniforms[k]], this.elementGroups(list[k].pre * list[k].post))
      : this.pass(sgdWgsl(WG), [w, this.G[k], this.optM[k], this.optUniforms[k]], this.elementGroups(list[k].pre * list[k].post)))));
  }

  private upload(batch: BatchData) {
    const { B, T, plan } = this, nIn = plan.inputs, words = Math.ceil(nIn / 32);
    if (batch.B > B) throw new Error(`batch of ${batch.B} is above the configured ${B}`);
    const bits = new Uint32Array(B * T * words);
    for (let r = 0; r < batch.B * T; r++) {
      const src = r * nIn, dst = r * words;
      for (let i = 0; i < nIn; i++) if (batch.x[src + i]) bits[dst + (i >> 5)] |= 1 << (i & 31);
    }
    if (this.kernels === 'simple') {
      const rw = Math.ceil((B * T) / 32), bt = new Uint32Array(nIn * rw);
      for (let r = 0; r < batch.B * T; r++) {
        const src = r * nIn;
        for (let i = 0; i < nIn; i++) if (batch.x[src + i]) bt[i * rw + (r >> 5)] |= 1 << (r & 31);
      }
      this.device.queue.writeBuffer(this.bitsT, 0, bt);
    }
    const labels = new Int32Array(B), ipd = new Float32Array(B);
    labels.set(batch.labels); ipd.set(batch.ipd);
    const q = this.device.queue;
    q.writeBuffer(this.bits, 0, bits); q.writeBuffer(this.labels, 0, labels); q.writeBuffer(this.ipd, 0, ipd);
  }

  private encode(enc: GPUCommandEncoder, passes: Pass[]) {
    const p = enc.beginComputePass();
    for (const x of passes) {
      p.setPipeline(x.pipeline); p.setBindGroup(0, x.bind); p.dispatchWorkgroups(x.groups[0], x.groups[1]);
    }
    p.end();
  }

  /** Copy buffers into one staging buffer, submit, map, and return a copy of the bytes of each. */
  private async submitAndRead(enc: GPUCommandEncoder, reads: { buffer: GPUBuffer; bytes: number }[]): Promise<ArrayBuffer[]> {
    if (this.lost) throw new Error(this.lost);
    const total = reads.reduce((a, r) => a + Math.ceil(r.bytes / 4) * 4, 0);
    const staging = this.device.createBuffer({ size: Math.max(16, total), usage: MAP_READ });
    let off = 0;
    for (const r of reads) { enc.copyBufferToBuffer(r.buffer, 0, staging, off, Math.ceil(r.bytes / 4) * 4); off += Math.ceil(r.bytes / 4) * 4; }
    this.device.pushErrorScope('validation');
    this.device.queue.submit([enc.finish()]);
    const err = await this.device.popErrorScope();
    if (err) throw new Error(`a training kernel failed: ${err.message}`);
    await staging.mapAsync(MAP_MODE_READ);
    const all = staging.getMappedRange();
    off = 0;
    const out = reads.map((r) => { const s = all.slice(off, off + r.bytes); off += Math.ceil(r.bytes / 4) * 4; return s; });
    staging.unmap(); staging.destroy();
    if (this.lost) throw new Error(this.lost);
    return out;
  }

  private async run(batch: BatchData, withBackward: boolean, withUpdate: boolean): Promise<BatchResult> {
    this.upload(batch);
    if (withUpdate) this.writeOptimizerUniforms();
    const enc = this.device.createCommandEncoder();
    for (const l of this.layers) if (l.counts) enc.clearBuffer(l.counts);
    for (const b of this.clears) enc.clearBuffer(b);
    this.encode(enc, [...this.forward, ...(withBackward ? this.backward : []), ...(withUpdate ? this.optimizer : [])]);
    const K = this.plan.layers[this.plan.layers.length - 1].size;
    const spiking = this.layers.map((l, i) => ({ l, i })).filter((x) => x.l.counts);
    const tauReads = withBackward && this.plan.trainTau ? this.layers.map((l, i) => ({ buffer: l.GT!, bytes: this.B * this.plan.layers[i].size * 4 })) : [];
    const got = await this.submitAndRead(enc, [
      { buffer: this.lossOut, bytes: this.B * 4 }, { buffer: this.M, bytes: this.B * K * 4 },
      ...spiking.map((x) => ({ buffer: x.l.counts!, bytes: this.B * 4 })),
      ...tauReads,
    ]);
    if (tauReads.length) {
      // dL/dτ per neuron: the scans' per-(sample, neuron) sums, added over the batch in f64.
      this.tauGrads = this.plan.layers.map((l, i) => {
        const g = new Float64Array(l.size), per = new Float32Array(got[2 + spiking.length + i]);
        for (let b = 0; b < this.B; b++) for (let n = 0; n < l.size; n++) g[n] += per[b * l.size + n];
        return g;
      });
      if (withUpdate) {
        // The CPU backend's update and clamp (../cpu-backend.ts), on the host; the GPU reads the new values next batch.
        const c = this.plan.config, nW = this.W.length;
        optimizerStep(this.tauOpt!, this.tau, this.tauGrads, this.tau.map(() => true), c.lr, c.momentum);
        const all = [...new Array<Float64Array>(nW).fill(new Float64Array(0)), ...this.tau];
        this.tauClamped += clampTaus(this.plan, all);
        this.uploadTau();
      }
    }
    const lossPer = new Float32Array(got[0]), m = new Float32Array(got[1]).slice(0, batch.B * K);
    const spikes = this.plan.layers.map(() => 0);
    spiking.forEach((x, j) => { const c = new Uint32Array(got[2 + j]); for (let b = 0; b < batch.B; b++) spikes[x.i] += c[b]; });
    let loss = 0;
    for (let b = 0; b < batch.B; b++) loss += lossPer[b];
    const hidden = spikes.slice(0, -1).reduce((a, s) => a + s, 0);
    return { loss: loss / batch.B + (this.plan.config.spikeRegularizer * hidden) / batch.B, m, spikes };
  }

  private writeOptimizerUniforms() {
    const c = this.plan.config;
    this.step++;
    weightList(this.plan).forEach((w, k) => {
      // Frozen (non-trainable) matrices get n = 0: the kernel then touches nothing.
      const n = w.trainable ? w.pre * w.post : 0;
      this.device.queue.writeBuffer(this.optUniforms[k], 0, c.optimizer === 'adam'
        ? uniformData('Adam', { n, lr: c.lr, c1: 1 - Math.pow(ADAM.beta1, this.step), c2: 1 - Math.pow(ADAM.beta2, this.step) })
        : uniformData('Sgd', { n, lr: c.lr, momentum: c.momentum }));
    });
  }

  trainStep(batch: BatchData): Promise<BatchResult> {
    if (batch.B !== this.B) throw new Error(`training batches must hold ${this.B} samples, got ${batch.B}`);
    return this.run(batch, true, true);
  }

  evaluate(batch: BatchData): Promise<BatchResult> { return this.run(batch, false, false); }

  /** Loss and gradients without an update (for the tests against the CPU reference). */
  async gradients(batch: BatchData): Promise<{ loss: number; grads: Float32Array[] }> {
    const r = await this.run(batch, true, false);
    const enc = this.device.createCommandEncoder();
    const got = await this.submitAndRead(enc, this.G.map((g, k) => ({ buffer: g, bytes: weightList(this.plan)[k].pre * weightList(this.plan)[k].post * 4 })));
    return { loss: r.loss, grads: [...got.map((ab) => new Float32Array(ab)), ...this.tauGrads.map((g) => Float32Array.from(g))] };
  }

  async getWeights(): Promise<Float64Array[]> {
    const list = weightList(this.plan);
    const got = await this.submitAndRead(this.device.createCommandEncoder(), this.W.map((w, k) => ({ buffer: w, bytes: list[k].pre * list[k].post * 4 })));
    return [...got.map((ab) => Float64Array.from(new Float32Array(ab))), ...this.tau.map((t) => t.slice())];
  }

  async getOptimizerState(): Promise<OptimizerState> {
    const list = weightList(this.plan), c = this.plan.config;
    const st = newOptimizerState(c.optimizer, list.map((w) => w.pre * w.post));
    st.step = this.step;
    const reads = list.flatMap((w, k) => [{ buffer: this.optM[k], bytes: w.pre * w.post * 4 }, ...(c.optimizer === 'adam' ? [{ buffer: this.optV[k], bytes: w.pre * w.post * 4 }] : [])]);
    const got = await this.submitAndRead(this.device.createCommandEncoder(), reads);
    let j = 0;
    list.forEach((_, k) => { st.m[k].set(new Float32Array(got[j++])); if (c.optimizer === 'adam') st.v[k].set(new Float32Array(got[j++])); });
    if (!this.tauOpt) return st;
    return { ...st, m: [...st.m, ...this.tauOpt.m.map((a) => a.slice())], v: [...st.v, ...this.tauOpt.v.map((a) => a.slice())] };
  }

  dispose(): void {
    for (const b of this.owned) b.destroy();
    this.owned.length = 0;
  }
}
