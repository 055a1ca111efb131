// Option values that would give quiet wrong answers are usage errors (exit 2) naming the option, before any
// work (docs/cli.md); a training loss that explodes warns on stderr.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main';
import { recordingIo } from '../../test/cli/test-io';
import { MAX_SEED, numberOption } from './options';

const ex = (f: string) => join(__dirname, '../../resources/examples', f);
const cli = async (...args: string[]) => {
  const io = recordingIo(mkdtempSync(join(tmpdir(), 'snn-opt-')));
  const code = await main(args, io);
  return { code, io, first: io.err.split('\n')[0] };
};

describe('numeric options', () => {
  it.each([
    [['run', ex('lif-neuron.snn.json'), '--backend', 'cpu', '--seed', '1e300'], /^snn run: --seed 1e300: must be a whole number ≥ 0 and ≤ 4294967295$/],
    [['run', ex('lif-neuron.snn.json'), '--backend', 'cpu', '--seed=-1'], /^snn run: --seed -1: must be a whole number ≥ 0/],
    [['run', ex('lif-neuron.snn.json'), '--backend', 'cpu', '--seed', String(2 ** 32)], /^snn run: --seed 4294967296/],
    [['run', ex('lif-neuron.snn.json'), '--backend', 'cpu', '--duration', 'Infinity'], /^snn run: --duration Infinity: must be a finite number above 0$/],
    [['run', ex('lif-neuron.snn.json'), '--backend', 'cpu', '--dt', ''], /^snn run: --dt "": must be a finite number above 0$/],
    [['train', ex('sound-localisation.snn.json'), '--backend', 'cpu', '--seed', '1e300'], /^snn train: --seed 1e300/],
    [['train', ex('sound-localisation.snn.json'), '--backend', 'cpu', '--epochs', '2.5'], /^snn train: --epochs 2.5: must be a whole number ≥ 1/],
    [['train', ex('sound-localisation.snn.json'), '--backend', 'cpu', '--lr', 'NaN'], /^snn train: --lr NaN: must be a finite number above 0$/],
    [['train', ex('sound-localisation.snn.json'), '--backend', 'cpu', '--surrogate', 'sigmoid:Infinity'], /^snn train: --surrogate sigmoid:Infinity: β must be a finite number above 0$/],
    [['train', ex('sound-localisation.snn.json'), '--backend', 'cpu', '--surrogate', 'arctan:'], /^snn train: --surrogate arctan:: β must be/],
    [['evaluate', ex('sound-localisation.snn.json'), '--weights', 'w.json', '--seed', '1e300'], /^snn evaluate: --seed 1e300/],
    [['export', ex('sound-localisation.snn.json'), '--format', 'json', '--out', 'x.json', '--seed=-1'], /^snn export: --seed -1/],
    [['bench', '--steps', 'abc'], /^snn bench: --steps abc: must be a whole number ≥ 1/],
    [['bench', '--steps', '0'], /^snn bench: --steps 0/],
    [['run', ex('lif-neuron.snn.json'), '--backend', 'cpu', '--threads', '3'], /^snn run: --threads 3: must be 1, 2 or auto$/],
    [['bench', '--threads', 'two'], /^snn bench: --threads two: must be 1, 2 or auto$/],
  ])('%j → exit 2', async (args, first) => {
    const r = await cli(...args);
    expect(r.code, r.io.err).toBe(2);
    expect(r.first).toMatch(first);
    expect(r.io.out).toBe('');
  });

  it('accepts the whole seed range and plain numbers', () => {
    expect(numberOption(String(MAX_SEED), 'seed', { min: 0, max: MAX_SEED, integer: true })).toBe(MAX_SEED);
    expect(numberOption(' 0.5 ', 'dt', { min: 0, above: true })).toBe(0.5);
    expect(numberOption(undefined, 'dt', {})).toBeUndefined();
  });
});

describe('an exploding training loss', () => {
  it('warns on stderr when the loss grows 1000× its first value (Adam, lr 1e9)', async () => {
    const r = await cli('train', ex('sound-localisation.snn.json'), '--backend', 'cpu', '--train-samples', '64', '--test-samples', '16',
      '--batch-size', '16', '--epochs', '1', '--lr', '1e9', '--seed', '3');
    // Seed 3: the loss goes from about 2.6 to about 8e10 at batch 2 and stays finite (an overflow would exit 4).
    expect(r.code, r.io.err).toBe(0);
    expect(r.io.err).toMatch(/^warning: the training loss grew from \S+ to \S+ \(over 1000×\) by epoch 1, batch 2: the learning rate may be too high$/m);
  });
});
