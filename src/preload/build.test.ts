// Builds src/preload/index.ts the way electron-vite does (Vite, CommonJS, deps bundled) and runs the bundle
// as a sandboxed preload would: `require` can load only 'electron' (here a fake). Proves the preload is CJS,
// needs no node_modules at run time, and exposes exactly the contract.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../shared/ipc';
import { fakeIpc } from './fake-ipc';
import { bundleCjs } from '../../test/build/bundle-cjs';

describe('built preload', () => {
  it('is CommonJS, requires only electron, and exposes exactly window.snn', async () => {
    // Everything but electron bundled in: a sandboxed preload has no node_modules.
    const code = await bundleCjs(fileURLToPath(new URL('./index.ts', import.meta.url)), ['electron'], { noExternal: true, target: 'node' });
    expect(code).not.toMatch(/^\s*import\s/m);
    const required: string[] = [];
    const f = fakeIpc();
    const exposed: Record<string, unknown> = {};
    const fakeElectron = { contextBridge: { exposeInMainWorld: (k: string, v: unknown) => { exposed[k] = v; } }, ipcRenderer: f.ipc };
    const sandboxRequire = (id: string) => {
      required.push(id);
      if (id === 'electron') return fakeElectron;
      throw new Error(`a sandboxed preload cannot require ${id}`);
    };
    const module = { exports: {} };
    runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console });
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['snn']);
    const api = exposed.snn as Record<string, Record<string, () => unknown>>;
    const names = Object.entries(api).flatMap(([g, o]) => Object.keys(o).map((n) => `${g}.${n}`));
    expect(names).toHaveLength(INVOKE_CHANNELS.length - 1 + EVENT_CHANNELS.length); // setCloseHandler: implicit
    await api.app.getVersion();
    expect(f.invoked).toEqual([{ channel: 'snn:app:getVersion', payload: {} }]);
  });
});
