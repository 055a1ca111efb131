// The lesson files, the validator and the checks. The checks are evaluated on real CPU-engine runs of the lessons'
// own networks, with the wrong setting a student starts from (must fail, saying why) and a right one (must pass):
// the numbers in the messages are what the engine produced, so the expectations are exact or stated as bounds.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument, type NetworkDocument } from '../graph';
import { compileNetwork } from '../compiler';
import { createCpuEngine } from '../engine/cpu-engine';
import { runAndCollect } from '../engine/collect';
import { circularErrorDeg, estimateIpdDeg, evaluateCheck, evaluateChecks, evaluateIpdSweep, describeCheck, ipdSweepError, type RunRecord } from './check';
import { lessonNetwork, loadLesson } from './load';
import { runRateSweep, sweepValues } from './rate-sweep';
import { atStep, lessonDone, parseProgress, progressText, withBest, withPassed } from './progress';
import type { Lesson, LessonCheck } from './schema';

const root = new URL('../../../resources/', import.meta.url);
const examples: Record<string, unknown> = Object.fromEntries(readdirSync(new URL('examples/', root))
  .filter((f) => f.endsWith('.snn.json')).map((f) => [f.replace(/\.snn\.json$/, ''), JSON.parse(readFileSync(new URL(`examples/${f}`, root), 'utf8'))]));
const lessonFiles = readdirSync(new URL('lessons/', root)).filter((f) => f.endsWith('.lesson.json')).sort();
const lessons: Record<string, Lesson> = {};
for (const f of lessonFiles) {
  const r = loadLesson(JSON.parse(readFileSync(new URL(`lessons/${f}`, root), 'utf8')), examples);
  if (r.ok) lessons[r.lesson.id] = r.lesson;
}

/** The network a step shows (its own, or the last an earlier step loaded), as a plain JSON copy to edit. */
function stepNetwork(lesson: string, step: number): Record<string, any> {
  const l = lessons[lesson];
  for (let s = step; s >= 0; s--) {
    const net = l.steps[s].network;
    if (net) return structuredClone('example' in net ? examples[net.example] : net.document) as Record<string, any>;
  }
  throw new Error(`no network up to step ${step} of ${lesson}`);
}

function setParam(raw: Record<string, any>, node: string, param: string, value: number) {
  const n = raw.nodes.find((x: { id: string }) => x.id === node);
  n.params = { ...n.params, [param]: value };
  return raw;
}

