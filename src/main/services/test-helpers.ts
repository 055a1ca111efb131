// Test-only helpers: a fresh temp folder per test and a valid network document (from resources/examples).
import { mkdtemp, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await promisify(mkdtemp)(join(tmpdir(), 'snn-main-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export const VALID_DOC = readFileSync(new URL('../../../resources/examples/lif-neuron.snn.json', import.meta.url), 'utf8');

export function docWith(patch: Record<string, unknown>): string {
  return JSON.stringify({ ...(JSON.parse(VALID_DOC) as object), ...patch }, null, 2);
}
