// Neuron update rules by model id, derived from the catalogue's dynamics (../../models/<model>.ts, written
// once as data; docs/models.md): host constants and initial values, the model's state layout, and the WGSL
// body of its update kernel. The CPU engine builds its vector program from the same `dynamics`.
import { MODELS } from '../../models';
import { buildDynamics, type Dynamics } from '../../models/dynamics/program';
import { derivedConstants, initialState, type Params } from '../../models/dynamics/cpu';
import { dynamicsWgsl } from '../kernels/dynamics.wgsl';

export type { Params };

export interface NeuronRule {
  id: string;
  /** State variables beyond the catalogue's (e.g. a refractory counter); they start at init()'s value. */
  internal: readonly string[];
  /** Every state variable in buffer order: the catalogue's, then `internal`. */
  vars: readonly string[];
  /** Constants computed on the host in f64 (then stored as f32) from the params and dt, e.g. exp(-dt/tau). */
  derived(p: Params, dtMs: number): Params;
  /** Initial value of every state variable (catalogue + internal). */
  init(p: Params): Params;
  /** The checked description every form comes from. */
  dynamics: Dynamics;
  /** WGSL body: s_<state>, p_<param>, I_in, delta_in; sets `spiked`. */
  wgsl: string;
}

function ruleOf(id: string, d: Dynamics): NeuronRule {
  return {
    id, internal: d.internal, vars: d.vars, dynamics: d,
    derived: (p, dt) => derivedConstants(d, p, dt),
    init: (p) => initialState(d, p),
    wgsl: dynamicsWgsl(d),
  };
}

export const NEURON_RULES: Record<string, NeuronRule> = Object.fromEntries(
  MODELS.filter((m) => m.kind === 'neuron' && m.dynamics).map((m) => [
    m.id,
    ruleOf(m.id, buildDynamics(m.id, m.params.map((p) => p.name), m.state.map((s) => s.name), m.dynamics!)),
  ]),
);
