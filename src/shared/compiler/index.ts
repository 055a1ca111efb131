// The compiler: network document → NetworkIR (./build-ir.ts) → Program (./program.ts, WGSL + buffer plan +
// dispatch schedule). `compileNetwork` is the entry the engines, the CLI and the app use.
export * from './ir';
export * from './errors';
export * from './overrides';
export * from './build-ir';
export * from './params';
export * from './stdp-constants';
export * from './inputs';
export { NEURON_RULES } from './models';
export * from './program';
export * from './structure';
export * from './budget';
export { lanesFor } from './kernels/propagate.wgsl';
export * from './propagation';
export * from './schedule';
import { buildIR, type CompileOptions } from './build-ir';
import type { NetworkDocument } from '../graph';
import type { NetworkIR } from './ir';

export function compileNetwork(doc: NetworkDocument, opts: CompileOptions = {}): NetworkIR {
  return buildIR(doc, opts);
}
