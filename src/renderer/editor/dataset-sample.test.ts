// The sample picker's facts: the sample a run plays, its true IPD and class, from the task's own functions with
// the compiler's seed rule; edits are undoable commands.
import { describe, expect, it } from 'vitest';
import { loadDocument, type NetworkDocument } from '../../shared/graph';
import { generateDataset, soundParamsFrom } from '../../shared/tasks/sound-localisation';
import example from '../../../resources/examples/sound-localisation.snn.json';
import { classLabel, classRangeDeg, playedSample } from './dataset-sample';
import { EditorModel } from './model';

function load(edit: (d: typeof example) => void = () => {}): NetworkDocument {
  const raw = structuredClone(example);
  edit(raw);
  const r = loadDocument(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}
const inputs = (doc: NetworkDocument) => doc.nodes.find((n) => n.id === 'inputs')!;

describe('playedSample', () => {
  it('sample k of the test set: the IPD and label the trainer\'s data set gives it (seed = the simulation seed)', () => {
    const doc = load((d) => { (d.nodes[0].params as Record<string, unknown>).sample = 5; });
    const p = playedSample(doc, inputs(doc))!;
    const sp = soundParamsFrom(200, inputs(doc).params, 1, 100);
    const data = generateDataset({ ...sp, steps: 1 }, 1, 'test', 6, 12);
    expect(p.sample).toBe(5);
    expect(p.dataSeed).toBe(1);
    expect(p.trainingSeed).toBe(1);
    expect(p.splitSize).toBe(2048);
    expect(p.ipdDeg).toBeCloseTo((data.ipd[5] * 180) / Math.PI, 10);
    expect(p.cls).toBe(data.labels[5]);
  });

  it('the training split and an explicit data seed; a training block with its own seed is reported apart', () => {
    const doc = load((d) => {
      Object.assign(d.nodes[0].params, { sample: 2, split: 'train', data_seed: 9 });
      (d.training as Record<string, unknown>).seed = 7;
    });
    const p = playedSample(doc, inputs(doc))!;
    const data = generateDataset(soundParamsFrom(200, inputs(doc).params, 1, 1), 9, 'train', 3, 12);
    expect(p.split).toBe('train');
    expect(p.splitSize).toBe(4096);
    expect(p.dataSeed).toBe(9);
    expect(p.trainingSeed).toBe(7);
    expect(p.cls).toBe(data.labels[2]);
  });

  it('−1 plays ipd_deg: its class', () => {
    const doc = load((d) => { (d.nodes[0].params as Record<string, unknown>).ipd_deg = 50; });
    const p = playedSample(doc, inputs(doc))!;
    expect(p.sample).toBe(-1);
    expect(p.ipdDeg).toBe(50);
    expect(p.cls).toBe(9); // 45° … 60°
    expect(playedSample(doc, doc.nodes.find((n) => n.id === 'hidden')!)).toBeNull();
  });

  it('class ranges: 15° bins of (−90°, 90°) for 12 classes', () => {
    expect(classRangeDeg(0, 12)).toEqual([-90, -75]);
    expect(classRangeDeg(9, 12)).toEqual([45, 60]);
    expect(classLabel(3, 12)).toBe('class 3: −45°–−30°');
    expect(classLabel(11, 12)).toBe('class 11: 75°–90°');
  });

  it('choosing a sample is one undoable command', () => {
    const m = new EditorModel(load());
    expect(m.setParam('inputs', 'sample', 3).ok).toBe(true);
    expect(playedSample(m.document, inputs(m.document))!.sample).toBe(3);
    m.undo();
    expect(playedSample(m.document, inputs(m.document))!.sample).toBe(-1);
    expect(m.setParam('inputs', 'sample', -2).ok).toBe(false);
  });
});
