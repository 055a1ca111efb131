// main/index.ts unpackaged, with electron-vite's dev server (ELECTRON_RENDERER_URL), against the fake
// Electron (./fake-electron.ts): the dev server's pages get a CSP header too (security.ts devCsp).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { createFakeElectron } from './fake-electron';
import { devCsp } from './security';
import { makeTempDir } from './services/test-helpers';

const tmp = await makeTempDir();
const fake = createFakeElectron(join(tmp.dir, 'userData'));
fake.app.isPackaged = false;
vi.mock('electron', () => fake.electron);

const DEV = 'http://localhost:5173/';
const envBefore = process.env.ELECTRON_RENDERER_URL;
const argvBefore = process.argv;

beforeAll(async () => {
  process.env.ELECTRON_RENDERER_URL = DEV;
  process.argv = ['/x/electron', '.'];
  await import('./index');
  await vi.waitFor(() => expect(fake.rec.windows[0]?.webContents.url).toBe(DEV));
});
afterAll(async () => {
  if (envBefore === undefined) delete process.env.ELECTRON_RENDERER_URL; else process.env.ELECTRON_RENDERER_URL = envBefore;
  process.argv = argvBefore;
  await tmp.cleanup();
});

describe('main in development (fake Electron)', () => {
  it('sends the development CSP header with the dev server\'s documents, not with other responses', () => {
    const answers: any[] = [];
    fake.rec.headersReceived!({ url: `${DEV}index.html`, resourceType: 'mainFrame', responseHeaders: { 'Content-Type': ['text/html'] } }, (r: unknown) => answers.push(r));
    fake.rec.headersReceived!({ url: `${DEV}src/main.tsx`, resourceType: 'script', responseHeaders: {} }, (r: unknown) => answers.push(r));
    expect(answers[0].responseHeaders).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [devCsp(DEV)] });
    expect(answers[1]).toEqual({});
  });
});
