// `snn train NETWORK.snn.json`: surrogate-gradient training (src/shared/training) on the GPU or the CPU;
// writes the weights file (--out or stdout), streams metrics (--metrics FILE.jsonl), checkpoints each epoch
// and on Ctrl-C (--checkpoint), continues from one (--resume). Also the helpers evaluate/export share.
import { createHash } from 'node:crypto';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { formatDiagnostic, loadDocument, parseDocumentText, readJson, type NetworkDocument } from '../../shared/graph';
import { checkWeightsFor, parseWeightsText, type WeightsFile } from '../../shared/io/weights';
import {
  type ApplyOrigin, CpuBackend, TrainingDiverged, appliedProjections, applyWeights, buildWeightsFile, initWeights, makeData, optimizerFromFile, planTraining, train,
  documentDataFile, fileTrainData, tauList, untrainedTaus, weightList, weightsExpectation, weightsFromFile, type EpochEvent, type LossKind, type OptimizerState, type SurrogateKind,
  type TrainBackend, type TrainConfig, type TrainData, type TrainingPlan,
} from '../../shared/training';
import { getModel } from '../../shared/models';
import { EXIT, invalidInput, runtimeError, usageError } from '../exit';
import { FOLLOW_LINKS_OPTION, STDOUT, checkOutputs, readTextFile, writeFileAtomic, type CliIo } from '../io';
import { countOption, numberOption, seedOption } from '../options';
import { getNodeGpu, requestNodeDevice } from '../node-gpu';
import { gpuCannotTrain } from '../../shared/training/gpu/support';
import { autoThreads, gradientHelpers } from '../train-threads';
import { enforceTrainingBudget, hostLimits, MEMORY_LIMIT_OPTION } from '../budget';
import type { Command, ParsedArgs } from './types';
import { openDatasetFile } from '../dataset-file';
import { DatasetError, TEST_FRACTION } from '../../shared/tasks/spike-files';

export interface LoadedNetwork { doc: NetworkDocument; sha256: string; file: string }

/** Read, apply --set, validate (exit 3 with paths) a network document. */
export function loadNetwork(io: CliIo, file: string, sets: string[] = []): LoadedNetwork {
  const { text } = readTextFile(io, file, 'network document');
  let raw: unknown;
  // The bounded reader (duplicate keys, depth…); when it refuses, parseDocumentText below reports why.
  const read = readJson(text);
  if (read.ok) raw = read.value;
  if (raw !== undefined && sets.length && typeof raw === 'object' && raw !== null) applySets(raw as Record<string, unknown>, sets);
  const r = raw === undefined ? parseDocumentText(text) : loadDocument(raw);
  if (!r.ok) throw invalidInput(`${file}: invalid network\n${r.diagnostics.map((d) => `  ${formatDiagnostic(d)}`).join('\n')}`);
  return { doc: r.doc, sha256: createHash('sha256').update(text).digest('hex'), file };
}

/** `--set NODE.PARAM=VALUE` on the raw document: a node's size or a parameter of its model. */
function applySets(raw: Record<string, unknown>, sets: string[]) {
  const nodes = (Array.isArray(raw.nodes) ? raw.nodes : []) as Record<string, unknown>[];
  for (const s of sets) {
    const m = /^([^.=]+)\.([^=]+)=(.*)$/.exec(s);
    if (!m) throw usageError(`--set ${s}: expected NODE.PARAM=VALUE`);
    const [, id, key, value] = m;
    const node = nodes.find((n) => n.id === id);
    if (!node) throw usageError(`--set ${s}: no node "${id}" (nodes: ${nodes.map((n) => n.id).join(', ')})`);
    const model = getModel(String(node.model));
    const names = ['size', ...(model?.params.map((p) => p.name) ?? [])];
    if (!names.includes(key)) throw usageError(`--set ${s}: "${id}" has no parameter "${key}" (it has: ${names.join(', ')})`);
    const num = Number(value);
    const v = value === 'true' ? true : value === 'false' ? false : value.trim() !== '' && Number.isFinite(num) ? num : value;
    if (key === 'size') node.size = v;
    else node.params = { ...(node.params as object | undefined), [key]: v };
  }
}

