// `snn bench [--quick]`: the simulation benchmark table (docs/benchmarks.md): COBA and scaled COBA on the
// GPU engine (Dawn, named adapter) and the CPU engine, with the GPU's achieved bandwidth as a fraction of a
// plain copy kernel's on the same adapter. Markdown table on stdout, progress on stderr.
import { cobaDocument } from '../../../bench/engine/coba';
import { copyBandwidth } from '../../../bench/engine/copy';
import { measure, type Measurement } from '../../../bench/engine/measure';
import { createGpuEngine } from '../../shared/engine/gpu-engine';
import { EXIT, usageError } from '../exit';
import { getNodeGpu, requestNodeDevice } from '../node-gpu';
import type { Command } from './types';
import { cpuEngine, parsePropagation, parseSchedule, parseThreads } from './run';
import { countOption } from '../options';
import { enforceRunBudget, hostLimits, MEMORY_LIMIT_OPTION } from '../budget';

const FULL = { gpu: [[4000, 2000], [40_000, 500], [400_000, 100], [1_150_000, 50]], cpu: [[4000, 500], [40_000, 50]] };
const QUICK = { gpu: [[4000, 300], [20_000, 100]], cpu: [[4000, 100]] };

const si = (x: number) => (x >= 1e9 ? `${(x / 1e9).toFixed(2)} G` : x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)} k` : x.toFixed(x < 10 ? 3 : 1));

export const bench: Command = {
  name: 'bench',
  summary: 'benchmark the engines on the COBA network and scaled versions (GPU and CPU)',
  usage: 'snn bench [--quick] [--sizes N,N,...] [--steps N] [--propagation auto|csr|dense] [--schedule auto|separate|fused|single] [--threads 1|2|auto] [--memory-limit SIZE]',
  options: {
    quick: { type: 'boolean', description: 'small sizes only (a few seconds)' },
    sizes: { type: 'string', description: 'GPU network sizes to run, e.g. 4000,100000 (default: 4k, 40k, 400k, 1.15M ≈ 100M synapses)' },
    steps: { type: 'string', description: 'steps per GPU run (default: fewer for larger networks)' },
    propagation: { type: 'string', description: 'GPU spike propagation: auto (default), csr or dense (docs/engine.md)' },
    schedule: { type: 'string', description: 'GPU kernel launches: auto (default), separate, fused or single (docs/engine.md)' },
    threads: { type: 'string', description: 'CPU engine threads: 1, 2 or auto (default: two from 40,000 neurons where a core is idle)' },
    ...MEMORY_LIMIT_OPTION,
  },
  async run({ values }, io) {
    const plan = values.quick ? QUICK : FULL;
    const propagation = parsePropagation(values.propagation);
    const schedule = parseSchedule(values.schedule);
    const threads = parseThreads(values.threads);
    let gpuPlan = plan.gpu;
    if (values.sizes) {
      const sizes = String(values.sizes).split(',').map(Number);
      if (sizes.some((s) => !Number.isSafeInteger(s) || s < 10)) throw usageError(`--sizes ${values.sizes}: whole numbers ≥ 10`);
      gpuPlan = sizes.map((s) => [s, s <= 4000 ? 2000 : s <= 40_000 ? 500 : 100]);
    }
    const steps = countOption(values.steps, 'steps');
    if (steps !== undefined) gpuPlan = gpuPlan.map(([s]) => [s, steps]);
    const g = await getNodeGpu();
    // The budget of every network before the first one runs (docs/cli.md, "Limits").
    const limits = hostLimits(values['memory-limit'], g.ok ? g.value.adapter.limits : undefined);
    for (const [n, steps] of [...(g.ok ? gpuPlan : []), ...plan.cpu]) {
      const doc = cobaDocument(n, 1000);
      enforceRunBudget(`--sizes ${n}`, doc, { durationMs: steps * doc.simulation.dt_ms }, limits);
    }
    const rows: (Measurement & { adapter: string })[] = [];
    let ceiling = 0, adapter = 'none';
    if (g.ok) {
      adapter = g.value.description;
      const device = await requestNodeDevice(g.value.adapter, 'bench');
      ceiling = await copyBandwidth(device, values.quick ? 16 << 20 : 64 << 20);
      io.stderr(`snn bench: ${adapter}: copy kernel ${(ceiling / 1e9).toFixed(2)} GB/s\n`);
      for (const [n, steps] of gpuPlan) {
        io.stderr(`snn bench: GPU COBA ${n} neurons, ${steps} steps…\n`);
        rows.push({ ...(await measure(cobaDocument(n, 1000), steps, (ir) => createGpuEngine(device, ir, { adapter, propagation, schedule }))), adapter });
      }
    } else io.stderr(`snn bench: no WebGPU adapter (${g.reason}); CPU only\n`);
    for (const [n, steps] of plan.cpu) {
      io.stderr(`snn bench: CPU COBA ${n} neurons, ${steps} steps…\n`);
      let on = 1;
      const m = await measure(cobaDocument(n, 1000), steps, async (ir) => { const e = cpuEngine(ir, threads); on = e.threads; return e; });
      rows.push({ ...m, backend: on > 1 ? `cpu, ${on} threads` : 'cpu', adapter: 'cpu' });
    }
    const lines = [
      `Adapter: ${adapter}; copy-kernel bandwidth ${(ceiling / 1e9).toFixed(2)} GB/s (read + write).`,
      '',
      '| network | neurons | synapses | backend | steps (dt 0.1 ms) | wall s | sim s / wall s | neuron updates/s | synaptic events/s | mean rate Hz | achieved GB/s (model) | of copy kernel |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|',
      ...rows.map((r) => `| ${r.network} | ${si(r.neurons)} | ${si(r.synapses)} | ${r.backend} | ${r.steps} | ${r.wallS.toFixed(2)} | ${r.simPerWall.toPrecision(3)} | ${si(r.neuronUpdatesPerS)} | ${si(r.eventsPerS)} | ${r.firingHz.toFixed(1)} | ` +
        (r.backend === 'gpu' ? `${(r.bytesPerS / 1e9).toFixed(3)} | ${((100 * r.bytesPerS) / ceiling).toFixed(1)} % |` : '— | — |')),
      '',
    ];
    io.stdout(lines.join('\n'));
    return EXIT.ok;
  },
};
