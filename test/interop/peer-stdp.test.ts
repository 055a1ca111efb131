// STDP in the exported Brian2 script, run on Debian's Brian2 (numpy target): the STDP example's network (200
// inputs at 20 Hz → one LIF neuron through plastic delta synapses, docs/models.md) with its Poisson inputs
// replaced by fixed spike lists drawn here, so Brian2 plays the very spikes our engine plays (a Poisson group
// in the script would draw its own). Final weights of the script against `snn run --weights-out` on our CPU
// engine. A second script, the same but with the trace updates moved before the weight updates (the textbook
// Brian2 order, where a pre and a post spike in one step pair), must NOT match: the agreement rests on the
// order of docs/engine.md "Step order" 6, not on chance. 300 ms: ~5 s of CPU per script (numpy target).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { recordingIo } from '../cli/test-io';
import { compileNetwork } from '../../src/shared/compiler';
import { parseDocumentText } from '../../src/shared/graph';
import { parseWeightsText } from '../../src/shared/io/weights';
import { missing, runScript } from './python';

const noBrian2 = missing('brian2');
const dir = mkdtempSync(join(tmpdir(), 'snn-peer-stdp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DT = 0.1, STEPS = 3000, N = 200;
/** The inputs: each of 200 sources spikes in a step with probability 20 Hz · dt, from a seeded LCG (test-only). */
function spikeLists() {
  let s = 12345;
  const rand = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
  const index: number[] = [], time_ms: number[] = [];
  for (let n = 0; n < STEPS; n++) for (let i = 0; i < N; i++) if (rand() < 20 * DT / 1000) { index.push(i); time_ms.push(Number((n * DT).toFixed(1))); }
  return { index, time_ms };
}

type B2Out = { spikes: Record<string, number[][]>; weights: Record<string, number[]> };
let theirs: B2Out, textbook: B2Out, ours: number[], initial: number[], oursSteps: number[];

beforeAll(async () => {
  const doc = JSON.parse(readFileSync(join(__dirname, '../../resources/examples/stdp.snn.json'), 'utf8'));
  doc.nodes[0] = { id: 'inputs', kind: 'input', model: 'spike_generator', size: N, params: {}, data: { spikes: spikeLists() } };
  doc.simulation.duration_ms = STEPS * DT;
  writeFileSync(join(dir, 'stdp.snn.json'), JSON.stringify(doc));
  const cli = async (...args: string[]) => {
    const io = recordingIo(dir);
    const code = await main(args, io);
    if (code !== 0) throw new Error(`snn ${args.join(' ')} exited ${code}: ${io.err}`);
  };
  await cli('export', 'stdp.snn.json', '--format', 'brian2', '--out', 'stdp.py');
  // The control: trace pathways at order −1, before delivery (0) and the updates (1, 2).
  const script = readFileSync(join(dir, 'stdp.py'), 'utf8');
  const swapped = script.replace(/(_trace\.order = )3/g, '$1-1');
  expect(swapped).not.toBe(script);
  writeFileSync(join(dir, 'textbook.py'), swapped);
  const jobs = noBrian2 ? null : Promise.all([runScript(join(dir, 'stdp.py'), join(dir, 'stdp.json')), runScript(join(dir, 'textbook.py'), join(dir, 'textbook.json'))]);
  await cli('run', 'stdp.snn.json', '--backend', 'cpu', '--weights-out', 'w.json', '--out', 'r.json');
  const w = parseWeightsText(readFileSync(join(dir, 'w.json'), 'utf8'));
  if (!w.ok) throw new Error(JSON.stringify(w.diagnostics));
  ours = w.file.projections.inputs_neuron.weights.map((row) => row[0]);
  const run = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { populations: Record<string, { spikes: { time_ms: number[] } }> };
  oursSteps = run.populations.neuron.spikes.time_ms.map((t) => Math.round(t / DT));
  const parsed = parseDocumentText(JSON.stringify(doc));
  if (!parsed.ok) throw new Error('test document invalid');
  initial = Array.from(compileNetwork(parsed.doc).projections[0].weight);
  if (jobs) [theirs, textbook] = (await jobs) as [B2Out, B2Out];
}, 300_000);

const worstOf = (a: number[], b: number[]) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);

describe('exported Brian2 script with STDP runs on Brian2 and agrees with our engine', () => {
  it.skipIf(!!noBrian2)(`the same output spike steps and final weights within 1e-6 of snn run --weights-out${noBrian2 ? ` (skipped: ${noBrian2})` : ''}`, () => {
    // Same input spikes, same step order (delivery before the threshold with delay d − 1; STDP one step late
    // but after the delivery, so intervals and the delivered weights are ours): the neuron fires at the same steps.
    expect(oursSteps.length).toBeGreaterThan(5);
    expect(theirs.spikes.neuron[0].map((t) => Math.round(t / DT))).toEqual(oursSteps);
    const b = theirs.weights.inputs_neuron;
    expect(b.length).toBe(N);
    // STDP did work: most weights moved by far more than the tolerance (199 of 200 by > 1e-4 when measured).
    expect(ours.filter((w, i) => Math.abs(w - initial[i]) > 1e-4).length).toBeGreaterThan(N / 2);
    // 1e-6 absolute (weights in [0, 0.05]): we update in f32 with traces decayed by an f32 factor a step, Brian2
    // in f64 with exact exponentials between events; measured 7.6e-8 after 300 ms.
    expect(worstOf(ours, b)).toBeLessThan(1e-6);
  });

  it.skipIf(!!noBrian2)(`the textbook order (traces first: same-step pairs count) differs by more than 1e-5${noBrian2 ? ` (skipped: ${noBrian2})` : ''}`, () => {
    // A same-step pre/post pair then both depresses and potentiates (a_plus − a_minus = −2.5e-4 here), ours
    // neither; measured 2.5e-4. The bound: ten times the agreement tolerance above, 25 times below that.
    expect(worstOf(ours, textbook.weights.inputs_neuron)).toBeGreaterThan(1e-5);
  });
});
