// A lesson file (resources/lessons/*.lesson.json, docs/lessons.md): ordered steps, each with text, optionally a
// network to load, sliders bound to the network's numbers, something to try and checks the app evaluates on a run
// of the user's network (./check.ts). Lessons are data so that teachers can write their own.
import { z } from 'zod';

const finite = z.number().finite();
const id = z.string().min(1);

/** Where a step's network comes from: a bundled example by file stem, or a whole document inline. */
export const LessonNetworkSchema = z.union([
  z.object({ example: id }).strict(),
  z.object({ document: z.record(z.string(), z.unknown()) }).strict(),
]);

/** A slider bound to a number of the network: a node's parameter or a projection's constant weight. */
export const LessonControlSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('param'), label: z.string().min(1), node: id, param: id, min: finite, max: finite, step: finite.positive(), unit: z.string().optional() }).strict(),
  z.object({ kind: z.literal('weight'), label: z.string().min(1), projection: id, min: finite, max: finite, step: finite.positive(), unit: z.string().optional() }).strict(),
]).superRefine((c, ctx) => { if (c.min >= c.max) ctx.addIssue({ code: 'custom', path: ['max'], message: 'must be above min' }); });

const window = { from_ms: finite.nonnegative().optional(), to_ms: finite.positive().optional() };

/** What a check asks of the run (all times in ms from the run's start; a window is [from_ms, to_ms)). */
export const LessonCheckSchema = z.discriminatedUnion('kind', [
  /** Spikes of a population (or of one of its neurons) in a window: at least `min`, at most `max`. */
  z.object({ kind: z.literal('spike_count'), population: id, neuron: z.number().int().nonnegative().optional(), ...window,
    min: z.number().int().nonnegative().optional(), max: z.number().int().nonnegative().optional() }).strict(),
  /** Mean firing rate per neuron of a population in a window, in Hz. */
  z.object({ kind: z.literal('rate'), population: id, ...window, min_hz: finite.nonnegative().optional(), max_hz: finite.nonnegative().optional() }).strict(),
  /** Some neuron of `population` spikes at most `within_ms` after a spike of `reference` (an input). */
  z.object({ kind: z.literal('latency'), population: id, reference: id, within_ms: finite.nonnegative() }).strict(),
  /** The tutorial's estimate of the IPD (mean best IPD of the detectors with the most spikes; detector j of n
   *  is tuned to 360·j/(n−1)°) within `max_error_deg` of the ears' `ipd_deg`. */
  z.object({ kind: z.literal('ipd_estimate'), detectors: id, ears: id, max_error_deg: finite.positive() }).strict(),
]).superRefine((c, ctx) => {
  if ((c.kind === 'spike_count' || c.kind === 'rate') && c.from_ms !== undefined && c.to_ms !== undefined && c.from_ms >= c.to_ms) {
    ctx.addIssue({ code: 'custom', path: ['to_ms'], message: 'must be after from_ms' });
  }
  if (c.kind === 'spike_count' && c.min === undefined && c.max === undefined) ctx.addIssue({ code: 'custom', path: ['min'], message: 'give min, max or both' });
  if (c.kind === 'rate' && c.min_hz === undefined && c.max_hz === undefined) ctx.addIssue({ code: 'custom', path: ['min_hz'], message: 'give min_hz, max_hz or both' });
});

/** A curve of a population's mean rate against one node parameter (lesson 2's f–I curve), run by ./rate-sweep.ts. */
export const LessonRateSweepSchema = z.object({
  label: z.string().min(1), node: id, param: id, unit: z.string().optional(),
  from: finite, to: finite, step: finite.positive(), population: id, ...window,
}).strict().superRefine((s, ctx) => {
  if (s.from >= s.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be above from' });
  else if ((s.to - s.from) / s.step > 200) ctx.addIssue({ code: 'custom', path: ['step'], message: 'at most 200 runs in a sweep' });
});

export const LessonStepSchema = z.object({
  title: z.string().min(1),
  /** Paragraphs separated by blank lines; `$…$` and `$$…$$` hold equations, `**bold**` and `` `code` `` as in markdown. */
  text: z.string().min(1),
  network: LessonNetworkSchema.optional(),
  controls: z.array(LessonControlSchema).optional(),
  /** What to do in this step (shown under the text). */
  try: z.string().optional(),
  /** All must pass; the run is of the network as it is in the editor. */
  checks: z.array(LessonCheckSchema).optional(),
  /** Shown when every check passed. */
  success: z.string().optional(),
  /** Where the analysis area's IPD sweep belongs in this step (docs/lessons.md); the app shows the note until the
   *  sweep lands. `max_mean_error_deg`: the sweep's goal, evaluated by evaluateIpdSweep (./check.ts). */
  rate_sweep: LessonRateSweepSchema.optional(),
  sweep: z.object({ note: z.string().min(1), detectors: id.optional(), ears: id.optional(), max_mean_error_deg: finite.positive().optional() }).strict().optional(),
}).strict();

export const LessonSchema = z.object({
  format: z.literal('snn-lesson'),
  version: z.literal(1),
  /** Stable id: progress is saved under it. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  title: z.string().min(1),
  summary: z.string().min(1),
  /** Position in the lesson list (ascending). */
  order: z.number().int(),
  steps: z.array(LessonStepSchema).min(1),
}).strict();

export type Lesson = z.infer<typeof LessonSchema>;
export type LessonStep = z.infer<typeof LessonStepSchema>;
export type LessonCheck = z.infer<typeof LessonCheckSchema>;
export type LessonControl = z.infer<typeof LessonControlSchema>;
export type LessonNetwork = z.infer<typeof LessonNetworkSchema>;
export type LessonRateSweep = z.infer<typeof LessonRateSweepSchema>;
