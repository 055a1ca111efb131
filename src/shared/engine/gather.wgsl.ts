// The gather kernel of GpuEngine.readWeights(projection, indices): out[k] = w[idx[k]] for the given synapse
// indices (IR order), so only those weights are copied back to the host, not the whole weight buffer.
// Grid-stride over k, so any launch size is exact (the host launches ≤ 65,535 workgroups of 64).

export const GATHER_WORKGROUP = 64;

export const GATHER_WGSL = /* wgsl */ `
// gather: out[k] = w[idx[k]], k < arrayLength(&idx)
// bindings: 0 w (read), 1 idx (read), 2 out (read_write)
@group(0) @binding(0) var<storage, read> w: array<f32>;
@group(0) @binding(1) var<storage, read> idx: array<u32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(${GATHER_WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let n = arrayLength(&idx);
  let stride = nwg.x * ${GATHER_WORKGROUP}u;
  for (var k = gid.x; k < n; k += stride) {
    out[k] = w[idx[k]];
  }
}
`;
