import { describe, expect, it } from 'vitest';
import { API_KEY, EVENT_CHANNELS, INVOKE_CHANNELS, type SnnApi } from '../shared/ipc';
import { createSnnApi, exposeSnnApi } from './api';
import { fakeIpc } from './fake-ipc';

/** Calls every function of the API once; returns the unsubscribe functions of the event subscriptions. */
async function callEverything(api: SnnApi): Promise<Array<() => void>> {
  await api.files.open();
  await api.files.openRecent('/a.snn.json');
  await api.files.save('{}', '/a.snn.json');
  await api.files.saveAs('{}', 'a.snn.json');
  await api.files.listRecent();
  await api.files.clearRecent();
  await api.files.takeOpenRequests();
  await api.files.exportWeights('{}', 'w.json');
  await api.files.importWeights();
  await api.files.exportNir('{}', 'n.nir');
  await api.files.importNir();
  await api.recovery.write('{}', null, 'Untitled');
  await api.recovery.check();
  await api.recovery.clear();
  await api.settings.get('a');
  await api.settings.set('a', 1);
  await api.app.getVersion();
  await api.app.askUnsaved('net');
  await api.app.confirmClose(true);
  await api.window.setTitle('t');
  await api.window.setDocumentEdited(true);
  return [api.files.onOpenFile(() => {}), api.app.onCloseRequested(() => {}), api.app.onMenuCommand(() => {})];
}

describe('preload API', () => {
  it('uses exactly the invoke and event channels of src/shared/ipc.ts', async () => {
    const f = fakeIpc();
    await callEverything(createSnnApi(f.ipc));
    expect([...new Set(f.invoked.map((c) => c.channel))].sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect([...f.listeners.keys()].sort()).toEqual([...EVENT_CHANNELS].sort());
  });

  it('has one function per message and nothing else (no ipcRenderer, no generic send)', () => {
    const f = fakeIpc();
    const api = createSnnApi(f.ipc) as unknown as Record<string, Record<string, unknown>>;
    const fns = Object.entries(api).flatMap(([group, o]) => Object.entries(o).map(([name, v]) => {
      expect(typeof v, `${group}.${name}`).toBe('function');
      expect(v).not.toBe(f.ipc.invoke);
      expect(v).not.toBe(f.ipc.on);
      return `${group}.${name}`;
    }));
    // snn:app:setCloseHandler has no function: the preload sends it from onCloseRequested.
    expect(fns.length).toBe(INVOKE_CHANNELS.length - 1 + EVENT_CHANNELS.length);
    expect(Object.values(api)).not.toContain(f.ipc);
  });

  it('sends the documented payloads', async () => {
    const f = fakeIpc();
    const api = createSnnApi(f.ipc);
    await api.files.save('{"x":1}');
    await api.files.save('{"x":1}', '/p.snn.json');
    await api.recovery.write('t', '/p.snn.json', 'p');
    await api.files.exportWeights('{"w":1}');
    await api.files.exportWeights('{"w":1}', 'net.weights.json');
    await api.files.importWeights();
    expect(f.invoked).toEqual([
      { channel: 'snn:files:save', payload: { text: '{"x":1}' } },
      { channel: 'snn:files:save', payload: { text: '{"x":1}', path: '/p.snn.json' } },
      { channel: 'snn:recovery:write', payload: { text: 't', path: '/p.snn.json', name: 'p' } },
      { channel: 'snn:files:exportWeights', payload: { text: '{"w":1}' } },
      { channel: 'snn:files:exportWeights', payload: { text: '{"w":1}', suggestedName: 'net.weights.json' } },
      { channel: 'snn:files:importWeights', payload: {} },
    ]);
  });

  it('turns a rejected invoke into a failure result instead of throwing', async () => {
    const f = fakeIpc(() => { throw new Error("No handler registered for 'snn:files:open'"); });
    expect(await createSnnApi(f.ipc).files.open()).toEqual({ ok: false, code: 'internal', error: "snn:files:open: No handler registered for 'snn:files:open'" });
  });

  it('gives listeners the payload only (never the event and its sender), drops bad payloads, and unsubscribes', () => {
    const f = fakeIpc();
    const api = createSnnApi(f.ipc);
    const got: unknown[] = [];
    const off = api.app.onMenuCommand((...args) => got.push(args));
    f.emit('snn:event:menuCommand', { command: 'run.run' });
    f.emit('snn:event:menuCommand', { command: 'rm -rf' });
    expect(got).toEqual([['run.run']]);
    off();
    f.emit('snn:event:menuCommand', { command: 'run.stop' });
    expect(got).toHaveLength(1);
    expect(f.listeners.get('snn:event:menuCommand')?.size).toBe(0);
  });

  it('tells main when the page starts and stops handling close requests', async () => {
    const f = fakeIpc();
    const api = createSnnApi(f.ipc);
    const offA = api.app.onCloseRequested(() => {});
    const offB = api.app.onCloseRequested(() => {});
    offA();
    offA(); // a second call does nothing
    offB();
    await Promise.resolve();
    expect(f.invoked).toEqual([
      { channel: 'snn:app:setCloseHandler', payload: { active: true } },
      { channel: 'snn:app:setCloseHandler', payload: { active: false } },
    ]);
  });

  it('exposes the API once, under window.snn', () => {
    const exposed: Array<[string, unknown]> = [];
    exposeSnnApi({ exposeInMainWorld: (k, v) => exposed.push([k, v]) }, fakeIpc().ipc);
    expect(exposed.map(([k]) => k)).toEqual([API_KEY]);
    expect(API_KEY).toBe('snn');
  });
});
