// Smoke test of the WebGPU path in Node: a real WGSL kernel through Dawn, its result checked element by
// element against the same arithmetic on the CPU. If this fails, every other GPU test will too.
import { describe, expect, it } from 'vitest';
import { getTestDevice, getTestGpu } from './gpu';

const KERNEL = /* wgsl */ `
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
@group(0) @binding(2) var<uniform> p: vec4<f32>; // (decay, add, n, _)

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  if (i >= u32(p.z)) { return; }
  y[i] = x[i] * p.x + p.y;
}`;

describe('WebGPU through Dawn (smoke)', () => {
  it('finds an adapter and names it', async () => {
    const gpu = await getTestGpu();
    expect(gpu.description.length).toBeGreaterThan(3);
    expect(gpu.adapter.limits.maxStorageBufferBindingSize).toBeGreaterThan(0);
  });

  it('runs a WGSL kernel on a size that is not a multiple of the workgroup size, into a poisoned buffer', async () => {
    const device = await getTestDevice('smoke');
    const n = 1000; // 15.6 workgroups: the bounds check matters
    const x = Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 3);
    const decay = Math.exp(-0.1 / 20), add = 0.25;
    const xb = device.createBuffer({ size: n * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(xb, 0, x);
    // One element past n is poisoned too: the kernel must leave it alone.
    const yb = device.createBuffer({ size: (n + 1) * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(yb, 0, new Float32Array(n + 1).fill(Number.NaN));
    const pb = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(pb, 0, new Float32Array([decay, add, n, 0]));
    device.pushErrorScope('validation');
    const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code: KERNEL }), entryPoint: 'main' } });
    const bind = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [
      { binding: 0, resource: { buffer: xb } }, { binding: 1, resource: { buffer: yb } }, { binding: 2, resource: { buffer: pb } }] });
    const read = device.createBuffer({ size: (n + 1) * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bind);
    pass.dispatchWorkgroups(Math.ceil(n / 64));
    pass.end();
    enc.copyBufferToBuffer(yb, 0, read, 0, (n + 1) * 4);
    device.queue.submit([enc.finish()]);
    expect(await device.popErrorScope()).toBeNull();
    await read.mapAsync(GPUMapMode.READ);
    const y = new Float32Array(read.getMappedRange().slice(0));
    read.unmap();
    // f32 multiply-add: the GPU may fuse it (one rounding) or not (two): allow 1 ulp of the result.
    const fdecay = Math.fround(decay);
    for (let i = 0; i < n; i++) {
      const want = Math.fround(Math.fround(x[i] * fdecay) + add);
      expect(Math.abs(y[i] - want), `element ${i}`).toBeLessThanOrEqual(Math.abs(want) * 2 ** -23 + 1e-30);
    }
    expect(Number.isNaN(y[n])).toBe(true);
    device.destroy();
  });
});
