// Renderer settings (`editor.snapToGrid` → JSON value) persisted in one JSON file; each value is capped so a
// runaway renderer cannot grow the file without bound.
import { z } from 'zod';
import { MAX_SETTING_CHARS } from '../../shared/ipc';
import { readJsonFile, writeJsonFile } from './json-store';

const Store = z.record(z.string(), z.json());
export const MAX_SETTINGS = 256;

export class SettingsStore {
  private cache: Record<string, z.infer<typeof Store>[string]> | null = null;

  constructor(private readonly filePath: string) {}

  private async all(): Promise<Record<string, z.infer<typeof Store>[string]>> {
    this.cache ??= await readJsonFile(this.filePath, Store, {});
    return this.cache;
  }

  async get(key: string): Promise<z.infer<typeof Store>[string] | null> {
    const all = await this.all();
    return Object.hasOwn(all, key) ? all[key] : null;
  }

  /** Throws (with the reason) when the value is too large or there are too many keys. */
  async set(key: string, value: z.infer<typeof Store>[string]): Promise<void> {
    const size = JSON.stringify(value).length;
    if (size > MAX_SETTING_CHARS) throw new Error(`setting ${key} is ${size} characters; the limit is ${MAX_SETTING_CHARS}`);
    const all = { ...(await this.all()) };
    if (!Object.hasOwn(all, key) && Object.keys(all).length >= MAX_SETTINGS) throw new Error(`too many settings (limit ${MAX_SETTINGS})`);
    all[key] = value;
    await writeJsonFile(this.filePath, all);
    this.cache = all;
  }
}
