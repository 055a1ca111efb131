// JSON Schema files derived from the zod schemas (the single source): resources/schemas/*.schema.json.
// `npm run schemas` writes them; a unit test fails when the checked-in files differ from what this makes.
import { z } from 'zod';
import { NetworkDocument } from '../src/shared/graph/schema';

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

export async function allSchemas(): Promise<SchemaFile[]> {
  const out = [
    toSchema(NetworkDocument, 'network.schema.json', 'SNN Studio network document (*.snn.json)',
      'Shape of a network document. Meaning (ids, references, parameter ranges from the model catalogue) is checked by `snn validate`.'),
  ];
  // The weights file schema comes from src/shared/io/weights.ts once it exists (training issue).
  try {
    const weightsModule = '../src/shared/io/weights';
    const mod = (await import(/* @vite-ignore */ weightsModule)) as { WeightsFile?: z.ZodType };
    if (mod.WeightsFile) {
      out.push(toSchema(mod.WeightsFile, 'weights.schema.json', 'SNN Studio weights file', 'Trained weights exported by `snn train --out` or the app.'));
    }
  } catch {
    // not written yet
  }
  return out;
}

export function serialise(s: SchemaFile): string {
  return JSON.stringify(s.schema, null, 2) + '\n';
}
