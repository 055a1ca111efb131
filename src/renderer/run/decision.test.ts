// The Decision panel's decoding equals `snn evaluate --engine`'s (src/shared/training/engine-eval.ts) for the same
// sample: the readout recorded by the run (chunks of any size) and decoded with the loss's reduction and decode.
import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../../shared/compiler';
import { createCpuEngine } from '../../shared/engine/cpu-engine';
import { loadDocument, type NetworkDocument } from '../../shared/graph';
import { evaluateOnEngine } from '../../shared/training/engine-eval';
import { planTraining } from '../../shared/training/plan';
import example from '../../../resources/examples/sound-localisation.snn.json';
import coincidence from '../../../resources/examples/coincidence-detection.snn.json';
import { DecisionAccumulator, decisionSetup } from './decision';

function load(raw: unknown): NetworkDocument {
  const r = loadDocument(structuredClone(raw));
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}

/** The example with its readout monitor removed (the run must record it), playing test sample k. */
function playing(base: NetworkDocument, k: number): NetworkDocument {
  return { ...base, nodes: base.nodes.map((n) => (n.id === 'inputs' ? { ...n, params: { ...n.params, sample: k } } : n)) };
}

/** What the app does: compile with the setup's extra recording, run on the CPU engine in chunks, decode. */
async function decideInApp(doc: NetworkDocument, chunkSteps: number) {
  const setup = decisionSetup(doc)!;
  const acc = new DecisionAccumulator(setup);
  const engine = createCpuEngine(compileNetwork(doc, { seed: doc.simulation.seed, record: setup.record }));
  await engine.run({ steps: setup.plan.steps, chunkSteps, onChunk: (c) => acc.add(c) });
  engine.dispose();
  return acc.result();
}

describe('the run\'s readout decision', () => {
  it('equals snn evaluate --engine\'s prediction for each test sample, and the true class is its label', async () => {
    const doc = load({ ...example, monitors: example.monitors.filter((m) => m.id !== 'output_v') });
    const plan = planTraining(doc);
    if (!plan.ok) throw new Error('example does not plan');
    const N = 6;
    const ref = await evaluateOnEngine(doc, plan.plan, (ir) => createCpuEngine(ir), { count: N });
    for (let k = 0; k < N; k++) {
      const d = playing(doc, k);
      const got = await decideInApp(d, 37); // 100 steps in chunks of 37: boundaries inside the sample
      expect(got.done).toBe(100);
      expect(got.predicted).toBe(ref.predictions[k]);
      expect(got.played!.cls).toBe(ref.labels[k]);
      expect(got.scores.length).toBe(12);
      expect(got.scores.indexOf(Math.max(...got.scores))).toBe(got.predicted);
    }
  });

  it('records the readout\'s membrane for the run only when the document\'s monitors do not cover it', () => {
    const full = load(example);
    const own = decisionSetup(full)!;
    expect(own.monitor).toBe('output_v');
    expect(own.record).toEqual([]);
    const partial = load({ ...example, monitors: example.monitors.map((m) => (m.id === 'output_v' ? { ...m, indices: [0, 1] } : m)) });
    const before = JSON.stringify(partial);
    const s = decisionSetup(partial)!;
    expect(s.record).toEqual([{ population: 'output', variable: 'v' }]);
    expect(s.monitor).toBe('output.v');
    expect(JSON.stringify(partial)).toBe(before);
  });

  it('a network the trainer would not take has no decision', () => {
    expect(decisionSetup(load(coincidence))).toBeNull();
  });
});
