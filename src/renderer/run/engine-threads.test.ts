// The app's choice of the CPU engine's threads (./engine-threads.ts, docs/engine.md "CPU engine on two threads"):
// two only where the page is cross-origin isolated; 'auto' from AUTO_MIN_NEURONS neurons on a machine with two
// cores or more. Checked through the engine's own decision (engineThreads), so the app and `snn run` agree.
import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../../shared/compiler';
import { AUTO_MIN_NEURONS, engineThreads } from '../../shared/engine/cpu-engine';
import type { PeerPort } from '../../shared/engine/step-link';
import type { NetworkDocument } from '../../shared/graph';
import { appCpuOptions, threadsFromQuery } from './engine-threads';
import { engineLabel } from './controller';

const doc = (size: number): NetworkDocument => ({
  format: 'snn-network', version: 1, meta: { name: 'n' }, simulation: { dt_ms: 0.1, duration_ms: 1, seed: 1 },
  nodes: [{ id: 'a', kind: 'population', model: 'lif', size: size - 1, params: {} }, { id: 'b', kind: 'population', model: 'lif', size: 1, params: {} }],
  projections: [], monitors: [],
} as unknown as NetworkDocument);
const big = compileNetwork(doc(AUTO_MIN_NEURONS), { seed: 1 });
const small = compileNetwork(doc(AUTO_MIN_NEURONS - 1), { seed: 1 });
// Never called: engineThreads only decides; starting the thread is the engine's constructor's business.
const spawn = (): PeerPort => { throw new Error('not started by the choice'); };

describe('the CPU engine threads in the app', () => {
  it('one thread where the page is not cross-origin isolated, whatever is asked', () => {
    for (const threads of [1, 2, 'auto'] as const) {
      const opts = appCpuOptions(threads, { isolated: false, cores: 16 }, spawn);
      expect(opts.spawn).toBeUndefined();
      expect(engineThreads(big, opts)).toBe(1);
    }
  });

  it("'auto': two from AUTO_MIN_NEURONS neurons (all populations) with two cores or more", () => {
    const on = (cores: number) => appCpuOptions('auto', { isolated: true, cores }, spawn);
    expect(engineThreads(big, on(2))).toBe(2);
    expect(engineThreads(big, on(8))).toBe(2);
    expect(engineThreads(small, on(8))).toBe(1);
    expect(engineThreads(big, on(1))).toBe(1);
    expect(engineThreads(big, on(0))).toBe(1); // hardwareConcurrency unknown
  });

  it('1 and 2 are obeyed where isolated, at any size', () => {
    expect(engineThreads(big, appCpuOptions(1, { isolated: true, cores: 8 }, spawn))).toBe(1);
    expect(engineThreads(small, appCpuOptions(2, { isolated: true, cores: 1 }, spawn))).toBe(2);
  });

  it('the page chooses with ?threads=1|2, else auto', () => {
    expect(threadsFromQuery('')).toBe('auto');
    expect(threadsFromQuery('?threads=1')).toBe(1);
    expect(threadsFromQuery('?x=y&threads=2')).toBe(2);
    expect(threadsFromQuery('?threads=3')).toBe('auto');
  });

  it('the run status names the engine as `snn run` does', () => {
    expect(engineLabel({ backend: 'cpu', adapter: 'CPU', threads: 2 })).toBe('CPU, 2 threads');
    expect(engineLabel({ backend: 'cpu', adapter: 'CPU', threads: 1 })).toBe('CPU');
    expect(engineLabel({ backend: 'cpu', adapter: 'CPU' })).toBe('CPU');
    expect(engineLabel({ backend: 'gpu', adapter: 'SwiftShader' })).toBe('GPU (SwiftShader)');
  });
});
