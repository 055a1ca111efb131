// JSON Schema files derived from the zod schemas (the single source): resources/schemas/*.schema.json.
// `npm run schemas` writes them; a unit test fails when the checked-in files differ from what this makes.
import { z } from 'zod';
import { NetworkDocument } from '../src/shared/graph/schema';
import { WeightsFile } from '../src/shared/io/weights';
import { LessonSchema } from '../src/shared/lessons/schema';

export interface SchemaFile {
  file: string;
  schema: Record<string, unknown>;
}

const ID_BASE = 'https://snn-studio.dev/schemas/';

function toSchema(type: z.ZodType, file: string, title: string, description: string): SchemaFile {
  // io 'input': what a file on disk may contain (fields with defaults are optional).
  const schema = z.toJSONSchema(type, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { file, schema: { $id: ID_BASE + file, title, description, ...schema } };
}

export function allSchemas(): SchemaFile[] {
  const out = [
    toSchema(NetworkDocument, 'network.schema.json', 'SNN Studio network document (*.snn.json)',
      'Shape of a network document. Meaning (ids, references, parameter ranges from the model catalogue) is checked by `snn validate`.'),
  ];
  out.push(toSchema(WeightsFile, 'weights.schema.json', 'SNN Studio weights file (snn-weights)',
    'Trained weights exported by `snn train --out` or the app, read by `snn evaluate --weights`.'));
  out.push(toSchema(LessonSchema, 'lesson.schema.json', 'SNN Studio lesson (resources/lessons/*.lesson.json)',
    'A lesson of Learn mode (docs/lessons.md). Names of examples, nodes, parameters and projections are checked by loadLesson (src/shared/lessons/load.ts) and the lessons unit test.'));
  return out;
}

export function serialise(s: SchemaFile): string {
  return JSON.stringify(s.schema, null, 2) + '\n';
}
