import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main';
import { recordingIo } from '../../test/cli/test-io';
import { getNodeGpu } from './node-gpu';

// Which trainer `--backend auto` picks (issue #14 item 4): on a software adapter — SwiftShader here — the CPU
// trainer is several times faster (docs/benchmarks.md, "Training"), so auto takes the CPU and says why once;
// `--backend gpu` still trains on the adapter.
describe('snn train --backend on a software adapter', () => {
  it('auto trains on the CPU and names the adapter; gpu uses it', async () => {
    const g = await getNodeGpu();
    expect(g.ok, g.ok ? '' : g.reason).toBe(true);
    if (!g.ok || !g.value.isSoftware) return; // a hardware adapter: auto takes the GPU, checked elsewhere
    const dir = mkdtempSync(join(tmpdir(), 'snn-backend-'));
    const ex = join(__dirname, '../../resources/examples/sound-localisation.snn.json');
    const args = ['--train-samples', '16', '--test-samples', '16', '--batch-size', '16', '--epochs', '1', '--threads', '1'];
    const auto = recordingIo(dir);
    expect(await main(['train', ex, ...args, '--out', 'a.json'], auto), auto.err).toBe(0);
    expect(auto.err.split('\n')[0]).toBe(`backend: cpu (${g.value.description} is a software adapter, slower than the CPU trainer; --backend gpu to use it)`);
    const gpu = recordingIo(dir);
    expect(await main(['train', ex, ...args, '--backend', 'gpu', '--out', 'g.json'], gpu), gpu.err).toBe(0);
    expect(gpu.err.split('\n')[0]).toBe(`backend: gpu (${g.value.description})`);
  });
});
