import { describe, expect, it } from 'vitest';
import {
  DatasetError, binBatch, binOf, binSample, checkAgainstNetwork, parseSpikeCsv, parseSpikeJson, splitIndices,
} from './spike-files';

describe('spike data files', () => {
  it('bins a spike at t into step floor(t/dt) and drops spikes at or after steps·dt', () => {
    // dt 2 ms, 5 steps (10 ms): 0 → 0, 1.999 ms → 0, 2 ms → 1, 9.5 ms → 4, 10 ms dropped.
    expect([0, 0.001999, 0.002, 0.0095, 0.01].map((t) => binOf(t, 2, 5))).toEqual([0, 0, 1, 4, -1]);
    const out = new Uint8Array(5 * 3);
    const landed = binSample({ times: [0.0095, 0.002, 0.01, 0.0001], units: [2, 1, 0, 0] }, 3, 2, 5, out);
    expect(landed).toBe(3);
    const at = (step: number, unit: number) => out[step * 3 + unit];
    expect([at(4, 2), at(1, 1), at(0, 0)]).toEqual([1, 1, 1]);
    expect(out.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('splits deterministically by data seed, disjointly and covering every sample', () => {
    const train = splitIndices(200, 5, 0.2, 'train');
    const test = splitIndices(200, 5, 0.2, 'test');
    expect([...train, ...test].sort((a, b) => a - b)).toEqual([...Array(200).keys()]);
    expect(splitIndices(200, 5, 0.2, 'test')).toEqual(test);
    expect(splitIndices(200, 6, 0.2, 'test')).not.toEqual(test);
    // Binomial(200, 0.2): mean 40, sd ≈ 5.7; 20..60 is beyond 3.5 sd either side.
    expect(test.length).toBeGreaterThan(20);
    expect(test.length).toBeLessThan(60);
    // Appending samples keeps every earlier sample on its side.
    expect(splitIndices(300, 5, 0.2, 'test').filter((i) => i < 200)).toEqual(test);
  });

  it('reads the CSV form with labels per sample, ordered by sample id', () => {
    const src = parseSpikeCsv('d.csv', 'sample,label,time_ms,unit\n3,1,4.5,2\n0,2,1,0\n3,1,0.5,1\n7,0,,\n');
    expect(src.count).toBe(3);
    expect(src.units).toBe(3);
    expect([...src.labels]).toEqual([2, 1, 0]);
    const { spikes, labels } = binBatch(src, [1], 1, 5);
    expect([...labels]).toEqual([1]);
    expect(spikes[4 * 3 + 2]).toBe(1); // 4.5 ms, dt 1 → step 4
    expect(spikes[0 * 3 + 1]).toBe(1);
    expect(src.sample(2).times.length).toBe(0);
  });

  it('reads the JSON form, with declared units', () => {
    const src = parseSpikeJson('d.json', JSON.stringify({ units: 4, samples: [{ label: 1, times_ms: [3], units: [0] }] }));
    expect(src.units).toBe(4);
    expect(src.sample(0).times[0]).toBeCloseTo(0.003, 12);
  });

  it('names the file and line or sample of bad input', () => {
    expect(() => parseSpikeCsv('d.csv', 'a,b\n')).toThrow(/d\.csv: line 1: the header/);
    expect(() => parseSpikeCsv('d.csv', 'sample,label,time_ms,unit\n0,1,2,3\n0,2,1,1\n')).toThrow(/d\.csv: line 3: sample 0 has label 2/);
    expect(() => parseSpikeCsv('d.csv', 'sample,label,time_ms,unit\n0,1,-2,3\n')).toThrow(/line 2: time_ms "-2"/);
    expect(() => parseSpikeJson('d.json', '{"samples":[{"label":0,"times_ms":[1,2],"units":[0]}]}')).toThrow(/samples\[0\]: "times_ms" has 2/);
    expect(() => parseSpikeJson('d.json', '{"units":1,"samples":[{"label":0,"times_ms":[1],"units":[3]}]}')).toThrow(/unit 3 is outside the declared 1/);
    expect(() => parseSpikeJson('d.json', '{')).toThrow(DatasetError);
  });

  it('checks units against the input size and labels against the readout', () => {
    const src = parseSpikeCsv('d.csv', 'sample,label,time_ms,unit\n0,4,1,9\n');
    expect(checkAgainstNetwork(src, 10, 5).units).toBe(10);
    // Inferred units (largest index + 1) may be fewer than the inputs: the top ones never fire.
    expect(checkAgainstNetwork(src, 12, 5).units).toBe(12);
    expect(() => checkAgainstNetwork(src, 8, 5)).toThrow(/10 input units \(the largest unit index \+ 1\) but the dataset node has size 8/);
    expect(() => checkAgainstNetwork(src, 10, 4)).toThrow(/labels go up to 4 \(5 classes\) but the readout has only 4/);
    const declared = parseSpikeJson('d.json', JSON.stringify({ units: 10, samples: [{ label: 0, times_ms: [1], units: [2] }] }));
    expect(() => checkAgainstNetwork(declared, 12, 5)).toThrow(/d\.json: the data have 10 input units but the dataset node has size 12/);
  });
});