/** The training plan, checked against the memory budget (docs/cli.md, "Limits") before any data is generated. */
export function planOrExit(net: LoadedNetwork, overrides: Partial<TrainConfig> = {}, memoryLimit?: unknown): TrainingPlan {
  const r = planTraining(net.doc, overrides);
  if (!r.ok) throw invalidInput(`${net.file}: this network cannot be trained\n${r.diagnostics.map((d) => `  ${formatDiagnostic(d)}`).join('\n')}`);
  const c = r.plan.config;
  enforceTrainingBudget(net.file, { trainSamples: c.trainSamples, testSamples: c.testSamples, batchSize: c.batchSize, steps: r.plan.steps,
    inputs: r.plan.inputs, layers: r.plan.layers.map((l) => l.size) }, hostLimits(memoryLimit));
  return r.plan;
}

/** Read a weights file and check it against the plan: exit 3 with the JSON path when it does not fit. */
export function loadWeightsFor(io: CliIo, path: string, plan: TrainingPlan, sha256: string): WeightsFile {
  const { text } = readTextFile(io, path, 'weights file');
  const r = parseWeightsText(text);
  if (!r.ok) throw invalidInput(`${path}: invalid weights file\n${r.diagnostics.map((d) => `  ${formatDiagnostic(d)}`).join('\n')}`);
  const ds = checkWeightsFor(r.file, weightsExpectation(plan, sha256));
  for (const d of ds.filter((x) => x.severity === 'warning')) io.stderr(`${path}: ${formatDiagnostic(d)}\n`);
  const ignored = untrainedTaus(plan, r.file);
  if (ignored.length) io.stderr(`${path}: warning: populations.${ignored[0]}.trained: the network does not set training.trainable_tau, so the trained τ of ${ignored.join(', ')} are not used\n`);
  const errs = ds.filter((d) => d.severity === 'error');
  if (errs.length) throw invalidInput(`${path}: these weights do not fit ${plan.network}\n${errs.map((d) => `  ${formatDiagnostic(d)}`).join('\n')}`);
  return r.file;
}

/** `--apply OUT.snn.json`: the document with the trainable projections' weights replaced by `weights`
 *  (explicit, shared/training/apply.ts), written whole or not at all as 2-space JSON, as the app saves. */
export function writeAppliedDocument(io: CliIo, path: string, net: LoadedNetwork, plan: TrainingPlan, weights: readonly ArrayLike<number>[],
  opts: { followLinks?: boolean; option?: string; origin?: ApplyOrigin } = {}): void {
  writeFileAtomic(path, `${JSON.stringify(applyWeights(net.doc, plan, weights, opts.origin), null, 2)}\n`, opts);
  const ids = appliedProjections(plan);
  const taus = plan.trainTau ? tauList(plan).map((t) => `${t.population}.${t.param}`) : [];
  io.stderr(ids.length ? `applied the trained weights of ${ids.join(', ')}${taus.length ? ` and the per-neuron τ of ${taus.join(', ')}` : ''} to ${path}\n` : `no projection is trainable: ${path} has the document's weights unchanged\n`);
}

/**
 * The backend --backend asks for. auto takes a hardware GPU when one exists and the CPU otherwise — also on a
 * software adapter (SwiftShader), where the CPU trainer is several times faster (docs/benchmarks.md,
 * "Training") — and says once which ran and why. The CPU trainer runs on --threads threads (auto: two where
 * the machine has two cores and the batch is big enough).
 */
