import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { MAX_SETTING_CHARS } from '../../shared/ipc';
import { SettingsStore } from './settings';
import { makeTempDir } from './test-helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

describe('SettingsStore', () => {
  it('returns null for unset keys, including names of Object.prototype members', async () => {
    const s = new SettingsStore(join(dir, 's.json'));
    expect(await s.get('editor.snapToGrid')).toBeNull();
    expect(await s.get('constructor')).toBeNull();
  });

  it('persists JSON values across instances', async () => {
    await new SettingsStore(join(dir, 's.json')).set('editor.grid', { size: 16, snap: true });
    expect(await new SettingsStore(join(dir, 's.json')).get('editor.grid')).toEqual({ size: 16, snap: true });
  });

  it('refuses a value above the size limit and keeps the old one', async () => {
    const s = new SettingsStore(join(dir, 's.json'));
    await s.set('big', 'small');
    await expect(s.set('big', 'x'.repeat(MAX_SETTING_CHARS))).rejects.toThrow(/the limit is/);
    expect(await new SettingsStore(join(dir, 's.json')).get('big')).toBe('small');
  });
});
