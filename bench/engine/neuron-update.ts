// The CPU engine's neuron update per model, in ns per neuron per step: the WebAssembly form generated from the
// model's dynamics (src/shared/models/dynamics/wasm.ts, what the engine uses) and the JS vector program
// (src/shared/models/dynamics/cpu.ts, the fallback where WebAssembly cannot compile). Same inputs, same results
// (src/shared/models/dynamics/wasm.test.ts). Usage: npx tsx bench/engine/neuron-update.ts [neurons] [steps]
import { MODELS } from '../../src/shared/models';
import { NEURON_RULES } from '../../src/shared/compiler/models';
import { neuronStep } from '../../src/shared/models/dynamics/cpu';

const N = Number(process.argv[2] ?? 4000), STEPS = Number(process.argv[3] ?? 500);
console.log(`neurons ${N}, steps ${STEPS}, best of 3 runs; ns per neuron per step`);
console.log('| model | WebAssembly | JS vector program | ratio |');
console.log('|---|---|---|---|');
for (const m of MODELS.filter((x) => x.kind === 'neuron')) {
  const rule = NEURON_RULES[m.id];
  const params: Record<string, number> = {};
  for (const p of m.params) params[p.name] = p.type === 'enum' ? 0 : (p.default as number);
  const p = { ...params, ...rule.derived(params, 0.1) };
  const init = rule.init(p);
  const time = (wasm: boolean) => {
    const st = neuronStep(rule.dynamics, N, { wasm });
    rule.vars.forEach((v, q) => st.vars[q].fill(init[v]));
    for (let i = 0; i < N; i++) st.I[i] = (i % 13) * (m.id === 'adex' ? 100 : m.id === 'hodgkin_huxley' ? 1 : 2);
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      for (let s = 0; s < STEPS; s++) st.run(p);
      best = Math.min(best, performance.now() - t0);
    }
    return (best * 1e6) / (STEPS * N);
  };
  const w = time(true), j = time(false);
  console.log(`| ${m.id} | ${w.toFixed(1)} | ${j.toFixed(1)} | ${(j / w).toFixed(1)}× |`);
}
