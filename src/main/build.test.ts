// Builds src/main/index.ts as electron-vite does (Vite, CommonJS, dependencies external) and runs the bundle
// against the fake `electron` module: catches what only the built file can get wrong (ESM-only syntax such as
// import.meta in code main pulls in from src/shared, a dependency bundled wrongly, a bad __dirname path).
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInThisContext } from 'node:vm';
import { INVOKE_CHANNELS } from '../shared/ipc';
import { createFakeElectron } from './fake-electron';
import { makeTempDir } from './services/test-helpers';
import { bundleCjs } from '../../test/build/bundle-cjs';

const tmp = await makeTempDir();
afterAll(() => tmp.cleanup());

describe('built main process', () => {
  it('is CommonJS that starts against Electron: one secure window on app://snn and every IPC handler', async () => {
    // Dependencies stay external, as electron-vite leaves them: the packaged app ships node_modules.
    const code = await bundleCjs(fileURLToPath(new URL('./index.ts', import.meta.url)), (id) => id === 'electron' || id === 'zod' || id.startsWith('node:'));
    expect(code).not.toMatch(/\bimport\.meta\b/);
    const fake = createFakeElectron(join(tmp.dir, 'userData'));
    const realRequire = createRequire(import.meta.url);
    const required = new Set<string>();
    const req = (id: string) => {
      required.add(id);
      return id === 'electron' ? fake.electron : realRequire(id);
    };
    const argv = process.argv;
    process.argv = ['/opt/snn-studio/snn-studio'];
    try {
      const fn = runInThisContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`) as
        (e: object, r: typeof req, m: { exports: object }, f: string, d: string) => void;
      const module = { exports: {} };
      fn(module.exports, req, module, '/app/out/main/index.cjs', '/app/out/main');
      await vi.waitFor(() => expect(fake.rec.windows).toHaveLength(1));
    } finally {
      process.argv = argv;
    }
    expect([...required].filter((id) => !id.startsWith('node:')).sort()).toEqual(['electron', 'zod']);
    const w = fake.rec.windows[0];
    expect(w.options.webPreferences).toMatchObject({ preload: '/app/out/preload/index.cjs', sandbox: true, contextIsolation: true, nodeIntegration: false });
    await vi.waitFor(() => expect(w.webContents.url).toBe('app://snn/index.html'));
    expect([...fake.rec.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });
});
