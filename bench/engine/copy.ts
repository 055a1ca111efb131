// The bandwidth ceiling of an adapter: a plain copy kernel (vec4<f32> in → out), many dispatches in one
// command buffer, timed from submit to completion. Returns bytes moved (read + write) per second.
import { nowMs } from '../../src/shared/engine/clock';

export async function copyBandwidth(device: GPUDevice, bytes = 64 << 20, reps = 20): Promise<number> {
  const n = bytes / 16;
  const code = /* wgsl */ `
@group(0) @binding(0) var<storage, read> src: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> dst: array<vec4<f32>>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) g: vec3u, @builtin(num_workgroups) w: vec3u) {
  let i = g.x + g.y * w.x * 64u;
  if (i < ${n}u) { dst[i] = src[i]; }
}`;
  const pipe = device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code }), entryPoint: 'main' } });
  const a = device.createBuffer({ size: bytes, usage: GPUBufferUsage.STORAGE });
  const b = device.createBuffer({ size: bytes, usage: GPUBufferUsage.STORAGE });
  const bg = device.createBindGroup({ layout: pipe.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: a } }, { binding: 1, resource: { buffer: b } }] });
  const wgs = Math.ceil(n / 64), x = Math.min(wgs, 65535), y = Math.ceil(wgs / 65535);
  const go = async (k: number) => {
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipe);
    pass.setBindGroup(0, bg);
    for (let r = 0; r < k; r++) pass.dispatchWorkgroups(x, y);
    pass.end();
    device.queue.submit([enc.finish()]);
    await device.queue.onSubmittedWorkDone();
  };
  await go(2);
  const t0 = nowMs();
  await go(reps);
  const s = (nowMs() - t0) / 1000;
  a.destroy(); b.destroy();
  return (2 * bytes * reps) / s;
}
