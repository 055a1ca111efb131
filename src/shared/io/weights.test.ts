import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import Ajv2020 from 'ajv/dist/2020';
import { checkWeightsFor, loadWeights, parseWeightsText, WeightsFile } from './weights';
import { buildWeightsFile, initWeights, weightsExpectation, weightsFromFile } from '../training';
import { testDocument, testPlan } from '../../../test/training/testing';

const net = { inputs: 20, hidden: [8], out: 4, steps: 10 };
const SHA = 'a'.repeat(64);
const make = () => {
  const plan = testPlan(net), w = initWeights(plan, 1);
  return { plan, w, file: buildWeightsFile(testDocument(net), plan, w, SHA, {
    epochs: 1, batch_size: 64, lr: 0.01, seed: 1, backend: 'cpu', loss: [2.4], train_accuracy: 0.5, test_accuracy: 0.4, test_mean_abs_error_deg: 12, wall_ms: 5,
  }) };
};

describe('weights file (snn-weights v1)', () => {
  it('round-trips through JSON: the written file validates (zod and the JSON Schema made from it) and loads back exactly', () => {
    const { plan, w, file } = make();
    const text = JSON.stringify(file);
    expect(WeightsFile.safeParse(JSON.parse(text)).success).toBe(true);
    const check = new Ajv2020({ strict: false }).compile(z.toJSONSchema(WeightsFile, { io: 'input', target: 'draft-2020-12' }));
    expect(check(JSON.parse(text)) ? [] : check.errors).toEqual([]);
    const r = parseWeightsText(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(checkWeightsFor(r.file, weightsExpectation(plan, SHA))).toEqual([]);
    expect(weightsFromFile(plan, r.file)).toEqual(w);
    expect(r.file.projections.inputs_hidden).toMatchObject({ source: 'inputs', target: 'hidden', shape: [20, 8], layout: 'row-major [pre][post]' });
  });

  it('says where a file is broken: truncated text, a wrong row, a wrong format', () => {
    const text = JSON.stringify(make().file);
    const t = parseWeightsText(text.slice(0, 100));
    expect(t.ok).toBe(false);
    expect(t.diagnostics[0].message).toMatch(/not valid JSON \(truncated\?\)/);
    const bad = JSON.parse(text);
    bad.projections.hidden_output.weights[2] = [1, 2];
    const b = loadWeights(bad);
    expect(b.diagnostics.map((d) => `${d.path}: ${d.message}`)).toEqual(['projections.hidden_output.weights[2]: shape says 4 columns (post), found 2']);
    bad.projections.hidden_output.weights[2] = [1, 2, 'x', 4];
    expect(loadWeights(bad).diagnostics[0].path).toBe('projections.hidden_output.weights[2][2]');
    expect(loadWeights({ ...bad, format: 'snn-network' }).diagnostics[0].path).toBe('format');
  });

  it('reads with the bounded reader: a duplicate projection and an out-of-range weight are refused with their place', () => {
    const text = JSON.stringify(make().file);
    const dup = parseWeightsText(text.replace('"projections":{', '"projections":{"hidden_output":{},'));
    expect(dup.diagnostics.map((d) => d.path)).toEqual(['projections.hidden_output']);
    expect(dup.diagnostics[0].message).toMatch(/^the key "hidden_output" appears twice in one object, at line 1, column \d+ and at line 1, column \d+/);
    const big = parseWeightsText(text.replace(/"weights":\[\[[-0-9.e]+/, '"weights":[[1e999'));
    expect(big.diagnostics[0].path).toMatch(/^projections\.\w+\.weights\[0\]\[0\]$/);
    expect(big.diagnostics[0].message).toMatch(/^number 1e999 at line 1, column \d+ is out of range/);
  });

  it('rejects weights of another network, naming the projection and the shape it needs', () => {
    const { file } = make();
    const other = testPlan({ ...net, hidden: [9] });
    const ds = checkWeightsFor(file, weightsExpectation(other, SHA));
    expect(ds.filter((d) => d.severity === 'error').map((d) => d.path)).toEqual(['projections.inputs_hidden.shape', 'projections.hidden_output.shape']);
    expect(ds[0].message).toContain('needs [20, 9]');
    expect(checkWeightsFor(file, weightsExpectation(other, 'b'.repeat(64))).some((d) => d.path === 'network.source_sha256' && d.severity === 'warning')).toBe(true);
  });
});
