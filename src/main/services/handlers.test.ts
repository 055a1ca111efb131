import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { INVOKE_CHANNELS } from '../../shared/ipc';
import { createHandlers, createServices, type ShellOps } from './handlers';
import { handleInvoke } from './ipc-validation';
import { makeTempDir, VALID_DOC, weightsText } from './test-helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

function setup(openAnswer: string | null = null) {
  const calls: string[] = [];
  const shell: ShellOps = {
    appVersion: () => '0.1.0',
    electronVersion: () => '45.5.0',
    setTitle: (t) => calls.push(`title:${t}`),
    setDocumentEdited: (e) => calls.push(`edited:${e}`),
    askUnsaved: async () => 'discard',
    confirmClose: (a) => calls.push(`close:${a}`),
    setCloseHandler: (a) => calls.push(`handler:${a}`),
  };
  const services = createServices(join(dir, 'userData'), { showOpen: async () => openAnswer, showSave: async () => null });
  return { handlers: createHandlers(services, shell), calls, shell };
}

/** What ipcMain.handle does in main/ipc.ts, minus Electron: every call goes through handleInvoke. */
const call = (h: ReturnType<typeof setup>['handlers'], ch: (typeof INVOKE_CHANNELS)[number], payload: unknown) =>
  handleInvoke(ch, { url: 'app://snn/index.html', parent: null }, payload, () => true, h[ch] as never);

describe('createHandlers', () => {
  it('has exactly one handler per invoke channel of the contract', () => {
    expect(Object.keys(setup().handlers).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('runs the recovery lifecycle: write, found by the next session, cleared', async () => {
    const a = setup();
    expect(await call(a.handlers, 'snn:recovery:check', {})).toEqual({ ok: true, recovery: null });
    expect(await call(a.handlers, 'snn:recovery:write', { text: VALID_DOC, path: null, name: 'Untitled' })).toEqual({ ok: true });
    const b = setup(); // the app started again after a crash
    expect(await call(b.handlers, 'snn:recovery:check', {})).toMatchObject({ ok: true, recovery: { text: VALID_DOC, path: null, name: 'Untitled' } });
    expect(await call(b.handlers, 'snn:recovery:clear', {})).toEqual({ ok: true });
    expect(await call(b.handlers, 'snn:recovery:check', {})).toEqual({ ok: true, recovery: null });
  });

  it('records the file path of recovered work only when the user chose that file, and grants it back', async () => {
    const p = join(dir, 'net.snn.json');
    await writeFile(p, VALID_DOC);
    const a = setup(p);
    await call(a.handlers, 'snn:recovery:write', { text: VALID_DOC, path: '/etc/passwd', name: 'x' });
    expect(await call(a.handlers, 'snn:recovery:check', {})).toMatchObject({ recovery: { path: null } });
    await call(a.handlers, 'snn:files:open', {});
    await call(a.handlers, 'snn:recovery:write', { text: VALID_DOC, path: p, name: 'net.snn.json' });
    const b = setup();
    expect(await call(b.handlers, 'snn:recovery:check', {})).toMatchObject({ recovery: { path: p } });
    expect(await call(b.handlers, 'snn:files:save', { text: VALID_DOC, path: p })).toMatchObject({ ok: true, path: p });
  });

  it('exports and imports weights through the validated handlers; bad payloads never reach a dialog', async () => {
    const asked: string[] = [];
    const out = join(dir, 'w.json');
    const services = createServices(join(dir, 'userData'), {
      showOpen: async (kind) => { asked.push(`open:${kind}`); return out; },
      showSave: async (name, kind) => { asked.push(`save:${name}:${kind}`); return out; },
    });
    const h = createHandlers(services, setup().shell);
    expect(await call(h, 'snn:files:exportWeights', { text: 42 })).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(await call(h, 'snn:files:exportWeights', { text: weightsText(), path: '/etc/passwd' })).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(await call(h, 'snn:files:exportWeights', { text: VALID_DOC })).toMatchObject({ ok: false, code: 'invalid-payload', error: expect.stringMatching(/^refusing to export: not a weights file/) });
    expect(await call(h, 'snn:files:importWeights', { path: out })).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(asked).toEqual([]);
    const text = weightsText();
    expect(await call(h, 'snn:files:exportWeights', { text, suggestedName: 'n.weights.json' })).toMatchObject({ ok: true, path: out, name: 'w.json' });
    expect(await call(h, 'snn:files:importWeights', {})).toEqual({ ok: true, path: out, name: 'w.json', text });
    expect(asked).toEqual(['save:n.weights.json:weights', 'open:weights']);
  });

  it('passes window and app calls to the shell', async () => {
    const { handlers, calls } = setup();
    await call(handlers, 'snn:window:setTitle', { title: 'net — SNN Studio' });
    await call(handlers, 'snn:window:setDocumentEdited', { edited: true });
    await call(handlers, 'snn:app:confirmClose', { allow: false });
    await call(handlers, 'snn:app:setCloseHandler', { active: true });
    expect(calls).toEqual(['title:net — SNN Studio', 'edited:true', 'close:false', 'handler:true']);
    expect(await call(handlers, 'snn:app:askUnsaved', { name: 'net' })).toEqual({ ok: true, choice: 'discard' });
    expect(await call(handlers, 'snn:app:getVersion', {})).toMatchObject({ ok: true, version: '0.1.0', electron: '45.5.0' });
  });

  it('stores settings and reports an oversized one as a failure, not an exception', async () => {
    const { handlers } = setup();
    expect(await call(handlers, 'snn:settings:set', { key: 'view.minimap', value: true })).toEqual({ ok: true });
    expect(await call(handlers, 'snn:settings:get', { key: 'view.minimap' })).toEqual({ ok: true, value: true });
    // Far over: refused by the payload cap before parsing; just over: by the store's own check.
    expect(await call(handlers, 'snn:settings:set', { key: 'big', value: 'x'.repeat(70_000) })).toMatchObject({ ok: false, code: 'invalid-payload', error: expect.stringMatching(/larger than \d+ characters/) });
    expect(await call(handlers, 'snn:settings:set', { key: 'big', value: 'x'.repeat(65_600) })).toMatchObject({ ok: false, code: 'internal', error: expect.stringMatching(/the limit is/) });
  });
});
