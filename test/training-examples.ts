// Training plans of the example documents (resources/examples) for the trainer's tests, with overrides.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDocument } from '../src/shared/graph/validate';
import { planTraining, type TrainConfig, type TrainingPlan } from '../src/shared/training';

export function examplePlan(file: string, over: Partial<TrainConfig> = {}): TrainingPlan {
  const r = loadDocument(JSON.parse(readFileSync(join(__dirname, '../resources/examples', file), 'utf8')));
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  const p = planTraining(r.doc, over);
  if (!p.ok) throw new Error(JSON.stringify(p.diagnostics));
  return p.plan;
}
