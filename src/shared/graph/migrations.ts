// Migration chain for network documents. Each entry lifts a document from `from` to `from + 1`; loading
// runs every step from the file's version to DOCUMENT_VERSION. Add a step (and its test) whenever the schema
// changes shape; never edit an old step. Version 1 is the first published format, so the chain is empty
// today, but the mechanism (and its tests with a synthetic chain) is in place.
import { DOCUMENT_VERSION } from './schema';
import { copyJson } from './json-reader';
import { formatPath } from './diagnostics';

export interface Migration {
  from: number;
  describe: string;
  up: (doc: Record<string, unknown>) => Record<string, unknown>;
}

export const MIGRATIONS: readonly Migration[] = [];

export type MigrationResult =
  | { ok: true; doc: Record<string, unknown>; applied: string[] }
  | { ok: false; message: string };

/** Lift a parsed document to `target` through `chain`. Does not mutate its input. */
export function migrate(
  input: Record<string, unknown>,
  chain: readonly Migration[] = MIGRATIONS,
  target: number = DOCUMENT_VERSION,
): MigrationResult {
  const version = input.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, message: `version must be a whole number ≥ 1, got ${JSON.stringify(version)}` };
  }
  if (version > target) {
    return {
      ok: false,
      message: `the file is version ${version}, made by a newer SNN Studio; this one reads up to version ${target}. ` +
        'Update the app to open it (the file was not changed).',
    };
  }
  // Steps may change what they are given, so they get a copy; with no step to run the input is returned as
  // is. The copy is iterative and depth-limited (./json-reader.ts), so no document can overflow the stack here.
  let doc = input;
  const applied: string[] = [];
  for (let v = version; v < target; v++) {
    const step = chain.find((m) => m.from === v);
    if (!step) return { ok: false, message: `no migration from version ${v} to ${v + 1}` };
    if (v === version) {
      const c = copyJson(input);
      if (!c.ok) return { ok: false, message: `${formatPath(c.path)}: ${c.message}` };
      doc = c.value as Record<string, unknown>;
    }
    doc = { ...step.up(doc), version: v + 1 };
    applied.push(`${v}→${v + 1}: ${step.describe}`);
  }
  return { ok: true, doc, applied };
}