export async function createBackend(io: CliIo, choice: string | undefined, plan: TrainingPlan, weights: Float64Array[], opt?: OptimizerState, threadsOpt: number | 'auto' = 'auto'): Promise<TrainBackend> {
  const want = choice ?? 'auto';
  if (!['auto', 'gpu', 'cpu'].includes(want)) throw usageError(`--backend must be auto, gpu or cpu, got "${want}"`);
  const threads = threadsOpt === 'auto' ? autoThreads(plan.config.batchSize) : threadsOpt;
  const cpu = (why: string) => {
    io.stderr(`backend: cpu${why || threads > 1 ? ` (${[why, threads > 1 ? `${threads} threads` : ''].filter(Boolean).join('; ')})` : ''}\n`);
    return new CpuBackend(plan, weights, opt, gradientHelpers(plan, threads));
  };
  const unsupported = want === 'cpu' ? null : gpuCannotTrain(plan);
  if (unsupported && want === 'gpu') throw invalidInput(`--backend gpu: ${unsupported}; use --backend cpu`);
  if (unsupported) return cpu(`the GPU trainer cannot run this network: ${unsupported}`);
  if (want === 'cpu') return cpu('');
  const g = await getNodeGpu();
  if (!g.ok) {
    if (want === 'gpu') throw runtimeError(`--backend gpu: ${g.reason}`);
    return cpu(`no WebGPU adapter: ${g.reason}`);
  }
  if (want === 'auto' && g.value.isSoftware) return cpu(`${g.value.description} is a software adapter, slower than the CPU trainer; --backend gpu to use it`);
  const { GpuBackend } = await import('../../shared/training/gpu/gpu-backend');
  const device = await requestNodeDevice(g.value.adapter, 'snn-train');
  try {
    const be = await GpuBackend.create(device, plan, weights, opt, g.value.description, g.value.isSoftware ? 'simple' : 'tiled');
    io.stderr(`backend: gpu (${g.value.description})\n`);
    if (g.value.isSoftware) io.stderr('note: this is a software adapter; training on it is slower than --backend cpu\n');
    return be;
  } catch (e) {
    throw runtimeError(`the GPU trainer could not start: ${(e as Error).message}`);
  }
}

/** --threads: a count from 1 to 64 or auto; checked with the other flags, before any work. */
export function threadsFrom(value: unknown): number | 'auto' {
  if (value === undefined || value === 'auto') return 'auto';
  const n = countOption(value, 'threads')!;
  if (n > 64) throw usageError(`--threads must be auto or a count from 1 to 64, got ${n}`);
  return n;
}

/** Training overrides from the flags train and evaluate share. */
export function overridesFrom(values: ParsedArgs['values']): Partial<TrainConfig> {
  const o: Partial<TrainConfig> = {};
  const set = <K extends keyof TrainConfig>(k: K, v: TrainConfig[K] | undefined) => { if (v !== undefined) o[k] = v; };
  set('epochs', countOption(values.epochs, 'epochs'));
  set('batchSize', countOption(values['batch-size'], 'batch-size'));
  set('seed', seedOption(values.seed));
  set('trainSamples', countOption(values['train-samples'], 'train-samples'));
  set('testSamples', countOption(values['test-samples'], 'test-samples'));
  set('lr', numberOption(values.lr, 'lr', { min: 0, above: true }));
  if (values.loss !== undefined) {
    const l = String(values.loss);
    if (!['nll_mean', 'nll_max', 'spike_count', 'mse', 'circular'].includes(l)) throw usageError(`--loss must be nll_mean, nll_max, spike_count, mse or circular, got "${l}"`);
    o.loss = l as LossKind;
  }
  if (values.optimizer !== undefined) {
    if (values.optimizer !== 'adam' && values.optimizer !== 'sgd') throw usageError(`--optimizer must be adam or sgd, got "${values.optimizer}"`);
    o.optimizer = values.optimizer;
  }
  if (values.surrogate !== undefined) {
    const text = String(values.surrogate), colon = text.indexOf(':');
    const kind = colon < 0 ? text : text.slice(0, colon), beta = colon < 0 ? undefined : text.slice(colon + 1);
    if (!['sigmoid', 'fast_sigmoid', 'arctan'].includes(kind)) throw usageError(`--surrogate must be sigmoid, fast_sigmoid or arctan (optionally :BETA), got "${values.surrogate}"`);
    const b = beta === undefined ? undefined : Number(beta.trim() === '' ? NaN : beta);
    if (b !== undefined && !(Number.isFinite(b) && b > 0)) throw usageError(`--surrogate ${values.surrogate}: β must be a finite number above 0`);
    o.surrogate = { kind: kind as SurrogateKind, beta: b ?? 5 };
  }
  return o;
}

