// `npm run bench:training [-- --backend gpu|cpu|both] [--sizes tutorial,wide,large] [--batches N]`:
// milliseconds per training batch (forward + backward + optimiser step) of the surrogate-gradient trainer at
// the sizes of issue 4, on the WebGPU adapter found (named in the output) and on the CPU reference.
import { parseArgs } from 'node:util';
import { getNodeGpu, requestNodeDevice } from '../src/cli/node-gpu';
import { CpuBackend, initWeights, type TrainBackend } from '../src/shared/training';
import { GpuBackend } from '../src/shared/training/gpu/gpu-backend';
import { describeMemory } from '../src/shared/training/gpu/memory';
import { testBatch, testPlan } from '../test/training/testing';

const SIZES = {
  tutorial: { B: 64, inputs: 200, hidden: 30, out: 12 },
  wide: { B: 256, inputs: 200, hidden: 512, out: 12 },
  large: { B: 1024, inputs: 700, hidden: 1024, out: 20 },
} as const;

const { values } = parseArgs({ options: {
  backend: { type: 'string', default: 'both' }, sizes: { type: 'string', default: 'tutorial,wide' },
  batches: { type: 'string', default: '3' }, kernels: { type: 'string' },
} });
const g = values.backend === 'cpu' ? undefined : await getNodeGpu();
const device = g?.ok ? await requestNodeDevice(g.value.adapter, 'bench-training') : undefined;
if (g && !g.ok) console.error(`no GPU: ${g.reason}`);
console.log(`adapter: ${g?.ok ? g.value.description : 'none'}; node ${process.version}; steps 100, dt 1 ms`);
console.log('| size | batch | network | backend | ms / batch |');
console.log('| --- | --- | --- | --- | --- |');
for (const name of values.sizes!.split(',') as (keyof typeof SIZES)[]) {
  const s = SIZES[name];
  const plan = testPlan({ inputs: s.inputs, hidden: [s.hidden], out: s.out, steps: 100 }, { batchSize: s.B, trainSamples: s.B });
  const batch = testBatch(plan, s.B);
  const backends: [string, () => Promise<TrainBackend>][] = [];
  if (device && g?.ok) {
    const kernels = (values.kernels ?? (g.value.isSoftware ? 'simple' : 'tiled')) as 'simple' | 'tiled';
    backends.push([`gpu (${kernels} kernels)`, () => GpuBackend.create(device, plan, initWeights(plan, 1), undefined, g.value.description, kernels)]);
    console.error(`${name}: ${describeMemory(plan)}`);
  }
  if (values.backend !== 'gpu') backends.push(['cpu', async () => new CpuBackend(plan, initWeights(plan, 1))]);
  for (const [label, make] of backends) {
    const be = await make();
    await be.trainStep(batch); // warm-up: pipeline compilation, JIT
    const n = Number(values.batches), t0 = performance.now();
    for (let i = 0; i < n; i++) await be.trainStep(batch);
    const ms = (performance.now() - t0) / n;
    console.log(`| ${name} | ${s.B} | ${s.inputs}→${s.hidden}→${s.out} | ${label} | ${ms.toFixed(1)} |`);
    be.dispose();
  }
}
process.exit(0);
