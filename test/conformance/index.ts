// Every conformance case (Brian2-style feature tests), run on the CPU engine by conformance.test.ts and on the
// GPU engine by conformance.gpu.test.ts, each measurement against its strict and tolerant bound.
import type { ConformanceCase } from './types';
import { lifRate, poissonRate, refractory } from './neuron-cases';
import { conductance, connectivityCounts, delays, expPsp, stdpPair } from './synapse-cases';
import { fixedProbability, sinePoisson } from './statistics-cases';
import { adaptiveThreshold, refractoryDiscards, ringWrap, stdpClip, stepCurrent } from './timing-cases';

export const CONFORMANCE_CASES: readonly ConformanceCase[] = [lifRate, refractory, poissonRate, expPsp, conductance, delays, connectivityCounts, stdpPair,
  refractoryDiscards, adaptiveThreshold, stepCurrent, ringWrap, stdpClip,
  fixedProbability, sinePoisson];
export type { ConformanceCase, Measurement } from './types';
export { runCase, describeChecked, type Checked } from './run';
