// Loads the real main/index.ts against a fake `electron` module (./fake-electron.ts): the thin Electron
// layer is checked for what it asks of Electron. Electron's own behaviour is not (its binary is not here).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { INVOKE_CHANNELS } from '../shared/ipc';
import { createFakeElectron } from './fake-electron';
import { makeTempDir, VALID_DOC, weightsText } from './services/test-helpers';

const tmp = await makeTempDir();
const fake = createFakeElectron(join(tmp.dir, 'userData'));
vi.mock('electron', () => fake.electron);

const docPath = join(tmp.dir, 'cli.snn.json');
const argvBefore = process.argv;

beforeAll(async () => {
  await writeFile(docPath, VALID_DOC);
  process.argv = ['/opt/snn-studio/snn-studio', docPath];
  await import('./index');
  await vi.waitFor(() => expect(fake.rec.windows).toHaveLength(1));
  await vi.waitFor(() => expect(fake.rec.windows[0].webContents.url).not.toBe(''));
});
afterAll(async () => {
  process.argv = argvBefore;
  await tmp.cleanup();
});

const win = () => fake.rec.windows[0];
const fromApp = { senderFrame: { url: 'app://snn/index.html', parent: null } };
const invoke = (channel: string, payload: unknown, event: unknown = fromApp) => fake.rec.handlers.get(channel)!(event, payload);

