// `snn run --weights-out`: the final weights of the STDP example's plastic projection, written as a weights file,
// equal what an engine run independently here reads back (Engine.readWeights, synapse order mapped to
// [pre][post]) and differ from the initial ones; outputs are checked (never over an input) and a network
// without plasticity, or with a pre/post pair of two synapses, is refused before the run.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocumentText } from '../shared/graph';
import { compileNetwork, type ProjectionIR } from '../shared/compiler';
import { createCpuEngine } from '../shared/engine/cpu-engine';
import { parseWeightsText } from '../shared/io/weights';
import { matrixProblem, synapsesToRows } from '../shared/io/plastic-weights';
import { main } from './main';
import { recordingIo } from '../../test/cli/test-io';

const root = join(__dirname, '../..');
const stdp = join(root, 'resources/examples/stdp.snn.json');
const dir = mkdtempSync(join(tmpdir(), 'snn-wout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = async (...args: string[]) => { const io = recordingIo(dir); const code = await main(['run', ...args], io); return { code, io }; };

describe('snn run --weights-out', () => {
  it('writes the STDP projection\'s final weights: equal to an independent engine run, different from the initial ones', async () => {
    const r = await run(stdp, '--backend', 'cpu', '--duration', '300', '--weights-out', 'w.json', '--out', 'r.json');
    expect(r.code, r.io.err).toBe(0);
    expect(r.io.err).toContain('wrote the final weights of inputs_neuron to w.json');
    const parsed = parseWeightsText(readFileSync(join(dir, 'w.json'), 'utf8'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
    const p = parsed.file.projections.inputs_neuron;
    expect(p).toMatchObject({ source: 'inputs', target: 'neuron', shape: [200, 1], layout: 'row-major [pre][post]' });
    expect(parsed.file.populations.neuron).toMatchObject({ size: 1, model: 'lif' });

    // The reference: the same document compiled and run here on the CPU engine, its weights read after the run.
    const doc = parseDocumentText(readFileSync(stdp, 'utf8'));
    if (!doc.ok) throw new Error('stdp example invalid');
    const ir = compileNetwork(doc.doc, { durationMs: 300 });
    const engine = createCpuEngine(ir);
    await engine.run({ steps: Math.round(300 / ir.dtMs), onChunk: () => {} });
    const final = await engine.readWeights('inputs_neuron');
    engine.dispose();
    // Exact: the file holds each f32 as the double it equals (JSON round-trips doubles exactly).
    expect(p.weights.map((row) => row[0])).toEqual(Array.from(final));
    const initial = Array.from(ir.projections[0].weight);
    const changed = initial.filter((w, i) => w !== final[i]).length;
    expect(changed, 'STDP moved some weights in 300 ms').toBeGreaterThan(0);
  });

  it('refuses an output over the network, a network without plasticity and stdout, writing nothing', async () => {
    const before = readFileSync(stdp, 'utf8');
    const same = await run(stdp, '--backend', 'cpu', '--duration', '10', '--weights-out', stdp);
    expect(same.code).toBe(2);
    expect(readFileSync(stdp, 'utf8')).toBe(before);
    const none = await run(join(root, 'resources/examples/lif-neuron.snn.json'), '--backend', 'cpu', '--weights-out', 'none.json');
    expect(none.code).toBe(3);
    expect(none.io.err).toContain('--weights-out: no projection has a plasticity rule');
    expect(existsSync(join(dir, 'none.json'))).toBe(false);
    expect((await run(stdp, '--weights-out', '-')).code).toBe(2);
  });

  it('maps synapse order to [pre][post] (0 where no synapse) and refuses a pair with two synapses', () => {
    const proj = (rowPtr: number[], post: number[]) => ({ id: 'p', nPre: rowPtr.length - 1, nPost: 3, rowPtr: Uint32Array.from(rowPtr), post: Uint32Array.from(post) }) as unknown as ProjectionIR;
    const sparse = proj([0, 2, 2, 3], [2, 0, 1]);
    expect(matrixProblem(sparse)).toBeNull();
    expect(synapsesToRows(sparse, [0.5, 0.25, 0.125])).toEqual([[0.25, 0, 0.5], [0, 0, 0], [0, 0.125, 0]]);
    expect(matrixProblem(proj([0, 1, 3], [1, 2, 2]))).toBe('projection "p" has two synapses from pre 1 to post 2: a [pre][post] matrix holds one weight per pair');
  });
});
