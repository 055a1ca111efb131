// Wires src/shared/ipc.ts to Electron: one ipcMain.handle per invoke channel, each checking the sender frame
// and the payload (services/ipc-validation.ts) before its handler runs; typed, checked events to the page.
import { ipcMain, type BrowserWindow } from 'electron';
import { EVENTS, INVOKE_CHANNELS, type EventChannel, type EventPayload } from '../shared/ipc';
import type { Handlers } from './services/handlers';
import { handleInvoke, type SenderFrame } from './services/ipc-validation';

export function registerIpcHandlers(handlers: Handlers, isTrusted: (frame: SenderFrame | null) => boolean): void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      const f = event.senderFrame;
      const frame: SenderFrame | null = f ? { url: f.url, parent: f.parent } : null;
      return handleInvoke(channel, frame, payload, isTrusted, handlers[channel] as never);
    });
  }
}

export function sendEvent<C extends EventChannel>(win: BrowserWindow | null, channel: C, payload: EventPayload<C>): void {
  if (!win || win.isDestroyed()) return;
  const checked = EVENTS[channel].safeParse(payload);
  if (!checked.success) throw new Error(`${channel}: refusing to send a payload that breaks the IPC contract`);
  win.webContents.send(channel, checked.data);
}
