// The Training tab's data source (docs/training.md, "Your own data"): the generated task, or a spike data file
// the dataset node's data.file names. "Data file…" reads a .h5/.csv/.json file (checked as `snn train
// --dataset` checks it), shows its facts beside what the network needs and a raster of its first samples with
// their labels, and names it in the document (one undoable step); "Use the generated task" removes the field.
import type { TrainingPlan } from '../../shared/training';
import { splitIndices } from '../../shared/tasks/spike-files';
import type { SpikeFileRef } from '../../shared/graph';
import type { CommandResult } from '../editor/model';
import type { TrainController } from './controller';
import type { PreviewSample } from './data-file';
import { pickDataFile } from './data-picker';

interface Props {
  ctrl: TrainController;
  plan: TrainingPlan;
  /** The dataset node's data.file, when the document names one. */
  docFile: SpikeFileRef | undefined;
  durationMs: number;
  disabled: boolean;
  notify: (m: string, kind?: 'info' | 'error') => void;
  setDataFile?: (nodeId: string, path: string | null) => CommandResult<null>;
}

/** The plan as training on a file of `samples` samples sizes it (shared fileTrainData: the split rule's sizes,
 *  the batch size capped at the training split's), for the tab's plan summary before Train. */
export function planForFile(plan: TrainingPlan, samples: number, testFraction: number): TrainingPlan {
  const test = splitIndices(samples, plan.config.seed, testFraction, 'test').length, train = samples - test;
  return { ...plan, config: { ...plan.config, trainSamples: train, testSamples: test, batchSize: Math.max(1, Math.min(plan.config.batchSize, train)) } };
}

/** The file name a data.file path ends in (the app knows files by name: a web page sees no paths). */
export const fileNameOf = (path: string) => path.split(/[\\/]/).pop() ?? path;

export function DataFileSection({ ctrl, plan, docFile, durationMs, disabled, notify, setDataFile }: Props) {
  const loaded = ctrl.dataFile;
  const wanted = docFile ? fileNameOf(docFile.path) : undefined;
  const inUse = !!loaded && loaded.name === wanted;
  const readout = plan.layers[plan.layers.length - 1].size;

  const choose = async () => {
    try {
      const file = await pickDataFile();
      if (!file) return;
      const r = await ctrl.loadDataFile(file.name, file);
      if (!r.ok) { notify(`Not read: ${r.message}`, 'error'); return; }
      const set = setDataFile?.(plan.inputNode, file.name);
      if (set && !set.ok) { notify(`Not set: ${set.reason}`, 'error'); return; }
      notify(`Read ${file.name}: ${r.file.facts.samples} samples, ${r.file.facts.units} units, ${r.file.facts.classes} classes`);
    } catch (e) {
      notify(`Reading the data file failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  };
  const useTask = () => {
    ctrl.forgetDataFile();
    setDataFile?.(plan.inputNode, null);
  };

  const f = loaded?.facts;
  const unitsFit = f && f.units <= plan.inputs;
  return (
    <section aria-label="Training data" className="train-data">
      <h2>Data</h2>
      <div className="group">
        <button type="button" onClick={() => void choose()} disabled={disabled}
          title="Train on a spike data file: .h5 (SHD/SSC layout), .csv or .json (docs/training.md, Your own data)">Data file…</button>
        {(docFile || loaded) && (
          <button type="button" className="link" onClick={useTask} disabled={disabled}
            title="Forget the data file: Train and Evaluate use the dataset node's generated task">Use the generated task</button>
        )}
      </div>
      <p data-testid="train-data-source">
        {docFile
          ? inUse ? <>Training data: <strong>{loaded.name}</strong> ({Math.round(docFile.test_fraction * 100)} % to the test split)</>
            : <>This network trains on <strong>{docFile.path}</strong>: choose it with Data file… to train here.</>
          : <>Training data: the dataset node's generated task.</>}
      </p>
      {ctrl.dataProblem && <p className="train-error" role="alert" data-testid="train-data-problem">{ctrl.dataProblem}</p>}
      {f && loaded && (
        <>
          <dl className="train-plan" data-testid="train-data-facts">
            <div><dt>file</dt><dd>{loaded.name}</dd></div>
            <div><dt>samples</dt><dd>{f.samples}</dd></div>
            <div><dt>units</dt><dd>{f.units}{unitsFit ? ` (input ${plan.inputs})` : ` — the input "${plan.inputNode}" has only ${plan.inputs}`}</dd></div>
            <div><dt>classes</dt><dd>{f.classes} ({f.perClass.join(' / ')} samples){f.classes > readout ? ` — the readout has only ${readout}` : ''}</dd></div>
            <div><dt>spikes</dt><dd>{f.spikes}</dd></div>
            <div><dt>duration</dt><dd>last spike {f.lastSpikeMs.toFixed(1)} ms{f.lastSpikeMs >= durationMs ? ` (the run's ${durationMs} ms drops later spikes)` : ` (run ${durationMs} ms)`}</dd></div>
          </dl>
          <div className="train-data-preview" data-testid="train-data-preview">
            {loaded.preview.map((s) => <PreviewRaster key={s.index} sample={s} units={Math.max(f.units, 1)} durationMs={Math.max(durationMs, 1e-9)} />)}
          </div>
        </>
      )}
    </section>
  );
}

const W = 160, H = 64;

/** One sample as a raster: a dot (1×1 user unit) per spike, time across, unit down; spikes past the run are
 *  left out as training drops them. */
function PreviewRaster({ sample, units, durationMs }: { sample: PreviewSample; units: number; durationMs: number }) {
  let d = '';
  for (let k = 0; k < sample.times.length; k++) {
    if (sample.times[k] >= durationMs) continue;
    const x = (sample.times[k] / durationMs) * W, y = (sample.units[k] / units) * H;
    d += `M${x.toFixed(1)} ${y.toFixed(1)}h1.2v1.2h-1.2z`;
  }
  return (
    <figure className="train-data-sample" data-label={sample.label}>
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`sample ${sample.index}, label ${sample.label}, ${sample.times.length} spikes`}>
        <rect width={W} height={H} className="train-data-bg" />
        <path d={d} className="train-data-spikes" />
      </svg>
      <figcaption>sample {sample.index} · label {sample.label}</figcaption>
    </figure>
  );
}
