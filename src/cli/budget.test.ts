// The budget before a run through the `snn` command: each hostile case of issue 11 exits 3 (or 2 for a
// malformed option) with one line naming the JSON path to shrink, before anything is compiled or allocated.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';
import type { CliIo } from './io';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'snn-budget-'));

async function snn(...args: string[]) {
  let out = '', err = '';
  const io: CliIo = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false, cwd: dir };
  const code = await main(args, io);
  return { code, out, err, first: err.split('\n')[0] };
}

function file(name: string, raw: Record<string, unknown>): string {
  const f = join(dir, `${name}.snn.json`);
  writeFileSync(f, JSON.stringify({ format: 'snn-network', version: 1, meta: { name }, ...raw }));
  return f;
}

const pair = (name: string, n: number) => file(name, {
  nodes: [{ id: 'a', kind: 'population', model: 'lif', size: n }, { id: 'b', kind: 'population', model: 'lif', size: n }],
  projections: [{ id: 'p', source: 'a', target: 'b', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 0.1 } }],
});

describe('snn run: the budget before the run', () => {
  it('all-to-all 1e6 × 1e6 → exit 3 naming projections[0].connectivity (was: invalid typed array length)', async () => {
    const r = await snn('run', pair('huge', 1e6), '--backend', 'cpu');
    expect(r.code).toBe(3);
    expect(r.first).toMatch(/^snn run: .*huge\.snn\.json: beyond the budget of this run: projections\[0\]\.connectivity: the run needs about 21\.8 TiB of memory, above the limit of .*1\.00e12 synapses.*\(or raise --memory-limit\)$/);
    expect(r.out).toBe('');
  });

  it('all-to-all 3e4 × 3e4 under --memory-limit 2GiB → exit 3 with the estimate and the limit', async () => {
    const r = await snn('run', pair('big', 3e4), '--backend', 'cpu', '--memory-limit', '2GiB', '--out', join(dir, 'o.json'));
    expect(r.code).toBe(3);
    expect(r.first).toMatch(/projections\[0\]\.connectivity: the run needs about 20\.1 GiB of memory, above the limit of 2\.00 GiB/);
  });

  it('1e5 neurons recorded for 10 s → exit 3 naming monitors[0] (was: V8 heap limit crash)', async () => {
    const f = file('rec', { simulation: { duration_ms: 10_000 }, nodes: [{ id: 'a', kind: 'population', model: 'lif', size: 1e5 }], monitors: [{ id: 'm', kind: 'state', target: 'a', variable: 'v' }] });
    const r = await snn('run', f, '--backend', 'cpu');
    expect(r.code).toBe(3);
    expect(r.first).toMatch(/beyond the budget of this run: monitors\[0\]: the kept records need about \d+ GiB of JS heap/);
  });

  it('duration 1e9 ms and dt 1e-300 ms → exit 3 naming the step count (was: never finishes)', async () => {
    const one = (name: string, simulation: Record<string, number>) => file(name, { simulation, nodes: [{ id: 'a', kind: 'population', model: 'lif', size: 1 }] });
    const long = await snn('run', one('long', { duration_ms: 1e9 }), '--backend', 'cpu');
    expect(long.code).toBe(3);
    expect(long.first).toMatch(/simulation\.duration_ms: 1000000000 ms at dt 0\.1 ms is 1\.00e10 steps, above the limit of 1\.00e8 steps/);
    const tiny = await snn('run', one('tiny', { dt_ms: 1e-300 }), '--backend', 'cpu');
    expect(tiny.code).toBe(3);
    expect(tiny.first).toMatch(/simulation\.dt_ms: 100 ms at dt 1e-300 ms is 1\.00e302 steps/);
    const opt = await snn('run', one('ok', {}), '--backend', 'cpu', '--duration', '1e12');
    expect(opt.code).toBe(3);
    expect(opt.first).toMatch(/--duration: 1000000000000 ms/);
  });

  it('a malformed --memory-limit is a usage error (exit 2)', async () => {
    const r = await snn('run', join(root, 'resources/examples/lif-neuron.snn.json'), '--memory-limit', 'lots');
    expect(r.code).toBe(2);
    expect(r.first).toBe('snn run: --memory-limit lots: expected a size such as 8GiB, 512MiB, 2GB or a number of bytes');
  });

  it('an example runs under a small --memory-limit', async () => {
    const r = await snn('run', join(root, 'resources/examples/lif-neuron.snn.json'), '--backend', 'cpu', '--memory-limit', '64MiB');
    expect(r.code).toBe(0);
  });
});

describe('snn train / evaluate: the budget of the data sets', () => {
  it('--train-samples 1e9 → exit 3 naming training.train_samples (was: internal error)', async () => {
    const r = await snn('train', join(root, 'resources/examples/sound-localisation.snn.json'), '--train-samples', '1e9', '--backend', 'cpu');
    expect(r.code).toBe(3);
    expect(r.first).toMatch(/beyond the budget of this run: training\.train_samples: training needs about 18\.2 TiB of memory, .*use fewer samples \(--train-samples, --test-samples\)/);
  });
});
