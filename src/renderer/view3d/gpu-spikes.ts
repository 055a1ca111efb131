// The shared-device spike transport of the 3D view ("path B", docs/view3d.md "Spike transport"): when three's
// WebGPURenderer draws on the engine's own GPUDevice, somas are lit straight from the engine's GPU buffers with
// no GPU→CPU copy. Per frame one small compute pass compares each neuron's spike count since reset (the count
// section of the engine's `spk_<pop>` buffer, layout in src/shared/compiler/kernels/spike-buffer.wgsl.ts) with the
// count it saw last time and, where it grew, writes the engine's newest step into a last-spike buffer; the soma
// material reads that buffer (a three StorageBufferAttribute) and computes the flash exp(−(now − last)·dt/τ) in
// the vertex shader. Queue order makes it exact to the frame: the pass is submitted after the engine's chunk,
// so it sees every spike of the steps submitted so far; a neuron's "last" is the newest step of the frame in
// which it last spiked (not its exact step: the engine keeps counts, not steps, per neuron).
// Also the WebGPU soma billboards both transports draw with (the streamed path feeds them a CPU-written intensity).
// Measured against the streamed path in docs/benchmarks.md ("Spike transport"); not used by the app yet.
// eslint-disable-next-line no-restricted-imports -- three's WebGPU build; the rule's 'webgpu' pattern is meant for Node's Dawn package
import * as THREE from 'three/webgpu';
import { attribute, cameraProjectionMatrix, exp, float, mix, modelViewMatrix, positionGeometry, step, storage, uniform, varying, vec2, vec3, vec4 } from 'three/tsl';
import type { StructDefinition } from 'webgpu-utils/dist/1.x/webgpu-utils.module.js';
import { spikeIndexWgsl } from '../../shared/compiler/kernels/spike-buffer.wgsl';
import { packStruct, structDefinitions } from '../../shared/wgsl-struct';
import { FLASH, type RGB } from './colors';

/** What the scatter needs from the engine: its newest submitted step and its buffers (GpuEngine.buffer). */
export interface EngineBuffers {
  readonly step: number;
  buffer(name: string): GPUBuffer | undefined;
}

const WG = 64;
/** The scatter's parameters, declared once: the host writes them through a view derived from this text. */
const SCATTER_STRUCT = /* wgsl */ `struct Scatter {
  /** The population's size (the spike buffer's layout). */
  size: u32,
  /** The step to write as a neuron's last spike. */
  step: u32,
  /** How many of its neurons are drawn. */
  drawn: u32,
}`;
const SCATTER_WGSL = /* wgsl */ `
// bindings: 0 spk_<pop> (engine, read; its count section), 1 seen counts (rw), 2 last-spike step (rw, f32), 3 Scatter
${SCATTER_STRUCT}
@group(0) @binding(0) var<storage, read> spk: array<u32>;
@group(0) @binding(1) var<storage, read_write> seen: array<u32>;
@group(0) @binding(2) var<storage, read_write> last: array<f32>;
@group(0) @binding(3) var<uniform> u: Scatter;
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  if (i >= u.drawn) { return; }
  let c = spk[${spikeIndexWgsl('count', 'u.size', 'i')}];
  if (c != seen[i]) {
    seen[i] = c;
    last[i] = f32(u.step);
  }
}`;

interface Target { id: string; size: number; drawn: number; seen: GPUBuffer; uniforms: GPUBuffer; bind: GPUBindGroup }

/** Initial last-spike value: far enough in the past that every flash is 0. */
export const NEVER = -1e9;

/**
 * Keeps per-neuron last-spike steps on the GPU, from the engine's spike counts. `last` are GPU buffers of
 * `drawn` f32 each (from `gpuBufferOf` on the soma material's attribute), on the engine's device.
 */
export class SpikeScatter {
  private targets: Target[] = [];
  private pipeline: GPUComputePipeline;
  private scattered = -1;
  /** Scatter's layout (webgpu-utils' reflection: it reads the GPUShaderStage global, present once WebGPU is). */
  private readonly params: StructDefinition = structDefinitions(SCATTER_STRUCT).Scatter;

