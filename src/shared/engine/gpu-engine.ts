// GpuEngine: runs a NetworkIR on any GPUDevice through the compiled Program (../compiler/program.ts):
// structure-of-arrays state buffers, one command buffer per chunk of steps (no per-step submit or readback),
// delay ring buffers with fixed-point atomics, compacted spike records with an overflow counter, and traces
// read back per chunk through mapAsync. Same step order and arithmetic as the CpuEngine (docs/engine.md).
import {
  buildProgram, currentAt, currentWeights, fillInputTable, paramVector, perNeuronColumns, refreshInput, settableError, workgroupsFor,
  type NetworkIR, type Program, type BufferPlan,
} from '../compiler';
import { ctrlBase, CTRL_CHUNK_START, CTRL_DIV, CTRL_DROPPED, CTRL_REC, CTRL_STEP, CTRL_STEPS, ctrlWords } from '../compiler/kernels/common.wgsl';
import { RECORD, RECORD_WORDS, recordBytes, spikeSection } from '../compiler/kernels/spike-buffer.wgsl';
import { scheduleProgram, singleWorkgroupSize, type ScheduleChoice } from '../compiler/schedule';
import { nowMs } from './clock';
import { checkGatherIndices, gatherOnHost, WeightGather } from './gather';
import { EngineError, type Engine, type RunChunk, type RunOptions, type RunSummary } from './types';

export interface GpuEngineOptions {
  /** Steps per command buffer and readback (default: up to 1000, less when input tables would be large). */
  chunkSteps?: number;
  /** Adapter description for results (e.g. from adapter.info). */
  adapter?: string;
  /** Spike record entries per population per chunk (overflow is counted as droppedSpikes). */
  recordCapacity?: number;
  /**
   * Keep the GPU two chunks ahead: each chunk's spike records are snapshotted on the GPU so the next chunk can run
   * before their count is known (default: when all spike records together take ≤ 8 MiB, since the two snapshot
   * regions double that on the GPU). Otherwise the next chunk is submitted once this one's counts are read.
   * Either way only the used records are read back (docs/engine.md, "Readback").
   */
  doubleBuffer?: boolean;
  /** Propagate launch (default 'direct', a fixed grid; 'indirect' sizes it from the spike count each step). */
  propagate?: 'direct' | 'indirect';
  /** Spike propagation per projection: 'auto' (default, the heuristic), 'dense' or 'csr' (ProgramOptions.propagation). */
  propagation?: 'auto' | 'csr' | 'dense';
  /**
   * Kernel launch schedule (../compiler/schedule.ts): 'auto' (default: 'single' for small networks, else
   * 'fused', within the device's limits), or forced 'separate', 'fused' or 'single' (tests, benchmarks).
   */
  schedule?: ScheduleChoice;
  /** Threads of the single-workgroup schedule (default: by adapter, ../compiler/schedule.ts singleWorkgroupSize). */
  singleWorkgroupSize?: number;
  /** Edit the compiled Program before it is scheduled, checked and built (tooling, and tests of error reporting). */
  transformProgram?: (p: Program) => Program;
}

/** Above this many bytes of spike records, no GPU snapshots (they take twice that): the next chunk waits for the counts. */
const DOUBLE_BUFFER_MAX_REC_BYTES = 8 << 20;

/**
 * Up to this many bytes of record capacity in all, each chunk's records are copied whole with its control block
 * (one map per chunk) instead of exactly after it (a second map): copying 256 KiB costs less than a map round
 * trip (SwiftShader: a round trip costs as much as copying another 0.5–1 MiB; docs/benchmarks.md, "Readback: only the used spike records").
 */
export const WHOLE_RECORDS_MAX_BYTES = 256 << 10;

const pipelineCache = new WeakMap<GPUDevice, Map<string, GPUComputePipeline>>();

/** Pick a chunk length: ≤ 1000 steps, input tables ≤ 16 MiB. */
function defaultChunk(ir: NetworkIR): number {
  const tableNeurons = ir.populations.filter((p) => p.input.kind === 'table').reduce((a, p) => a + p.size, 0);
  const traced = ir.monitors.reduce((a, m) => a + m.indices.length, 0);
  const per = Math.max(1, (tableNeurons + traced) * 4);
  return Math.max(1, Math.min(1000, Math.floor((16 << 20) / per)));
}

