// `npm run schemas`: write resources/schemas/*.schema.json from the zod schemas.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { allSchemas, serialise } from './schemas';

const dir = join(import.meta.dirname, '../resources/schemas');
mkdirSync(dir, { recursive: true });
for (const s of allSchemas()) {
  writeFileSync(join(dir, s.file), serialise(s));
  console.log(`wrote resources/schemas/${s.file}`);
}
