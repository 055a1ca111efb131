// Applies a document edit to a running engine when the structural hash allows it (../compiler/structure.ts):
// a 'params' verdict becomes Engine.setParam calls; a 'recompile' verdict is left to the caller.
import type { EditVerdict } from '../compiler';
import type { Engine } from './types';

/** Returns false when the edit needs a recompile (nothing applied), true when the engine now runs the edited document. */
export function applyEdit(engine: Engine, verdict: EditVerdict): boolean {
  if (verdict.kind === 'recompile') return false;
  for (const p of verdict.params) engine.setParam(p.population, p.param, p.value);
  return true;
}