export const TRAIN_SHARED_OPTIONS = {
  seed: { type: 'string', description: 'seed of the data set, initial weights and batch order (default: the document\'s)' },
  backend: { type: 'string', description: 'auto (a hardware GPU when one exists, else the CPU), gpu or cpu' },
  threads: { type: 'string', description: 'CPU trainer threads: a count or auto (2 on a machine with 2+ cores)' },
  set: { type: 'string', multiple: true, description: 'NODE.PARAM=VALUE, e.g. hidden.size=64 (repeatable)' },
  'test-samples': { type: 'string', description: 'test-set size (default: training.test_samples)' },
  'batch-size': { type: 'string', description: 'samples per batch (default: training.batch_size, 64)' },
  ...MEMORY_LIMIT_OPTION,
} as const;

/** Training data read from `--dataset FILE` (docs/training.md, "Your own data"), split and checked against the
 *  plan (exit 3 naming the file and where); the plan's sample counts become the splits' sizes (every sample of
 *  the file is used) and its batch size at most the training split's. `close` releases the file. */
export async function openFileData(io: CliIo, path: string, plan: TrainingPlan, testFraction = TEST_FRACTION): Promise<{ data: TrainData; plan: TrainingPlan; close: () => void }> {
  const { source, close } = await openDatasetFile(io, path);
  let r;
  try {
    r = fileTrainData(source, plan, testFraction);
  } catch (e) {
    close();
    if (e instanceof DatasetError) throw invalidInput(e.message);
    throw e;
  }
  io.stderr(`data set ${path}: ${source.count} samples, ${source.units} units → ${r.data.train.count} train, ${r.data.test.count} test\n`);
  return { ...r, close };
}

/**
 * The data file to train or evaluate on: `--dataset FILE` (relative to the working folder), else the dataset
 * node's data.file (relative to the document's folder; docs/file-format.md), else none (the generated task).
 * The document's test_fraction applies to either.
 */
export function dataFileOf(values: ParsedArgs['values'], networkPath: string, doc: NetworkDocument, plan: TrainingPlan): { path: string; testFraction: number } | undefined {
  const field = documentDataFile(doc, plan);
  const testFraction = field?.test_fraction ?? TEST_FRACTION;
  if (typeof values.dataset === 'string') return { path: values.dataset, testFraction };
  if (!field) return undefined;
  return { path: isAbsolute(field.path) ? field.path : join(dirname(networkPath), field.path), testFraction };
}

