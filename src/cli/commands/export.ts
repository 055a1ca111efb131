// `snn export NETWORK.snn.json [--weights W] --format json|nir|pynn|brian2 --out FILE`: the network's weights as a
// weights file (`snn-weights` v1): the given trained weights checked against the network, or without
// --weights the seeded initial weights; --format nir: the NIR graph (./nir.ts); pynn / brian2: a PyNN or Brian2
// script (with --weights: the trained weights applied to the network first).
import { applyWeights, buildWeightsFile, initWeights, weightsFromFile } from '../../shared/training';
import { resolve } from 'node:path';
import { hostLimits, MEMORY_LIMIT_OPTION } from '../budget';
import { EXIT, usageError } from '../exit';
import { FOLLOW_LINKS_OPTION, STDOUT, checkOutputs, writeFileAtomic } from '../io';
import { loadNetwork, loadWeightsFor, overridesFrom, planOrExit } from './train';
import type { Command } from './types';
import { compileNetwork } from '../../shared/compiler';
import { InteropError, pynnScript } from '../../shared/interop/pynn';
import { brian2Script } from '../../shared/interop/brian2';
import { invalidInput } from '../exit';
import { exportNir } from './nir';

export const exportCommand: Command = {
  name: 'export',
  summary: 'export a network\'s (trained) weights as JSON, the network as a NIR graph or a PyNN or Brian2 script',
  usage: 'snn export NETWORK.snn.json [--weights WEIGHTS.json] --format json|nir|pynn|brian2 --out FILE [--memory-limit SIZE]',
  options: {
    weights: { type: 'string', description: 'trained weights to export (default: the seeded initial weights)' },
    format: { type: 'string', description: 'json (the snn-weights file), pynn / brian2 (a standalone PyNN / Brian2 script) or nir (a NIR graph, HDF5)' },
    out: { type: 'string', description: 'file to write (- is stdout)' },
    ...FOLLOW_LINKS_OPTION,
    seed: { type: 'string', description: 'seed of the initial weights when --weights is absent' },
    set: { type: 'string', multiple: true, description: 'NODE.PARAM=VALUE (repeatable)' },
    ...MEMORY_LIMIT_OPTION,
  },
  async run({ positionals, values }, io) {
    if (positionals.length !== 1) throw usageError(`expected one network file\nusage: ${this.usage}`);
    if (values.format !== 'json' && values.format !== 'nir' && values.format !== 'pynn' && values.format !== 'brian2') throw usageError(`--format must be json, nir, pynn or brian2, got ${values.format === undefined ? 'nothing' : `"${values.format}"`}`);
    if (typeof values.out !== 'string') throw usageError('--out FILE is required');
    hostLimits(values['memory-limit']); // a malformed --memory-limit is a usage error before any work
    const followLinks = values['follow-links'] === true;
    checkOutputs(io, [{ option: 'network', path: positionals[0] }, ...(typeof values.weights === 'string' ? [{ option: '--weights', path: values.weights }] : [])],
      [{ option: '--out', path: values.out }], followLinks);
    const net = loadNetwork(io, positionals[0], (values.set as string[] | undefined) ?? []);
    if (values.format === 'nir') return exportNir(io, net, { weights: values.weights as string | undefined, seed: values.seed as string | undefined, out: values.out, followLinks });
    if (values.format === 'pynn' || values.format === 'brian2') {
      const seed = typeof values.seed === 'string' ? Number(values.seed) : undefined;
      if (seed !== undefined && !Number.isInteger(seed)) throw usageError(`--seed must be an integer, got "${values.seed}"`);
      let text: string;
      // --weights: the trained weights as explicit weights of the network (as `snn train --apply` writes it).
      const doc = typeof values.weights === 'string'
        ? (() => {
            const plan = planOrExit(net, overridesFrom({ seed: values.seed }), values['memory-limit']);
            return applyWeights(net.doc, plan, weightsFromFile(plan, loadWeightsFor(io, values.weights, plan, net.sha256)));
          })()
        : net.doc;
      try { text = (values.format === 'pynn' ? pynnScript : brian2Script)(compileNetwork(doc, { seed })); } catch (e) {
        if (e instanceof InteropError) throw invalidInput(`${positionals[0]}: ${e.message}`);
        throw e;
      }
      if (values.out === STDOUT) io.stdout(text);
      else {
        writeFileAtomic(resolve(io.cwd, values.out), text, { followLinks, option: '--out' });
        io.stderr(`wrote ${values.out} (${values.format === 'pynn' ? 'PyNN' : 'Brian2'} script)\n`);
      }
      return EXIT.ok;
    }
    const plan = planOrExit(net, overridesFrom({ seed: values.seed }), values['memory-limit']);
    const file = typeof values.weights === 'string'
      ? (() => {
          const f = loadWeightsFor(io, values.weights, plan, net.sha256);
          const { checkpoint: _drop, ...training } = f.training ?? { checkpoint: undefined };
          return buildWeightsFile(net.doc, plan, weightsFromFile(plan, f), net.sha256, f.training ? (training as NonNullable<typeof f.training>) : undefined);
        })()
      : buildWeightsFile(net.doc, plan, initWeights(plan, plan.config.seed), net.sha256);
    const n = Object.keys(file.projections).length;
    if (values.out === STDOUT) io.stdout(JSON.stringify(file) + '\n');
    else {
      writeFileAtomic(resolve(io.cwd, values.out), JSON.stringify(file) + '\n', { followLinks, option: '--out' });
      io.stderr(`wrote ${values.out} (${n} projection${n === 1 ? '' : 's'})\n`);
    }
    return EXIT.ok;
  },
};
