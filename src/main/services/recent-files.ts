// The recent-files list: persisted JSON, newest first, one entry per file, capped, and pruned of files that
// no longer exist whenever it is listed.
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { z } from 'zod';
import { RecentFile } from '../../shared/ipc';
import { readJsonFile, writeJsonFile } from './json-store';

const Store = z.object({ files: z.array(RecentFile) });

export class RecentFiles {
  constructor(
    private readonly storePath: string,
    private readonly max = 10,
    private readonly caseInsensitive = process.platform === 'win32' || process.platform === 'darwin',
    private readonly now: () => Date = () => new Date(),
  ) {}

  private same(a: string, b: string): boolean {
    return this.caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b;
  }

  private async load(): Promise<RecentFile[]> {
    return (await readJsonFile(this.storePath, Store, { files: [] })).files;
  }

  private async store(files: RecentFile[]): Promise<void> {
    await writeJsonFile(this.storePath, { files });
  }

  /** Existing files only, newest first; the store is rewritten when entries were pruned. */
  async list(): Promise<RecentFile[]> {
    const files = await this.load();
    const alive: RecentFile[] = [];
    for (const f of files) {
      const st = await stat(f.path).catch(() => null);
      if (st?.isFile()) alive.push(f);
    }
    if (alive.length !== files.length) await this.store(alive);
    return alive;
  }

  /** Put `path` first (moving it if it was there already) and drop the oldest past the cap. */
  async add(path: string): Promise<RecentFile[]> {
    const abs = resolve(path);
    const files = (await this.load()).filter((f) => !this.same(f.path, abs));
    files.unshift({ path: abs, name: basename(abs), openedAt: this.now().toISOString() });
    const capped = files.slice(0, this.max);
    await this.store(capped);
    return capped;
  }

  async remove(path: string): Promise<void> {
    const abs = resolve(path);
    await this.store((await this.load()).filter((f) => !this.same(f.path, abs)));
  }

  async clear(): Promise<void> {
    await this.store([]);
  }
}
