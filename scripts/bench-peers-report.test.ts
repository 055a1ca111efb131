// The parsing and the ratios of `npm run bench:peers`, on output recorded from the real peer scripts
// (Brian2 2.5.1 and PyTorch 1.13 on Debian, 2026-12-03), with the warnings they print before their result.
import { describe, expect, it } from 'vitest';
import { parsePeerOutput, ratio, table, type BrianResult, type TorchResult } from './bench-peers-report';

const BRIAN_STDOUT = [
  '/usr/lib/python3/dist-packages/pythran/tables.py:4530: FutureWarning: In the future `np.bool` will be defined as the corresponding NumPy scalar.',
  '  if not hasattr(numpy, method):',
  '{"peer": "brian2", "target": "cython", "duration_ms": 1000.0, "build_s": 50.58647044200188, "run_s": 1.001885757999844, "synapses": 351655, "spikes": {"exc": 63590, "inh": 16333}, "rate_hz": {"exc": 19.871875, "inh": 20.41625}}',
  '',
].join('\n');
const TORCH_STDOUT = '{"peer": "pytorch", "torch": "1.13.0a0", "threads": 1, "epochs": 2, "train_s": 7.05033023100259, "epoch_s": [3.5264768749984796, 3.5238386659984826], "test_accuracy": 0.4326171875}\n';

describe('bench:peers report', () => {
  it('reads the result line after Python warnings', () => {
    const b = parsePeerOutput<BrianResult>(BRIAN_STDOUT, 'brian2', ['run_s', 'build_s', 'rate_hz']);
    expect(b.target).toBe('cython');
    expect(b.run_s).toBeCloseTo(1.0019, 4);
    expect(b.rate_hz.exc).toBeCloseTo(19.87, 2);
    const t = parsePeerOutput<TorchResult>(TORCH_STDOUT, 'pytorch', ['train_s', 'epoch_s']);
    expect(t.epoch_s).toHaveLength(2);
    expect(t.train_s).toBeCloseTo(7.0503, 4);
  });

  it('says what is missing instead of inventing a number', () => {
    expect(() => parsePeerOutput('', 'brian2', ['run_s'])).toThrow(/no result line.*empty/);
    expect(() => parsePeerOutput('Traceback (most recent call last):\nModuleNotFoundError: No module named \'brian2\'\n', 'brian2', ['run_s']))
      .toThrow(/no result line.*No module named 'brian2'/);
    expect(() => parsePeerOutput('{"peer": "brian2", "run_s": null}', 'brian2', ['run_s'])).toThrow(/lacks run_s/);
    expect(() => parsePeerOutput('{"peer": "brian2", "build_s": 1}', 'brian2', ['run_s'])).toThrow(/lacks run_s/);
    // Another peer's line is not this peer's result.
    expect(() => parsePeerOutput(TORCH_STDOUT, 'brian2', ['run_s'])).toThrow(/no result line/);
  });

  it('states ratios as SNN Studio time over the peer time', () => {
    expect(ratio(4, 0.2)).toBe('20× slower');
    expect(ratio(2.5, 1)).toBe('2.5× slower');
    expect(ratio(1, 4)).toBe('4.0× faster');
    expect(ratio(1, 1.02)).toBe('same');
    expect(ratio(null, 1)).toBe('—');
    expect(ratio(1, 0)).toBe('—');
    const t = table([
      { work: 'COBA', ours: 'CPU engine', oursS: 4, peer: 'Brian2 cython', peerS: 0.2 },
      { work: 'training', ours: 'CPU trainer', oursS: 75, peer: 'PyTorch', peerS: null, note: 'not installed' },
    ]);
    expect(t.split('\n')).toEqual([
      '| work | SNN Studio | s | peer | s | SNN Studio vs peer |',
      '|---|---|---|---|---|---|',
      '| COBA | CPU engine | 4.00 s | Brian2 cython | 0.20 s | 20× slower |',
      '| training | CPU trainer | 75.0 s | PyTorch (not installed) | — | — |',
    ]);
  });
});
