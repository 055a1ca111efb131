// Every conformance case on the CPU reference engine: each measurement within its strict bound.
import { describe, expect, it } from 'vitest';
import { createCpuEngine } from '../../src/shared/engine/cpu-engine';
import { CONFORMANCE_CASES, describeChecked, runCase } from '.';

describe('conformance cases on the CPU engine (strict bounds)', () => {
  it.each(CONFORMANCE_CASES.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
    const checked = await runCase(c, (ir) => createCpuEngine(ir));
    expect(checked.length).toBeGreaterThan(0);
    for (const m of checked) expect(m.passStrict, describeChecked(m)).toBe(true);
  });
});