/** The sound task's mean |IPD error| for a status line; file data have no IPD (docs/training.md), so nothing is said of it. */
export function ipdText(fileData: TrainData | undefined, deg: number): string {
  return fileData ? '' : `, mean |IPD error| ${deg.toFixed(1)}°`;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export const trainCommand: Command = {
  name: 'train',
  summary: 'train a network with surrogate gradients; write its weights file',
  usage: 'snn train NETWORK.snn.json [--epochs N] [--batch-size N] [--lr X] [--seed N] [--backend auto|gpu|cpu] [--set NODE.PARAM=VALUE]... [--out WEIGHTS.json] [--metrics FILE.jsonl] [--apply OUT.snn.json] [--dataset FILE.h5|.csv|.json]',
  options: {
    ...TRAIN_SHARED_OPTIONS,
    epochs: { type: 'string', description: 'epochs (default: training.epochs, 10)' },
    lr: { type: 'string', description: 'learning rate (default: training.lr, 0.01)' },
    'train-samples': { type: 'string', description: 'training-set size (default: training.train_samples, 4096)' },
    dataset: { type: 'string', description: 'train on a spike data file (.h5 SHD layout, .csv or .json) instead of the dataset node\'s task' },
    loss: { type: 'string', description: 'nll_mean (default), nll_max, spike_count, mse or circular' },
    optimizer: { type: 'string', description: 'adam (default) or sgd (with training.momentum)' },
    surrogate: { type: 'string', description: 'sigmoid (default, β 5), fast_sigmoid or arctan; KIND:BETA sets β' },
    out: { type: 'string', description: 'weights file to write (default and -: stdout)' },
    ...FOLLOW_LINKS_OPTION,
    metrics: { type: 'string', description: 'JSON Lines file of per-epoch metrics (rewritten whole after each epoch)' },
    checkpoint: { type: 'string', description: 'checkpoint file written after each epoch and on Ctrl-C (default: OUT with .checkpoint.json)' },
    resume: { type: 'string', description: 'continue from a checkpoint (weights, optimiser state, epochs done)' },
    apply: { type: 'string', description: 'also write the network with the trained weights as explicit weights (a new document; snn run plays it)' },
  },
  async run({ positionals, values }, io) {
    if (positionals.length !== 1) throw usageError(`expected one network file\nusage: ${this.usage}`);
    const overrides = overridesFrom(values);
    const threads = threadsFrom(values.threads);
    const followLinks = values['follow-links'] === true;
    for (const k of ['metrics', 'checkpoint', 'apply'] as const) if (values[k] === STDOUT) throw usageError(`--${k} -: only --out can go to stdout; give a file`);
    const out = typeof values.out === 'string' && values.out !== STDOUT ? resolve(io.cwd, values.out) : undefined;
    const metricsPath = typeof values.metrics === 'string' ? resolve(io.cwd, values.metrics) : undefined;
    const checkpoint = typeof values.checkpoint === 'string' ? resolve(io.cwd, values.checkpoint) : out ? out.replace(/(\.json)?$/, '.checkpoint.json') : undefined;
    const applyOut = typeof values.apply === 'string' ? resolve(io.cwd, values.apply) : undefined;
    const outputs = [
      ...(out ? [{ option: '--out', path: values.out as string }] : []), ...(metricsPath ? [{ option: '--metrics', path: values.metrics as string }] : []),
      ...(checkpoint ? [{ option: '--checkpoint', path: typeof values.checkpoint === 'string' ? values.checkpoint : checkpoint }] : []),
      ...(applyOut ? [{ option: '--apply', path: values.apply as string }] : []),
    ];
    // A checkpoint may continue the one it resumed from (docs/cli.md: "Output files").
    checkOutputs(io, [{ option: 'network', path: positionals[0] }, ...(typeof values.resume === 'string' ? [{ option: '--resume', path: values.resume }] : [])],
      outputs, followLinks, [['--checkpoint', '--resume']]);
    const write = (path: string, option: string, text: string) => writeFileAtomic(path, text, { followLinks, option });
    const net = loadNetwork(io, positionals[0], (values.set as string[] | undefined) ?? []);
    let plan = planOrExit(net, overrides, values['memory-limit']);
    let fileData: TrainData | undefined;
    let closeDataset = () => {};
    const dataFile = dataFileOf(values, positionals[0], net.doc, plan);
    if (dataFile) {
      // The data file is an input too: no output may overwrite it (docs/cli.md, "Output files").
      checkOutputs(io, [{ option: typeof values.dataset === 'string' ? '--dataset' : 'data.file', path: dataFile.path }], outputs, followLinks);
      const f = await openFileData(io, dataFile.path, plan, dataFile.testFraction);
      ({ data: fileData, plan, close: closeDataset } = f);
    }
    const c = plan.config;
    let weights = initWeights(plan, c.seed), opt: OptimizerState | undefined, startEpoch = 0, lossHistory: number[] = [];
    if (typeof values.resume === 'string') {
      const f = loadWeightsFor(io, values.resume, plan, net.sha256);
      weights = weightsFromFile(plan, f);
      opt = optimizerFromFile(plan, f);
      startEpoch = f.training?.epochs_completed ?? 0;
      lossHistory = f.training?.loss.slice(0, startEpoch) ?? [];
      io.stderr(`resuming ${values.resume}: ${startEpoch} of ${c.epochs} epochs done${opt ? '' : ' (no optimiser state: it starts fresh)'}\n`);
    }
    const backend = await createBackend(io, values.backend as string | undefined, plan, weights, opt, threads);
    const data = fileData ?? makeData(plan);
    io.stderr(`training ${plan.network}: ${plan.layers.map((l, i) => `${l.id} ${l.kind.toUpperCase()} ${l.size}${l.inputs.length === 1 && l.inputs[0].source === (i ? plan.layers[i - 1].id : plan.inputNode) ? '' : ` (from ${l.inputs.map((w) => w.source).join(' + ')})`}`).join(' → ')}, ` +
      `${c.trainSamples} samples, batch ${c.batchSize}, ${c.epochs} epochs, ${c.optimizer} lr ${c.lr}, loss ${c.loss}, surrogate ${c.surrogate.kind} β ${c.surrogate.beta}, seed ${c.seed}\n`);

    const metricsLines: string[] = [];
    const summary = (done: number, ev: { loss: number[]; train: number; test: number; err: number; wall: number }) => ({
      epochs: c.epochs, batch_size: c.batchSize, lr: c.lr, seed: c.seed, backend: backend.kind, loss: ev.loss,
      train_accuracy: ev.train, test_accuracy: ev.test, test_mean_abs_error_deg: ev.err, wall_ms: ev.wall,
      epochs_completed: done, adapter: backend.adapter, optimizer: c.optimizer, loss_kind: c.loss, surrogate: c.surrogate,
    });
    const signal = { aborted: false };
    const onSigint = () => {
      if (signal.aborted) process.exit(130);
      signal.aborted = true;
      io.stderr('\nstopping after this batch (Ctrl-C again to quit without a checkpoint)…\n');
    };
    process.on('SIGINT', onSigint);
    const t0 = Date.now();
    let result;
    try {
      result = await train(plan, backend, data, {
        signal,
        yieldToHost: () => new Promise((r) => setImmediate(r)),
        onWarning: (m) => io.stderr(`${io.isTTY ? '\n' : ''}warning: ${m}\n`),
        onBatch: (e) => { if (io.isTTY) io.stderr(`\repoch ${e.epoch}/${c.epochs} ${bar(e.batch / e.batches)} batch ${e.batch}/${e.batches} loss ${e.loss.toFixed(3)}   `); },
        onEpoch: async (e: EpochEvent) => {
          lossHistory.push(e.loss);
          io.stderr(`${io.isTTY ? '\r' : ''}epoch ${e.epoch}/${c.epochs}  loss ${e.loss.toFixed(4)}  train ${pct(e.train_accuracy)}  test ${pct(e.test.accuracy)}  ` +
            `${fileData ? '' : `error ${e.test.mean_abs_error_deg.toFixed(1)}°  `}spikes/sample ${Object.entries(e.test.spike_counts).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' ') || '-'}  (${(e.wall_ms / 1000).toFixed(1)} s)\n`);
          if (metricsPath) {
            metricsLines.push(JSON.stringify({ type: 'epoch', epoch: e.epoch, epochs: e.epochs, loss: e.loss, train_accuracy: e.train_accuracy,
              test_loss: e.test.loss, test_accuracy: e.test.accuracy, test_mean_abs_error_deg: e.test.mean_abs_error_deg,
              confusion: e.test.confusion, spike_counts: e.test.spike_counts, wall_ms: e.wall_ms }));
            write(metricsPath, '--metrics', metricsLines.join('\n') + '\n');
          }
          if (checkpoint) {
            const st = await backend.getOptimizerState(), w = await backend.getWeights();
            write(checkpoint, '--checkpoint', JSON.stringify(buildWeightsFile(net.doc, plan, w, net.sha256,
              summary(e.epoch, { loss: lossHistory, train: e.train_accuracy, test: e.test.accuracy, err: e.test.mean_abs_error_deg, wall: Date.now() - t0 }), st)) + '\n');
          }
        },
      }, startEpoch);
    } catch (e) {
      if (e instanceof TrainingDiverged) throw runtimeError(`numerical divergence: ${e.message}`);
      throw e;
    } finally {
      process.off('SIGINT', onSigint);
      // train() has evaluated both splits by now: the data file is no longer read.
      closeDataset();
    }
    const training = summary(result.epochsDone, { loss: lossHistory, train: result.train.accuracy, test: result.test.accuracy, err: result.test.mean_abs_error_deg, wall: result.wall_ms });
    if (result.stopped === 'aborted') {
      if (checkpoint) {
        write(checkpoint, '--checkpoint', JSON.stringify(buildWeightsFile(net.doc, plan, result.weights, net.sha256, training, result.optimizer)) + '\n');
        io.stderr(`stopped: checkpoint after ${result.epochsDone} full epochs (and the batches since) in ${checkpoint}; continue with --resume ${checkpoint}\n`);
      } else io.stderr('stopped: no --out or --checkpoint was given, nothing saved\n');
      backend.dispose();
      return 130;
    }
    if (result.stopped === 'early') io.stderr(`early stopping after epoch ${result.epochsDone}: the test loss stopped improving\n`);
    io.stderr(`done in ${(result.wall_ms / 1000).toFixed(1)} s: train ${pct(result.train.accuracy)}, test ${pct(result.test.accuracy)}` +
      `${ipdText(fileData, result.test.mean_abs_error_deg)}\n`);
    if (metricsPath) {
      metricsLines.push(JSON.stringify({ type: 'result', backend: backend.kind, adapter: backend.adapter, epochs_completed: result.epochsDone,
        train_accuracy: result.train.accuracy, test_accuracy: result.test.accuracy, test_mean_abs_error_deg: result.test.mean_abs_error_deg,
        confusion: result.test.confusion, spike_counts: result.test.spike_counts, wall_ms: result.wall_ms }));
      write(metricsPath, '--metrics', metricsLines.join('\n') + '\n');
    }
    const taus = tauList(plan);
    if (taus.length) {
      // Trained τ: how many ended at an edge of the catalogue's range (the clamp keeps them there, never NaN).
      const nW = weightList(plan).length;
      const at = taus.reduce((a, t, j) => a + Array.from(result.weights[nW + j]).filter((v) => v <= t.lo || v >= t.hi).length, 0);
      const n = (backend as { tauClamped?: number }).tauClamped;
      const clamped = n !== undefined ? `, ${n} clamp${n === 1 ? '' : 's'} during training` : '';
      io.stderr(`trained τ: ${taus.reduce((a, t) => a + t.size, 0)} values (${taus.map((t) => t.population).join(', ')}), ${at} at an edge of their range${clamped}\n`);
    }
    const file = buildWeightsFile(net.doc, plan, result.weights, net.sha256, training);
    const text = JSON.stringify(file) + '\n';
    if (out) write(out, '--out', text); else io.stdout(text);
    if (applyOut) writeAppliedDocument(io, applyOut, net, plan, result.weights, { followLinks, option: '--apply', origin: { source: 'training', training: file.training } });
    backend.dispose();
    return EXIT.ok;
  },
};

function bar(f: number, width = 20): string {
  const n = Math.round(f * width);
  return `[${'#'.repeat(n)}${'.'.repeat(width - n)}]`;
}