/** Check the Program against device limits before allocating; EngineError('limits') says what to shrink. */
export function checkLimits(program: Program, ir: NetworkIR, limits: GPUSupportedLimits): void {
  const maxBind = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  for (const b of program.buffers) {
    if (b.bytes > maxBind) {
      const owner = b.name.replace(/^[a-zA-Z]+_/, '');
      const what = /^(post|w|wq|delay|dly|rowptr|colsyn|colpre)_/.test(b.name)
        ? `projection "${owner}" has too many synapses: lower its connection probability/in-degree or the population sizes`
        : /^ring_/.test(b.name) ? `population "${owner}" × the largest delay (${ir.maxDelay} steps) is too large: shorten delays or shrink the population`
          : /^(tab|trace|rec)_/.test(b.name) ? `the per-chunk buffer is too large: use fewer steps per chunk or record fewer neurons`
            : `population "${owner}" is too large: shrink it`;
      throw new EngineError(`network beyond device limits: buffer ${b.name} needs ${fmtBytes(b.bytes)} but this device allows ${fmtBytes(maxBind)} per buffer; ${what}`, 'limits', { kernel: b.name });
    }
  }
  for (const k of program.kernels) {
    if (k.bindings.length > limits.maxStorageBuffersPerShaderStage) {
      throw new EngineError(`kernel ${k.name} needs ${k.bindings.length} storage buffers but this device allows ${limits.maxStorageBuffersPerShaderStage}`, 'limits', { kernel: k.name });
    }
  }
  for (const p of program.pools) {
    if (p.bytes > maxBind) throw new EngineError(`network beyond device limits: merged buffer ${p.name} needs ${fmtBytes(p.bytes)} but this device allows ${fmtBytes(maxBind)} per buffer; shrink the network`, 'limits', { kernel: p.name });
  }
  for (const d of program.step) {
    if ('threads' in d) {
      const [, y] = workgroupsFor(d.threads, limits.maxComputeWorkgroupsPerDimension);
      if (y > limits.maxComputeWorkgroupsPerDimension) throw new EngineError(`kernel ${d.kernel}: ${d.threads} threads exceed the device's dispatch limits; shrink the population`, 'limits', { kernel: d.kernel });
    }
  }
}

const pickLimits = (l: GPUSupportedLimits) => ({
  maxStorageBuffersPerShaderStage: l.maxStorageBuffersPerShaderStage, maxStorageBufferBindingSize: l.maxStorageBufferBindingSize, maxBufferSize: l.maxBufferSize,
});

