// Propagation strategies on the real WGSL (Dawn; SwiftShader on CI): with propagation forced 'dense', forced
// 'csr' and 'auto', the GPU's spike trains equal the CPU engine's on every example, on fresh random networks and
// on a network with repeated (pre, post) pairs, per-synapse delays up to the ring size, all channel kinds and an
// all-to-all STDP projection (weights within 1e-6 of the CPU's). The strategies deliver the same integers into
// the ring buffers, so GPU traces are also bit-identical across strategies. A kernel with its delay dropped fails.
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { getTestDevice } from '../../../test/gpu';
import { loadDocument, type NetworkDocument } from '../graph';
import { buildProgram, compileNetwork, type NetworkIR, type PropagationChoice } from '.';
import { createCpuEngine } from '../engine/cpu-engine';
import { createGpuEngine, type GpuEngineOptions } from '../engine/gpu-engine';
import { runAndCollect } from '../engine/collect';
import { randomNetwork } from '../../../test/engine/random-network';
import { expectAgree } from '../../../test/engine/expect-agree';
import { propagationNetwork } from './propagation-network';

let device: GPUDevice;
beforeAll(async () => { device = await getTestDevice('propagation'); });

const MODES: PropagationChoice[] = ['dense', 'csr', 'auto'];
const examplesDir = new URL('../../../resources/examples/', import.meta.url);

function example(file: string): NetworkDocument {
  const r = loadDocument(JSON.parse(readFileSync(new URL(file, examplesDir), 'utf8')));
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}

async function gpuRun(ir: NetworkIR, steps: number, opts: GpuEngineOptions, plastic: string[] = []) {
  const g = await createGpuEngine(device, ir, opts);
  const r = await runAndCollect(g, steps);
  const weights = await Promise.all(plastic.map((id) => g.readWeights(id)));
  const propagation = g.program.propagation;
  g.dispose();
  return { r, weights, propagation };
}

/**
 * CPU once, then the GPU under each mode (modes whose strategies are all the same as an earlier mode's are
 * skipped, e.g. networks without spiking projections); GPU traces and weights must be bit-identical across modes.
 */
async function agreeUnderEveryMode(doc: NetworkDocument, steps: number, o: { chunk?: number; rel?: number; abs?: number; propagate?: 'direct' | 'indirect' } = {}) {
  const ir0 = compileNetwork(doc);
  const plastic = ir0.projections.filter((p) => p.plasticity).map((p) => p.id);
  const c = createCpuEngine(compileNetwork(doc));
  const cpu = await runAndCollect(c, steps, o.chunk);
  const cpuW = await Promise.all(plastic.map((id) => c.readWeights(id)));
  const seen = new Set<string>();
  const runs: Record<string, Awaited<ReturnType<typeof gpuRun>>> = {};
  for (const mode of MODES) {
    const key = JSON.stringify(buildProgram(ir0, { chunkSteps: 1, propagation: mode }).propagation);
    if (seen.has(key)) continue;
    seen.add(key);
    const g = await gpuRun(compileNetwork(doc), steps, { chunkSteps: o.chunk, propagation: mode, propagate: o.propagate }, plastic);
    expectAgree(cpu, g.r, `${ir0.name} ${mode} ${JSON.stringify(g.propagation)}`, o.rel, o.abs);
    g.weights.forEach((w, k) => { for (let i = 0; i < w.length; i++) expect(Math.abs(w[i] - cpuW[k][i]), `${mode} ${plastic[k]}[${i}]`).toBeLessThan(1e-6); });
    runs[mode] = g;
  }
  const [first, ...rest] = Object.values(runs);
  for (const g of rest) {
    expect(g.r.traces).toEqual(first.r.traces);
    expect(g.weights).toEqual(first.weights);
  }
  return { cpu, runs, cpuW };
}