describe('main process wiring (fake Electron)', () => {
  it('sandboxes every renderer, registers app:// as a secure scheme and takes the single-instance lock', () => {
    expect(fake.rec.sandboxEnabled).toBe(true);
    expect(fake.rec.schemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(fake.rec.lockData).toMatchObject({ argv: [expect.any(String), docPath] });
    expect(fake.rec.protocolHandlers.has('app')).toBe(true);
  });

  it('opens one window with secure web preferences and the sandboxed CJS preload, loading app://snn', () => {
    expect(fake.rec.windows).toHaveLength(1);
    expect(win().options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(win().options.webPreferences.preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(win().webContents.url).toBe('app://snn/index.html');
  });

  it('blocks navigation, new windows and webviews', () => {
    const wc = win().webContents;
    for (const ev of ['will-navigate', 'will-frame-navigate', 'will-attach-webview']) {
      let prevented = false;
      wc.emit(ev, { preventDefault: () => { prevented = true; }, url: 'https://evil.example', isMainFrame: true });
      expect(prevented, ev).toBe(true);
    }
    expect(wc.openHandler!({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
  });

  it('denies permissions and device access, and cancels remote requests', () => {
    const granted: boolean[] = [];
    fake.rec.permissionRequest!({}, 'media', (g: boolean) => granted.push(g));
    expect(granted).toEqual([false]);
    expect(fake.rec.permissionCheck!({}, 'geolocation')).toBe(false);
    expect(fake.rec.devicePermission!({})).toBe(false);
    const answers: unknown[] = [];
    fake.rec.beforeRequest!({ url: 'https://cdn.example/x.js' }, (r: unknown) => answers.push(r));
    fake.rec.beforeRequest!({ url: 'app://snn/assets/x.js' }, (r: unknown) => answers.push(r));
    expect(answers).toEqual([{ cancel: true }, { cancel: false }]);
    const headers: any[] = [];
    fake.rec.headersReceived!({ resourceType: 'mainFrame', responseHeaders: {} }, (r: unknown) => headers.push(r));
    expect(headers[0].responseHeaders['Content-Security-Policy'][0]).toMatch(/^default-src 'self'/);
  });

  it('handles every invoke channel, refusing senders that are not the app', async () => {
    expect([...fake.rec.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(await invoke('snn:app:getVersion', {})).toMatchObject({ ok: true, version: '0.1.0' });
    expect(await invoke('snn:app:getVersion', {}, { senderFrame: { url: 'https://evil.example/', parent: null } })).toMatchObject({ ok: false, code: 'untrusted-sender' });
    expect(await invoke('snn:window:setTitle', { title: 7 })).toMatchObject({ ok: false, code: 'invalid-payload' });
  });

  it('hands the command-line file to the page and lets it open that (granted) file', async () => {
    expect(await invoke('snn:files:takeOpenRequests', {})).toEqual({ ok: true, paths: [docPath] });
    expect(await invoke('snn:files:openRecent', { path: docPath })).toMatchObject({ ok: true, readOnly: false, text: VALID_DOC });
    expect(await invoke('snn:files:openRecent', { path: '/etc/passwd' })).toMatchObject({ ok: false, code: 'not-allowed' });
  });

  it('exports and imports weights through native dialogs with the weights filter, granting nothing', async () => {
    expect(fake.rec.handlers.has('snn:files:exportWeights')).toBe(true);
    expect(fake.rec.handlers.has('snn:files:importWeights')).toBe(true);
    // A network document is not a weights file: refused before any dialog.
    const calls = fake.rec.dialogCalls.length;
    expect(await invoke('snn:files:exportWeights', { text: VALID_DOC })).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(await invoke('snn:files:exportWeights', { text: '{}', path: '/etc/passwd' })).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(fake.rec.dialogCalls.length).toBe(calls);
    // Cancelled dialogs (the fake answers nothing): 'cancelled', and the filter/suggested name are the weights ones.
    expect(await invoke('snn:files:importWeights', {})).toMatchObject({ ok: false, code: 'cancelled' });
    expect(fake.rec.dialogCalls.at(-1)).toEqual({ kind: 'open', options: { properties: ['openFile'], filters: [{ name: 'SNN weights', extensions: ['json'] }] } });
    const weightsPath = join(tmp.dir, 'w.json');
    await writeFile(weightsPath, '{"format": "snn-weights"}');
    fake.rec.dialogAnswers.push(weightsPath);
    expect(await invoke('snn:files:importWeights', {})).toEqual({ ok: true, path: weightsPath, name: 'w.json', text: '{"format": "snn-weights"}' });
    expect(await invoke('snn:files:openRecent', { path: weightsPath })).toMatchObject({ ok: false, code: 'not-allowed' });
    const text = weightsText();
    expect(await invoke('snn:files:exportWeights', { text, suggestedName: 'sub/dir/net.weights.json' })).toMatchObject({ ok: false, code: 'cancelled' });
    expect(fake.rec.dialogCalls.at(-1)).toEqual({ kind: 'save', options: { defaultPath: join(tmp.dir, 'userData', 'net.weights.json'), filters: [{ name: 'SNN weights', extensions: ['json'] }] } });
    const out = join(tmp.dir, 'out.weights.json');
    fake.rec.dialogAnswers.push(out);
    expect(await invoke('snn:files:exportWeights', { text })).toMatchObject({ ok: true, path: out, name: 'out.weights.json' });
    expect(await readFile(out, 'utf8')).toBe(text);
    expect(await invoke('snn:files:save', { text: VALID_DOC, path: out })).toMatchObject({ ok: false, code: 'not-allowed' });
  });

  it('builds the menu and sends menu commands to the page', () => {
    const menu = fake.rec.menus.at(-1) as Array<{ label?: string; submenu?: Array<{ id?: string; click?: () => void }> }>;
    const run = menu.find((m) => m.label === '&Run')!.submenu!.find((i) => i.id === 'run.run')!;
    run.click!();
    expect(win().webContents.sent.at(-1)).toEqual(['snn:event:menuCommand', { command: 'run.run' }]);
  });

  it('forwards a second instance’s file to the page once it listens', async () => {
    const other = join(tmp.dir, 'second.snn.json');
    await writeFile(other, VALID_DOC);
    fake.app.emit('second-instance', {}, [], '/', { argv: ['/opt/snn-studio/snn-studio', 'second.snn.json'], cwd: tmp.dir, defaultApp: false });
    expect(win().webContents.sent.at(-1)).toEqual(['snn:event:openFile', { path: other }]);
    expect(await invoke('snn:files:openRecent', { path: other })).toMatchObject({ ok: true });
  });

  it('ignores an OS-given path over 4096 characters (second instance, open-file) instead of throwing', () => {
    const sent = win().webContents.sent.length;
    const long = join(tmp.dir, `${'x'.repeat(5000)}.snn.json`);
    expect(() => fake.app.emit('second-instance', {}, [], '/', { argv: ['/opt/snn-studio/snn-studio', long], cwd: tmp.dir, defaultApp: false })).not.toThrow();
    expect(() => fake.app.emit('open-file', { preventDefault: () => undefined }, long)).not.toThrow();
    expect(win().webContents.sent.length).toBe(sent);
  });

  it('answers askUnsaved from the native message box (Cancel there → "cancel")', async () => {
    expect(await invoke('snn:app:askUnsaved', { name: 'net.snn.json' })).toEqual({ ok: true, choice: 'cancel' });
  });

  it('reloads a crashed page once (so it can offer the recovery file), and stops after a second crash', () => {
    const wc = win().webContents;
    let reloads = 0;
    const onLoad = () => { reloads++; };
    wc.on('did-start-loading', onLoad);
    const errors: string[] = [];
    fake.electron.dialog.showErrorBox = (title: string) => { errors.push(title); };
    wc.emit('render-process-gone', {}, { reason: 'clean-exit' });
    expect(reloads).toBe(0);
    wc.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(reloads).toBe(1);
    wc.emit('render-process-gone', {}, { reason: 'oom' });
    expect(reloads).toBe(1);
    expect(errors).toEqual(['SNN Studio stopped']);
    wc.off('did-start-loading', onLoad);
  });

  it('with unsaved work and no page handler, asks with a native box (Cancel keeps the window)', async () => {
    await invoke('snn:window:setDocumentEdited', { edited: true });
    const sentBefore = win().webContents.sent.length;
    let asked = 0;
    fake.electron.dialog.showMessageBox = async () => { asked++; return { response: 2 }; };
    win().close();
    await vi.waitFor(() => expect(asked).toBe(1));
    expect(win().destroyed).toBe(false);
    expect(win().webContents.sent.length).toBe(sentBefore); // no closeRequested: nobody would answer it
  });

  it('sends closeRequested when the page handles close requests, and keeps the window when it says no', async () => {
    await invoke('snn:window:setDocumentEdited', { edited: true });
    await invoke('snn:app:setCloseHandler', { active: true });
    win().close();
    expect(win().webContents.sent.at(-1)).toEqual(['snn:event:closeRequested', {}]);
    await invoke('snn:app:confirmClose', { allow: false });
    expect(win().destroyed).toBe(false);
  });

  it("closes on Don't Save in the native box and drops the recovery file", async () => {
    await invoke('snn:recovery:write', { text: VALID_DOC, path: null, name: 'Untitled' });
    await invoke('snn:app:setCloseHandler', { active: false });
    fake.electron.dialog.showMessageBox = async () => ({ response: 1 });
    win().close();
    await vi.waitFor(() => expect(win().destroyed).toBe(true));
    expect(fake.rec.quitCalls).toBeGreaterThan(0);
    expect(await invoke('snn:recovery:check', {})).toEqual({ ok: true, recovery: null });
  });

  it('keeps the recovery file when a window without unsaved work closes (a reloaded page may not have offered it yet)', async () => {
    fake.app.emit('activate');
    await vi.waitFor(() => expect(fake.rec.windows).toHaveLength(2));
    await invoke('snn:recovery:write', { text: VALID_DOC, path: null, name: 'Untitled' });
    fake.rec.windows[1].close();
    expect(fake.rec.windows[1].destroyed).toBe(true);
    expect(await invoke('snn:recovery:check', {})).toMatchObject({ ok: true, recovery: { name: 'Untitled' } });
  });
});
