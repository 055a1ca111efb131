// Runs a conformance case on any Engine (CPU or GPU) and returns its measurements with pass/fail per bound.
import { runAndCollect } from '../../src/shared/engine/collect';
import type { Engine } from '../../src/shared/engine/types';
import { compileNetwork } from '../../src/shared/compiler';
import type { NetworkIR } from '../../src/shared/compiler/ir';
import type { ConformanceCase, Measurement } from './types';

export interface Checked extends Measurement { error: number; passStrict: boolean; passTolerant: boolean }

export async function runCase(c: ConformanceCase, makeEngine: (ir: NetworkIR) => Promise<Engine> | Engine): Promise<Checked[]> {
  const ir = compileNetwork(c.doc(), { record: c.record });
  const engine = await makeEngine(ir);
  try {
    const run = await runAndCollect(engine, c.steps);
    const ms = await c.measure({ run, engine, ir });
    return ms.map((m) => {
      const error = Math.abs(m.got - m.expected);
      return { ...m, error, passStrict: error <= m.strict, passTolerant: error <= m.tolerant };
    });
  } finally {
    engine.dispose();
  }
}

export const describeChecked = (c: Checked) =>
  `${c.what}: got ${c.got}, expected ${c.expected} (error ${c.error.toExponential(2)}, strict ${c.strict}, tolerant ${c.tolerant})`;
