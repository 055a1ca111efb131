// The budget before a run: estimates from the document alone, refusals that name the JSON path of what to
// shrink, every example document under budget, byte sizes parsed strictly.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocument, type NetworkDocument } from '../graph';
import { checkRunBudget, checkTrainingBudget, estimateRun, MAX_MONITORS, parseByteSize, type BudgetLimits } from './budget';

const examples = new URL('../../../resources/examples/', import.meta.url).pathname;
const GiB = 2 ** 30;
const roomy: BudgetLimits = { memoryBytes: 8 * GiB, heapBytes: 2 * GiB };

function doc(raw: Record<string, unknown>): NetworkDocument {
  const r = loadDocument({ format: 'snn-network', version: 1, meta: { name: 'b' }, ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.doc;
}

const pair = (n: number, connectivity: Record<string, unknown>) => doc({
  nodes: [{ id: 'a', kind: 'population', model: 'lif', size: n }, { id: 'b', kind: 'population', model: 'lif', size: n }],
  projections: [{ id: 'p', source: 'a', target: 'b', connectivity, weight: { dist: 'constant', value: 0.1 } }],
});

describe('checkRunBudget', () => {
  it('every example document runs within a small budget (1 GiB, 512 MiB of heap, WebGPU\'s default 128 MiB buffers)', () => {
    const small: BudgetLimits = { memoryBytes: GiB, heapBytes: GiB / 2, gpuBufferBytes: 128 * 2 ** 20 };
    const files = readdirSync(examples).filter((f) => f.endsWith('.snn.json'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const r = loadDocument(JSON.parse(readFileSync(join(examples, f), 'utf8')));
      if (!r.ok) throw new Error(f);
      const b = checkRunBudget(r.doc, { keepRecords: true }, small);
      expect(b.ok ? 'ok' : `${f}: ${b.problem.message}`).toBe('ok');
    }
  });

  it('all-to-all 1e6 × 1e6 names the projection\'s connectivity, the estimate and the limit', () => {
    const r = checkRunBudget(pair(1e6, { rule: 'all_to_all' }), {}, roomy);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.path).toBe('projections[0].connectivity');
    expect(r.problem.message).toMatch(/^projections\[0\]\.connectivity: the run needs about 21\.8 TiB of memory, above the limit of 8\.00 GiB; .*1\.00e12 synapses/);
  });

  it('synapse estimates follow the rule: p, fan-in, one-to-one, explicit lists', () => {
    const syn = (c: Record<string, unknown>) => estimateRun(pair(1000, c)).items.find((i) => i.kind === 'synapses')!.bytes / 24;
    expect(syn({ rule: 'all_to_all' })).toBe(1e6);
    expect(syn({ rule: 'fixed_probability', p: 0.1 })).toBeCloseTo(110_000, -1);
    expect(syn({ rule: 'fixed_indegree', k: 10 })).toBe(10_000);
    expect(syn({ rule: 'one_to_one' })).toBe(1000);
    expect(syn({ rule: 'explicit', pre: [0, 1, 2], post: [0, 0, 0] })).toBe(3);
  });

  it('a delay becomes a ring of delay steps × neurons; beyond the GPU\'s buffer limit it names the population', () => {
    const d = doc({ nodes: [{ id: 'g', kind: 'input', model: 'spike_generator', size: 1 }, { id: 'big', kind: 'population', model: 'lif', size: 3_000_000 }],
      projections: [{ id: 'p', source: 'g', target: 'big', connectivity: { rule: 'all_to_all' }, weight: { dist: 'constant', value: 1 }, delay: { kind: 'constant', ms: 10 } }] });
    const r = checkRunBudget(d, {}, { ...roomy, gpuBufferBytes: GiB });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.message).toMatch(/^nodes\[1\]\.size: the delay ring of "big" \(3,000,000 neurons × 1 channel\(s\) × 101 steps .*above this device's limit of 1\.00 GiB per buffer; shorten the delays/);
  });

  it('recording 1e5 neurons for 10 s is refused by the heap its records need, naming the monitor', () => {
    const d = doc({ simulation: { duration_ms: 10_000 }, nodes: [{ id: 'a', kind: 'population', model: 'lif', size: 1e5 }], monitors: [{ id: 'm', kind: 'state', target: 'a', variable: 'v' }] });
    const r = checkRunBudget(d, { keepRecords: true }, roomy);
    expect(r.ok ? '' : r.problem.message).toMatch(/^monitors\[0\]: the kept records need about \d+ GiB of JS heap, above the limit of 2\.00 GiB; .*1\.00e10 values/);
    expect(checkRunBudget(d, { keepRecords: false }, roomy).ok).toBe(true);
  });

  it('too many steps name the duration, or dt when the duration is ordinary', () => {
    const one = (simulation: Record<string, number>) => doc({ simulation, nodes: [{ id: 'a', kind: 'population', model: 'lif', size: 1 }] });
    const long = checkRunBudget(one({ duration_ms: 1e9 }), {}, roomy);
    expect(long.ok ? '' : long.problem.message).toBe('simulation.duration_ms: 1000000000 ms at dt 0.1 ms is 1.00e10 steps, above the limit of 1.00e8 steps; shorten the duration or use a larger dt');
    const tiny = checkRunBudget(one({ dt_ms: 1e-300 }), {}, roomy);
    expect(tiny.ok ? '' : tiny.problem.path).toBe('simulation.dt_ms');
    const opt = checkRunBudget(one({}), { durationMs: 1e12 }, roomy);
    expect(opt.ok ? '' : opt.problem.path).toBe('--duration');
  });

  it('1e6 monitors are refused by count before anything is estimated', () => {
    const d = doc({ nodes: [{ id: 'a', kind: 'population', model: 'lif', size: 1 }], monitors: [{ id: 'm', kind: 'spikes', target: 'a' }] });
    const many = { ...d, monitors: Array.from({ length: 1e6 }, (_, i) => ({ id: `m${i}`, kind: 'spikes' as const, target: 'a' })) };
    const r = checkRunBudget(many, {}, roomy);
    expect(r.ok ? '' : r.problem.message).toBe(`monitors: 1,000,000 monitors (with --record) are above the limit of ${MAX_MONITORS.toLocaleString('en-US')}; record fewer variables or merge monitors of one population`);
  });
});

describe('checkTrainingBudget', () => {
  it('1e9 training samples name training.train_samples and the data sets\' size', () => {
    const p = checkTrainingBudget({ trainSamples: 1e9, testSamples: 2048, batchSize: 64, steps: 100, inputs: 200, layers: [30, 12] }, roomy);
    expect(p?.path).toBe('training.train_samples');
    expect(p?.message).toMatch(/^training\.train_samples: training needs about 18\.2 TiB of memory, above the limit of 8\.00 GiB; .*use fewer samples \(--train-samples, --test-samples\)$/);
    expect(checkTrainingBudget({ trainSamples: 4096, testSamples: 2048, batchSize: 64, steps: 100, inputs: 200, layers: [30, 12] }, roomy)).toBeNull();
  });
});

describe('parseByteSize', () => {
  it('reads IEC and SI units and plain bytes; refuses anything else', () => {
    expect(parseByteSize('8GiB')).toBe(8 * GiB);
    expect(parseByteSize('8G')).toBe(8 * GiB);
    expect(parseByteSize('512 MiB')).toBe(512 * 2 ** 20);
    expect(parseByteSize('2GB')).toBe(2e9);
    expect(parseByteSize('1e9')).toBe(1e9);
    for (const bad of ['', 'lots', '-1GiB', '0', '8 GiBs', '8Gi', 'NaN', 'Infinity']) expect(parseByteSize(bad)).toBeUndefined();
  });
});

describe('the result JSON', () => {
  it('records that would make more than one JSON text can hold are refused up front, naming the monitor', () => {
    const d = doc({ simulation: { duration_ms: 10_000 }, nodes: [{ id: 'a', kind: 'population', model: 'lif', size: 400 }], monitors: [{ id: 'm', kind: 'state', target: 'a', variable: 'v' }] });
    const r = checkRunBudget(d, { keepRecords: true }, roomy);
    expect(r.ok ? '' : r.problem.message).toMatch(/^monitors\[0\]: the result JSON would be about 777 MiB, above the limit of 512 MiB for one JSON text; .*record fewer neurons/);
  });
});