describe('propagation strategies: GPU = CPU on every example', () => {
  // Steps: enough for every projection to deliver spikes, short enough for SwiftShader.
  const steps: Record<string, [number, number?]> = {
    'lif-neuron': [700], 'adaptive-threshold': [1200], 'coincidence-detection': [1500, 600], 'stdp': [1200, 400],
    'coba': [300, 150], 'hodgkin-huxley': [1500], 'membrane-only': [100], 'sound-localisation': [100], 'sound-localisation-deep': [100],
  };
  const files = readdirSync(examplesDir).filter((f) => f.endsWith('.snn.json'));
  it('the step table covers every example', () => {
    expect(files.map((f) => f.replace('.snn.json', '')).sort()).toEqual(Object.keys(steps).sort());
  });
  for (const f of files) {
    const name = f.replace('.snn.json', '');
    it(`${name}: identical spikes under dense, csr and auto`, async () => {
      const [n, chunk] = steps[name] ?? [200];
      const hh = name === 'hodgkin-huxley';
      const { cpu } = await agreeUnderEveryMode(example(f), n, { chunk, rel: hh ? 0 : 1e-5, abs: hh ? 0.1 : 1e-6 });
      expect(Object.values(cpu.spikes).some((s) => s.step.length > 0), 'some spikes').toBe(true);
    });
  }
});

describe('propagation strategies: GPU = CPU on other networks', () => {
  it('repeated pairs, per-synapse delays up to the ring size, all channel kinds, all-to-all STDP (weights within 1e-6)', async () => {
    const doc = propagationNetwork(7);
    const ir = compileNetwork(doc);
    expect(ir.maxDelay).toBe(30);
    expect(buildProgram(ir, { chunkSteps: 1 }).propagation).toEqual({ in_A: 'dense', gen_B: 'csr', gen_A: 'csr', A_B: 'dense', in_B: 'csr' });
    // Forced dense: repeated pairs with one delay are summed into one cell; with per-synapse delays they stay CSR.
    expect(buildProgram(ir, { chunkSteps: 1, propagation: 'dense' }).propagation).toEqual({ in_A: 'dense', gen_B: 'dense', gen_A: 'csr', A_B: 'dense', in_B: 'dense' });
    const { cpu, cpuW } = await agreeUnderEveryMode(doc, 400, { chunk: 128 });
    for (const id of ['A', 'B', 'gen']) expect(cpu.spikes[id].step.length, id).toBeGreaterThan(5);
    expect(cpuW[0].some((w, i) => w !== ir.projections[0].weight[i]), 'STDP changed the weights').toBe(true);
  });

  const seeds = Array.from({ length: 2 }, () => 1 + Math.floor(Math.random() * 1e9));
  for (const [j, seed] of seeds.entries()) {
    const propagate = j % 2 ? 'indirect' : 'direct';
    it(`random network (fresh seed ${seed}, ${propagate} CSR launch): identical spikes under dense, csr and auto`, async () => {
      await agreeUnderEveryMode(randomNetwork(seed), 250, { chunk: 128, propagate });
    });
  }

  it('a dense kernel that drops the per-synapse delay disagrees with the CPU (the comparison can fail)', async () => {
    const doc = example('coincidence-detection.snn.json');
    const cpu = await runAndCollect(createCpuEngine(compileNetwork(doc)), 1500);
    const broken = await createGpuEngine(device, compileNetwork(doc), {
      propagation: 'dense',
      transformProgram: (p) => ({ ...p, kernels: p.kernels.map((k) => (k.name === 'propagate_ears_detectors' ? { ...k, code: k.code.replace('(n + delay[at])', '(n + 1u)') } : k)) }),
    });
    // The edit survives the launch schedule (auto: its kernel is fused into the single-workgroup kernel).
    expect(broken.program.kernels.filter((k) => k.code.includes('(n + 1u)'))).toHaveLength(1);
    const r = await runAndCollect(broken, 1500);
    broken.dispose();
    expect(r.spikes.detectors.index).not.toEqual(cpu.spikes.detectors.index);
  });
});
