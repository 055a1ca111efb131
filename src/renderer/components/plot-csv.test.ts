import { describe, expect, it } from 'vitest';
import { confusionCsv, csvLine, rasterCsv, rateHistogramsCsv, tracesCsv } from './plot-csv';
import { accuracyCsv, lossCsv } from '../train/chart-csv';

describe('plot data as CSV', () => {
  it('quotes fields with commas, quotes or newlines and leaves missing values empty', () => {
    expect(csvLine(['a,b', 'say "hi"', 1.5, null, undefined, NaN, 'x'])).toBe('"a,b","say ""hi""",1.5,,,,x');
  });

  it('raster rows map back to population and neuron, steps to ms (the snn run --format csv columns)', () => {
    const pops = [{ id: 'a', size: 2 }, { id: 'b', size: 3 }], off = { a: 0, b: 2 };
    // Spike 3 is beyond `count` (the buffer's spare room) and must not appear.
    expect(rasterCsv([0, 10, 15, 99], [1, 2, 4, 0], 3, 0.1, pops, off)).toBe('population,neuron,time_ms\na,1,0\nb,0,1\nb,2,1.5\n');
  });

  it('traces, histograms, confusion matrix, loss and accuracy tables', () => {
    expect(tracesCsv([0, 0.5], [{ label: 'm v[0]', values: [-65, -64.5] }, { label: 'm v[1]', values: [-70, -69] }]))
      .toBe('time_ms,m v[0],m v[1]\n0,-65,-70\n0.5,-64.5,-69\n');
    expect(rateHistogramsCsv([{ id: 'p', maxHz: 20, counts: [3, 1] }])).toBe('population,rate_from_hz,rate_to_hz,neurons\np,0,10,3\np,10,20,1\n');
    expect(confusionCsv([[2, 1], [0, 3]])).toBe('true_class,predicted_0,predicted_1\n0,2,1\n1,0,3\n');
    const m = { batchX: [1, 2], batchLoss: [2.5, 2], epochLoss: [null, 2.25], history: [{ epoch: 1, train_accuracy: 0.5, test: { accuracy: 0.25 } }] };
    expect(lossCsv(m as never)).toBe('batch,batch_loss,epoch_mean_loss\n1,2.5,\n2,2,2.25\n');
    expect(accuracyCsv(m as never)).toBe('epoch,train_accuracy,test_accuracy\n1,0.5,0.25\n');
  });
});
