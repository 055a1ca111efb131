// `snn train`, `snn evaluate`, `snn export` on the CPU backend with a small budget: files written and
// valid, evaluation equal to training's report, exact resume, Ctrl-C checkpoint, bad weights → exit 3.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main';
import { recordingIo } from '../../../test/cli/test-io';
import { WeightsFile } from '../../shared/io/weights';
import { APP_VERSION } from '../../shared/version';

const ex = (f: string) => join(__dirname, '../../../resources/examples', f);
const SMALL = ['--backend', 'cpu', '--train-samples', '128', '--test-samples', '64', '--seed', '3'];
let dir: string;
const run = async (...args: string[]) => { const io = recordingIo(dir); const code = await main(args, io); return { code, io }; };
const read = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'snn-train-'));
  const r = await run('train', ex('sound-localisation.snn.json'), ...SMALL, '--epochs', '2', '--out', 'w.json', '--metrics', 'm.jsonl');
  expect(r.code, r.io.err).toBe(0);
});

describe('snn train / evaluate / export', () => {
  it('writes a weights file that validates against the WeightsFile schema, and metrics lines', () => {
    const w = read('w.json');
    expect(WeightsFile.safeParse(w).success).toBe(true);
    expect(w.projections.in_hidden.shape).toEqual([200, 30]);
    expect(w.projections.hidden_out.weights).toHaveLength(30);
    expect(w.training).toMatchObject({ epochs: 2, batch_size: 64, lr: 0.01, seed: 3, backend: 'cpu', epochs_completed: 2 });
    expect(w.training.loss).toHaveLength(2);
    const lines = readFileSync(join(dir, 'm.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(['epoch', 'epoch', 'result']);
    expect(lines[1].confusion).toHaveLength(12);
    expect(lines[1].spike_counts.hidden).toBeGreaterThan(0);
  });

  it('evaluate gives the test accuracy training reported; export json round-trips the weights', async () => {
    const w = read('w.json');
    const e = await run('evaluate', ex('sound-localisation.snn.json'), '--weights', 'w.json', '--backend', 'cpu', '--test-samples', '64', '--out', 'e.json');
    expect(e.code, e.io.err).toBe(0);
    expect(read('e.json').test_accuracy).toBe(w.training.test_accuracy);
    expect(read('e.json').test_mean_abs_error_deg).toBeCloseTo(w.training.test_mean_abs_error_deg, 10);
    const x = await run('export', ex('sound-localisation.snn.json'), '--weights', 'w.json', '--format', 'json', '--out', 'x.json');
    expect(x.code, x.io.err).toBe(0);
    expect(read('x.json').projections).toEqual(w.projections);
    expect(WeightsFile.safeParse(read('x.json')).success).toBe(true);
    // NIR is binary (HDF5): not on stdout (src/cli/commands/nir.test.ts covers the export itself).
    expect((await run('export', ex('sound-localisation.snn.json'), '--weights', 'w.json', '--format', 'nir', '--out', '-')).code).toBe(2);
  });

  it('train --apply writes the network with the trained weights as explicit f32 values; snn run and validate take it; the input is untouched', async () => {
    const before = readFileSync(ex('sound-localisation.snn.json'), 'utf8');
    const a = await run('train', ex('sound-localisation.snn.json'), ...SMALL, '--epochs', '1', '--out', 'w1a.json', '--apply', 'applied.snn.json');
    expect(a.code, a.io.err).toBe(0);
    expect(a.io.err).toContain('applied the trained weights of in_hidden, hidden_out to');
    expect(readFileSync(ex('sound-localisation.snn.json'), 'utf8')).toBe(before);
    const doc = read('applied.snn.json'), w = read('w1a.json');
    const byId = Object.fromEntries(doc.projections.map((p: { id: string }) => [p.id, p]));
    for (const id of ['in_hidden', 'hidden_out']) {
      expect(byId[id].weight.dist).toBe('explicit');
      const flat = w.projections[id].weights.flat();
      expect(byId[id].weight.values).toHaveLength(flat.length);
      byId[id].weight.values.forEach((v: number, i: number) => expect(Math.fround(v)).toBe(Math.fround(flat[i])));
    }
    expect(doc.meta.name).toBe('sound-localisation');
    // Provenance (docs/file-format.md): where the weights came from, from the run that trained them.
    expect(doc.provenance).toMatchObject({
      source: 'training', dataset: { name: 'sound_localisation', seed: 3, train_samples: 128, test_samples: 64 },
      epochs: 1, backend: 'cpu', test_accuracy: w.training.test_accuracy, app_version: APP_VERSION, trained_tau: false,
    });
    expect(Date.now() - Date.parse(doc.provenance.date)).toBeLessThan(3_600_000);
    expect((await run('validate', 'applied.snn.json')).code).toBe(0);
    const r = await run('run', 'applied.snn.json', '--backend', 'cpu', '--out', 'run.json');
    expect(r.code, r.io.err).toBe(0);
    expect(read('run.json').populations.hidden.size).toBe(30);
  });

  it('train --apply with training.trainable_tau writes each population\'s trained τ per neuron; the engine runs them', async () => {
    const src = JSON.parse(readFileSync(ex('sound-localisation.snn.json'), 'utf8'));
    src.training.trainable_tau = true;
    writeFileSync(join(dir, 'tau.snn.json'), JSON.stringify(src));
    const a = await run('train', 'tau.snn.json', ...SMALL, '--epochs', '1', '--out', 'wt.json', '--apply', 'tau-applied.snn.json');
    expect(a.code, a.io.err).toBe(0);
    expect(a.io.err).toContain('and the per-neuron τ of hidden.tau_ms, output.tau_ms to');
    const doc = read('tau-applied.snn.json'), w = read('wt.json');
    const hidden = doc.nodes.find((n: { id: string }) => n.id === 'hidden');
    expect(hidden.params.tau_ms.per_neuron).toHaveLength(30);
    hidden.params.tau_ms.per_neuron.forEach((v: number, i: number) => expect(Math.fround(v)).toBe(Math.fround(w.populations.hidden.trained.tau_ms[i])));
    expect(doc.provenance.trained_tau).toBe(true);
    // Evaluated as applied: the trainer reads the per-neuron τ back from the document, the engine runs them.
    const e = await run('evaluate', 'tau-applied.snn.json', '--backend', 'cpu', '--engine', 'cpu', '--test-samples', '16', '--seed', '3', '--out', 'et.json');
    expect(e.code, e.io.err).toBe(0);
    const fromFile = await run('evaluate', 'tau.snn.json', '--weights', 'wt.json', '--backend', 'cpu', '--test-samples', '16', '--seed', '3', '--out', 'ef.json');
    expect(fromFile.code, fromFile.io.err).toBe(0);
    expect(read('et.json').test_accuracy).toBe(read('ef.json').test_accuracy);
    expect(read('et.json').engine.agreement).toBeGreaterThanOrEqual(0.9);
  });

  it('evaluate --engine cpu runs the test set on the simulation engine and reports agreement with the trainer; --apply from a weights file', async () => {
    const e = await run('evaluate', ex('sound-localisation.snn.json'), '--weights', 'w.json', '--backend', 'cpu', '--engine', 'cpu', '--test-samples', '32', '--out', 'ee.json', '--apply', 'applied2.snn.json');
    expect(e.code, e.io.err).toBe(0);
    const r = read('ee.json');
    expect(r.engine).toMatchObject({ backend: 'cpu', adapter: 'cpu', test_samples: 32 });
    expect(r.engine.agreement).toBeGreaterThan(0);
    expect(r.engine.agreement).toBeLessThanOrEqual(1);
    expect(r.engine.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(32);
    expect(e.io.err).toMatch(/engine \(cpu\): test accuracy \d+\.\d%, mean \|IPD error\| \d+\.\d°, same class as the trainer on \d+\.\d% of 32 samples/);
    expect(read('applied2.snn.json').provenance).toMatchObject({ source: 'weights_file', weights_file: 'w.json', epochs: 2, backend: 'cpu', dataset: { seed: 3 } });
    // The applied document evaluated on its own (no --weights) gives the same trainer and engine results.
    const a = await run('evaluate', 'applied2.snn.json', '--backend', 'cpu', '--engine', 'cpu', '--test-samples', '32', '--seed', '3', '--out', 'ea.json');
    expect(a.code, a.io.err).toBe(0);
    expect(a.io.err).not.toContain('warning');
    expect(read('ea.json').engine.agreement).toBe(r.engine.agreement);
    expect(read('ea.json').engine.test_accuracy).toBe(r.engine.test_accuracy);
    expect(read('ea.json').test_accuracy).toBe(r.test_accuracy);
    // Without weights: the initial weights, with a warning.
    const i = await run('evaluate', ex('sound-localisation.snn.json'), '--backend', 'cpu', '--engine', 'cpu', '--test-samples', '8', '--out', 'ei.json');
    expect(i.code, i.io.err).toBe(0);
    expect(i.io.err).toContain('warning: no --weights, and the trainable projections have no explicit weights: evaluating the initial weights');
    expect((await run('evaluate', ex('sound-localisation.snn.json'), '--engine', 'cpu', '--apply', 'x.snn.json')).code).toBe(2);
    expect((await run('evaluate', ex('sound-localisation.snn.json'), '--weights', 'w.json', '--engine', 'fpga')).code).toBe(2);
    expect(existsSync(join(dir, 'x.snn.json'))).toBe(false);
    // --apply is an output like --out: never the network it reads, never stdout (exit 2, nothing written).
    const text = readFileSync(ex('sound-localisation.snn.json'), 'utf8');
    writeFileSync(join(dir, 'net.snn.json'), text);
    const same = await run('evaluate', 'net.snn.json', '--weights', 'w.json', '--backend', 'cpu', '--apply', 'net.snn.json');
    expect(same.code).toBe(2);
    expect(same.io.err).toContain('--apply net.snn.json is the same file as the network net.snn.json');
    expect(readFileSync(join(dir, 'net.snn.json'), 'utf8')).toBe(text);
    expect((await run('train', 'net.snn.json', '--backend', 'cpu', '--apply', '-')).code).toBe(2);
    expect((await run('train', 'net.snn.json', '--backend', 'cpu', '--out', 'o.json', '--apply', 'o.json')).code).toBe(2);
  });

  it('resuming a 1-epoch checkpoint for a second epoch gives exactly the 2-epoch weights', async () => {
    const a = await run('train', ex('sound-localisation.snn.json'), ...SMALL, '--epochs', '1', '--checkpoint', 'c1.json', '--out', 'w1.json');
    expect(a.code, a.io.err).toBe(0);
    expect(read('c1.json').training.checkpoint.kind).toBe('adam');
    const b = await run('train', ex('sound-localisation.snn.json'), ...SMALL, '--epochs', '2', '--resume', 'c1.json', '--out', 'w2.json');
    expect(b.code, b.io.err).toBe(0);
    expect(read('w2.json').projections).toEqual(read('w.json').projections);
    expect(read('w2.json').training.loss).toEqual(read('w.json').training.loss);
  });

  it('Ctrl-C stops after a batch and leaves a valid checkpoint (exit 130)', async () => {
    const p = run('train', ex('sound-localisation.snn.json'), ...SMALL, '--epochs', '3', '--out', 'stopped.json');
    setImmediate(() => process.emit('SIGINT'));
    const r = await p;
    expect(r.code, r.io.err).toBe(130);
    expect(existsSync(join(dir, 'stopped.json'))).toBe(false);
    const cp = read('stopped.checkpoint.json');
    expect(WeightsFile.safeParse(cp).success).toBe(true);
    expect(cp.training.epochs_completed).toBe(0);
    const again = await run('train', ex('sound-localisation.snn.json'), ...SMALL, '--epochs', '1', '--resume', 'stopped.checkpoint.json', '--out', 'after.json');
    expect(again.code, again.io.err).toBe(0);
  });

  it('rejects truncated, mis-shaped and foreign weights with exit 3 and the JSON path', async () => {
    const text = readFileSync(join(dir, 'w.json'), 'utf8');
    writeFileSync(join(dir, 'trunc.json'), text.slice(0, text.length / 2));
    const t = await run('evaluate', ex('sound-localisation.snn.json'), '--weights', 'trunc.json', '--backend', 'cpu');
    expect(t.code).toBe(3);
    expect(t.io.err).toMatch(/trunc\.json: invalid weights file[\s\S]*not valid JSON/);
    const w = JSON.parse(text);
    w.projections.in_hidden.weights[3].pop();
    writeFileSync(join(dir, 'shape.json'), JSON.stringify(w));
    const s = await run('evaluate', ex('sound-localisation.snn.json'), '--weights', 'shape.json', '--backend', 'cpu');
    expect(s.code).toBe(3);
    expect(s.io.err).toContain('projections.in_hidden.weights[3]: shape says 30 columns (post), found 29');
    const f = await run('evaluate', ex('membrane-only.snn.json'), '--weights', 'w.json', '--backend', 'cpu');
    expect(f.code).toBe(3);
    expect(f.io.err).toContain('projections.in_out: missing');
    expect(f.io.err).toContain('projections.in_hidden: the network "membrane-only" has no projection "in_hidden"');
  });

  it('refuses a network that cannot be trained, naming the node (exit 3); bad flags are usage errors (exit 2)', async () => {
    const r = await run('train', ex('coincidence-detection.snn.json'), '--backend', 'cpu');
    expect(r.code).toBe(3);
    expect(r.io.err).toMatch(/cannot be trained[\s\S]*dataset/);
    expect((await run('train', ex('sound-localisation.snn.json'), '--surrogate', 'tanh')).code).toBe(2);
    expect((await run('train', ex('sound-localisation.snn.json'), '--set', 'nope.size=3')).code).toBe(2);
  });

  it('a network only the CPU trainer runs: --backend gpu is refused before any work (exit 3, says why, suggests cpu); auto trains it on the CPU with a note', async () => {
    // A recurrent projection with exponential synapses stays on the CPU trainer.
    const doc = JSON.parse(readFileSync(ex('sound-localisation.snn.json'), 'utf8'));
    const into = doc.projections.find((p: { target: string; source: string }) => p.target === 'hidden' && p.source !== 'hidden');
    doc.projections.push({ ...into, id: 'hidden_rec', source: 'hidden', target: 'hidden', synapse: { kind: 'exponential', tau_ms: 5 } });
    writeFileSync(join(dir, 'cpu-only.snn.json'), JSON.stringify(doc));
    const g = await run('train', 'cpu-only.snn.json', '--backend', 'gpu', '--out', 'gpu.json');
    expect(g.code).toBe(3);
    expect(g.io.err).toMatch(/--backend gpu: recurrent "hidden_rec" has exponential synapses.*--backend cpu/);
    expect(existsSync(join(dir, 'gpu.json'))).toBe(false);
    const a = await run('train', 'cpu-only.snn.json', ...SMALL.slice(2), '--backend', 'auto', '--epochs', '1', '--out', 'cpu-only.json');
    expect(a.code, a.io.err).toBe(0);
    expect(a.io.err).toMatch(/^backend: cpu \(the GPU trainer cannot run this network: recurrent "hidden_rec" has exponential synapses/m);
    expect(Object.keys(read('cpu-only.json').projections)).toContain('hidden_rec');
  });

  it('training.trainable_tau: per-neuron τ trained on the CPU, written under populations.*.trained, read back by evaluate', async () => {
    const doc = JSON.parse(readFileSync(ex('sound-localisation.snn.json'), 'utf8'));
    doc.training = { ...doc.training, trainable_tau: true };
    writeFileSync(join(dir, 'tau.snn.json'), JSON.stringify(doc));
    const a = await run('train', 'tau.snn.json', ...SMALL, '--epochs', '1', '--out', 'tau.json', '--checkpoint', 'tau.cp.json');
    expect(a.code, a.io.err).toBe(0);
    expect(a.io.err).toMatch(/trained τ: 42 values \(hidden, output\), \d+ at an edge of their range, \d+ clamps during training/);
    const w = read('tau.json');
    expect(WeightsFile.safeParse(w).success).toBe(true);
    const tau = w.populations.hidden.trained.tau_ms as number[];
    expect(tau).toHaveLength(30);
    expect(tau.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    expect(tau.some((v) => v !== doc.nodes.find((n: { id: string }) => n.id === 'hidden').params.tau_ms)).toBe(true);
    expect(Object.keys(read('tau.cp.json').training.checkpoint.state)).toContain('hidden#tau_ms');
    const e = await run('evaluate', 'tau.snn.json', '--weights', 'tau.json', '--backend', 'cpu', '--test-samples', '64', '--out', 'tau-e.json');
    expect(e.code, e.io.err).toBe(0);
    expect(read('tau-e.json').test_accuracy).toBe(w.training.test_accuracy);
    const plain = await run('evaluate', ex('sound-localisation.snn.json'), '--weights', 'tau.json', '--backend', 'cpu', '--test-samples', '64', '--out', 'tau-p.json');
    expect(plain.code, plain.io.err).toBe(0);
    expect(plain.io.err).toMatch(/trained τ of hidden, output are not used/);
  });
});
