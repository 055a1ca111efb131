// Reading a projection's weights at chosen synapses only (Engine.readWeights(projection, indices)): the index
// check both engines share, the host gather, and the GPU side — one cached gather pipeline per device, the
// index set uploaded once and kept (per projection, the last few distinct sets), and one small mapAsync of
// exactly the gathered bytes instead of a copy of the whole weight buffer.
import { GATHER_WGSL, GATHER_WORKGROUP } from './gather.wgsl';
import { EngineError } from './types';

/** Every index must name a synapse of the projection: else EngineError('unsupported') naming it. */
export function checkGatherIndices(projection: string, indices: Uint32Array, synapses: number): void {
  for (let k = 0; k < indices.length; k++) {
    if (indices[k] >= synapses) {
      throw new EngineError(`readWeights("${projection}"): synapse index ${indices[k]} (entry ${k}) is out of range; the projection has ${synapses} synapses`, 'unsupported');
    }
  }
}

/** w[indices[k]] for every k, in the order given. */
export function gatherOnHost(w: Float32Array, indices: Uint32Array): Float32Array {
  const out = new Float32Array(indices.length);
  for (let k = 0; k < indices.length; k++) out[k] = w[indices[k]];
  return out;
}

const pipelines = new WeakMap<GPUDevice, GPUComputePipeline>();

function gatherPipeline(device: GPUDevice): GPUComputePipeline {
  let pipe = pipelines.get(device);
  if (!pipe) {
    const module = device.createShaderModule({ label: 'gather', code: GATHER_WGSL });
    const layout = device.createBindGroupLayout({
      label: 'gather',
      entries: [
        { binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'read-only-storage' } },
        { binding: 1, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'read-only-storage' } },
        { binding: 2, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } },
      ],
    });
    pipe = device.createComputePipeline({ label: 'gather', layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }), compute: { module, entryPoint: 'main' } });
    pipelines.set(device, pipe);
  }
  return pipe;
}

interface GatherSet { source: GPUBuffer; offset: number; indices: Uint32Array; idx: GPUBuffer; out: GPUBuffer; bindGroup: GPUBindGroup; workgroups: number }

/** Index sets kept per projection (the 3D view reads one; a few more cost a few kB of GPU memory). */
const SETS_PER_KEY = 4;

const sameIndices = (a: Uint32Array, b: Uint32Array) => {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
};

/** One engine's gathers: index and output buffers per (projection, index set), destroyed with the engine. */
export class WeightGather {
  private sets = new Map<string, GatherSet[]>();

  constructor(private readonly device: GPUDevice) {}

  /**
   * source[indices[k]] for every k: one dispatch into a small buffer, one copy of its bytes to a staging buffer,
   * one map. `map` maps the staging buffer (the engine's, so a lost device surfaces as its EngineError).
   * Checked indices only (checkGatherIndices); the source holds f32s from byte `offset` (a multiple of 256: a
   * buffer merged into a pool, ../compiler/schedule.ts).
   */
  async read(key: string, source: GPUBuffer, indices: Uint32Array, map: (b: GPUBuffer) => Promise<void>, offset = 0): Promise<Float32Array> {
    if (indices.length === 0) return new Float32Array(0);
    const d = this.device;
    const set = this.set(key, source, indices, offset);
    const bytes = 4 * indices.length;
    const staging = d.createBuffer({ label: `gather ${key} staging`, size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const enc = d.createCommandEncoder({ label: `gather ${key}` });
    const pass = enc.beginComputePass();
    pass.setPipeline(gatherPipeline(d));
    pass.setBindGroup(0, set.bindGroup);
    pass.dispatchWorkgroups(set.workgroups);
    pass.end();
    enc.copyBufferToBuffer(set.out, 0, staging, 0, bytes);
    d.queue.submit([enc.finish()]);
    try {
      await map(staging);
      return new Float32Array(staging.getMappedRange().slice(0));
    } finally {
      staging.destroy();
    }
  }

  private set(key: string, source: GPUBuffer, indices: Uint32Array, offset: number): GatherSet {
    const list = this.sets.get(key) ?? [];
    this.sets.set(key, list);
    const at = list.findIndex((s) => s.source === source && s.offset === offset && sameIndices(s.indices, indices));
    if (at >= 0) {
      const hit = list[at];
      list.splice(at, 1);
      list.push(hit); // most recently used last
      return hit;
    }
    if (list.length >= SETS_PER_KEY) this.destroy(list.shift()!);
    const d = this.device, bytes = 4 * indices.length;
    const copy = indices.slice();
    const idx = d.createBuffer({ label: `gather ${key} indices`, size: bytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    d.queue.writeBuffer(idx, 0, copy);
    const out = d.createBuffer({ label: `gather ${key} out`, size: bytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    const bindGroup = d.createBindGroup({
      label: `gather ${key}`, layout: gatherPipeline(d).getBindGroupLayout(0),
      entries: [{ binding: 0, resource: { buffer: source, offset } }, { binding: 1, resource: { buffer: idx } }, { binding: 2, resource: { buffer: out } }],
    });
    const workgroups = Math.min(d.limits.maxComputeWorkgroupsPerDimension, Math.ceil(indices.length / GATHER_WORKGROUP));
    const s: GatherSet = { source, offset, indices: copy, idx, out, bindGroup, workgroups };
    list.push(s);
    return s;
  }

  private destroy(s: GatherSet) { s.idx.destroy(); s.out.destroy(); }

  dispose(): void {
    for (const list of this.sets.values()) list.forEach((s) => this.destroy(s));
    this.sets.clear();
  }
}
