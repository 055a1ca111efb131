// `snn run` on the CPU backend: the snn-run JSON, --set/--record/--out/--dump-wgsl, and the exit codes and
// messages of bad inputs (unknown node, wrong type, invalid file, delay beyond limits).
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main';
import type { CliIo } from '../io';

const root = new URL('../../../', import.meta.url).pathname;
const ex = (name: string) => join(root, 'resources/examples', `${name}.snn.json`);

async function snn(...args: string[]) {
  let out = '', err = '';
  const io: CliIo = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false, cwd: root };
  const code = await main(args, io);
  return { code, out, err };
}

describe('snn run', () => {
  it('writes the snn-run v1 JSON: every population with size, spike_count, spikes; traces; which backend ran', async () => {
    const r = await snn('run', ex('lif-neuron'), '--backend', 'cpu');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ format: 'snn-run', version: 1, network: 'lif-neuron', backend: 'cpu', seed: 1, dt_ms: 0.1, duration_ms: 100, steps: 1000 });
    expect(j.populations.input).toEqual({ size: 1, spike_count: [3], spikes: { index: [0, 0, 0], time_ms: [20, 40, 60] } });
    expect(j.populations.neuron.spikes).toEqual({ index: [0], time_ms: [60.1] });
    expect(j.populations.neuron.traces.v.time_ms.slice(0, 3)).toEqual([0, 0.1, 0.2]);
    expect(j.populations.neuron.traces.v.values[0][201]).toBe(0.5);
    expect(r.err).toMatch(/on the CPU backend/);
  });

  it('--threads 2: the CPU engine on two threads writes the same JSON as on one, and says so', async () => {
    const args = [ex('stdp'), '--backend', 'cpu', '--duration', '100', '--record', 'neuron.v'];
    const one = await snn('run', ...args, '--threads', '1'), two = await snn('run', ...args, '--threads', '2');
    expect([one.code, two.code]).toEqual([0, 0]);
    const { wall_ms: w1, ...a } = JSON.parse(one.out), { wall_ms: w2, ...b } = JSON.parse(two.out);
    expect(b).toEqual(a);
    expect([w1, w2].every((w) => w > 0)).toBe(true);
    expect(two.err).toMatch(/\(cpu, 2 threads\)/);
    expect(one.err).not.toMatch(/threads/);
  });

  it('--set, --record, --duration, --seed and --out (written whole)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-run-'));
    const out = join(dir, 'r.json');
    const r = await snn('run', ex('coincidence-detection'), '--backend', 'cpu', '--duration', '50', '--seed', '4',
      '--set', 'ears.ipd_deg=45', '--set', 'detectors.size=10', '--record', 'detectors.v:0,9', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    const j = JSON.parse(readFileSync(out, 'utf8'));
    expect(j.steps).toBe(500);
    expect(j.seed).toBe(4);
    expect(j.populations.detectors.size).toBe(10);
    expect(j.populations.detectors.traces.v.index).toEqual([0, 9]);
    expect(j.populations.detectors.traces.v.values[1].length).toBe(500);
    expect(readdirSync(dir)).toEqual(['r.json']);
  });

  it('--dump-wgsl writes every kernel and program.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-wgsl-'));
    const r = await snn('run', ex('stdp'), '--backend', 'cpu', '--duration', '1', '--dump-wgsl', dir);
    expect(r.code).toBe(0);
    const files = readdirSync(dir).sort();
    expect(files).toContain('propagate_inputs_neuron.wgsl');
    expect(files).toContain('stdp_post_inputs_neuron.wgsl');
    expect(JSON.parse(readFileSync(join(dir, 'program.json'), 'utf8')).step.at(-1).kernel).toBe('end_step');
  });

  it('--propagation picks the strategy program.json and the kernel header show', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-wgsl-'));
    const r = await snn('run', ex('coincidence-detection'), '--backend', 'cpu', '--duration', '1', '--propagation', 'csr', '--dump-wgsl', dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'program.json'), 'utf8')).propagation).toEqual({ ears_detectors: 'csr' });
    expect(readFileSync(join(dir, 'propagate_ears_detectors.wgsl'), 'utf8')).toMatch(/event-driven pre-span.*forced csr/);
    const d = await snn('run', ex('coincidence-detection'), '--backend', 'cpu', '--duration', '1', '--dump-wgsl', dir);
    expect(d.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'program.json'), 'utf8')).propagation).toEqual({ ears_detectors: 'dense' });
  });

  it('--schedule single: program.json records the schedule, one kernel holds every phase', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-wgsl-'));
    const r = await snn('run', ex('stdp'), '--backend', 'cpu', '--duration', '1', '--schedule', 'single', '--dump-wgsl', dir);
    expect(r.code).toBe(0);
    const program = JSON.parse(readFileSync(join(dir, 'program.json'), 'utf8'));
    expect(program.schedule).toBe('single');
    expect(program.step).toEqual([{ kernel: 'single', workgroups: [1, 1] }]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.wgsl'))).toEqual(['single.wgsl']);
    expect(readFileSync(join(dir, 'single.wgsl'), 'utf8')).toMatch(/\/\/ stdp_post_inputs_neuron\n/);
  });

  it.each([
    [['--schedule', 'merged'], 2, /--schedule merged: must be auto, separate, fused or single/],
    [['--set', 'nope.x=1'], 2, /no node "nope" \(nodes: input, neuron\)/],
    [['--set', 'neuron.tau_ms=fast'], 2, /neuron.tau_ms=fast: must be a number/],
    [['--set', 'neuron.tauu=1'], 2, /has no parameter "tauu" \(it has: size, tau_ms/],
    [['--record', 'neuron.w'], 2, /"neuron" has no state variable "w" \(it has: v, refrac, spk_prev\)/],
    [['--backend', 'tpu'], 2, /must be auto, gpu or cpu/],
    [['--propagation', 'sparse'], 2, /--propagation sparse: must be auto, csr or dense/],
    [['--duration', '0'], 2, /--duration 0: must be a finite number above 0/],
  ])('bad option %j → exit %i', async (args, code, re) => {
    const r = await snn('run', ex('lif-neuron'), '--backend', 'cpu', ...(args as string[]));
    expect(r.code).toBe(code);
    expect(r.err).toMatch(re);
    expect(r.out).toBe('');
  });

  it('an invalid network file → exit 3 with its JSON path; a delay beyond the limit → exit 3; no output file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-bad-'));
    const bad = join(dir, 'bad.snn.json');
    const good = JSON.parse(readFileSync(ex('lif-neuron'), 'utf8'));
    writeFileSync(bad, JSON.stringify({ ...good, nodes: [{ ...good.nodes[0], model: 'nope' }, good.nodes[1]] }));
    const r = await snn('run', bad, '--backend', 'cpu', '--out', join(dir, 'o.json'));
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/nodes\[0\]\.model.*unknown model "nope"/);
    const far = join(dir, 'far.snn.json');
    good.projections[0].delay = { kind: 'constant', ms: 100000 };
    writeFileSync(far, JSON.stringify(good));
    const r2 = await snn('run', far, '--backend', 'cpu', '--out', join(dir, 'o.json'));
    expect(r2.code).toBe(3);
    expect(r2.err).toMatch(/delay 100000 ms = 1000000 steps .* beyond the limit/);
    expect(existsSync(join(dir, 'o.json'))).toBe(false);
  });

  it('numerical divergence → exit 4 naming population, variable and step', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-div-'));
    const f = join(dir, 'div.snn.json');
    writeFileSync(f, JSON.stringify({ format: 'snn-network', version: 1, meta: { name: 'div' },
      nodes: [{ id: 'g', kind: 'input', model: 'spike_generator', size: 1, data: { spikes: { index: [0], time_ms: [1] } } }, { id: 'out', kind: 'population', model: 'leaky_integrator', size: 1 }],
      projections: [{ id: 'p', source: 'g', target: 'out', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 100000 }, synapse: { kind: 'conductance', tau_ms: 5, e_rev: 100 } }] }));
    const r = await snn('run', f, '--backend', 'cpu');
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/divergence: out\.v .* at step \d+/);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
  });
});
