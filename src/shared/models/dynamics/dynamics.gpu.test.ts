// Property test of every neuron model's two derived forms: from the same random states, parameters and inputs,
// one step of the CPU engine's form (./cpu.ts neuronStep) and one step of the generated WGSL (compiler/kernels/
// dynamics.wgsl.ts, run on the real GPU device) give the same spikes and states. Per step, never per trajectory:
// a chaotic model (fast-spiking Izhikevich) separates any two f32 evaluations over many steps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTestDevice } from '../../../../test/gpu';
import { MODELS, type ModelSpec } from '..';
import { NEURON_RULES } from '../../compiler/models';
import { CounterRng } from '../../rng';
import { neuronStep } from './cpu';

let device: GPUDevice;
beforeAll(async () => { device = await getTestDevice('dynamics'); });
afterAll(() => device?.destroy());

const N = 1000;

/** Random states around the model's own range (rest … threshold, widened), internal counters 0–2. */
function randomCase(m: ModelSpec, seed: number) {
  const r = new CounterRng(seed, 0xd1);
  const rule = NEURON_RULES[m.id];
  const params: Record<string, number> = {};
  for (const p of m.params) {
    params[p.name] = p.type === 'enum' ? r.int(p.options!.length) : p.type === 'boolean' ? r.int(2) : (p.default as number);
  }
  const all = { ...params, ...rule.derived(params, 0.1) };
  const init = rule.init(all);
  const roles = m.roles!;
  const lo = roles.rest ? params[roles.rest] : -1, hi = roles.threshold ? params[roles.threshold] : lo + 1;
  const span = Math.max(1, hi - lo);
  const state = rule.vars.map((v) => Float32Array.from({ length: N }, () => {
    if (v === roles.membrane) return lo - 0.5 * span + 2 * span * r.next();
    if (v === 'refrac') return r.int(3);
    if (v === 'spk_prev') return r.int(2);
    if (['m', 'h', 'n'].includes(v)) return r.next();
    return init[v] * (0.5 + r.next());
  }));
  const I = Float32Array.from({ length: N }, () => (r.next() - 0.3) * span * 2);
  // Some neurons get a large delta input, so models whose spike level lies far above the threshold role
  // (AdEx: V_T vs v_peak) spike too.
  const delta = Float32Array.from({ length: N }, () => { const u = r.next(); return u < 0.3 ? (r.next() - 0.3) * span : u < 0.4 ? 6 * span * r.next() : 0; });
  return { all, state, I, delta };
}

