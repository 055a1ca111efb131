// Training data from a spike data file (docs/training.md, "Your own data"): the file's samples checked against
// the plan (units vs the dataset node's size, labels vs the readout), split by the split rule with the training
// seed, binned to the plan's dt when a batch is built. The CLI (`--dataset`, a dataset node's data.file) and the
// app's training worker share it, so both train on the same splits.
import { checkAgainstNetwork, fileSplit, TEST_FRACTION, type SpikeSource } from '../tasks/spike-files';
import type { TrainingPlan } from './plan';
import type { TrainData } from './trainer';

/**
 * The file's splits, and the plan with its sample counts replaced by the splits' sizes (every sample is used)
 * and the batch size capped at the training split's. Throws DatasetError (file and where) when it does not fit.
 */
export function fileTrainData(src: SpikeSource, plan: TrainingPlan, testFraction = TEST_FRACTION): { data: TrainData; plan: TrainingPlan } {
  const readout = plan.layers[plan.layers.length - 1].size;
  const checked = checkAgainstNetwork(src, plan.inputs, readout);
  const split = (s: 'train' | 'test') => fileSplit(checked, plan.config.seed, s, plan.dtMs, plan.steps, plan.config.classes, testFraction);
  const data = { train: split('train'), test: split('test') };
  return {
    data,
    plan: { ...plan, config: { ...plan.config, trainSamples: data.train.count, testSamples: data.test.count, batchSize: Math.min(plan.config.batchSize, data.train.count) } },
  };
}

/** The data.file of the plan's dataset node, when it names one (the document field of docs/file-format.md). */
export function documentDataFile(doc: { nodes: readonly { id: string; data?: { file?: { path: string; test_fraction: number } } }[] }, plan: TrainingPlan) {
  return doc.nodes.find((n) => n.id === plan.inputNode)?.data?.file;
}