async function run(raw: unknown): Promise<{ rec: RunRecord; doc: NetworkDocument }> {
  const r = loadDocument(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  const ir = compileNetwork(r.doc);
  const steps = Math.round(ir.durationMs / ir.dtMs);
  const c = await runAndCollect(createCpuEngine(ir), steps);
  return { rec: { steps, dtMs: ir.dtMs, spikes: c.spikes }, doc: r.doc };
}

async function checkStep(lesson: string, step: number, raw: unknown) {
  const { rec, doc } = await run(raw);
  return evaluateChecks(lessons[lesson].steps[step].checks!, rec, doc);
}

describe('lesson files (resources/lessons)', () => {
  it('every file is a valid lesson: schema, examples, nodes, parameters and projections named by sliders and checks', () => {
    expect(lessonFiles.length).toBeGreaterThanOrEqual(5);
    for (const f of lessonFiles) {
      const r = loadLesson(JSON.parse(readFileSync(new URL(`lessons/${f}`, root), 'utf8')), examples);
      expect(r.ok ? [] : r.problems, f).toEqual([]);
    }
    expect(Object.values(lessons).map((l) => l.order).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(Object.keys(lessons)).size).toBe(lessonFiles.length);
  });

  it('the validator lists every problem at once, each with its JSON path', () => {
    const bad = { format: 'snn-lesson', version: 1, id: 'Bad Id', title: '', summary: 's', order: 1, steps: [] };
    const r = loadLesson(bad, examples);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^id: lower-case/), expect.stringMatching(/^title: /), expect.stringMatching(/^steps: /)]));
  });

  it('the validator checks names against the step\'s network', () => {
    const lesson = {
      format: 'snn-lesson', version: 1, id: 'x', title: 'X', summary: 's', order: 9,
      steps: [
        { title: 'a', text: 't', checks: [{ kind: 'rate', population: 'neuron', min_hz: 1 }] },
        { title: 'b', text: 't', network: { example: 'no-such' } },
        { title: 'c', text: 't', network: { example: 'lif-neuron' },
          controls: [{ kind: 'param', label: 'L', node: 'neuron', param: 'nope', min: 0, max: 1, step: 0.1 },
            { kind: 'param', label: 'L', node: 'ghost', param: 'tau_ms', min: 1, max: 2, step: 1 },
            { kind: 'param', label: 'L', node: 'neuron', param: 'tau_ms', min: -5, max: 2, step: 1 },
            { kind: 'weight', label: 'W', projection: 'missing', min: 0, max: 1, step: 0.1 }],
          checks: [{ kind: 'spike_count', population: 'neuron', neuron: 3, min: 1 },
            { kind: 'ipd_estimate', detectors: 'neuron', ears: 'input', max_error_deg: 10 }] },
        { title: 'd', text: 't', network: { document: { format: 'snn-network' } } },
      ],
    };
    const r = loadLesson(lesson, examples);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      'steps[0]: sliders and checks need a network (this step or an earlier one loads none)',
      expect.stringMatching(/^steps\[1\]\.network: no example "no-such" \(known: .*lif-neuron/),
      'steps[2].controls[0]: model lif of "neuron" has no parameter "nope"',
      'steps[2].controls[1]: no node "ghost" in the network',
      'steps[2].controls[2]: the range -5…2 leaves the parameter\'s 0…1000000',
      'steps[2].controls[3]: no projection "missing" in the network',
      'steps[2].checks[0]: neuron 3 is past "neuron"\'s 1 neurons',
      'steps[2].checks[1]: "input" (spike_generator) has no ipd_deg',
      expect.stringMatching(/^steps\[3\]\.network: not a valid network: /),
    ]);
    const schema = loadLesson({ ...lesson, steps: [{ title: 'a', text: 't', checks: [{ kind: 'spike_count', population: 'n', from_ms: 5, to_ms: 2 }] }] }, examples);
    expect(schema.ok ? [] : schema.problems).toEqual(['steps[0].checks[0].to_ms: must be after from_ms', 'steps[0].checks[0].min: give min, max or both']);
  });

  it('lessonNetwork resolves an example or an inline document', () => {
    const a = lessonNetwork({ example: 'lif-neuron' }, examples);
    expect(a.ok && a.doc.nodes.map((n) => n.id)).toEqual(['input', 'neuron']);
    const b = lessonNetwork({ document: stepNetwork('lif-neuron', 1) }, examples);
    expect(b.ok && b.doc.meta.name).toBe('integrator-or-coincidence');
  });
});

