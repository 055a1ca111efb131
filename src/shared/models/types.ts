// The model catalogue's vocabulary: what a neuron or input model declares about itself.
// One file a model (./lif.ts, ./poisson.ts, ...); the catalogue (./index.ts) is the single source of
// parameters, units, ranges and teaching text for the schema, compiler, engines and inspector, and — for
// neuron models — of their dynamics, from which every executable form is derived (docs/models.md).
import type { DynamicsSource } from './dynamics/program';

export type ParamType = 'number' | 'integer' | 'enum' | 'boolean';

export interface ParamSpec {
  /** Key in the document's `params` object, e.g. `tau_ms`. Units live in the name where they help scripts. */
  name: string;
  label: string;
  unit: string;
  type: ParamType;
  default: number | string | boolean;
  /** Inclusive bounds for number/integer params. */
  min?: number;
  max?: number;
  /** When true the bound `min` itself is not allowed (e.g. a time constant must be > 0). */
  minExclusive?: boolean;
  options?: readonly string[];
  /** One line for the inspector's tooltip and for teaching. */
  description: string;
}

export interface StateVarSpec {
  name: string;
  unit: string;
  description: string;
}

export type ModelKind = 'neuron' | 'input';

/**
 * What a neuron model's names mean, for everything that shows a model without knowing it (plots, the 3D
 * view's colour scale and flash time): each names a parameter or state variable of the model.
 */
export interface ModelRoles {
  /** The membrane potential (state). */
  membrane: string;
  /** Where the colour scale is 0 (a parameter: rest or reset potential). */
  rest?: string;
  /** Where the colour scale is 1 (a parameter: threshold, peak or spike-detection level). */
  threshold?: string;
  /** The membrane time constant in ms (a parameter). */
  tau?: string;
}

export interface ModelSpec {
  id: string;
  kind: ModelKind;
  /** Name shown in the palette, e.g. "LIF population". */
  label: string;
  /** A short paragraph for the inspector and learn mode. */
  description: string;
  /** Neurons that never spike (leaky-integrator readout, current sources) say false. */
  spiking: boolean;
  /** A small picture of the model's dynamics for its node: an SVG path in a 36×18 box (a trace, spikes, a wave). */
  glyph?: string;
  params: readonly ParamSpec[];
  state: readonly StateVarSpec[];
  /** Default population size when the node is created from the palette. */
  defaultSize: number;
  /** Models whose size is fixed by their nature (e.g. two ears) give it here. */
  fixedSize?: number;
  /** Names of structured fields allowed in the node's `data` object (e.g. spike lists). */
  dataFields?: readonly string[];
  /** Neuron models: what their names mean (./types.ts ModelRoles). */
  roles?: ModelRoles;
  /** Neuron models: the dynamics, written once as data (./dynamics/program.ts, docs/models.md). */
  dynamics?: DynamicsSource;
  /** Neuron models: the same dynamics as Brian2 equations, for `snn export --format brian2`; absent = refused. */
  brian2?: Brian2Form;
}

/**
 * A neuron model in Brian2's terms (docs/formats.md, "Brian2"). Everything is dimensionless, time in ms: the
 * equations divide by `ms`. Parameters keep their catalogue names (the exporter passes them as the group's
 * namespace) and `I` is the input current of the step, computed by the exporter before the state update and
 * held over it (docs/engine.md, "Step order" 1). The equations, integrated by `method`, must equal our update.
 */
export interface Brian2Form {
  /** State equations, one a line, without `I : 1` (the exporter declares it). */
  equations: string;
  method: 'exact' | 'euler';
  /** Threshold condition (absent: a non-spiking model). */
  threshold?: string;
  reset?: string;
  /** The parameter holding the refractory period in ms; the membrane equation then ends in `(unless refractory)`. */
  refractory?: string;
  /** Initial values, `variable = expression` in the parameters. */
  init: string[];
  /** The form is our update only while dt is at most this (ms): beyond it we sub-step and Brian2 does not. */
  maxDtMs?: number;
}

/**
 * When a threshold crossing takes effect (LIF and adaptive LIF; docs/engine.md, "Reset timing"):
 * 'immediate' — the step whose v crosses emits the spike and resets v (Brian2's order);
 * 'tutorial' — the Cosyne tutorial's discrete update (the GPU trainer's only one): the spike is emitted one step
 * after the crossing (from the previous step's v) and v is reset one step after that, so one crossing can give
 * two spikes. Stored in the parameter vector as the option's index (0, 1).
 */
export const RESET_TIMING: ParamSpec = {
  name: 'reset_timing', label: 'reset timing', unit: '', type: 'enum', default: 'immediate', options: ['immediate', 'tutorial'],
  description: 'immediate: spike and reset in the step v crosses v_th. tutorial: spike one step later, reset one step after that (the trainer\'s model).',
};

export type ParamValue = number | string | boolean;
export type ParamValues = Record<string, ParamValue>;

/** Every parameter of the model at its default value. */
export function defaultParams(model: ModelSpec): ParamValues {
  const out: ParamValues = {};
  for (const p of model.params) out[p.name] = p.default;
  return out;
}

/** Why a value is not allowed for a parameter, or null when it is. Used by the schema and the inspector. */
export function checkParam(p: ParamSpec, value: unknown): string | null {
  switch (p.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : `must be true or false, got ${describe(value)}`;
    case 'enum':
      return typeof value === 'string' && p.options?.includes(value)
        ? null
        : `must be one of ${p.options?.map((o) => `"${o}"`).join(', ')}, got ${describe(value)}`;
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a finite number, got ${describe(value)}`;
      if (p.type === 'integer' && !Number.isInteger(value)) return `must be a whole number, got ${value}`;
      const unit = p.unit ? ` ${p.unit}` : '';
      if (p.min !== undefined && (p.minExclusive ? value <= p.min : value < p.min)) {
        return `${value}${unit} is ${p.minExclusive ? 'not above' : 'below'} the minimum ${p.min}${unit}`;
      }
      if (p.max !== undefined && value > p.max) return `${value}${unit} is above the maximum ${p.max}${unit}`;
      return null;
    }
  }
}

function describe(v: unknown): string {
  if (typeof v === 'string') return `"${v}"`;
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return String(v);
}