async function gpuStep(id: string, all: Record<string, number>, state: Float32Array[], I: Float32Array, delta: Float32Array) {
  const rule = NEURON_RULES[id];
  const names = Object.keys(all);
  const code = /* wgsl */ `
const N: u32 = ${N}u;
@group(0) @binding(0) var<storage, read> P: array<f32>;
@group(0) @binding(1) var<storage, read_write> S: array<f32>;
@group(0) @binding(2) var<storage, read> IN: array<f32>;
@group(0) @binding(3) var<storage, read_write> SP: array<u32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  if (i >= N) { return; }
${names.map((n, k) => `  let p_${n} = P[${k}];`).join('\n')}
${rule.vars.map((v, q) => `  var s_${v} = S[${q}u * N + i];`).join('\n')}
  let I_in = IN[i];
  let delta_in = IN[N + i];
  var spiked = false;
  {${rule.wgsl}
  }
${rule.vars.map((v, q) => `  S[${q}u * N + i] = s_${v};`).join('\n')}
  SP[i] = select(0u, 1u, spiked);
}`;
  const buf = (data: ArrayBufferView, usage: number) => {
    const b = device.createBuffer({ size: data.byteLength, usage: usage | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(b, 0, data);
    return b;
  };
  const S = new Float32Array(rule.vars.length * N);
  state.forEach((a, q) => S.set(a, q * N));
  const bP = buf(Float32Array.from(names, (n) => all[n]), GPUBufferUsage.STORAGE);
  const bS = buf(S, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC);
  const inputs = new Float32Array(2 * N); inputs.set(I); inputs.set(delta, N);
  const bIn = buf(inputs, GPUBufferUsage.STORAGE);
  const bSp = buf(new Uint32Array(N), GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC);
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code }), entryPoint: 'main' } });
  const bg = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [bP, bS, bIn, bSp].map((b, binding) => ({ binding, resource: { buffer: b } })) });
  const readS = device.createBuffer({ size: S.byteLength, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const readSp = device.createBuffer({ size: 4 * N, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass();
  pass.setPipeline(pipeline); pass.setBindGroup(0, bg); pass.dispatchWorkgroups(Math.ceil(N / 64)); pass.end();
  enc.copyBufferToBuffer(bS, 0, readS, 0, S.byteLength);
  enc.copyBufferToBuffer(bSp, 0, readSp, 0, 4 * N);
  device.queue.submit([enc.finish()]);
  await Promise.all([readS.mapAsync(GPUMapMode.READ), readSp.mapAsync(GPUMapMode.READ)]);
  const outS = new Float32Array(readS.getMappedRange().slice(0));
  const outSp = new Uint32Array(readSp.getMappedRange().slice(0));
  for (const b of [bP, bS, bIn, bSp, readS, readSp]) b.destroy();
  return { state: rule.vars.map((_, q) => outS.slice(q * N, (q + 1) * N)), spiked: outSp };
}

// Per-model bound on |GPU − CPU| per state value after one step, relative to max(1, |value|):
// - LIF, adaptive LIF, leaky integrator: only + − × and constants from the host: the same f32 operations in
//   the same order; 2^-22 leaves room for a GPU compiler fusing one a·b + c (WGSL allows it).
// - Izhikevich: 0.04·v² + 5v amplifies one fused rounding by |v| ~ 100: 1e-5.
// - Hodgkin-Huxley, AdEx: exp() differs in its last bits between Math.exp (then rounded) and the GPU, through up to
//   four sub-steps of the gates' products: 1e-4.
const BOUND: Record<string, number> = { lif: 2 ** -22, adaptive_lif: 2 ** -22, leaky_integrator: 2 ** -22, izhikevich: 1e-5, hodgkin_huxley: 1e-4, adex: 1e-4 };

describe('every neuron model: CPU vector form = generated WGSL, one step from random states', () => {
  for (const m of MODELS.filter((x) => x.kind === 'neuron')) {
    it(m.id, async () => {
      for (const seed of [1, 2, 3]) {
        const c = randomCase(m, seed);
        // The CPU engine's form (WebAssembly; equal to the vector program bit for bit: ./wasm.test.ts).
        const cpu = neuronStep(NEURON_RULES[m.id].dynamics, N);
        c.state.forEach((a, q) => cpu.vars[q].set(a));
        cpu.I.set(c.I); cpu.delta.set(c.delta);
        cpu.run(c.all);
        const cpuState = cpu.vars, spiked = cpu.spiked;
        const g = await gpuStep(m.id, c.all, c.state, c.I, c.delta);
        let spikes = 0, worst = 0;
        for (let i = 0; i < N; i++) {
          spikes += spiked[i];
          expect(g.spiked[i], `${m.id} seed ${seed} neuron ${i} spike`).toBe(spiked[i]);
          cpuState.forEach((a, q) => { worst = Math.max(worst, Math.abs(g.state[q][i] - a[i]) / Math.max(1, Math.abs(a[i]))); });
        }
        expect(worst, `${m.id} seed ${seed}`).toBeLessThanOrEqual(BOUND[m.id]);
        if (NEURON_RULES[m.id].dynamics.spiking) expect(spikes, `${m.id} seed ${seed}: some neurons spike`).toBeGreaterThan(0);
      }
    });
  }
});
