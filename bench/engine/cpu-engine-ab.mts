// COBA 4k on the CPU engine, 2000 steps, best of 5 (ms), for a checkout given as its root folder, so two
// versions can be compared back to back: npx tsx bench/engine/cpu-engine-ab.mts /path/to/checkout
import { readFileSync } from 'node:fs';
const root = process.argv[2] ?? process.cwd();
const { loadDocument } = await import(root + '/src/shared/graph/validate');
const { compileNetwork } = await import(root + '/src/shared/compiler');
const { CpuEngine } = await import(root + '/src/shared/engine/cpu-engine');
const r = loadDocument(JSON.parse(readFileSync(root + '/resources/examples/coba.snn.json', 'utf8')));
let best = Infinity;
for (let k = 0; k < 5; k++) {
  const e = new CpuEngine(compileNetwork(r.doc, { durationMs: 200 }));
  const t0 = performance.now();
  await e.run({ steps: 2000 });
  best = Math.min(best, performance.now() - t0);
}
console.log(root, 'best of 5 (ms, 2000 steps COBA 4k)', best.toFixed(0));