  constructor(readonly device: GPUDevice, readonly engine: EngineBuffers, pops: { id: string; size: number; drawn: number; last: GPUBuffer }[]) {
    const module = device.createShaderModule({ label: 'view3d scatter', code: SCATTER_WGSL });
    this.pipeline = device.createComputePipeline({ label: 'view3d scatter', layout: 'auto', compute: { module, entryPoint: 'main' } });
    for (const p of pops) {
      const spk = engine.buffer(`spk_${p.id}`);
      if (!spk) throw new Error(`the engine has no spike buffer for "${p.id}"`);
      const seen = device.createBuffer({ label: `view3d seen ${p.id}`, size: 4 * Math.max(1, p.drawn), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
      const uniforms = device.createBuffer({ label: `view3d u ${p.id}`, size: Math.max(16, this.params.size), usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
      const bind = device.createBindGroup({
        layout: this.pipeline.getBindGroupLayout(0),
        entries: [spk, seen, p.last, uniforms].map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
      this.targets.push({ id: p.id, size: p.size, drawn: p.drawn, seen, uniforms, bind });
    }
  }

  /**
   * Marks neurons whose count grew with the engine's newest step (engine.step − 1). Call after engine.run()
   * has been called (its chunk is submitted synchronously); does nothing when the engine has not moved.
   */
  update(): void {
    const step = this.engine.step - 1;
    if (step === this.scattered || step < 0) return;
    this.scattered = step;
    const q = this.device.queue;
    const enc = this.device.createCommandEncoder({ label: 'view3d scatter' });
    const pass = enc.beginComputePass();
    pass.setPipeline(this.pipeline);
    for (const t of this.targets) {
      q.writeBuffer(t.uniforms, 0, packStruct(this.params, { size: t.size, step, drawn: t.drawn }));
      pass.setBindGroup(0, t.bind);
      pass.dispatchWorkgroups(Math.ceil(t.drawn / WG));
    }
    pass.end();
    q.submit([enc.finish()]);
  }

  /** After engine.reset(): counts start again from 0, and nothing has spiked. */
  reset(last: GPUBuffer[]): void {
    this.scattered = -1;
    for (const t of this.targets) this.device.queue.writeBuffer(t.seen, 0, new Uint32Array(t.drawn));
    for (const b of last) this.device.queue.writeBuffer(b, 0, new Float32Array(b.size / 4).fill(NEVER));
  }

  dispose(): void {
    for (const t of this.targets) { t.seen.destroy(); t.uniforms.destroy(); }
    this.targets = [];
  }
}

/** Per-neuron last-spike steps for a soma material (f32, NEVER at first). */
export function lastSpikeAttribute(drawn: number): THREE.StorageBufferAttribute {
  return new THREE.StorageBufferAttribute(new Float32Array(Math.max(1, drawn)).fill(NEVER), 1);
}

/**
 * The GPUBuffer three created for a storage attribute (after the first render that uses it). three has no
 * public accessor; this reads its backend's resource map, the same one its WebGPUAttributeUtils uses.
 */
export function gpuBufferOf(renderer: THREE.WebGPURenderer, attr: THREE.BufferAttribute): GPUBuffer | undefined {
  const backend = renderer.backend as unknown as { get(o: object): { buffer?: GPUBuffer } | undefined };
  return backend.get(attr)?.buffer;
}

/** A per-soma float read from a storage attribute (`drawn` entries), indexed by the soma node. */
export function perSoma(values: THREE.StorageBufferAttribute, drawn: number) {
  const buf = storage(values, 'float', Math.max(1, drawn)).toReadOnly();
  return (soma: THREE.Node<'uint'>) => buf.element(soma);
}

/**
 * Flash of each soma from its last-spike step: exp(−(now − last)·dt/τ); `now` (the engine's step) and
 * `k = dt/τ` are uniforms to set per frame.
 */
export function flashFromLastSpike(last: THREE.StorageBufferAttribute, drawn: number) {
  const now = uniform(0);
  const k = uniform(0.01);
  const lastStep = perSoma(last, drawn);
  const intensity = (soma: THREE.Node<'uint'>) => exp(lastStep(soma).sub(now).mul(k));
  return { intensity, now, k };
}

/**
 * Soma billboards for WebGPURenderer: one camera-facing disc a soma, `size` world units across, shaded like the
 * WebGL view's sprites (lit from the upper left), coloured from base (dimmed) to the flash colour by
 * `intensity(soma)`, evaluated in the vertex stage. Not instanced: 4 vertices a soma in one plain draw, since
 * SwiftShader pays per instance (three's instanced sprites took ~20 µs a soma there, 20× the WebGL Points path).
 */
export function somaBillboards(positions: Float32Array, drawn: number, size: number, base: RGB,
  intensity: (soma: THREE.Node<'uint'>) => THREE.Node<'float'>): THREE.Mesh {
  const n = Math.max(1, drawn);
  const center = new Float32Array(12 * n), corner = new Float32Array(8 * n), soma = new Float32Array(4 * n);
  const index = new Uint32Array(6 * n);
  const C = [-1, -1, 1, -1, 1, 1, -1, 1];
  for (let i = 0; i < n; i++) {
    for (let v = 0; v < 4; v++) {
      const at = 4 * i + v;
      center[3 * at] = positions[3 * i]; center[3 * at + 1] = positions[3 * i + 1]; center[3 * at + 2] = positions[3 * i + 2];
      corner[2 * at] = C[2 * v]; corner[2 * at + 1] = C[2 * v + 1];
      soma[at] = i;
    }
    index.set([0, 1, 2, 0, 2, 3].map((k) => 4 * i + k), 6 * i);
  }
  const geo = new THREE.BufferGeometry();
  geo.setAttribute('position', new THREE.BufferAttribute(center, 3));
  geo.setAttribute('corner', new THREE.BufferAttribute(corner, 2));
  geo.setAttribute('soma', new THREE.BufferAttribute(soma, 1));
  geo.setIndex(new THREE.BufferAttribute(index, 1));
  const mat = new THREE.MeshBasicNodeMaterial();
  const d = attribute<'vec2'>('corner', 'vec2');
  const mv = modelViewMatrix.mul(vec4(positionGeometry, 1));
  mat.vertexNode = cameraProjectionMatrix.mul(mv.add(vec4(d.mul(size / 2), 0, 0)));
  const a = varying<'float'>(intensity(attribute<'float'>('soma', 'float').toUint()).clamp(0, 1));
  const r2 = d.dot(d);
  const shade = float(1).sub(d.sub(vec2(-0.3, 0.3)).length().mul(0.35));
  mat.colorNode = vec4(mix(vec3(...base).mul(0.6), vec3(...FLASH).mul(1.6), a).mul(shade), 1);
  mat.opacityNode = step(r2, float(1));
  mat.alphaTest = 0.5;
  const mesh = new THREE.Mesh(geo, mat);
  mesh.frustumCulled = false;
  return mesh;
}
