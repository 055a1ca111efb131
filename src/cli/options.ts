// Numeric option values of the `snn` verbs, checked before any work: NaN, Infinity, out-of-range values and
// fractions where a whole number is needed are usage errors (exit 2) naming the option (docs/cli.md).
import { usageError } from './exit';

/** Seeds feed the 32-bit counter RNG (docs/architecture.md): larger values would alias smaller ones. */
export const MAX_SEED = 2 ** 32 - 1;
/** Whole-number options count things held in arrays. */
export const MAX_COUNT = 2 ** 31 - 1;

export interface NumberRule {
  /** Smallest allowed value. */
  min?: number;
  /** Values must be above `min`, not equal to it. */
  above?: boolean;
  max?: number;
  integer?: boolean;
}

/** The number `--NAME VALUE` gives, or undefined when the option is absent. */
export function numberOption(value: unknown, name: string, rule: NumberRule): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const x = text === '' ? NaN : Number(text);
  const { min, above = false, max, integer = false } = rule;
  const bad = !Number.isFinite(x) || (integer && !Number.isInteger(x))
    || (min !== undefined && (above ? x <= min : x < min)) || (max !== undefined && x > max);
  if (bad) {
    const range = [min === undefined ? '' : `${above ? 'above' : '≥'} ${min}`, max === undefined ? '' : `≤ ${max}`].filter(Boolean).join(' and ');
    const shown = text === '' ? '""' : String(value);
    throw usageError(`--${name} ${shown}: must be ${integer ? 'a whole number' : 'a finite number'}${range ? ` ${range}` : ''}`);
  }
  return x;
}

/** `--seed N`: a whole number 0 … 2³²−1. */
export const seedOption = (value: unknown): number | undefined => numberOption(value, 'seed', { min: 0, max: MAX_SEED, integer: true });

/** A whole-number count `--NAME N` with N ≥ min (default 1). */
export const countOption = (value: unknown, name: string, min = 1): number | undefined =>
  numberOption(value, name, { min, max: MAX_COUNT, integer: true });