describe('checks on hand-made runs', () => {
  const doc = lessonNetwork({ example: 'lif-neuron' }, examples);
  if (!doc.ok) throw new Error('lif-neuron');
  const d = doc.doc;
  const rec: RunRecord = { steps: 1000, dtMs: 0.1, spikes: { neuron: { step: [400, 410, 990], index: [0, 0, 0] }, input: { step: [200, 400, 600], index: [0, 0, 0] } } };

  it('spike_count counts in [from, to): the window end is open, the run end caps it', () => {
    expect(evaluateCheck({ kind: 'spike_count', population: 'neuron', from_ms: 40, to_ms: 41, min: 2 }, rec, d))
      .toEqual({ pass: false, message: 'LIF neuron (neuron) fired 1 spike between 40 ms and 41 ms (needs at least 2).' });
    expect(evaluateCheck({ kind: 'spike_count', population: 'neuron', from_ms: 40, to_ms: 41.1, min: 2 }, rec, d).pass).toBe(true);
    expect(evaluateCheck({ kind: 'spike_count', population: 'neuron', from_ms: 50, max: 0 }, rec, d))
      .toEqual({ pass: false, message: 'LIF neuron (neuron) fired 1 spike between 50 ms and 100 ms (needs none).' });
    expect(evaluateCheck({ kind: 'spike_count', population: 'neuron', neuron: 0, min: 3, max: 3 }, rec, d).pass).toBe(true);
    expect(evaluateCheck({ kind: 'spike_count', population: 'input', to_ms: 40, max: 0 }, rec, d).pass).toBe(false);
  });

  it('rate is spikes per neuron per second of the window', () => {
    expect(evaluateCheck({ kind: 'rate', population: 'neuron', min_hz: 30, max_hz: 30 }, rec, d))
      .toEqual({ pass: true, message: 'LIF neuron (neuron) fired at 30 Hz per neuron between 0 ms and 100 ms (wanted 30–30 Hz).' });
    expect(evaluateCheck({ kind: 'rate', population: 'neuron', from_ms: 90, min_hz: 200 }, rec, d).message).toBe('LIF neuron (neuron) fired at 100 Hz per neuron between 90 ms and 100 ms (needs at least 200 Hz).');
  });

  it('latency is from an input spike to the next output spike at or after it', () => {
    expect(evaluateCheck({ kind: 'latency', population: 'neuron', reference: 'input', within_ms: 0 }, rec, d).pass).toBe(true); // 40 ms both
    const late: RunRecord = { ...rec, spikes: { neuron: { step: [450], index: [0] }, input: rec.spikes.input } };
    expect(evaluateCheck({ kind: 'latency', population: 'neuron', reference: 'input', within_ms: 4 }, late, d))
      .toEqual({ pass: false, message: 'The quickest answer of LIF neuron (neuron) came 5 ms after a spike of Input spikes (input) (needs at most 4 ms).' });
    const none: RunRecord = { ...rec, spikes: { input: rec.spikes.input } };
    expect(evaluateCheck({ kind: 'latency', population: 'neuron', reference: 'input', within_ms: 4 }, none, d).message).toMatch(/did not spike at all/);
  });

  it('the IPD estimate: detector j of n is tuned to 360·j/(n−1)°, ties averaged on the circle, errors on the circle', () => {
    expect(estimateIpdDeg([0, 0, 5, 1, 0])).toBe(180);
    expect(estimateIpdDeg([4, 0, 0, 0, 4])).toBeCloseTo(0, 9); // 0° and 360° are the same phase, not 180°
    expect(estimateIpdDeg([3, 0, 3, 0, 0])).toBeCloseTo(90, 9);
    expect(estimateIpdDeg([0, 0, 0])).toBeNull();
    expect(circularErrorDeg(350, 10)).toBe(20);
    expect(circularErrorDeg(10, 350)).toBe(20);
    expect(circularErrorDeg(90, 270)).toBe(180);
  });

  it('the sweep\'s mean error: per-run circular errors averaged, a silent run counted as 180°', () => {
    const peak = (j: number) => Array.from({ length: 13 }, (_, i) => (i === j ? 9 : 1)); // detector j of 13 is tuned to 30·j°
    const points = [{ ipdDeg: 0, counts: peak(0) }, { ipdDeg: 90, counts: peak(4) }, { ipdDeg: 350, counts: peak(1) }];
    expect(ipdSweepError(points)).toEqual({ mean: (0 + 30 + 40) / 3, runs: [
      { ipdDeg: 0, estimate: 0, error: 0 }, { ipdDeg: 90, estimate: 120, error: 30 }, { ipdDeg: 350, estimate: 30, error: 40 }] });
    expect(evaluateIpdSweep(25, points)).toEqual({ pass: true, mean: 70 / 3, message: 'Mean error 23.3° over 3 IPDs (wanted at most 25°).' });
    const withSilent = [...points, { ipdDeg: 180, counts: new Array(13).fill(0) }];
    expect(evaluateIpdSweep(25, withSilent)).toEqual({ pass: false, mean: 250 / 4, message: 'Mean error 62.5° over 4 IPDs (needs at most 25°).' });
    expect(evaluateIpdSweep(25, [{ ipdDeg: 0, counts: [0, 0] }]).message).toBe('No run of the sweep gave an estimate: the detectors did not spike (1 IPDs).');
  });

  it('describes each check in words', () => {
    const checks: LessonCheck[] = [{ kind: 'spike_count', population: 'neuron', to_ms: 40, max: 0 }, { kind: 'spike_count', population: 'neuron', from_ms: 40, to_ms: 41, min: 1 },
      { kind: 'rate', population: 'neuron', min_hz: 120 }, { kind: 'latency', population: 'neuron', reference: 'input', within_ms: 5 }];
    expect(checks.map((c) => describeCheck(c, d))).toEqual([
      'LIF neuron (neuron) stays silent before 40 ms', 'LIF neuron (neuron) fires at least 1 spike between 40 ms and 41 ms',
      'LIF neuron (neuron) fires at a rate of at least 120 Hz per neuron', 'a neuron of LIF neuron (neuron) fires within 5 ms after a spike of Input spikes (input)']);
  });
});

