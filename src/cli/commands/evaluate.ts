// `snn evaluate NETWORK.snn.json --weights WEIGHTS.json`: test-set metrics of trained weights (accuracy, mean
// IPD error, confusion matrix, spikes per layer) on the data set the seed generates — by default the seed the
// weights were trained with, so the result equals the training run's test accuracy. `--engine` also runs the
// test set through a simulation engine (the network as `snn run` plays it) and reports its accuracy and how
// often it predicts what the trainer predicts; `--apply OUT` writes the network with the weights applied.
import { basename, resolve } from 'node:path';
import {
  TrainingDiverged, agreement, applyWeights, checkFiniteMetrics, documentWeights, evaluate, evaluateOnEngine, hasAppliedWeights, makeData,
  trainerPredictions, weightsFromFile,
} from '../../shared/training';
import { EXIT, runtimeError, usageError } from '../exit';
import { FOLLOW_LINKS_OPTION, STDOUT, checkOutputs, writeFileAtomic } from '../io';
import { makeEngine, toCliError, type BackendChoice } from './run';
import { TRAIN_SHARED_OPTIONS, createBackend, dataFileOf, ipdText, loadNetwork, loadWeightsFor, openFileData, overridesFrom, planOrExit, threadsFrom, writeAppliedDocument } from './train';
import type { Command } from './types';

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'test trained weights on the network\'s task: accuracy, IPD error, confusion matrix',
  usage: 'snn evaluate NETWORK.snn.json --weights WEIGHTS.json [--seed N] [--backend auto|gpu|cpu] [--engine auto|gpu|cpu] [--out FILE] [--apply OUT.snn.json] [--dataset FILE.h5|.csv|.json]',
  options: {
    ...TRAIN_SHARED_OPTIONS,
    weights: { type: 'string', description: 'weights file (snn train --out); optional with --engine: then the document\'s own (applied) weights' },
    out: { type: 'string', description: 'write the result JSON here (default and -: stdout)' },
    ...FOLLOW_LINKS_OPTION,
    train: { type: 'boolean', description: 'also evaluate the training set' },
    engine: { type: 'string', description: 'also run the test set on the simulation engine: auto (GPU when an adapter exists), gpu or cpu' },
    apply: { type: 'string', description: 'write the network with these weights as explicit weights (a new document)' },
    dataset: { type: 'string', description: 'evaluate on the test split of a spike data file (.h5 SHD layout, .csv or .json; as snn train --dataset)' },
  },
  async run({ positionals, values }, io) {
    const engineChoice = values.engine as string | undefined;
    if (engineChoice !== undefined && !['auto', 'gpu', 'cpu'].includes(engineChoice)) throw usageError(`--engine ${engineChoice}: must be auto, gpu or cpu`);
    if (positionals.length !== 1 || (typeof values.weights !== 'string' && engineChoice === undefined)) {
      throw usageError(`expected a network file and --weights (or --engine, to evaluate the document's own weights)
usage: ${this.usage}`);
    }
    if (values.apply !== undefined && typeof values.weights !== 'string') throw usageError('--apply needs --weights: the weights to write into the network');
    if (values.apply === STDOUT) throw usageError('--apply -: only --out can go to stdout; give a file');
    const followLinks = values['follow-links'] === true;
    const threads = threadsFrom(values.threads);
    const out = typeof values.out === 'string' && values.out !== STDOUT ? values.out : undefined;
    const applyOut = typeof values.apply === 'string' ? values.apply : undefined;
    if (values.dataset !== undefined && engineChoice !== undefined) throw usageError('--engine with --dataset: the engine check runs the network\'s own task only');
    checkOutputs(io, [{ option: 'network', path: positionals[0] }, ...(typeof values.weights === 'string' ? [{ option: '--weights', path: values.weights }] : []),
      ...(typeof values.dataset === 'string' ? [{ option: '--dataset', path: values.dataset }] : [])],
      [...(out ? [{ option: '--out', path: out }] : []), ...(applyOut ? [{ option: '--apply', path: applyOut }] : [])], followLinks);
    const net = loadNetwork(io, positionals[0], (values.set as string[] | undefined) ?? []);
    const first = planOrExit(net, overridesFrom(values), values['memory-limit']);
    const file = typeof values.weights === 'string' ? loadWeightsFor(io, values.weights, first, net.sha256) : undefined;
    // Default seed and batch size: the training run's, so the test set is the one it reported on.
    const o = overridesFrom(values);
    let plan = planOrExit(net, { ...o, seed: o.seed ?? file?.training?.seed ?? first.config.seed }, values['memory-limit']);
    // A data file (--dataset, or the dataset node's data.file) is split with the seed as snn train splits it, so
    // the test split is the one trained against.
    const dataFile = engineChoice ? undefined : dataFileOf(values, positionals[0], net.doc, plan);
    const datasetPath = dataFile?.path;
    const fileData = dataFile ? await openFileData(io, dataFile.path, plan, dataFile.testFraction) : undefined;
    if (fileData) plan = fileData.plan;
    if (!file && !hasAppliedWeights(net.doc, plan)) io.stderr(`${net.file}: warning: no --weights, and the trainable projections have no explicit weights: evaluating the initial weights\n`);
    const weights = file ? weightsFromFile(plan, file) : documentWeights(net.doc, plan);
    const backend = await createBackend(io, values.backend as string | undefined, plan, weights, undefined, threads);
    const data = fileData?.data ?? makeData({ ...plan, config: { ...plan.config, trainSamples: values.train ? plan.config.trainSamples : 1 } });
    let test, train, trainerSays;
    try {
      test = checkFiniteMetrics(await evaluate(plan, backend, data.test), 'test set');
      train = values.train ? checkFiniteMetrics(await evaluate(plan, backend, data.train), 'training set') : undefined;
      trainerSays = engineChoice ? await trainerPredictions(plan, backend, data.test) : undefined;
    } catch (e) {
      if (e instanceof TrainingDiverged) throw runtimeError(`numerical divergence: ${values.weights ?? net.file}: ${e.message}`);
      throw e;
    } finally {
      backend.dispose();
      fileData?.close();
    }
    const result: Record<string, unknown> = {
      format: 'snn-evaluation', version: 1, network: plan.network, weights: values.weights ?? null, backend: backend.kind, adapter: backend.adapter,
      seed: plan.config.seed, test_samples: plan.config.testSamples, ...(datasetPath ? { dataset: datasetPath } : {}),
      // File data carry no IPD: the IPD error fields are left out for them (docs/cli.md).
      test_accuracy: test.accuracy, test_loss: test.loss, ...(fileData ? {} : { test_mean_abs_error_deg: test.mean_abs_error_deg }),
      ...(train ? { train_accuracy: train.accuracy, ...(fileData ? {} : { train_mean_abs_error_deg: train.mean_abs_error_deg }) } : {}),
      confusion: test.confusion, spike_counts: test.spike_counts,
    };
    io.stderr(`test accuracy ${(100 * test.accuracy).toFixed(1)}%${ipdText(fileData?.data, test.mean_abs_error_deg)} (${plan.config.testSamples} samples, seed ${plan.config.seed})\n`);
    if (engineChoice && trainerSays) {
      const doc = applyWeights(net.doc, plan, weights);
      let adapter = 'cpu';
      const n = plan.config.testSamples, every = Math.max(1, Math.floor(n / 20));
      let e;
      try {
        e = await evaluateOnEngine(doc, plan, async (ir) => {
          const made = await makeEngine(ir, engineChoice as BackendChoice, io);
          adapter = made.adapter;
          return made.engine;
        }, { onSample: (done) => { if (io.isTTY && (done % every === 0 || done === n)) io.stderr(`\rengine: ${done}/${n} samples${done === n ? '\n' : ''}`); } });
      } catch (err) {
        throw toCliError(err);
      }
      const agree = agreement(e.predictions, trainerSays);
      result.engine = {
        backend: e.backend, adapter, test_samples: e.count, test_accuracy: e.accuracy, test_mean_abs_error_deg: e.mean_abs_error_deg,
        agreement: agree, confusion: e.confusion, wall_ms: e.wall_ms,
      };
      io.stderr(`engine (${e.backend}): test accuracy ${(100 * e.accuracy).toFixed(1)}%, mean |IPD error| ${e.mean_abs_error_deg.toFixed(1)}°, ` +
        `same class as the trainer on ${(100 * agree).toFixed(1)}% of ${e.count} samples (${(e.wall_ms / 1000).toFixed(1)} s)\n`);
    }
    const text = JSON.stringify(result, null, 2) + '\n';
    if (out) writeFileAtomic(resolve(io.cwd, out), text, { followLinks, option: '--out' }); else io.stdout(text);
    // From a weights file: record where the weights came from; the document's own weights keep their record.
    const origin = file ? { source: 'weights_file' as const, weightsFile: basename(String(values.weights)), ...(file.training ? { training: file.training } : {}) } : undefined;
    if (applyOut) writeAppliedDocument(io, resolve(io.cwd, applyOut), net, plan, weights, { followLinks, option: '--apply', origin });
    return EXIT.ok;
  },
};
