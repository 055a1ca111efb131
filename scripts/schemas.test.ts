// The JSON Schema files in resources/schemas are generated from the zod schemas and must stay in sync;
// every example document must satisfy them (checked with an independent validator, Ajv).
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { allSchemas, serialise } from './schemas';

const root = join(__dirname, '..');

describe('JSON Schemas in resources/schemas', () => {
  it('are up to date with the zod schemas (run `npm run schemas` after changing them)', () => {
    const files = allSchemas();
    expect(files.map((f) => f.file)).toEqual(['network.schema.json', 'weights.schema.json', 'lesson.schema.json']);
    for (const s of files) {
      const onDisk = readFileSync(join(root, 'resources/schemas', s.file), 'utf8');
      expect(onDisk, s.file).toBe(serialise(s));
    }
  });

  it('accept every example document and reject broken ones', () => {
    const schema = JSON.parse(readFileSync(join(root, 'resources/schemas/network.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const check = ajv.compile(schema);
    const dir = join(root, 'resources/examples');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.snn.json'))) {
      const doc = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      expect(check(doc) ? [] : check.errors, f).toEqual([]);
    }
    const bad = JSON.parse(readFileSync(join(dir, 'lif-neuron.snn.json'), 'utf8'));
    bad.nodes[0].size = -3;
    bad.projections[0].connectivity = { rule: 'sometimes' };
    expect(check(bad)).toBe(false);
    const paths = (check.errors ?? []).map((e) => e.instancePath);
    expect(paths).toContain('/nodes/0/size');
  });

  it('the lesson schema accepts every lesson in resources/lessons and rejects a broken one', () => {
    const schema = JSON.parse(readFileSync(join(root, 'resources/schemas/lesson.schema.json'), 'utf8'));
    const check = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    const dir = join(root, 'resources/lessons');
    const files = readdirSync(dir).filter((n) => n.endsWith('.lesson.json'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) {
      const lesson = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      expect(check(lesson) ? [] : check.errors, f).toEqual([]);
    }
    const bad = JSON.parse(readFileSync(join(dir, files[0]), 'utf8'));
    bad.steps[0].checks = [{ kind: 'spike_count', population: 'neuron', min: -1 }];
    expect(check(bad)).toBe(false);
    expect((check.errors ?? []).map((e) => e.instancePath)).toContain('/steps/0/checks/0/min');
  });
});