describe('the lessons\' checks on CPU-engine runs of their networks', () => {
  it('lesson 1, step 1: the example fires on the third input (fails, saying so); threshold 0.8 or weight 0.6 fire on the second', async () => {
    const wrong = await checkStep('lif-neuron', 0, stepNetwork('lif-neuron', 0));
    expect(wrong.pass).toBe(false);
    expect(wrong.results.map((r) => r.message)).toEqual([
      'LIF neuron (neuron) fired 0 spikes between 0 ms and 40 ms (wanted none).',
      'LIF neuron (neuron) fired 0 spikes between 40 ms and 41 ms (needs at least 1).']);
    expect((await checkStep('lif-neuron', 0, setParam(stepNetwork('lif-neuron', 0), 'neuron', 'v_th', 0.8))).pass).toBe(true);
    const heavier = stepNetwork('lif-neuron', 0);
    heavier.projections[0].weight.value = 0.6;
    expect((await checkStep('lif-neuron', 0, heavier)).pass).toBe(true);
    // Too low a threshold fires on the first input: the "not before 40 ms" check catches it.
    const early = await checkStep('lif-neuron', 0, setParam(stepNetwork('lif-neuron', 0), 'neuron', 'v_th', 0.4));
    expect(early.results.map((r) => r.pass)).toEqual([false, true]);
  });

  it('lesson 1, step 2: τ 50 ms integrates (fires at 40 ms); τ 10 ms is a coincidence detector; τ 2 ms misses the pair', async () => {
    const net = (tau: number) => setParam(stepNetwork('lif-neuron', 1), 'neuron', 'tau_ms', tau);
    expect((await checkStep('lif-neuron', 1, net(50))).results.map((r) => r.pass)).toEqual([false, true]);
    expect((await checkStep('lif-neuron', 1, net(10))).pass).toBe(true);
    expect((await checkStep('lif-neuron', 1, net(2))).results.map((r) => r.pass)).toEqual([true, false]);
  });

  it('lesson 1, step 3: without adaptation the second burst fires; Δ_th 0.5, τ_t 100 ms (the tutorial) pass', async () => {
    const wrong = await checkStep('lif-neuron', 2, stepNetwork('lif-neuron', 2));
    expect(wrong.results.map((r) => r.pass)).toEqual([true, false, true]);
    expect((await checkStep('lif-neuron', 2, setParam(stepNetwork('lif-neuron', 2), 'neuron', 'delta_th', 0.5))).pass).toBe(true);
  });

  it('lesson 2: Hodgkin-Huxley fires once at 4 µA/cm² (not at 10 or 2); Izhikevich fast spiking passes where regular spiking does not', async () => {
    const hh = (a: number) => setParam(stepNetwork('neuron-dynamics', 1), 'current', 'amplitude', a);
    expect((await checkStep('neuron-dynamics', 1, hh(10))).results[0].message).toMatch(/fired 4 spikes between 10 ms and 80 ms \(needs 1–1\)/);
    expect((await checkStep('neuron-dynamics', 1, hh(4))).pass).toBe(true);
    expect((await checkStep('neuron-dynamics', 1, hh(2))).pass).toBe(false);
    const rs = await checkStep('neuron-dynamics', 2, stepNetwork('neuron-dynamics', 2));
    expect(rs.pass).toBe(false);
    expect(rs.results[0].message).toMatch(/fired at 25 Hz per neuron between 20 ms and 180 ms/); // 4 spikes in the 160 ms of the step
    const fs = setParam(setParam(stepNetwork('neuron-dynamics', 2), 'neuron', 'a', 0.1), 'neuron', 'd', 2);
    expect((await checkStep('neuron-dynamics', 2, fs)).pass).toBe(true);
  });

  it('lesson 3\'s sweep goal on a real sweep of the example (4 IPDs): the example does not reach it', async () => {
    const goal = lessons['coincidence-detection'].steps[2].sweep!.max_mean_error_deg!;
    const points = [];
    for (const ipd of [0, 90, 180, 270]) {
      const { rec } = await run(setParam(stepNetwork('coincidence-detection', 2), 'ears', 'ipd_deg', ipd));
      const counts = new Array<number>(100).fill(0);
      for (const i of Array.from(rec.spikes.detectors.index)) counts[i]++;
      points.push({ ipdDeg: ipd, counts });
    }
    const r = evaluateIpdSweep(goal, points);
    // Seed 1 at each IPD (the engines' RNG is deterministic): one run at a time is noisy, as docs/results.md says.
    expect(ipdSweepError(points).runs.map((x) => +x.error.toFixed(1))).toEqual([3.6, 57.3, 34.5, 4.5]);
    expect(r.mean).toBeGreaterThan(goal);
    expect(r.message).toMatch(/^Mean error [\d.]+° over 4 IPDs \(needs at most 15°\)\.$/);
  });

  it('lesson 3: the detectors fire; the estimate at 90° is off by more than 30°, at 0° within it', async () => {
    expect((await checkStep('coincidence-detection', 0, stepNetwork('coincidence-detection', 0))).pass).toBe(true);
    const at90 = await checkStep('coincidence-detection', 1, stepNetwork('coincidence-detection', 1));
    expect(at90.pass).toBe(false);
    expect(at90.results[0].message).toMatch(/^Estimated IPD [\d.]+°, true IPD 90°: error [\d.]+° \(needs at most 30°\)\.$/);
    const at0 = await checkStep('coincidence-detection', 1, setParam(stepNetwork('coincidence-detection', 1), 'ears', 'ipd_deg', 0));
    expect(at0.pass).toBe(true);
  });

  it('lesson 4: the untrained spiking network\'s hidden layer is active; lesson 5: the detectors answer the ears within 5 ms, silent ones fail', async () => {
    expect((await checkStep('surrogate-gradients', 2, stepNetwork('surrogate-gradients', 2))).pass).toBe(true);
    expect((await checkStep('network-anatomy', 1, stepNetwork('network-anatomy', 1))).pass).toBe(true);
    const weak = stepNetwork('network-anatomy', 1);
    weak.projections[0].weight.value = 0.05;
    const silent = await checkStep('network-anatomy', 1, weak);
    expect(silent.results[0]).toEqual({ pass: false, message: 'Coincidence detectors (detectors) did not spike at all (needs a spike within 5 ms of an input).' });
  });
});

