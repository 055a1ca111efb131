// Test-only helpers: a fresh temp folder per test and a valid network document (from resources/examples).
import { mkdtemp, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadDocument } from '../../shared/graph';
import { buildWeightsFile, initWeights, planTraining } from '../../shared/training';

export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await promisify(mkdtemp)(join(tmpdir(), 'snn-main-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export const VALID_DOC = readFileSync(new URL('../../../resources/examples/lif-neuron.snn.json', import.meta.url), 'utf8');

export function docWith(patch: Record<string, unknown>): string {
  return JSON.stringify({ ...(JSON.parse(VALID_DOC) as object), ...patch }, null, 2);
}

/** A real weights file: the Training tab's export of the sound-localisation example (random initial weights). */
export function weightsText(): string {
  const raw: unknown = JSON.parse(readFileSync(new URL('../../../resources/examples/sound-localisation.snn.json', import.meta.url), 'utf8'));
  const loaded = loadDocument(raw);
  if (!loaded.ok) throw new Error('example');
  const plan = planTraining(loaded.doc, {});
  if (!plan.ok) throw new Error('plan');
  return JSON.stringify(buildWeightsFile(loaded.doc, plan.plan, initWeights(plan.plan, 5), 'a'.repeat(64)), null, 2);
}
