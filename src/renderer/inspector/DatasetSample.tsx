// The sample picker of a `dataset` input node: which sample a plain run plays (split, index with Previous/Next,
// data seed), and for the chosen sample its true IPD and class; −1 plays the IPD set below. Every change is one
// editor command (setParam), so Undo/Redo cover it (docs/editor.md, "The sample picker").
import type { NetworkDocument, NetworkNode } from '../../shared/graph';
import { checkParam, getModel } from '../../shared/models';
import type { EditorModel } from '../editor/model';
import { classLabel, playedSample } from '../editor/dataset-sample';
import { NumberField, SelectField } from './fields';

interface Props {
  model: EditorModel;
  doc: NetworkDocument;
  node: NetworkNode;
  errs: (field: string) => string[];
}

export function DatasetSample({ model, doc, node, errs }: Props) {
  const played = playedSample(doc, node);
  const spec = getModel('dataset')!;
  if (!played) return null;
  const p = (name: string) => spec.params.find((q) => q.name === name)!;
  const reason = (r: { ok: true } | { ok: false; reason: string }) => (r.ok ? null : r.reason);
  const setSample = (k: number) => reason(model.setParam(node.id, 'sample', k));
  const { sample, split, splitSize } = played;
  const fmtDeg = (d: number) => `${d.toFixed(1).replace('-', '−')}°`;
  return (
    <div role="group" aria-label="Sample to play" className="dataset-sample">
      <h3>Sample to play</h3>
      <SelectField label="Split" value={split} description={p('split').description}
        options={[{ value: 'test', label: 'test set' }, { value: 'train', label: 'training set' }] as const}
        onChange={(v) => { model.setParam(node.id, 'split', v); }} />
      <div className="sample-row">
        <NumberField label="Sample" integer value={sample} range={`−1: play the IPD set below; 0 … ${splitSize - 1}`} docErrors={errs('params.sample')}
          validate={(n) => checkParam(p('sample'), n)} onCommit={setSample} />
        <div className="button-row">
          <button type="button" aria-label="Previous sample" disabled={sample <= -1} onClick={() => setSample(sample - 1)}>◀ Prev</button>
          <button type="button" aria-label="Next sample" disabled={sample >= splitSize - 1} onClick={() => setSample(sample + 1)}>Next ▶</button>
        </div>
      </div>
      <p className="sample-meta" data-testid="sample-meta" data-class={played.cls} data-ipd-deg={played.ipdDeg}>
        {sample >= 0
          ? <>Sample {sample} of the {split === 'test' ? 'test' : 'training'} set: true IPD <strong>{fmtDeg(played.ipdDeg)}</strong>, {classLabel(played.cls, played.classes)} (of {played.classes})</>
          : <>−1: plays the IPD set below ({fmtDeg(played.ipdDeg)}, {classLabel(played.cls, played.classes)}), a fresh Poisson draw</>}
      </p>
      <NumberField label={p('data_seed').label} integer value={Number(node.params.data_seed ?? p('data_seed').default)} docErrors={errs('params.data_seed')}
        range="−1: the run's seed" description={p('data_seed').description}
        validate={(n) => checkParam(p('data_seed'), n)} onCommit={(n) => reason(model.setParam(node.id, 'data_seed', n))} />
      {sample >= 0 && played.dataSeed !== played.trainingSeed && (
        <p className="field-error" role="note">
          This plays the data set of seed {played.dataSeed}; the trainer&apos;s is seed {played.trainingSeed} (training.seed).{' '}
          <button type="button" onClick={() => model.setParam(node.id, 'data_seed', played.trainingSeed)}>Use the training seed</button>
        </p>
      )}
    </div>
  );
}
