// The tutorial network's CPU trainer on one thread (resources/examples/sound-localisation.snn.json, batch 64):
// 16 training steps (forward + backward) and 16 forward-only evaluations of generated batches, best of 5 rounds,
// as wall and thread CPU time per batch, for a checkout given as its root folder, so two versions can be compared
// back to back on a busy machine (CPU time is less disturbed by other jobs than wall time):
//   npx tsx bench/training/cpu-trainer-ab.mts /path/to/checkout
import { readFileSync } from 'node:fs';
const root = process.argv[2] ?? process.cwd();
const { loadDocument } = await import(root + '/src/shared/graph/validate');
const { planTraining, initWeights, makeData, batchOf, lossAndGradients } = await import(root + '/src/shared/training');
const r = loadDocument(JSON.parse(readFileSync(root + '/resources/examples/sound-localisation.snn.json', 'utf8')));
const p = planTraining(r.doc, { trainSamples: 1024, testSamples: 64 });
if (!p.ok) throw new Error('plan');
const plan = p.plan, weights = initWeights(plan, 1), data = makeData(plan), B = plan.config.batchSize, n = 16;
const batches = Array.from({ length: n }, (_, k) => batchOf(data.train, Array.from({ length: B }, (_, i) => k * B + i)));
const best = { trainWall: Infinity, trainCpu: Infinity, evalWall: Infinity, evalCpu: Infinity };
for (let round = 0; round < 5; round++) {
  for (const noGrad of [false, true]) {
    const c0 = process.threadCpuUsage?.() ?? process.cpuUsage(), t0 = performance.now();
    for (const b of batches) lossAndGradients(plan, weights, b, { noGrad });
    const c = process.threadCpuUsage?.(c0) ?? process.cpuUsage(c0), wall = (performance.now() - t0) / n, cpu = (c.user + c.system) / 1000 / n;
    if (noGrad) { best.evalWall = Math.min(best.evalWall, wall); best.evalCpu = Math.min(best.evalCpu, cpu); }
    else { best.trainWall = Math.min(best.trainWall, wall); best.trainCpu = Math.min(best.trainCpu, cpu); }
  }
}
const f = (x: number) => x.toFixed(1);
console.log(`${root}: ms per batch of ${B}, best of 5 — train step wall ${f(best.trainWall)} cpu ${f(best.trainCpu)}, evaluation wall ${f(best.evalWall)} cpu ${f(best.evalCpu)}`);
