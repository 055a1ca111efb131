// `snn run` on the GPU backend (Dawn): auto picks the GPU and says so; results match --backend cpu; a
// network beyond the device's limits is refused before the run (exit 3) with what to shrink; a diverging run exits 4 cleanly (no crash).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getTestGpu } from '../../../test/gpu';
import { main } from '../main';
import type { CliIo } from '../io';

const root = new URL('../../../', import.meta.url).pathname;

async function snn(...args: string[]) {
  let out = '', err = '';
  const io: CliIo = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false, cwd: root };
  return { code: await main(args, io), out: () => out, err: () => err };
}

describe('snn run on the GPU', () => {
  it('--backend auto runs on the GPU, names the adapter, and agrees with --backend cpu', async () => {
    await getTestGpu();
    const f = join(root, 'resources/examples/coincidence-detection.snn.json');
    const g = await snn('run', f, '--duration', '100');
    const c = await snn('run', f, '--duration', '100', '--backend', 'cpu');
    expect(g.code).toBe(0);
    expect(g.err()).toMatch(/on the GPU backend/);
    const jg = JSON.parse(g.out()), jc = JSON.parse(c.out());
    expect(jg.backend).toBe('gpu');
    expect(jg.adapter).not.toBe('cpu');
    expect(jg.populations).toEqual(jc.populations);
  });

  it('a network beyond device limits is refused by the budget (exit 3) and says what to shrink', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-big-'));
    const f = join(dir, 'big.snn.json');
    writeFileSync(f, JSON.stringify({ format: 'snn-network', version: 1, meta: { name: 'big' },
      nodes: [{ id: 'g', kind: 'input', model: 'spike_generator', size: 1 }, { id: 'big', kind: 'population', model: 'lif', size: 3_000_000 }],
      projections: [{ id: 'p', source: 'g', target: 'big', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 1 }, delay: { kind: 'constant', ms: 10 } }] }));
    const r = await snn('run', f, '--backend', 'gpu', '--duration', '1');
    expect(r.code).toBe(3);
    expect(r.err()).toMatch(/beyond the budget of this run: nodes\[1\]\.size: the delay ring of "big" .* above this device's limit of .* per buffer; shorten the delays or shrink the population/);
  });

  it('a run that diverges on the GPU exits 4 with the message, not a crash (the real `snn` process)', async () => {
    await getTestGpu();
    const dir = mkdtempSync(join(tmpdir(), 'snn-div-'));
    const f = join(dir, 'div.snn.json');
    // Diverges at step 24 of the first 1000-step chunk while the second chunk is already submitted: the case
    // that used to crash the process (exit 139) after printing the message.
    writeFileSync(f, JSON.stringify({ format: 'snn-network', version: 1, meta: { name: 'div' }, simulation: { duration_ms: 1000 },
      nodes: [{ id: 'g', kind: 'input', model: 'spike_generator', size: 1, data: { spikes: { index: [0], time_ms: [1] } } }, { id: 'out', kind: 'population', model: 'leaky_integrator', size: 1 }],
      projections: [{ id: 'p', source: 'g', target: 'out', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 100000 }, synapse: { kind: 'conductance', tau_ms: 5, e_rev: 100 } }] }));
    for (let i = 0; i < 3; i++) {
      const r = spawnSync(process.execPath, [join(root, 'bin/snn.mjs'), 'run', f, '--backend', 'gpu'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
      expect(r.signal).toBeNull();
      expect(r.status).toBe(4);
      expect(r.stderr).toMatch(/^snn run: divergence: out\.v became NaN or infinite at step 24 /m);
      expect(r.stdout).toBe('');
    }
  }, 400_000);
});