describe('the rate sweep (lesson 2\'s f–I curve) on CPU-engine runs', () => {
  it('sweepValues includes both ends', () => {
    expect(sweepValues({ from: 0, to: 1, step: 0.25 })).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(sweepValues({ from: 0, to: 0.3, step: 0.1 })).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('Hodgkin-Huxley is type II: silent, then a jump to tens of Hz, then faster with more current', async () => {
    const spec = { ...lessons['neuron-dynamics'].steps[3].rate_sweep!, to: 16, step: 2 };
    const doc = loadDocument(stepNetwork('neuron-dynamics', 3));
    if (!doc.ok) throw new Error('hh');
    const seen: number[] = [];
    const pts = await runRateSweep(doc.doc, spec, { onPoint: (_p, done) => seen.push(done) });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const first = pts.findIndex((p) => p.hz > 0);
    // Below ~6 µA/cm² at most the onset spike (before the window): no rate.
    expect(pts[first].value).toBeGreaterThanOrEqual(6);
    expect(pts[first].value).toBeLessThanOrEqual(8);
    // The discontinuity: the first current that fires steadily already fires at ≥ 40 Hz (the window of 160 ms
    // resolves 6.25 Hz); a type I neuron would start near 0 Hz. More current, faster.
    expect(pts[first].hz).toBeGreaterThanOrEqual(40);
    expect(pts[8].hz).toBeGreaterThan(pts[first].hz);
    // Stopping early returns what was run.
    const stop = { aborted: false };
    const part = await runRateSweep(doc.doc, spec, { onPoint: (_p, done) => { if (done === 3) stop.aborted = true; }, signal: stop });
    expect(part.map((p) => p.value)).toEqual([0, 2, 4]);
  });
});

describe('progress', () => {
  it('round-trips, remembers the step and passed steps, and forgets what it cannot read', () => {
    let p = parseProgress(null);
    p = atStep(p, 'lif-neuron', 2);
    p = withPassed(p, 'lif-neuron', 0);
    p = withPassed(p, 'lif-neuron', 0);
    p = withPassed(p, 'lif-neuron', 2);
    expect(parseProgress(progressText(p))).toEqual({ 'lif-neuron': { step: 2, passed: [0, 2] } });
    expect(lessonDone(p, 'lif-neuron', [0, 1, 2])).toBe(2);
    p = withBest(withBest(withBest(p, 'coincidence-detection', 2, 21.5), 'coincidence-detection', 2, 14.2), 'coincidence-detection', 2, 18);
    expect(p['coincidence-detection'].best).toEqual({ 2: 14.2 }); // the lowest mean error is kept
    expect(parseProgress(progressText(p))['coincidence-detection']).toEqual({ step: 2, passed: [], best: { 2: 14.2 } });
    expect(parseProgress('{not json')).toEqual({});
    expect(parseProgress('[1,2]')).toEqual({});
    expect(parseProgress('{"a": {"step": -1, "passed": [1, "x", 1.5, 0]}, "b": 3}')).toEqual({ a: { step: 0, passed: [0, 1] } });
  });
});
