// Standalone page for the 3D view (benchmark, screenshots, a look before integration): takes URL parameters
//   ?example=coincidence-detection   the example, run on the CPU engine, its real spikes and compiled synapses
//   ?neurons=10000&rate=20&steps=2000  a synthetic three-layer network with seeded Poisson spikes
//   &panel=1  the collapsible split the app uses (View3DPanel), over a placeholder canvas
// and mounts <View3D>. window.__view3dReady becomes true once the first chunks are in.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { loadDocument, type NetworkDocument } from '../../../src/shared/graph';
import { compileNetwork } from '../../../src/shared/compiler';
import { createCpuEngine } from '../../../src/shared/engine/cpu-engine';
import type { RunChunk } from '../../../src/shared/engine/types';
import { View3D } from '../../../src/renderer/view3d/View3D';
import { View3DPanel } from '../../../src/renderer/view3d/View3DPanel';
import { synapsesFromIR } from '../../../src/renderer/view3d/ir';
import { syntheticChunks } from '../../../src/renderer/view3d/synthetic';
import coincidence from '../../../resources/examples/coincidence-detection.snn.json';
import lifNeuron from '../../../resources/examples/lif-neuron.snn.json';

const q = new URLSearchParams(location.search);
const EXAMPLES: Record<string, unknown> = { 'coincidence-detection': coincidence, 'lif-neuron': lifNeuron };

function load(raw: unknown): NetworkDocument {
  const r = loadDocument(structuredClone(raw));
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.doc;
}

/** Input → hidden → output, 10 % / 60 % / 30 % of n neurons, all-to-all (the view samples the axons). */
function syntheticDoc(n: number): NetworkDocument {
  const sizes = [Math.max(1, Math.round(n * 0.1)), Math.max(1, Math.round(n * 0.6)), Math.max(1, n - Math.round(n * 0.1) - Math.round(n * 0.6))];
  const ids = ['input', 'hidden', 'output'];
  return load({
    format: 'snn-network', version: 1, meta: { name: `synthetic-${n}` },
    simulation: { dt_ms: 0.1, duration_ms: 1000, seed: 1 },
    nodes: ids.map((id, i) => ({ id, kind: i === 0 ? 'input' : 'population', model: i === 0 ? 'poisson' : 'lif', size: sizes[i], label: id[0].toUpperCase() + id.slice(1) })),
    projections: [
      { id: 'input_hidden', source: 'input', target: 'hidden', connectivity: { rule: 'fixed_probability', p: 0.1 }, weight: { dist: 'constant', value: 0.1 }, delay: { kind: 'constant', ms: 4 } },
      { id: 'hidden_output', source: 'hidden', target: 'output', connectivity: { rule: 'fixed_probability', p: 0.1 }, weight: { dist: 'constant', value: 0.1 }, delay: { kind: 'expression', expr: '2 + 6 * post / n_post' } },
    ],
    layout: { nodes: { input: { x: 0, y: 0 }, hidden: { x: 300, y: 0 }, output: { x: 600, y: 0 } } },
  });
}

function setup() {
  const name = q.get('example');
  if (name) {
    const doc = load(EXAMPLES[name]);
    const ir = compileNetwork(doc);
    const engine = createCpuEngine(ir);
    const chunks: RunChunk[] = [];
    const steps = Number(q.get('steps') ?? Math.round(doc.simulation.duration_ms / doc.simulation.dt_ms));
    // The CPU engine resolves at once for these sizes; chunks arrive through onChunk like in the app.
    const done = engine.run({ steps, chunkSteps: 500, onChunk: (c) => chunks.push(c) });
    return { doc, chunks, done, synapses: synapsesFromIR(ir) };
  }
  const n = Number(q.get('neurons') ?? 1000);
  const doc = syntheticDoc(n);
  const chunks = syntheticChunks(doc, { steps: Number(q.get('steps') ?? 2000), rateHz: Number(q.get('rate') ?? 20), traceNeurons: Number(q.get('traces') ?? 0), chunkSteps: 500 });
  return { doc, chunks, done: Promise.resolve(), synapses: undefined };
}

function Harness() {
  const [s] = useState(setup);
  const [chunks, setChunks] = useState<readonly RunChunk[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  if (chunks.length === 0) {
    void s.done.then(() => {
      setChunks([...s.chunks]);
      // For the e2e tests: the run's spikes as [step, index] pairs by population.
      const spikes: Record<string, [number, number][]> = {};
      for (const c of s.chunks) {
        for (const [pop, sc] of Object.entries(c.spikes)) (spikes[pop] ??= []).push(...Array.from(sc.step, (st, k): [number, number] => [st, sc.index[k]]));
      }
      Object.assign(window, { __view3dReady: true, __view3dSpikes: spikes });
    });
  }
  return (
    <div style={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
      <p aria-label="Selected population" style={{ margin: 0, padding: '2px 8px', color: '#8c93a3', font: '12px system-ui' }}>
        Selected: {selected ?? 'none'}
      </p>
      {q.get('panel') ? (
        <div style={{ flex: 1, minHeight: 0, position: 'relative', background: '#14161b' }}>
          <View3DPanel doc={s.doc} chunks={chunks} synapses={s.synapses} selectedPopulation={selected} onSelect={setSelected} />
        </div>
      ) : (
        <div style={{ flex: 1, minHeight: 0 }}>
          <View3D doc={s.doc} chunks={chunks} synapses={s.synapses} selectedPopulation={selected} onSelect={setSelected} />
        </div>
      )}
    </div>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><Harness /></StrictMode>);