const fmtBytes = (b: number) => (b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(2)} GiB` : `${(b / 2 ** 20).toFixed(1)} MiB`);

export class GpuEngine implements Engine {
  readonly backend = 'gpu' as const;
  private n = 0;
  /** Buffers by Program name; a pooled buffer maps to its pool, at offsets.get(name) bytes. */
  private buffers = new Map<string, GPUBuffer>();
  private offsets = new Map<string, number>();
  private pipelines = new Map<string, GPUComputePipeline>();
  private bindGroups = new Map<string, GPUBindGroup>();
  private lost: GPUDeviceLostInfo | null = null;
  private disposed = false;
  /** Spiking populations in IR order: the order of their records in every readback and snapshot region. */
  private readonly spiking: NetworkIR['populations'];
  /** Double-buffered: two regions, each with every spiking population's record capacity (chunks alternate). */
  private snapshot: { buffer: GPUBuffer; regionBytes: number; offsets: number[] } | null = null;
  /** Chunks submitted since creation: its parity picks the snapshot region. */
  private chunkSeq = 0;
  /** 'whole': the record capacity is read with the control block; 'used': exactly the used records, after it. */
  readonly recordRead: 'whole' | 'used';

  private constructor(readonly device: GPUDevice, readonly ir: NetworkIR, readonly program: Program, readonly adapter: string, readonly doubleBuffer: boolean) {
    void device.lost.then((info) => { this.lost = info; });
    this.spiking = ir.populations.filter((p) => p.spiking);
    this.recordRead = this.spiking.reduce((a, p) => a + recordBytes(program.recCap[p.id]), 0) <= WHOLE_RECORDS_MAX_BYTES ? 'whole' : 'used';
  }

  static async create(device: GPUDevice, ir: NetworkIR, opts: GpuEngineOptions = {}): Promise<GpuEngine> {
    let program = buildProgram(ir, { chunkSteps: opts.chunkSteps ?? defaultChunk(ir), recordCapacity: opts.recordCapacity, propagate: opts.propagate, propagation: opts.propagation });
    if (opts.transformProgram) program = opts.transformProgram(program);
    const limits = { ...pickLimits(device.limits), singleWorkgroupSize: opts.singleWorkgroupSize ?? singleWorkgroupSize(device.adapterInfo) };
    program = scheduleProgram(program, ir, opts.schedule ?? 'auto', limits);
    checkLimits(program, ir, device.limits);
    const recBytes = Object.values(program.recCap).reduce((a, c) => a + recordBytes(c), 0);
    const e = new GpuEngine(device, ir, program, opts.adapter ?? 'WebGPU device', opts.doubleBuffer ?? recBytes <= DOUBLE_BUFFER_MAX_REC_BYTES);
    await e.init();
    return e;
  }

  get step() { return this.n; }

  private async init() {
    const d = this.device;
    d.pushErrorScope('out-of-memory');
    d.pushErrorScope('validation');
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
    for (const p of this.program.pools) this.buffers.set(p.name, d.createBuffer({ label: p.name, size: align4(p.bytes), usage }));
    for (const b of this.program.buffers) {
      if (b.pool) {
        this.buffers.set(b.name, this.buffers.get(b.pool)!);
        this.offsets.set(b.name, b.offset ?? 0);
      } else this.buffers.set(b.name, d.createBuffer({ label: b.name, size: align4(b.bytes), usage: usage | (b.indirect ? GPUBufferUsage.INDIRECT : 0) }));
    }
    if (this.doubleBuffer && this.recordRead === 'used') {
      const offsets: number[] = [];
      const regionBytes = this.spiking.reduce((o, p) => { offsets.push(o); return o + recordBytes(this.program.recCap[p.id]); }, 0);
      this.snapshot = { buffer: d.createBuffer({ label: 'record snapshots', size: Math.max(4, 2 * regionBytes), usage: GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST }), regionBytes, offsets };
    }
    const v = await d.popErrorScope();
    const oom = await d.popErrorScope();
    if (oom) throw new EngineError(`out of GPU memory allocating the network's buffers: ${oom.message}; shrink the network`, 'limits');
    if (v) throw new EngineError(`creating buffers failed: ${v.message}`, 'validation');
    this.writeInitial();
    let cache = pipelineCache.get(d);
    if (!cache) { cache = new Map(); pipelineCache.set(d, cache); }
    for (const k of this.program.kernels) {
      let pipe = cache.get(k.code);
      if (!pipe) {
        d.pushErrorScope('validation');
        const module = d.createShaderModule({ label: k.name, code: k.code });
        // Explicit layouts from the WGSL declarations: 'auto' would drop bindings a kernel happens not to use.
        const entries: GPUBindGroupLayoutEntry[] = [...k.code.matchAll(/@binding\((\d+)\) var<storage, (read|read_write)>/g)].map((m) => ({
          binding: Number(m[1]), visibility: GPUShaderStage.COMPUTE, buffer: { type: m[2] === 'read' ? 'read-only-storage' : 'storage' },
        }));
        const layout = d.createPipelineLayout({ bindGroupLayouts: [d.createBindGroupLayout({ label: k.name, entries })] });
        pipe = d.createComputePipeline({ label: k.name, layout, compute: { module, entryPoint: 'main' } });
        const err = await d.popErrorScope();
        if (err) {
          const info = await module.getCompilationInfo();
          const msgs = info.messages.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`).join('; ');
          throw new EngineError(`kernel ${k.name} failed to compile: ${msgs || err.message}`, 'shader', { kernel: k.name });
        }
        cache.set(k.code, pipe);
      }
      this.pipelines.set(k.name, pipe);
      d.pushErrorScope('validation');
      this.bindGroups.set(k.name, d.createBindGroup({
        label: k.name, layout: pipe.getBindGroupLayout(0),
        entries: k.bindings.map((name, binding) => ({ binding, resource: { buffer: this.buffers.get(name)! } })),
      }));
      const err = await d.popErrorScope();
      if (err) throw new EngineError(`kernel ${k.name}: binding its buffers failed: ${err.message}`, 'validation', { kernel: k.name });
    }
  }

  private writeInitial() {
    for (const b of this.program.buffers) this.writeInit(b);
  }

  private writeInit(b: BufferPlan) {
    const buf = this.buffers.get(b.name)!, at = this.at(b.name);
    const init = b.init?.();
    if (init && init.byteLength) this.device.queue.writeBuffer(buf, at, init.buffer, init.byteOffset, align4(init.byteLength));
    else this.device.queue.writeBuffer(buf, at, new Uint8Array(align4(b.bytes)));
  }

  /** Byte offset of a Program buffer in its GPUBuffer (non-zero only when it is pooled). */
  private at(name: string): number {
    return this.offsets.get(name) ?? 0;
  }

  reset(): void {
    this.n = 0;
    this.writeInitial();
  }

  setParam(population: string, param: string, value: number): void {
    const pop = this.ir.populations.find((p) => p.id === population);
    const err = settableError(pop, population, param, value);
    if (err || !pop) throw new EngineError(err ?? `no population "${population}"`, 'unsupported');
    pop.params[param] = value;
    const pv = paramVector(pop, this.ir.dtMs);
    this.device.queue.writeBuffer(this.buffers.get(`P_${pop.id}`)!, this.at(`P_${pop.id}`), pv.values as Float32Array<ArrayBuffer>);
    // A derived per-neuron constant may also read the edited (uniform) param.
    const pn = this.buffers.get(`PN_${pop.id}`);
    if (pn) this.device.queue.writeBuffer(pn, this.at(`PN_${pop.id}`), perNeuronColumns(pop, this.ir.dtMs).values as Float32Array<ArrayBuffer>);
    if (param === 'rate_hz' && refreshInput(pop, this.ir.dtMs) && pop.input.kind === 'const') {
      this.device.queue.writeBuffer(this.buffers.get(`aux_${pop.id}`)!, this.at(`aux_${pop.id}`), pop.input.prob as Float32Array<ArrayBuffer>);
    }
  }

  private async readBuffer(name: string, offset: number, bytes: number): Promise<ArrayBuffer> {
    const staging = this.device.createBuffer({ size: align4(Math.max(4, bytes)), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const enc = this.device.createCommandEncoder();
    if (bytes > 0) enc.copyBufferToBuffer(this.buffers.get(name)!, this.at(name) + offset, staging, 0, align4(bytes));
    this.device.queue.submit([enc.finish()]);
    await this.map(staging);
    const out = staging.getMappedRange().slice(0, bytes);
    staging.destroy();
    return out;
  }

  private async map(b: GPUBuffer) {
    try {
      await b.mapAsync(GPUMapMode.READ);
    } catch (e) {
      if (this.lost) throw new EngineError(`GPU device lost: ${this.lost.message || this.lost.reason}`, 'device-lost');
      throw new EngineError(`reading results back from the GPU failed: ${(e as Error).message}`, 'device-lost');
    }
  }

  async readState(population: string, variable: string): Promise<Float32Array> {
    const pop = this.ir.populations.find((p) => p.id === population);
    const q = pop ? pop.stateVars.indexOf(variable) : -1;
    if (!pop || q < 0) throw new EngineError(`no state variable "${variable}" on "${population}"`, 'unsupported');
    return new Float32Array(await this.readBuffer(`S_${pop.id}`, 4 * q * pop.size, 4 * pop.size));
  }

  /** Whole weight buffer, or with `indices` only those synapses: gathered on the GPU, one small map (./gather.ts). */
  async readWeights(projection: string, indices?: Uint32Array): Promise<Float32Array> {
    const pj = this.ir.projections.find((p) => p.id === projection);
    if (!pj) throw new EngineError(`no projection "${projection}"`, 'unsupported');
    if (indices) checkGatherIndices(projection, indices, pj.weight.length);
    if (pj.synapse === 'current') return indices ? gatherOnHost(pj.weight, indices) : pj.weight.slice();
    if (indices) {
      this.gather ??= new WeightGather(this.device);
      return this.gather.read(pj.id, this.buffers.get(`w_${pj.id}`)!, indices, (b) => this.map(b), this.at(`w_${pj.id}`));
    }
    return new Float32Array(await this.readBuffer(`w_${pj.id}`, 0, pj.weight.byteLength));
  }
  private gather: WeightGather | null = null;

  /** Spikes per neuron since reset (kept on the GPU, never lossy). */
  async spikeCounts(population: string): Promise<Uint32Array> {
    const pop = this.ir.populations.find((p) => p.id === population)!;
    const { offset, bytes } = spikeSection('count', pop.size);
    return new Uint32Array(await this.readBuffer(`spk_${pop.id}`, offset, bytes));
  }

  /**
   * One of the engine's GPU buffers by its Program name (`spk_<pop>`, `rec_<pop>`, `S_<pop>`, `ctrl`, …), for
   * renderers sharing the engine's device (the 3D view's shared-device path, src/renderer/view3d/gpu-spikes.ts).
   * Read-only use: writing it changes the simulation. Undefined for unknown names, after dispose(), and for a
   * buffer merged into a pool (Program.pools; the spike buffers are pooled only on devices with very few
   * storage-buffer bindings).
   */
  buffer(name: string): GPUBuffer | undefined {
    return this.offsets.has(name) ? undefined : this.buffers.get(name);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.gather?.dispose();
    for (const b of new Set(this.buffers.values())) b.destroy();
    this.snapshot?.buffer.destroy();
    this.buffers.clear();
    this.offsets.clear();
  }

  /**
   * Bytes run() has copied per chunk, since the engine was created: `readback` into mappable staging buffers
   * (the control block, the traces, exactly the used spike records — the whole capacity when recordRead is
   * 'whole'), `snapshot` GPU-to-GPU (each chunk's whole
   * record capacity, double-buffered only), and the chunks read. Real counts of the copies encoded (tests and
   * bench/engine/probe.mts read them; docs/engine.md, "Readback").
   */
  readonly copied = { chunks: 0, readback: 0, snapshot: 0 };

  async run(opts: RunOptions): Promise<RunSummary> {
    const t0 = nowMs();
    const chunk = Math.min(this.program.chunkSteps, Math.max(1, opts.chunkSteps ?? this.program.chunkSteps));
    // Each chunk is read in two phases: its control block and traces (which give the record counts), then exactly
    // its used records (small record capacities come whole with the control block: recordRead 'whole'). Chunks
    // submitted and not yet read: double-buffered, up to two — the next chunk is queued before this one's counts
    // are known (its records are safe in a snapshot region, one per chunk parity), and the one after it before
    // this one's records are awaited, since that copy waits in the queue behind the next chunk; otherwise one —
    // the next chunk is queued after this chunk's record copy, which reads rec_ itself. Queue order keeps it exact
    // either way: a chunk's copies run before later chunks' writes and kernels (docs/engine.md, "Readback").
    const ahead = this.doubleBuffer ? 2 : 1;
    const pending: Submitted[] = [];
    let submitted = 0, done = 0, dropped = 0, reading: ControlRead | null = null;
    const submitMore = () => {
      while (pending.length < ahead && submitted < opts.steps && !opts.signal?.aborted) {
        if (this.lost) throw new EngineError(`GPU device lost: ${this.lost.message || this.lost.reason}`, 'device-lost');
        const k = Math.min(chunk, opts.steps - submitted);
        pending.push(this.submitChunk(k));
        submitted += k;
      }
    };
    try {
      submitMore();
      for (let sub = pending.shift(); sub; sub = pending.shift()) {
        reading = await this.readControl(sub);
        submitMore();
        const r = await this.readRecords(reading);
        reading = null;
        dropped += r.dropped;
        done += sub.k;
        opts.onChunk?.(r.chunk);
      }
    } catch (e) {
      // A failure (divergence, an onChunk error) can leave chunks submitted with their staging buffers unmapped:
      // let the queue finish and free them before the caller tears down — exiting while Dawn still ran that work
      // crashed the process (exit 139) after the right message (docs/engine.md, "Errors").
      await this.settle(pending, reading?.staging ?? null);
      throw e;
    }
    return { backend: 'gpu', adapter: this.adapter, stepsRun: done, stopped: done < opts.steps, wallMs: nowMs() - t0, droppedSpikes: dropped };
  }

  /** Wait for submitted work to finish and free chunks that will never be read; never throws. */
  private async settle(pending: Submitted[], records: GPUBuffer | null): Promise<void> {
    try {
      for (const p of pending) void p.error.catch(() => null);
      await this.device.queue.onSubmittedWorkDone();
    } catch { /* a lost device has no work left to wait for */ }
    for (const p of pending) p.staging.destroy();
    records?.destroy();
  }

  /** Encode and submit k steps plus the copies of their control block and traces (and, double-buffered, the record snapshot). */
  private submitChunk(k: number): Submitted {
    const d = this.device, ir = this.ir, start = this.n, q = d.queue;
    const ctrl = new Uint32Array(ctrlWords(ir.populations.length));
    ctrl[CTRL_STEP] = start; ctrl[CTRL_CHUNK_START] = start; ctrl[CTRL_STEPS] = k;
    ir.populations.forEach((p) => { ctrl[ctrlBase(p.index) + CTRL_DIV] = 0xffffffff; });
    q.writeBuffer(this.buffers.get('ctrl')!, 0, ctrl);
    for (const pop of ir.populations) {
      if (pop.input.kind === 'table') {
        const tab = new Float32Array(k * pop.size);
        fillInputTable(ir, pop, start, k, tab);
        q.writeBuffer(this.buffers.get(`tab_${pop.id}`)!, this.at(`tab_${pop.id}`), tab);
      }
      if (pop.kind === 'neuron') {
        const cw = currentWeights(pop, ir.projections);
        if (cw.projections.length) {
          const cur = new Float32Array(cw.projections.length * this.program.chunkSteps);
          cw.projections.forEach((cp, j) => {
            for (let s = 0; s < k; s++) cur[j * this.program.chunkSteps + s] = currentAt(ir.populations[cp.source], start + s, ir.dtMs);
          });
          q.writeBuffer(this.buffers.get(`cur_${pop.id}`)!, this.at(`cur_${pop.id}`), cur);
        }
      }
    }
    d.pushErrorScope('validation');
    const enc = d.createCommandEncoder({ label: `chunk ${start}` });
    const pass = enc.beginComputePass();
    const maxDim = d.limits.maxComputeWorkgroupsPerDimension;
    const plan = this.program.step.map((s) => ({
      pipe: this.pipelines.get(s.kernel)!, bg: this.bindGroups.get(s.kernel)!,
      wg: 'threads' in s ? workgroupsFor(s.threads, maxDim) : 'workgroups' in s ? s.workgroups : null, indirect: 'indirect' in s ? s.indirect : -1,
    }));
    const args = this.buffers.get('args');
    // The single-workgroup schedule loops over the chunk's steps itself (ctrl[CTRL_STEPS] = k).
    for (let s = 0; s < (this.program.schedule === 'single' ? 1 : k); s++) {
      for (const p of plan) {
        pass.setPipeline(p.pipe);
        pass.setBindGroup(0, p.bg);
        if (p.wg) pass.dispatchWorkgroups(p.wg[0], p.wg[1]);
        else pass.dispatchWorkgroupsIndirect(args!, 12 * p.indirect);
      }
    }
    pass.end();
    // Read back now: the control block and the traces. The spike records only once their counts are known
    // (readControl); double-buffered, the next chunk may overwrite rec_ before then, so the record capacity is
    // first copied GPU-to-GPU into this chunk's snapshot region.
    const mons = ir.monitors.filter((m) => m.kind === 'state');
    let off = align4(ctrl.byteLength);
    const traceOff = mons.map((m) => { const o = off; off += this.traceBytes(m); return o; });
    const whole = this.recordRead === 'whole';
    const recOff = whole ? this.spiking.map((p) => { const o = off; off += recordBytes(this.program.recCap[p.id]); return o; }) : [];
    const staging = d.createBuffer({ size: Math.max(4, off), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    enc.copyBufferToBuffer(this.buffers.get('ctrl')!, 0, staging, 0, align4(ctrl.byteLength));
    mons.forEach((m, j) => enc.copyBufferToBuffer(this.buffers.get(`trace_${m.id}`)!, this.at(`trace_${m.id}`), staging, traceOff[j], this.traceBytes(m)));
    this.spiking.forEach((p, j) => {
      const bytes = recordBytes(this.program.recCap[p.id]);
      if (whole && bytes) enc.copyBufferToBuffer(this.buffers.get(`rec_${p.id}`)!, this.at(`rec_${p.id}`), staging, recOff[j], bytes);
    });
    this.copied.readback += off;
    const region = this.chunkSeq++ % 2;
    if (this.snapshot) {
      this.spiking.forEach((p, j) => {
        const bytes = recordBytes(this.program.recCap[p.id]);
        if (bytes) enc.copyBufferToBuffer(this.buffers.get(`rec_${p.id}`)!, this.at(`rec_${p.id}`), this.snapshot!.buffer, this.snapshotAt(region, j), bytes);
        this.copied.snapshot += bytes;
      });
    }
    q.submit([enc.finish()]);
    const error = d.popErrorScope();
    this.n += k;
    this.copied.chunks++;
    return { k, start, staging, ctrlBytes: ctrl.byteLength, mons, traceOff, recOff, region, error };
  }

  /** Bytes of a state monitor's trace buffer: one row of chunkSteps f32 values per recorded neuron. */
  private traceBytes(m: NetworkIR['monitors'][number]): number {
    return align4(4 * m.indices.length * this.program.chunkSteps);
  }

  /** Byte offset of spiking population j's records in snapshot region `region` (0 or 1). */
  private snapshotAt(region: number, j: number): number {
    return region * this.snapshot!.regionBytes + this.snapshot!.offsets[j];
  }

  /**
   * Phase 1 of reading a chunk: map its control block and traces (decoded through views, no copy of the mapped
   * range; with recordRead 'whole' the spike records too), check divergence, and queue the copy of exactly the
   * used spike records into a staging buffer of their size — from the chunk's snapshot region when
   * double-buffered, else from rec_ itself (nothing queued after this chunk yet).
   */
  private async readControl(sub: Submitted): Promise<ControlRead> {
    const d = this.device, ir = this.ir, { k, start, staging, ctrlBytes, mons, traceOff } = sub;
    const verr = await sub.error;
    if (verr) { staging.destroy(); throw new EngineError(`running the network failed: ${verr.message}`, 'validation'); }
    await this.map(staging);
    const got = staging.getMappedRange();
    const c = new Uint32Array(got, 0, ctrlBytes / 4).slice();
    const counts = this.spiking.map((p) => Math.min(c[ctrlBase(p.index) + CTRL_REC], this.program.recCap[p.id]));
    const chunk: RunChunk = { stepStart: start, stepEnd: start + k, spikes: {}, traces: {} };
    const cs = this.program.chunkSteps;
    mons.forEach((m, j) => {
      const all = new Float32Array(got, traceOff[j], m.indices.length * cs);
      const values = new Float32Array(m.indices.length * k);
      for (let r = 0; r < m.indices.length; r++) values.set(all.subarray(r * cs, r * cs + k), r * k);
      chunk.traces[m.id] = { population: ir.populations[m.population].id, variable: m.variable, indices: m.indices, values };
    });
    if (this.recordRead === 'whole') this.decodeSpikes(chunk, got, sub.recOff, counts);
    staging.unmap();
    staging.destroy();

    for (const pop of ir.populations) {
      const code = c[ctrlBase(pop.index) + CTRL_DIV];
      if (code !== 0xffffffff) {
        const step = code >>> 4, variable = pop.stateVars[code & 15] ?? '?';
        throw new EngineError(`divergence: ${pop.id}.${variable} became NaN or infinite at step ${step} (t = ${(step * ir.dtMs).toFixed(4)} ms); reduce dt or the weights`,
          'divergence', { population: pop.id, variable, step });
      }
    }
    let dropped = 0;
    this.spiking.forEach((p) => { dropped += c[ctrlBase(p.index) + CTRL_DROPPED]; });
    const recOff: number[] = [];
    const total = counts.reduce((a, n) => { recOff.push(recordBytes(a)); return a + n; }, 0);
    if (this.recordRead === 'whole' || total === 0) {
      if (total === 0) this.decodeSpikes(chunk, null, recOff, counts);
      return { chunk, dropped, counts, recOff, staging: null };
    }
    const st = d.createBuffer({ size: recordBytes(total), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const enc = d.createCommandEncoder({ label: `records ${start}` });
    this.spiking.forEach((p, j) => {
      if (!counts[j]) return;
      const [src, at] = this.snapshot ? [this.snapshot.buffer, this.snapshotAt(sub.region, j)] : [this.buffers.get(`rec_${p.id}`)!, this.at(`rec_${p.id}`)];
      enc.copyBufferToBuffer(src, at, st, recOff[j], recordBytes(counts[j]));
    });
    d.queue.submit([enc.finish()]);
    this.copied.readback += recordBytes(total);
    return { chunk, dropped, counts, recOff, staging: st };
  }

  /** Phase 2: map the used records and sort them per population, straight from the mapped range. */
  private async readRecords(r: ControlRead): Promise<{ chunk: RunChunk; dropped: number }> {
    const { chunk, counts, recOff, staging } = r;
    if (staging) {
      await this.map(staging);
      this.decodeSpikes(chunk, staging.getMappedRange(), recOff, counts);
      staging.unmap();
      staging.destroy();
    }
    return { chunk, dropped: r.dropped };
  }

  /** Each spiking population's `counts[j]` records at byte `recOff[j]` of `recs` → chunk.spikes, sorted (views, no copy). */
  private decodeSpikes(chunk: RunChunk, recs: ArrayBuffer | null, recOff: number[], counts: number[]) {
    this.spiking.forEach((p, j) => {
      const pairs = recs && counts[j] ? new Uint32Array(recs, recOff[j], RECORD_WORDS * counts[j]) : new Uint32Array(0);
      chunk.spikes[p.id] = sortSpikes(pairs, p.size, chunk.stepStart, chunk.stepEnd - chunk.stepStart);
    });
  }
}

interface Submitted {
  k: number; start: number; staging: GPUBuffer; ctrlBytes: number; mons: NetworkIR['monitors'];
  traceOff: number[]; recOff: number[]; region: number; error: Promise<GPUError | null>;
}

/** A chunk after phase 1: traces decoded; the used records' copy queued into `staging`, or (null) spikes decoded too. */
interface ControlRead {
  chunk: RunChunk; dropped: number; counts: number[]; recOff: number[]; staging: GPUBuffer | null;
}

/**
 * Spike records in GPU order (RECORD_WORDS words each: the neuron, the step) → parallel arrays sorted by step,
 * then index. Two stable counting passes
 * (by index, then by step relative to the chunk's first step): O(n + size + steps), no comparison sort, since
 * a chunk can hold millions of spikes (the comparison sort took tens of ms per chunk at 44k neurons).
 */
export function sortSpikes(records: Uint32Array, size: number, stepStart: number, steps: number) {
  const n = records.length / RECORD_WORDS;
  const neuron = (k: number) => records[RECORD_WORDS * k + RECORD.neuron], stepOf = (k: number) => records[RECORD_WORDS * k + RECORD.step];
  const index = new Uint32Array(n), step = new Uint32Array(n);
  if (n === 0) return { index, step };
  const byIndex = new Uint32Array(n);
  const ci = new Uint32Array(size + 1);
  for (let k = 0; k < n; k++) ci[neuron(k) + 1]++;
  for (let i = 0; i < size; i++) ci[i + 1] += ci[i];
  for (let k = 0; k < n; k++) byIndex[ci[neuron(k)]++] = k;
  const cs = new Uint32Array(steps + 1);
  for (let k = 0; k < n; k++) cs[stepOf(k) - stepStart + 1]++;
  for (let s = 0; s < steps; s++) cs[s + 1] += cs[s];
  for (let r = 0; r < n; r++) {
    const k = byIndex[r], at = cs[stepOf(k) - stepStart]++;
    index[at] = neuron(k); step[at] = stepOf(k);
  }
  return { index, step };
}

const align4 = (n: number) => Math.ceil(n / 4) * 4;

export function createGpuEngine(device: GPUDevice, ir: NetworkIR, opts?: GpuEngineOptions): Promise<GpuEngine> {
  return GpuEngine.create(device, ir, opts);
}
