// Small JSON state files of the app (recent list, settings, window state): read with a schema and a fallback
// (a damaged or missing file never stops the app), written atomically without a backup.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { MAX_DOCUMENT_CHARS } from '../../shared/ipc';
import { writeFileAtomic } from './atomic-write';
import { readTextCapped } from './capped-read';

/** The largest state file read: the recovery file holds one document and a little more. */
const MAX_STATE_BYTES = MAX_DOCUMENT_CHARS + 64 * 1024;

export async function readJsonFile<S extends z.ZodType>(path: string, schema: S, fallback: z.output<S>): Promise<z.output<S>> {
  let text: string;
  try {
    text = await readTextCapped(path, MAX_STATE_BYTES);
  } catch {
    return fallback;
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/** `pretty`: indented for people (small state files); the recovery file, up to a whole document, is not. */
export async function writeJsonFile(path: string, value: unknown, pretty = true): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, `${pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value)}\n`);
}
