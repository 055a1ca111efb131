// `snn evaluate NETWORK.snn.json --weights WEIGHTS.json`: test-set metrics of trained weights (accuracy, mean
// IPD error, confusion matrix, spikes per layer) on the data set the seed generates — by default the seed the
// weights were trained with, so the result equals the training run's test accuracy.
import { TrainingDiverged, checkFiniteMetrics, evaluate, makeData, weightsFromFile } from '../../shared/training';
import { resolve } from 'node:path';
import { EXIT, runtimeError, usageError } from '../exit';
import { FOLLOW_LINKS_OPTION, STDOUT, checkOutputs, writeFileAtomic } from '../io';
import { TRAIN_SHARED_OPTIONS, createBackend, loadNetwork, loadWeightsFor, overridesFrom, planOrExit } from './train';
import type { Command } from './types';

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'test trained weights on the network\'s task: accuracy, IPD error, confusion matrix',
  usage: 'snn evaluate NETWORK.snn.json --weights WEIGHTS.json [--seed N] [--backend auto|gpu|cpu] [--out FILE]',
  options: {
    ...TRAIN_SHARED_OPTIONS,
    weights: { type: 'string', description: 'weights file (snn train --out)' },
    out: { type: 'string', description: 'write the result JSON here (default and -: stdout)' },
    ...FOLLOW_LINKS_OPTION,
    train: { type: 'boolean', description: 'also evaluate the training set' },
  },
  async run({ positionals, values }, io) {
    if (positionals.length !== 1 || typeof values.weights !== 'string') throw usageError(`expected a network file and --weights\nusage: ${this.usage}`);
    const followLinks = values['follow-links'] === true;
    const out = typeof values.out === 'string' && values.out !== STDOUT ? values.out : undefined;
    checkOutputs(io, [{ option: 'network', path: positionals[0] }, { option: '--weights', path: values.weights }], out ? [{ option: '--out', path: out }] : [], followLinks);
    const net = loadNetwork(io, positionals[0], (values.set as string[] | undefined) ?? []);
    const first = planOrExit(net, overridesFrom(values), values['memory-limit']);
    const file = loadWeightsFor(io, values.weights, first, net.sha256);
    // Default seed and batch size: the training run's, so the test set is the one it reported on.
    const o = overridesFrom(values);
    const plan = planOrExit(net, { ...o, seed: o.seed ?? file.training?.seed ?? first.config.seed }, values['memory-limit']);
    const backend = await createBackend(io, values.backend as string | undefined, plan, weightsFromFile(plan, file));
    const data = makeData({ ...plan, config: { ...plan.config, trainSamples: values.train ? plan.config.trainSamples : 1 } });
    let test, train;
    try {
      test = checkFiniteMetrics(await evaluate(plan, backend, data.test), 'test set');
      train = values.train ? checkFiniteMetrics(await evaluate(plan, backend, data.train), 'training set') : undefined;
    } catch (e) {
      if (e instanceof TrainingDiverged) throw runtimeError(`numerical divergence: ${values.weights}: ${e.message}`);
      throw e;
    } finally {
      backend.dispose();
    }
    const result = {
      format: 'snn-evaluation', version: 1, network: plan.network, weights: values.weights, backend: backend.kind, adapter: backend.adapter,
      seed: plan.config.seed, test_samples: plan.config.testSamples,
      test_accuracy: test.accuracy, test_loss: test.loss, test_mean_abs_error_deg: test.mean_abs_error_deg,
      ...(train ? { train_accuracy: train.accuracy, train_mean_abs_error_deg: train.mean_abs_error_deg } : {}),
      confusion: test.confusion, spike_counts: test.spike_counts,
    };
    io.stderr(`test accuracy ${(100 * test.accuracy).toFixed(1)}%, mean |IPD error| ${test.mean_abs_error_deg.toFixed(1)}° (${plan.config.testSamples} samples, seed ${plan.config.seed})\n`);
    const text = JSON.stringify(result, null, 2) + '\n';
    if (out) writeFileAtomic(resolve(io.cwd, out), text, { followLinks, option: '--out' }); else io.stdout(text);
    return EXIT.ok;
  },
};
