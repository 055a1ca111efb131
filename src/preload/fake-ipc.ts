// Test helper: a stand-in for ipcRenderer that records invokes and listeners and can emit events.
import type { PreloadIpc } from './api';

type Listener = (event: unknown, payload: unknown) => void;

/** A stand-in for ipcRenderer that records what the preload does with it. */
export function fakeIpc(answer: (channel: string, payload: unknown) => unknown = () => ({ ok: true })) {
  const invoked: Array<{ channel: string; payload: unknown }> = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: PreloadIpc = {
    invoke: async (channel, payload) => { invoked.push({ channel, payload }); return answer(channel, payload); },
    on: (channel, l) => { if (!listeners.has(channel)) listeners.set(channel, new Set()); listeners.get(channel)!.add(l); },
    removeListener: (channel, l) => { listeners.get(channel)?.delete(l); },
  };
  const emit = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((l) => l({ sender: ipc }, payload));
  return { ipc, invoked, listeners, emit };
}
